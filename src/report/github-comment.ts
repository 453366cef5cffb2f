// The pull-request comment: one per spec directory, found again by its hidden marker and updated on every push. It
// shows the counts, what removes access or deletes (first, highlighted), what is blocked and why, the other changes,
// and memberships by team; worker e-mails are masked unless the workflow says otherwise. It always fits GitHub's
// limit: what does not fit is counted and pointed to the job summary, which has the whole plan.
import type { Diagnostic } from '../core/diagnostics.js';
import type { CodedError } from '../core/errors.js';
import { hasChanges, type Plan } from '../core/plan.js';
import { errorCode } from './diagnostics.js';
import type { TextFilter } from './field-diff.js';
import { code, escapeMarkdown, packSections, planSections, plural, summaryMarkdown } from './github-markdown.js';
import { maskEmailsIn } from './mask.js';

/** GitHub refuses comment and issue bodies longer than this many characters. */
export const GITHUB_BODY_LIMIT = 65_536;

export interface CommentContext {
  /** The spec directory, as the workflow names it (also what tells two plans of one repository apart). */
  directory: string;
  /** Mask worker e-mails (`a***@example.com`); default true. */
  maskEmails?: boolean;
  /** The commit planned, shown in the footer. */
  commit?: string;
  /** The workflow run, whose job summary has the whole plan. */
  runUrl?: string;
  /** Test hook: a smaller limit than GitHub's. */
  limit?: number;
}

/** The hidden marker a comment (or issue) is found by: `<!-- gtctl:plan:specs/prod -->`. */
export function marker(purpose: 'plan' | 'drift', directory: string): string {
  return `<!-- gtctl:${purpose}:${markerDirectory(directory)} -->`;
}

/** The directory as a marker holds it: `./specs/` and `specs` are one directory; nothing can end the HTML comment. */
export function markerDirectory(directory: string): string {
  const parts = directory.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  return (parts.join('/') || '.').replace(/[^A-Za-z0-9._/@+=,~-]/g, (c) => encodeURIComponent(c)).replace(/--/g, '-%2D');
}

export function planComment(plan: Plan, context: CommentContext): string {
  const text: TextFilter = context.maskEmails === false ? (s) => s : maskEmailsIn;
  const head = [
    marker('plan', context.directory),
    `### gtctl plan for ${code(context.directory)}`,
    '',
    hasChanges(plan) ? summaryMarkdown(plan) : `**No changes.** Live state matches the specs (${plural(plan.summary['no-op'], 'object')} checked).`,
    '',
    `Project ${code(text(plan.project))} · account ${code(plan.account)} · region ${code(plan.region)}`,
    '',
  ];
  return packSections({ head, sections: planSections(plan, { text }), foot: footer(context), omitted: (n) => notShown(n, context) }, context.limit ?? GITHUB_BODY_LIMIT);
}

/** A plan that could not be made (invalid specs, AWS refused): the comment says so, so no stale plan stays up. */
export function failureComment(error: CodedError & { diagnostics?: readonly Diagnostic[] }, context: CommentContext): string {
  const text: TextFilter = context.maskEmails === false ? (s) => s : maskEmailsIn;
  const errors = (error.diagnostics ?? []).filter((d) => d.severity === 'error');
  const head = [
    marker('plan', context.directory),
    `### gtctl plan for ${code(context.directory)} failed`,
    '',
    `> [!CAUTION]`,
    `> **${escapeMarkdown(errorCode(error))}**: ${escapeMarkdown(text(error.message))}`,
    ...(error.hint ? ['>', `> ${escapeMarkdown(text(error.hint))}`] : []),
    '',
  ];
  const sections = errors.length
    ? [
        {
          head: ['#### Problems in the specs', ''],
          items: errors.map((d) => ({ lines: [`- ${code(`${d.file}:${d.line}:${d.column}`)} ${code(d.code)}: ${escapeMarkdown(text(d.message))}${d.hint ? `<br>${escapeMarkdown(text(d.hint))}` : ''}`], address: `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}` })),
          tail: [''],
        },
      ]
    : [];
  return packSections({ head, sections, foot: footer(context), omitted: (n) => [`_${plural(n, 'more problem')} not shown; \`gtctl validate\` lists them all._`, ''] }, context.limit ?? GITHUB_BODY_LIMIT);
}

function footer(context: CommentContext): string[] {
  const where = context.runUrl ? `the [job summary](${context.runUrl}) has the whole plan` : 'the job summary has the whole plan';
  const commit = context.commit ? ` for ${code(context.commit.slice(0, 12))}` : '';
  const masked = context.maskEmails === false ? '' : ' · e-mails masked';
  return [`<sub>gtctl${commit} · updated on every push · ${where}${masked}</sub>`];
}

function notShown(changes: number, context: CommentContext): string[] {
  const where = context.runUrl ? `the [job summary](${context.runUrl})` : 'the job summary of this run';
  return ['> [!NOTE]', `> ${plural(changes, 'more change is', 'more changes are')} not shown: a comment is limited to ${GITHUB_BODY_LIMIT.toLocaleString('en-US')} characters. The whole plan is in ${where}.`, ''];
}
