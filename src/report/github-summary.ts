// The job summary (GITHUB_STEP_SUMMARY): the whole plan, and for apply what was done, what failed and why. Only those
// who can see the workflow run read it, so e-mails are shown unless the caller masks them. GitHub drops a summary
// larger than 1 MiB, so it is bounded too (by then the plan JSON output has everything).
import type { Diagnostic } from '../core/diagnostics.js';
import type { CodedError } from '../core/errors.js';
import { hasChanges, type Plan } from '../core/plan.js';
import { errorCode } from './diagnostics.js';
import type { TextFilter } from './field-diff.js';
import { code, escapeMarkdown, packSections, planSections, plural, summaryMarkdown, utf8Bytes, type Section } from './github-markdown.js';
import { maskEmailsIn } from './mask.js';
import type { ApplyResult } from '../app/execute-plan.js';

/** GitHub's limit for one step's summary is 1 MiB; a little is kept for whatever else the workflow appends. */
export const SUMMARY_LIMIT = 1_000_000;

export interface SummaryContext {
  directory: string;
  /** Where the plan JSON was written (the `plan-json` output). */
  planJsonPath?: string;
  maskEmails?: boolean;
  /** Test hook. */
  limit?: number;
}

/** What apply did, for the summary: the result of every change (app/execute-plan.ts). */
export type ApplyOutcome = Pick<ApplyResult, 'counts' | 'results'> & { interrupted?: boolean };

/** The whole plan under `title`; `intro`: markdown lines between the title and the plan (drift in words). */
export function planSummary(plan: Plan, context: SummaryContext, title = `gtctl plan for ${code(context.directory)}`, intro: readonly string[] = []): string {
  const text = filter(context);
  return render(plan, context, [`## ${title}`, '', ...(intro.length ? [...intro, ''] : []), ...planHead(plan, text)], []);
}

/** After apply: the outcome first (failures with their error and hint), then the plan that was applied. */
export function applySummary(plan: Plan, outcome: ApplyOutcome, context: SummaryContext): string {
  const text = filter(context);
  const { done, failed, skipped, deferred } = outcome.counts;
  const ok = failed + skipped === 0;
  const failures = outcome.results.flatMap((r) => (r.status === 'failed' && r.error ? [{ address: r.address, error: r.error }] : []));
  const skips = outcome.results.flatMap((r) => (r.status === 'skipped' && r.becauseOf !== undefined ? [{ address: r.address, becauseOf: r.becauseOf }] : []));
  const notStarted = outcome.results.filter((r) => r.status === 'skipped' && r.error?.code === 'interrupted').length;
  const head = [
    `## gtctl apply for ${code(context.directory)}`,
    '',
    outcome.interrupted
      ? `**Apply cancelled: ${done} done, ${failed} failed, ${skipped - notStarted} skipped, ${notStarted} not started.** The next apply finishes the rest.`
      : ok
        ? `**Apply complete: ${plural(done, 'change')} applied${deferred > 0 ? `, ${deferred} deferred to the next apply (e-mail limit)` : ''}.**`
        : `**Apply finished with errors: ${done} done, ${failed} failed, ${skipped} skipped.** Re-running converges once the cause is fixed.`,
    '',
  ];
  const problems: Section[] = [];
  if (failures.length > 0) {
    problems.push({
      head: ['> [!CAUTION]', `> **${plural(failures.length, 'change')} failed**`, '>'],
      items: failures.map((f) => ({
        lines: [`> - ${code(text(f.address))}: ${code(errorCode(f.error))} ${escapeMarkdown(text(f.error.message))}${f.error.hint ? `<br>hint: ${escapeMarkdown(text(f.error.hint))}` : ''}`],
        address: `failed:${f.address}`,
      })),
      tail: [''],
    });
  }
  if (skips.length > 0) {
    problems.push({
      head: ['#### Skipped (a change they depend on failed)', ''],
      items: skips.map((s) => ({ lines: [`- ${code(text(s.address))}, after ${code(text(s.becauseOf))}`], address: `skipped:${s.address}` })),
      tail: [''],
    });
  }
  return render(plan, context, [...head, '#### The plan applied', '', ...planHead(plan, text)], problems);
}

/** A command that stopped before or while planning: the error, its hint, and the problems in the specs. */
export function failureSummary(command: string, error: CodedError & { diagnostics?: readonly Diagnostic[] }, context: SummaryContext): string {
  const text = filter(context);
  const lines = [`## gtctl ${command} for ${code(context.directory)} failed`, '', `**${escapeMarkdown(errorCode(error))}**: ${escapeMarkdown(text(error.message))}`, ''];
  if (error.hint) lines.push(`hint: ${escapeMarkdown(text(error.hint))}`, '');
  const errors = (error.diagnostics ?? []).filter((d) => d.severity === 'error');
  const sections: Section[] = errors.length
    ? [{ head: ['| Where | Code | Problem |', '| --- | --- | --- |'], items: errors.map((d, i) => ({ lines: [`| ${code(`${d.file}:${d.line}:${d.column}`)} | ${code(d.code)} | ${cell(text(d.message))}${d.hint ? `<br>${cell(text(d.hint))}` : ''} |`], address: String(i) })), tail: [''] }]
    : [];
  return packSections({ head: lines, sections, foot: [], omitted: (n) => [`_${plural(n, 'more problem')} not shown._`, ''] }, context.limit ?? SUMMARY_LIMIT, utf8Bytes);
}

function planHead(plan: Plan, text: TextFilter): string[] {
  const s = plan.summary;
  return [
    hasChanges(plan) ? summaryMarkdown(plan) : `**No changes.** Live state matches the specs (${plural(s['no-op'], 'object')} checked).`,
    '',
    `Project ${code(text(plan.project))} · account ${code(plan.account)} · region ${code(plan.region)}`,
    '',
    '| create | update | delete | stop | blocked | unchanged |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${s.create} | ${s.update} | ${s.delete} | ${s.stop} | ${s.blocked} | ${s['no-op']} |`,
    '',
  ];
}

function render(plan: Plan, context: SummaryContext, head: string[], before: Section[]): string {
  const text = filter(context);
  const foot = context.planJsonPath ? [`<sub>The plan as JSON: ${code(context.planJsonPath)} (the \`plan-json\` output).</sub>`] : [];
  const omitted = (n: number) => [`> [!NOTE]`, `> ${plural(n, 'more change is', 'more changes are')} not shown: a job summary is limited to 1 MiB.${context.planJsonPath ? ' The plan JSON (`plan-json` output) lists every change.' : ''}`, ''];
  return packSections({ head, sections: [...before, ...planSections(plan, { text })], foot, omitted }, context.limit ?? SUMMARY_LIMIT, utf8Bytes);
}

const filter = (context: SummaryContext): TextFilter => (context.maskEmails ? maskEmailsIn : (s) => s);

/** Text in a table cell: escaped, and no pipe can end the cell. */
const cell = (s: string) => escapeMarkdown(s);
