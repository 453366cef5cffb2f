// Drift in words: a plan of the default branch against the account lists what differs from the specs; these say it
// the way an on-call person reads it ("2 users added to team X outside gtctl", "bucket Y: cors drifted"), for the
// failed job's message, the job summary and the one drift issue per spec directory.
import type { BucketChange, Change, MembershipChange, Plan, WorkforceChange } from '../core/plan.js';
import type { TextFilter } from './field-diff.js';
import { GITHUB_BODY_LIMIT, marker } from './github-comment.js';
import { code, escapeMarkdown, packSections, planSections, plural } from './github-markdown.js';
import { maskEmailsIn } from './mask.js';

/**
 * One sentence per drifted thing, memberships counted per team. A plan cannot tell "changed outside gtctl" from
 * "merged but never applied"; the words say what the account shows.
 */
export function describeDrift(plan: Plan, text: TextFilter = (s) => s): string[] {
  const out: string[] = [];
  const memberships = plan.changes.filter((c): c is MembershipChange => c.kind === 'membership' && c.action !== 'blocked');
  const byTeam = new Map<string, { added: number; removed: number }>();
  for (const c of memberships) {
    const t = byTeam.get(c.team) ?? { added: 0, removed: 0 };
    // A membership the plan deletes is one the account has and the specs do not: someone added it.
    if (c.action === 'delete') t.added++;
    else if (c.action === 'create') t.removed++;
    byTeam.set(c.team, t);
  }
  const missingUsers = plan.changes.filter((c) => c.kind === 'member' && c.action === 'create').length;
  for (const change of plan.changes) {
    if (change.kind === 'membership' && change.action !== 'blocked') continue;
    if (change.kind === 'member' && change.action === 'create') continue;
    const sentence = describeChange(change, text);
    if (sentence) out.push(sentence);
  }
  if (missingUsers > 0) out.push(`${plural(missingUsers, 'user')} in the specs ${missingUsers === 1 ? 'is' : 'are'} missing from the user pool`);
  for (const [team, { added, removed }] of byTeam) {
    if (added > 0) out.push(`${plural(added, 'user')} added to team ${text(team)} outside gtctl`);
    if (removed > 0) out.push(`${plural(removed, 'user')} removed from team ${text(team)} outside gtctl`);
  }
  return out;
}

function describeChange(change: Change, text: TextFilter): string {
  const name = text(change.address.slice(change.address.indexOf('/') + 1));
  const why = change.reasons.map(text).join('; ');
  const kind = change.kind === 'job' ? 'labeling job' : change.kind === 'member' ? 'user' : change.kind;
  switch (change.action) {
    case 'blocked':
      return `${kind} ${name} is blocked: ${why}`;
    case 'stop':
      return `labeling job ${name} is running; the specs say stopped`;
    case 'create':
      return change.kind === 'job' ? `labeling job ${name} does not exist yet` : `${kind} ${name} is missing`;
    case 'delete':
      return change.kind === 'member' ? `user ${name} is managed by gtctl but in no spec` : `${kind} ${name} is managed by gtctl but in no spec`;
    case 'update':
      if (change.kind === 'member') return `user ${name}: ${memberDrift(change.steps, why)}`;
      return `${kind} ${name}: ${fieldsOf(change).join(', ') || why} drifted`;
  }
}

function memberDrift(steps: readonly string[], why: string): string {
  const words = steps.map((step) => {
    switch (step) {
      case 'enable':
        return 'disabled outside gtctl';
      case 'disable':
        return 'enabled, the specs say disabled';
      case 'set-display-name':
        return 'display name drifted';
      case 'resend-invitation':
        return 'invitation expired';
      case 'adopt':
        return 'exists but gtctl does not manage it yet';
      default:
        return why || step;
    }
  });
  return [...new Set(words)].join(', ');
}

/** The settings that differ: the change's parts where it has them, else the top-level fields of its diff. */
function fieldsOf(change: Change): string[] {
  const parts = change.kind === 'bucket' || change.kind === 'workforce' ? (change as BucketChange | WorkforceChange).parts : [];
  if (parts.length > 0) return [...parts];
  return [...new Set(change.diff.map((d) => d.path.split('.')[0]!))];
}

export interface DriftContext {
  directory: string;
  maskEmails?: boolean;
  runUrl?: string;
  commit?: string;
  /** Test hook: a smaller limit than GitHub's. */
  limit?: number;
}

/** The drift issue: found again by its marker; its title and body are rewritten on every scheduled run. */
export function driftIssue(plan: Plan, context: DriftContext): { title: string; body: string } {
  const text: TextFilter = context.maskEmails === false ? (s) => s : maskEmailsIn;
  const sentences = describeDrift(plan, text);
  const head = [
    marker('drift', context.directory),
    `### Live state differs from the specs in ${code(context.directory)}`,
    '',
    `Project ${code(text(plan.project))} · account ${code(plan.account)} · region ${code(plan.region)}${context.commit ? ` · specs at ${code(context.commit.slice(0, 12))}` : ''}`,
    '',
    ...sentences.map((s) => `- ${escapeMarkdown(s)}`),
    '',
    'Apply the specs to undo the drift (re-run the apply workflow), or change the specs to match. This issue is updated by every drift check and closed once live state matches.',
    '',
    '<details><summary>The plan that would undo it</summary>',
    '',
  ];
  const foot = ['</details>', '', `<sub>gtctl drift check${context.runUrl ? ` · [run](${context.runUrl})` : ''}${context.maskEmails === false ? '' : ' · e-mails masked'}</sub>`];
  const body = packSections({ head, sections: planSections(plan, { text }), foot, omitted: (n) => [`_${plural(n, 'more change')} not shown; see the job summary${context.runUrl ? ` of the [run](${context.runUrl})` : ''}._`, ''] }, context.limit ?? GITHUB_BODY_LIMIT);
  return { title: `gtctl: live state drifted from the specs in ${context.directory}`, body };
}

/** The issue's last word once live state matches the specs again. */
export function driftResolvedBody(context: DriftContext): string {
  return [marker('drift', context.directory), `### No drift in ${code(context.directory)}`, '', `Live state matches the specs again${context.commit ? ` (specs at ${code(context.commit.slice(0, 12))})` : ''}.`, '', `<sub>gtctl drift check${context.runUrl ? ` · [run](${context.runUrl})` : ''}</sub>`, ''].join('\n');
}
