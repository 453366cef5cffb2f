// The plan for people: terraform-like markers, memberships grouped under their team, destructive changes listed
// last and loudly, a summary line. A pull request that adds one person must read at a glance.
import { formatUsd } from '../core/catalog.js';
import type { Action, Change, JobCost, MembershipChange, Plan } from '../core/plan.js';
import { hasChanges } from '../core/plan.js';
import { renderFieldDiff, type TextFilter } from './field-diff.js';
import { maskEmailsIn } from './mask.js';
import { isSecretPath } from './secrets.js';
import type { Style } from './style.js';

export interface RenderPlanOptions {
  /** Mask every e-mail as `a***@example.com` (pull-request comments, shared logs). */
  maskEmails?: boolean;
}

const CHANGE = '  ';
const DETAIL = '      ';
const PERSON = '    ';
/** A structural blank line; runs of them collapse to one (blank lines inside a text diff are content and stay). */
const GAP = '\u0000';

export function renderPlan(plan: Plan, style: Style, options: RenderPlanOptions = {}): string {
  const text: TextFilter = options.maskEmails ? maskEmailsIn : (s) => s;
  const out: string[] = [style.bold(`Plan for project ${text(plan.project)} in account ${plan.account}, region ${plan.region}`), GAP];
  if (!hasChanges(plan)) {
    out.push(`No changes. Live state matches the specs (${plan.summary['no-op']} objects checked).`, ...waitingLines(plan, style));
    return `${collapseGaps(out).join('\n')}\n`;
  }
  for (const change of plan.changes) {
    if (change.kind !== 'membership' && !isDestructive(change)) out.push(...renderChange(change, style, text, false));
  }
  // Who is in which team, after the objects: one group per team (in plan order), additions before removals.
  const memberships = plan.changes.filter((c): c is MembershipChange => c.kind === 'membership');
  for (const team of new Set(memberships.map((c) => c.team))) {
    const ofTeam = memberships.filter((c) => c.team === team);
    const ordered = [...ofTeam.filter((c) => c.action !== 'delete'), ...ofTeam.filter((c) => c.action === 'delete')];
    out.push(GAP, ...membershipGroup(team, ordered, style, text));
  }
  const destructive = plan.changes.filter(isDestructive);
  if (destructive.length > 0) {
    out.push(GAP, style.red(style.bold('These changes remove access or delete resources:')));
    for (const change of destructive) out.push(...renderChange(change, style, text, true));
  }
  out.push(GAP, summaryLine(plan));
  if (plan.cost) out.push(costLine(plan.cost));
  out.push(...waitingLines(plan, style));
  const blocked = plan.changes.filter((c) => c.action === 'blocked').map((c) => text(c.address));
  if (blocked.length > 0) {
    const which = blocked.length === 1 ? `${blocked[0]} is blocked` : `${blocked.slice(0, -1).join(', ')} and ${blocked.at(-1)} are blocked`;
    out.push(`${style.red(style.bold('This plan cannot be applied:'))} ${which}; change the specs or the account as the reason${blocked.length === 1 ? ' says' : 's say'}, then plan again.`);
  }
  return `${collapseGaps(out).join('\n')}\n`;
}

/** `Cost of public jobs: $0.216 (2 jobs), paid to Mechanical Turk workers; AWS's fees come on top.` */
export function costLine(cost: NonNullable<Plan['cost']>): string {
  return `Cost of public jobs: ${usd(cost.totalUsd)} (${cost.jobs} job${cost.jobs === 1 ? '' : 's'}), paid to Mechanical Turk workers; AWS's fees come on top.`;
}

/** Chained jobs whose source has not finished: not changes, and nothing to fix; the apply after it finishes creates them. */
function waitingLines(plan: Pick<Plan, 'waiting'>, style: Style): string[] {
  return (plan.waiting ?? []).map((w) => `${style.dim('…')} ${w.address} waits for ${w.waitsFor} to complete (it is ${w.status}); the first apply after that creates it.`);
}

/** `3 objects x 2 workers x $0.036 = $0.216`: how a public job's cost comes about. */
export function jobCostText(cost: JobCost): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(cost.objects, 'object')} x ${plural(cost.workersPerObject, 'worker')} x ${usd(cost.pricePerTaskUsd)} = ${usd(cost.totalUsd)}`;
}

const usd = (dollars: number) => formatUsd(Math.round(dollars * 1000));

export function summaryLine(plan: Pick<Plan, 'summary'>): string {
  const s = plan.summary;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.stop} to stop, ${s.blocked} blocked; ${s['no-op']} unchanged.`;
}

/**
 * What removes access or deletes: deletions (memberships included), stops, and disabling a user. These are listed
 * in the loud section at the end, whatever their place in the plan order.
 */
export function isDestructive(change: Change): boolean {
  if (change.action === 'delete' || change.action === 'stop') return true;
  return change.kind === 'member' && change.action === 'update' && change.steps.includes('disable');
}

export function marker(action: Exclude<Action, 'no-op'>, style: Style): string {
  switch (action) {
    case 'create':
      return style.green('+');
    case 'update':
      return style.yellow('~');
    case 'delete':
      return style.red('-');
    case 'stop':
      return style.red('■');
    case 'blocked':
      return style.red(style.bold('!'));
  }
}

function renderChange(change: Change, style: Style, text: TextFilter, loud: boolean): string[] {
  const address = text(change.address);
  const reasons = change.reasons.map(text);
  if (change.kind === 'member' && change.action === 'create') {
    const name = change.member?.displayName ? ` ${JSON.stringify(text(change.member.displayName))}` : '';
    return [`${CHANGE}${marker('create', style)} ${address}${name}${reasons.length ? style.dim(` (${reasons.join('; ')})`) : ''}`];
  }
  const head =
    change.action === 'blocked'
      ? style.red(style.bold(`! ${address}`))
      : change.action === 'stop'
        ? style.red(`■ ${address} (irreversible)`)
        : loud
          ? style.red(`${change.action === 'delete' ? '-' : '~'} ${address}`)
          : `${marker(change.action, style)} ${address}`;
  // A blocked change's reason is what the user must act on: not dimmed.
  const why = reasons.map((r) => `${DETAIL}${change.action === 'blocked' ? `# ${r}` : style.dim(`# ${r}`)}`);
  if (change.kind === 'job' && change.cost) why.push(`${DETAIL}${style.yellow(`# cost: ${jobCostText(change.cost)}`)}`);
  const fields = change.diff.filter((d) => !isSecretPath(d.path)).flatMap((d) => renderFieldDiff(d, style, DETAIL, text));
  return [`${CHANGE}${head}`, ...why, ...fields];
}

function membershipGroup(team: string, changes: readonly MembershipChange[], style: Style, text: TextFilter): string[] {
  const lines = [`${CHANGE}${style.bold(`team ${text(team)}: members`)}`];
  for (const c of changes) {
    const email = text(c.email);
    switch (c.action) {
      case 'create':
        lines.push(`${PERSON}${style.green('+')} ${email}`);
        break;
      case 'delete':
        lines.push(`${PERSON}${style.red(`- ${email}`)}${style.dim(' (removed, signed out)')}`);
        break;
      case 'blocked':
        lines.push(`${PERSON}${style.red(style.bold(`! ${email}`))} (${c.reasons.map(text).join('; ')})`);
        break;
      case 'update':
      case 'stop':
        // Not produced for memberships today; shown plainly rather than dropped if that ever changes.
        lines.push(`${PERSON}${marker(c.action, style)} ${email}${style.dim(` (${c.reasons.map(text).join('; ')})`)}`);
        break;
    }
  }
  return lines;
}

function collapseGaps(lines: readonly string[]): string[] {
  return lines.filter((line, i) => line !== GAP || lines[i - 1] !== GAP).map((line) => (line === GAP ? '' : line.trimEnd()));
}
