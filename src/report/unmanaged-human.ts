// `plan --show-unmanaged` for people: what the account holds that no spec declares, grouped by kind, each with its
// owner (another gtctl project) or "unmanaged", so that a team sees what is left outside git.
import type { Unmanaged } from '../core/unmanaged.js';
import type { TextFilter } from './field-diff.js';
import type { Style } from './style.js';

const KIND = '  ';
const ITEM = '    ';

export function renderUnmanaged(unmanaged: Unmanaged, style: Style, text: TextFilter = (s) => s): string {
  const owner = (o: string | undefined) => style.dim(o === undefined ? '(unmanaged)' : `(gtctl project ${text(o)})`);
  const groups: Array<[string, string[]]> = [
    ['teams', unmanaged.teams.map((t) => `${text(t.name)} ${owner(t.owner)}`)],
    ['users', unmanaged.users.map((u) => `${text(u.email)} ${style.dim(`(${u.status}${u.managedBy !== undefined ? `, managed by gtctl project ${text(u.managedBy)}` : ', unmanaged'})`)}`)],
    ['jobs', unmanaged.jobs.map((j) => `${text(j.name)} ${style.dim(`(${j.status}${j.owner !== undefined ? `, gtctl project ${text(j.owner)}` : ', unmanaged'})`)}`)],
    ['buckets', unmanaged.buckets.map((b) => `${text(b.name)} ${owner(b.owner)}`)],
  ];
  const out = ['', style.bold('Live objects no spec declares:')];
  if (groups.every(([, items]) => items.length === 0)) out.push(`${KIND}none`);
  for (const [kind, items] of groups) {
    if (items.length === 0) continue;
    out.push(`${KIND}${style.bold(kind)} (${items.length})`, ...items.map((i) => `${ITEM}${i}`));
  }
  return `${out.join('\n')}\n`;
}
