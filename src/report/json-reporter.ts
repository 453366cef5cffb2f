// Apply progress for CI logs and scripts: one JSON object per line per event. Changes appear by address and action
// (never their full values); questions are answered with their default, so a pipeline never waits.
import type { Change } from '../core/plan.js';
import { maskEmailsIn } from './mask.js';
import { eventReporter, type ReportEvent, type Reporter, type TextSink } from './reporter.js';

export function jsonReporter(stream: TextSink, options: { maskEmails?: boolean } = {}): Reporter {
  const write = (record: Record<string, unknown>) => {
    const line = JSON.stringify(record);
    stream.write(`${options.maskEmails ? maskEmailsIn(line) : line}\n`);
  };
  const ref = (change: Change) => ({ address: change.address, action: change.action });
  const render = (event: ReportEvent): void => {
    switch (event.type) {
      case 'readStarted':
        return write({ event: event.type });
      case 'readFinished':
        return write({ event: event.type, calls: event.calls, ms: event.ms });
      case 'planReady':
        return write({ event: event.type, project: event.plan.project, region: event.plan.region, account: event.plan.account, summary: event.plan.summary });
      case 'applyStarted':
        return write({ event: event.type, total: event.total });
      case 'changeStarted':
        return write({ event: event.type, ...ref(event.change) });
      case 'changeFinished':
        return write({ event: event.type, ...ref(event.change), ms: event.ms });
      case 'changeFailed':
        return write({ event: event.type, ...ref(event.change), error: { code: event.error.code, message: event.error.message, ...(event.error.hint ? { hint: event.error.hint } : {}) } });
      case 'changeSkipped':
        return write({ event: event.type, ...ref(event.change), becauseOf: event.becauseOf });
      case 'changeDeferred':
        return write({ event: event.type, ...ref(event.change), reason: { code: event.reason.code, message: event.reason.message, ...(event.reason.hint ? { hint: event.reason.hint } : {}) }, ...(event.becauseOf !== undefined ? { becauseOf: event.becauseOf } : {}) });
      case 'applyFinished':
        return write({ event: event.type, done: event.done, failed: event.failed, skipped: event.skipped, deferred: event.deferred });
      case 'warning':
        return write({ event: event.type, message: event.message });
      case 'confirm':
        return write({ event: event.type, question: event.question, defaultAnswer: event.defaultAnswer, answer: event.answer });
    }
  };
  return eventReporter(render, async (_question, defaultAnswer) => defaultAnswer);
}
