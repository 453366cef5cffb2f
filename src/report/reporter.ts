// The Reporter: how use cases (src/app) tell the world what happens. They emit typed events and ask questions
// through it and never print; the host picks the look (human, JSON lines, silent for tests). Every question carries
// a default answer, so a run without a terminal (CI) never waits.
import type { CodedError } from '../core/errors.js';
import type { Change, Plan } from '../core/plan.js';

/** A change that failed, as apply reports it: the coded error, without a stack. */
export type ChangeError = CodedError;

/** After an interrupt: how many changes never started. */
export interface Interruption {
  notStarted: number;
}

export interface ApplyCounts {
  done: number;
  failed: number;
  skipped: number;
  /** Held back by a limit only time lifts (the e-mail limit): neither done nor failed; the next apply does them. */
  deferred: number;
}

export type ReportEvent =
  | { type: 'readStarted' }
  /** `calls`: AWS calls made while reading, by operation (or service) name. */
  | { type: 'readFinished'; calls: Record<string, number>; ms: number }
  /** The plan apply is about to carry out (apply without a plan file prints it before asking). */
  | { type: 'planReady'; plan: Plan }
  | { type: 'applyStarted'; total: number }
  | { type: 'changeStarted'; change: Change }
  | { type: 'changeFinished'; change: Change; ms: number }
  | { type: 'changeFailed'; change: Change; error: ChangeError }
  /** `becauseOf`: the address of the failed (or skipped) change this one depends on. */
  | { type: 'changeSkipped'; change: Change; becauseOf: string }
  /** `becauseOf`: the deferred change this one waits for, when it is not deferred for its own reason. */
  | { type: 'changeDeferred'; change: Change; reason: ChangeError; becauseOf?: string }
  /** An interrupt arrived: no change starts any more; `inFlight` are still running. */
  | { type: 'applyInterrupted'; inFlight: number }
  | ({ type: 'applyFinished'; interrupted?: Interruption } & ApplyCounts)
  | { type: 'warning'; message: string }
  /** Recorded after a question is answered. */
  | { type: 'confirm'; question: string; defaultAnswer: boolean; answer: boolean };

export interface Reporter {
  readStarted(): void;
  readFinished(stats: { calls: Record<string, number>; ms: number }): void;
  planReady(plan: Plan): void;
  /** Announces how many changes apply will carry out: long runs report counts instead of every start. */
  applyStarted(total: number): void;
  changeStarted(change: Change): void;
  changeFinished(change: Change, ms: number): void;
  changeFailed(change: Change, error: ChangeError): void;
  changeSkipped(change: Change, becauseOf: string): void;
  changeDeferred(change: Change, reason: ChangeError, becauseOf?: string): void;
  applyInterrupted(inFlight: number): void;
  applyFinished(counts: ApplyCounts, interrupted?: Interruption): void;
  warning(message: string): void;
  /** Asks a yes/no question; resolves to `defaultAnswer` whenever nobody can answer (no terminal, CI). */
  confirm(question: string, defaultAnswer: boolean): Promise<boolean>;
}

/** Builds a Reporter from one event sink and one way of answering questions: each renderer writes only those two. */
export function eventReporter(emit: (event: ReportEvent) => void, ask: (question: string, defaultAnswer: boolean) => Promise<boolean>): Reporter {
  return {
    readStarted: () => emit({ type: 'readStarted' }),
    readFinished: ({ calls, ms }) => emit({ type: 'readFinished', calls, ms }),
    planReady: (plan) => emit({ type: 'planReady', plan }),
    applyStarted: (total) => emit({ type: 'applyStarted', total }),
    changeStarted: (change) => emit({ type: 'changeStarted', change }),
    changeFinished: (change, ms) => emit({ type: 'changeFinished', change, ms }),
    changeFailed: (change, error) => emit({ type: 'changeFailed', change, error }),
    changeSkipped: (change, becauseOf) => emit({ type: 'changeSkipped', change, becauseOf }),
    changeDeferred: (change, reason, becauseOf) => emit({ type: 'changeDeferred', change, reason, ...(becauseOf !== undefined ? { becauseOf } : {}) }),
    applyInterrupted: (inFlight) => emit({ type: 'applyInterrupted', inFlight }),
    applyFinished: ({ done, failed, skipped, deferred }, interrupted) => emit({ type: 'applyFinished', done, failed, skipped, deferred, ...(interrupted ? { interrupted } : {}) }),
    warning: (message) => emit({ type: 'warning', message }),
    confirm: async (question, defaultAnswer) => {
      const answer = await ask(question, defaultAnswer);
      emit({ type: 'confirm', question, defaultAnswer, answer });
      return answer;
    },
  };
}

/** For tests: records every event; answers questions with `answer` when given, else with their default. */
export function silentReporter(options: { answer?: boolean } = {}): Reporter & { events: ReportEvent[] } {
  const events: ReportEvent[] = [];
  const reporter = eventReporter(
    (event) => events.push(event),
    async (_question, defaultAnswer) => options.answer ?? defaultAnswer,
  );
  return { ...reporter, events };
}

/** Where renderers write: a process stream, or anything with `write` (tests). */
export interface TextSink {
  write(chunk: string): unknown;
}
