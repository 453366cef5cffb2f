// Apply progress for people: a line when each change starts and ends, failures in red with their hint, skipped
// changes naming the failed change they depend on, and on long runs a count line every 50 instead of every start.
import type { Change } from '../core/plan.js';
import { errorCode } from './diagnostics.js';
import { maskEmailsIn } from './mask.js';
import { marker, renderPlan } from './plan-human.js';
import { askYesNo } from './prompt.js';
import { eventReporter, type ReportEvent, type Reporter, type TextSink } from './reporter.js';
import type { Style } from './style.js';

export interface HumanReporterOptions {
  /** A person at a terminal can answer questions; otherwise every question gets its default answer. */
  interactive: boolean;
  /** Where answers are read from when interactive (default: stdin). */
  input?: NodeJS.ReadableStream;
  maskEmails?: boolean;
}

/** Runs with more changes than this print a count line every COUNT_EVERY finished changes, not a line per start. */
export const LONG_RUN = 50;
export const COUNT_EVERY = 50;

export function humanReporter(stream: TextSink, style: Style, options: HumanReporterOptions): Reporter {
  const text = options.maskEmails ? maskEmailsIn : (s: string) => s;
  const line = (s: string) => stream.write(`${s}\n`);
  const counts = { done: 0, failed: 0, skipped: 0, deferred: 0 };
  const failed = new Set<string>();
  let total = 0;
  const head = (change: Change) => `  ${marker(change.action, style)} ${text(change.address)} ...`;
  const finished = () => {
    const n = counts.done + counts.failed + counts.skipped + counts.deferred;
    if (total > LONG_RUN && n % COUNT_EVERY === 0) {
      line(style.bold(`[${n}/${total}] ${counts.done} done, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}${counts.deferred ? `, ${counts.deferred} deferred` : ''}`));
    }
  };

  const render = (event: ReportEvent): void => {
    switch (event.type) {
      case 'readStarted':
        return void line('Reading live state...');
      case 'readFinished': {
        const calls = Object.entries(event.calls).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        const n = calls.reduce((sum, [, c]) => sum + c, 0);
        const detail = calls.length ? style.dim(` (${calls.map(([name, c]) => `${name} ${c}`).join(', ')})`) : '';
        return void line(`Read live state: ${n} AWS call${n === 1 ? '' : 's'} in ${duration(event.ms)}${detail}`);
      }
      case 'planReady':
        return void stream.write(renderPlan(event.plan, style, { maskEmails: options.maskEmails ?? false }));
      case 'applyStarted':
        total = event.total;
        return void line(`Applying ${total} change${total === 1 ? '' : 's'}...`);
      case 'changeStarted':
        if (total <= LONG_RUN) line(head(event.change));
        return;
      case 'changeFinished':
        counts.done++;
        line(`${head(event.change)} ${style.green('done')} ${style.dim(`(${duration(event.ms)})`)}`);
        return finished();
      case 'changeFailed': {
        counts.failed++;
        failed.add(event.change.address);
        const { message, hint } = event.error;
        line(`${head(event.change)} ${style.red(style.bold('failed'))}${style.red(`: ${errorCode(event.error)}: ${text(message)}`)}`);
        if (hint) line(`      ${style.dim(`hint: ${text(hint)}`)}`);
        return finished();
      }
      case 'changeSkipped': {
        counts.skipped++;
        const why = failed.has(event.becauseOf) ? 'failed' : 'was not applied';
        line(`${head(event.change)} ${style.yellow('skipped')} ${style.dim(`(depends on ${text(event.becauseOf)}, which ${why})`)}`);
        return finished();
      }
      case 'changeDeferred': {
        counts.deferred++;
        const why = event.becauseOf !== undefined ? `waits for ${text(event.becauseOf)}` : text(event.reason.message);
        line(`${head(event.change)} ${style.yellow('deferred')} ${style.dim(`(${why})`)}`);
        if (event.becauseOf === undefined && event.reason.hint && counts.deferred === 1) line(`      ${style.dim(`hint: ${text(event.reason.hint)}`)}`);
        return finished();
      }
      case 'applyInterrupted':
        return void line(style.yellow(style.bold(`Interrupted: no new change starts; waiting for the ${event.inFlight} running to finish (interrupt again to exit at once).`)));
      case 'applyFinished': {
        if (event.interrupted) {
          const { notStarted } = event.interrupted;
          return void line(`${style.yellow(style.bold('Apply interrupted:'))} ${event.done} done, ${event.failed} failed, ${event.skipped - notStarted} skipped, ${notStarted} not started${event.deferred > 0 ? `, ${event.deferred} deferred` : ''}. Run apply again to finish.`);
        }
        const tally = `${event.done} done, ${event.failed} failed, ${event.skipped} skipped${event.deferred > 0 ? `, ${event.deferred} deferred to the next apply` : ''}.`;
        return void line(event.failed > 0 || event.skipped > 0 ? `${style.red(style.bold('Apply finished with errors:'))} ${tally}` : `${style.green(style.bold('Apply complete:'))} ${tally}`);
      }
      case 'warning':
        return void line(warningLine(text(event.message), style));
      case 'confirm':
        return; // the question and its answer are already on screen
    }
  };

  const terminal = { interactive: options.interactive, input: options.input ?? process.stdin, output: stream };
  const ask = (question: string, defaultAnswer: boolean): Promise<boolean> =>
    askYesNo(terminal, question, defaultAnswer, (prompt) => {
      line(`${prompt}${defaultAnswer ? 'yes' : 'no'} ${style.dim('(not interactive: the default answer)')}`);
      return defaultAnswer;
    });

  return eventReporter(render, ask);
}

/** `warning: message`: how every command that goes on despite a problem says so. */
export function warningLine(message: string, style: Style): string {
  return `${style.yellow(style.bold('warning'))}: ${message}`;
}

/** `120 ms` below a second, `2.4 s` below a minute, then `3m 05s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}
