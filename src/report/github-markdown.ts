// The plan as GitHub-flavoured markdown, shared by the pull-request comment (github-comment.ts), the job summary
// (github-summary.ts) and the drift issue (github-drift.ts): sections of items, packed into a size limit so that a
// plan of any size gives a valid comment (GitHub refuses bodies past 65,536 characters) and never an error.
import type { Change, MembershipChange, Plan } from '../core/plan.js';
import { renderFieldDiff, type TextFilter } from './field-diff.js';
import { costLine, isDestructive } from './plan-human.js';
import { isSecretPath } from './secrets.js';
import { styleFor } from './style.js';

const PLAIN = styleFor({ isTTY: false }, { env: {} });

/** A run of lines kept or dropped as a whole; `address`: the change it shows (what the "not shown" note counts). */
export interface Item {
  lines: string[];
  address?: string;
}

/** One part of the document: `head` and `tail` (a heading, an opening and closing fence) frame the `items`. */
export interface Section {
  head: string[];
  items: Item[];
  tail: string[];
}

/** How output is measured against its limit: characters for comments and issues, UTF-8 bytes for job summaries. */
export type Measure = (text: string) => number;
export const characters: Measure = (text) => text.length;
export const utf8Bytes: Measure = (text) => Buffer.byteLength(text, 'utf8');

/**
 * `head`, then as many sections and items as fit in `limit`, in order (the first item that does not fit ends the
 * list), then `foot`. When changes were left out, `omitted(n)` (n: changes shown nowhere) comes before `foot`, and
 * room for both is kept in reserve. A section is shown only with at least one item, and always whole: a fence or
 * `<details>` it opens is closed.
 */
export function packSections(parts: { head: string[]; sections: Section[]; foot: string[]; omitted: (changes: number) => string[] }, limit: number, measure: Measure = characters): string {
  const size = (lines: readonly string[]) => (lines.length === 0 ? 0 : measure(lines.join('\n')) + 1);
  const whole = (s: Section) => (s.items.length ? [...s.head, ...s.items.flatMap((i) => i.lines), ...s.tail] : []);
  const full = [...parts.head, ...parts.sections.flatMap(whole), ...parts.foot];
  if (size(full) <= limit) return `${full.join('\n')}\n`;

  const reserve = size(parts.omitted(Number.MAX_SAFE_INTEGER)) + size(parts.foot);
  const out = [...parts.head];
  const shown = new Set<string>();
  let used = size(parts.head);
  // Sizes add up line by line (each line and its newline), so the running total is kept, not re-measured.
  for (const section of parts.sections) {
    const frame = size(section.head) + size(section.tail);
    const kept: string[] = [];
    let keptSize = 0;
    let count = 0;
    for (const item of section.items) {
      const itemSize = size(item.lines);
      if (used + frame + keptSize + itemSize + reserve > limit) break;
      kept.push(...item.lines);
      keptSize += itemSize;
      count++;
      if (item.address) shown.add(item.address);
    }
    if (count === 0) break;
    out.push(...section.head, ...kept, ...section.tail);
    used += frame + keptSize;
    if (count < section.items.length) break;
  }
  const all = new Set(parts.sections.flatMap((s) => s.items.flatMap((i) => (i.address ? [i.address] : []))));
  const omitted = [...all].filter((a) => !shown.has(a)).length;
  if (omitted > 0) out.push(...parts.omitted(omitted));
  out.push(...parts.foot);
  return `${out.join('\n')}\n`;
}

/** A fenced block that the body cannot close early: the fence is longer than any backtick run inside. */
export function fenced(lang: string, lines: readonly string[]): { open: string; close: string } {
  const longest = lines.reduce((most, line) => Math.max(most, longestBacktickRun(line)), 0);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return { open: `${fence}${lang}`, close: fence };
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const longest = longestBacktickRun(text);
  const ticks = '`'.repeat(longest + 1);
  return longest > 0 || text.startsWith('`') ? `${ticks} ${text} ${ticks}` : `${ticks}${text}${ticks}`;
}

function longestBacktickRun(text: string): number {
  return (text.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0);
}

/**
 * Text in markdown: punctuation that would format, link or open HTML is escaped and newlines become spaces; a span in
 * backticks (gtctl's hints name commands that way) stays code.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\`*_[\]<>|~#!]/g, '\\$&')))
    .join('');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** `Plan: 1 to create, ...; 5 unchanged.`, in bold; with public jobs, what their tasks cost on the next line. */
export function summaryMarkdown(plan: Pick<Plan, 'summary' | 'cost' | 'waiting'>): string {
  const s = plan.summary;
  const line = `**Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.stop} to stop, ${s.blocked} blocked; ${s['no-op']} unchanged.**`;
  const waiting = (plan.waiting ?? []).map((w) => `- ${code(w.address)} waits for ${code(w.waitsFor)} to complete (it is ${escapeMarkdown(w.status)})`);
  return [line, ...(plan.cost ? [escapeMarkdown(costLine(plan.cost))] : []), ...(waiting.length ? [waiting.join('\n')] : [])].join('\n\n');
}

export interface PlanSectionOptions {
  /** Applied to every piece of user text (e-mail masking, or nothing). */
  text: TextFilter;
}

/**
 * The plan's changes as sections, in the order a reviewer needs them: what removes access or deletes (highlighted),
 * what is blocked and why, the other changes, then memberships grouped by team (additions, then removals).
 */
export function planSections(plan: Plan, options: PlanSectionOptions): Section[] {
  const { text } = options;
  const destructive = plan.changes.filter((c) => c.action !== 'blocked' && isDestructive(c));
  const blocked = plan.changes.filter((c) => c.action === 'blocked');
  const others = plan.changes.filter((c) => c.kind !== 'membership' && c.action !== 'blocked' && !isDestructive(c));
  // Removals are in both places, like the CLI's plan: loud at the top, and in their team's list.
  const memberships = plan.changes.filter((c): c is MembershipChange => c.kind === 'membership' && c.action !== 'blocked');
  const sections: Section[] = [];

  if (destructive.length > 0) {
    sections.push({
      head: ['> [!CAUTION]', `> **${plural(destructive.length, 'change removes', 'changes remove')} access or ${destructive.length === 1 ? 'deletes' : 'delete'} resources**`, '>'],
      items: destructive.map((c) => ({ lines: [`> - ${destructiveLine(c, text)}`], address: c.address })),
      tail: [''],
    });
  }
  if (blocked.length > 0) {
    sections.push({
      head: ['> [!WARNING]', `> **This plan cannot be applied: ${plural(blocked.length, 'change is', 'changes are')} blocked.** Change the specs or the account as the ${blocked.length === 1 ? 'reason says' : 'reasons say'}, then push again.`, '>'],
      items: blocked.map((c) => ({ lines: [`> - ${code(text(c.address))}: ${escapeMarkdown(c.reasons.map(text).join('; ') || 'blocked')}`], address: c.address })),
      tail: [''],
    });
  }
  if (others.length > 0) {
    const items = others.map((c) => ({ lines: changeLines(c, text), address: c.address }));
    const { open, close } = fenced('diff', items.flatMap((i) => i.lines));
    sections.push({ head: ['#### Changes', '', open], items, tail: [close, ''] });
  }
  for (const team of new Set(memberships.map((c) => c.team))) {
    const ofTeam = memberships.filter((c) => c.team === team);
    const added = ofTeam.filter((c) => c.action === 'create').length;
    const removed = ofTeam.filter((c) => c.action === 'delete').length;
    const items = [...ofTeam.filter((c) => c.action === 'create'), ...ofTeam.filter((c) => c.action !== 'create')].map((c) => ({ lines: [membershipLine(c, text)], address: c.address }));
    const { open, close } = fenced('diff', items.flatMap((i) => i.lines));
    const counts = [added && `${added} added`, removed && `${removed} removed`].filter(Boolean).join(', ');
    sections.push({ head: [`<details open><summary><b>team ${escapeMarkdown(text(team))}</b>: ${counts}</summary>`, '', open], items, tail: [close, '</details>', ''] });
  }
  return sections;
}

/** One destructive change on one line: what happens to what, and why. */
function destructiveLine(change: Change, text: TextFilter): string {
  const why = change.reasons.map(text).join('; ');
  const what = change.action === 'stop' ? 'stop (irreversible)' : change.kind === 'membership' ? 'remove' : change.kind === 'member' && change.action === 'update' ? 'disable' : 'delete';
  return `**${what}** ${code(text(change.address))}${why ? `: ${escapeMarkdown(why)}` : ''}`;
}

/** A change in a diff block: `+`/`-` at column 0 (GitHub colours them), its reasons and field diffs indented. */
function changeLines(change: Change, text: TextFilter): string[] {
  const mark = change.action === 'create' ? '+' : change.action === 'update' ? '~' : change.action === 'delete' ? '-' : '!';
  const head = `${mark} ${text(change.address)}`;
  if (change.kind === 'member' && change.action === 'create') return [`${head}${change.reasons.length ? ` (${change.reasons.map(text).join('; ')})` : ''}`];
  const fields = change.diff.filter((d) => !isSecretPath(d.path)).flatMap((d) => renderFieldDiff(d, PLAIN, '    ', text));
  return [head, ...change.reasons.map((r) => `    # ${text(r)}`), ...fields];
}

function membershipLine(change: MembershipChange, text: TextFilter): string {
  const email = text(change.email);
  switch (change.action) {
    case 'create':
      return `+ ${email}`;
    case 'delete':
      return `- ${email} (removed, signed out)`;
    case 'blocked': // listed with the blocked changes, not here
    case 'update':
    case 'stop':
      return `! ${email} (${change.reasons.map(text).join('; ')})`;
  }
}
