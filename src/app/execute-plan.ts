// Carrying out a Plan: changes run as soon as everything they depend on is done, many at once (the AWS ports pace
// Cognito calls under its quotas). A failed change skips only its dependents; the rest go on. What a change makes
// that its dependents need (a new workforce's pool, client and name) is handed to them as their context. The
// result is a value: one entry per change, in plan order, from which the counts derive.
import { codedError, DeferredChange, GtctlError } from '../core/errors.js';
import type { Change, Plan, PlanContext } from '../core/plan.js';
import { executeChange } from '../providers/execute.js';
import type { ApplyRuntime, ChangeOutputs } from '../providers/runtime.js';
import type { ApplyCounts, ChangeError, Reporter } from '../report/reporter.js';

/**
 * Changes of one kind in flight at once; the Cognito rate limits, not this number, bound the pace of large applies.
 * A budget per kind, not one for the whole plan: kinds wait on different quota categories (invitations on
 * UserCreation, 50/s; memberships on UserUpdate, 25/s), and with one shared budget the changes queued behind one
 * category's pacing held every slot while the other category sat idle: 1,000 invitations and their 1,000 memberships
 * took 61 s where the quotas allow 40 s (bench/plan-members.mjs).
 */
const CONCURRENCY_PER_KIND = 32;

/** After an interrupt, how long changes already running get to finish before apply stops waiting for them. */
export const DRAIN_MS = 30_000;

export type ChangeStatus = 'done' | 'failed' | 'skipped' | 'deferred';

/** What happened to one change (design §7: `apply --json` prints these). */
export interface ChangeResult {
  address: string;
  action: Change['action'];
  status: ChangeStatus;
  /** Why it failed, was deferred, or was not started after an interrupt; `stack` for gtctl's own (internal) errors. */
  error?: ChangeError & { stack?: string };
  /** The change it waited for that failed (skipped) or was deferred. */
  becauseOf?: string;
  durationMs: number;
}

export interface ApplyResult {
  results: ChangeResult[];
  counts: ApplyCounts;
  /** Stopped by an interrupt: changes not started are `skipped` with the error code `interrupted`. */
  interrupted: boolean;
}

export interface ExecuteOptions {
  /** Aborted: no change starts any more; those running get `drainMs` to finish. */
  signal?: AbortSignal;
  drainMs?: number;
}

export function countResults(results: readonly ChangeResult[]): ApplyCounts {
  const counts: ApplyCounts = { done: 0, failed: 0, skipped: 0, deferred: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

const NOT_STARTED: ChangeError = { code: 'interrupted', message: 'not started: apply was interrupted' };
const STILL_RUNNING: ChangeError = { code: 'interrupted', message: 'still running when apply stopped waiting after the interrupt; the next plan shows where it got to' };

export async function executePlan(plan: Plan, runtime: ApplyRuntime, reporter: Reporter, options: ExecuteOptions = {}): Promise<ApplyResult> {
  const blocked = plan.changes.filter((c) => c.action === 'blocked');
  if (blocked.length > 0) {
    throw new GtctlError('plan-blocked', `the plan has ${blocked.length} blocked change(s) (${blocked.map((c) => `${c.address}: ${c.blockedBy}`).join(', ')}); nothing was applied`, 'user', 'Resolve what blocks them (see the reasons in the plan), then plan again.');
  }
  const changes = plan.changes;
  // Each change counts the dependencies it still waits for and lists its dependents, so a finished change wakes just
  // those: rescanning the whole plan after every change cost ~54 s of CPU for 30,000 changes (10,000 invitations
  // with two memberships each). Dependencies outside the plan are already in place.
  const position = new Map(changes.map((c, i) => [c.address, i]));
  const dependents: number[][] = changes.map(() => []);
  const dependencies = changes.map((c) => [...new Set(c.dependsOn.flatMap((d) => position.get(d) ?? []))]);
  dependencies.forEach((deps, i) => deps.forEach((d) => dependents[d]!.push(i)));
  const waitingFor = dependencies.map((deps) => deps.length);
  const results: Array<ChangeResult | undefined> = changes.map(() => undefined);
  /** What each done change made, with what it was given: passed down the dependency chain. */
  const handedDown: Array<ChangeOutputs | undefined> = changes.map(() => undefined);
  const ready = new Map<Change['kind'], number[]>(); // per kind, in the order they became ready
  const running = new Map<Change['kind'], number>();
  const inFlight = new Set<number>();
  const enqueue = (i: number): void => {
    const kind = changes[i]!.kind;
    const queue = ready.get(kind);
    if (queue) queue.push(i);
    else ready.set(kind, [i]);
  };
  const record = (i: number, status: ChangeStatus, durationMs: number, extra: Pick<ChangeResult, 'error' | 'becauseOf'> = {}): void => {
    results[i] = { address: changes[i]!.address, action: changes[i]!.action, status, ...extra, durationMs };
  };
  /**
   * Every change that needs `failed`, directly or not, is skipped, naming it as the root cause; in plan order. The
   * dependents of a deferred change are deferred with it: the next apply does them all.
   */
  const dependentsOf = (failed: number, how: 'skipped' | 'deferred', reason?: ChangeError): void => {
    const reached = new Set<number>();
    const visit = (i: number): void => {
      for (const j of dependents[i]!) {
        if (results[j] || inFlight.has(j) || reached.has(j)) continue;
        reached.add(j);
        visit(j);
      }
    };
    visit(failed);
    const becauseOf = changes[failed]!.address;
    for (const j of [...reached].sort((a, b) => a - b)) {
      record(j, how, 0, { becauseOf, ...(how === 'deferred' ? { error: reason! } : {}) });
      if (how === 'skipped') reporter.changeSkipped(changes[j]!, becauseOf);
      else reporter.changeDeferred(changes[j]!, reason!, becauseOf);
    }
  };
  /** The plan's context with everything the change's dependencies made (theirs, and what they were handed). */
  const contextOf = (i: number): Readonly<PlanContext> => Object.assign({}, plan.context, ...dependencies[i]!.map((d) => handedDown[d] ?? {}));

  const run = async (i: number): Promise<{ status: 'done'; outputs: ChangeOutputs } | { status: 'failed' | 'deferred'; error: ChangeResult['error'] & object }> => {
    const change = changes[i]!;
    reporter.changeStarted(change);
    const started = Date.now();
    try {
      const outputs = (await executeChange(change, { ...runtime, context: contextOf(i) })) ?? {};
      reporter.changeFinished(change, Date.now() - started);
      return { status: 'done', outputs };
    } catch (error) {
      const e = error instanceof GtctlError ? error : new GtctlError('internal', error instanceof Error ? error.message : String(error), 'internal', undefined, { cause: error });
      const reason = codedError(e);
      if (e instanceof DeferredChange) {
        reporter.changeDeferred(change, reason);
        return { status: 'deferred', error: reason };
      }
      reporter.changeFailed(change, reason);
      // gtctl's own bugs keep where they happened; AWS's and the user's errors are their message.
      const stack = e.source === 'internal' ? ((error as Error).stack ?? e.stack) : undefined;
      return { status: 'failed', error: { ...reason, ...(stack ? { stack } : {}) } };
    }
  };

  reporter.applyStarted(changes.length);
  let interrupted = false;
  await new Promise<void>((resolve) => {
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (interrupted) {
        for (const i of inFlight) record(i, 'failed', 0, { error: STILL_RUNNING });
        // Not one line each (they may be thousands): the summary counts them.
        changes.forEach((_change, i) => {
          if (!results[i]) record(i, 'skipped', 0, { error: NOT_STARTED });
        });
      }
      resolve();
    };
    const pump = (): void => {
      if (!interrupted) {
        for (const [kind, queue] of ready) {
          while (queue.length > 0 && (running.get(kind) ?? 0) < CONCURRENCY_PER_KIND) start(queue.shift()!);
        }
      }
      if (inFlight.size === 0) finish();
    };
    const start = (i: number): void => {
      const kind = changes[i]!.kind;
      const started = Date.now();
      running.set(kind, (running.get(kind) ?? 0) + 1);
      inFlight.add(i);
      void run(i).then((outcome) => {
        if (finished) return; // apply stopped waiting for it after an interrupt
        running.set(kind, running.get(kind)! - 1);
        inFlight.delete(i);
        const ms = Date.now() - started;
        if (outcome.status === 'done') {
          record(i, 'done', ms);
          handedDown[i] = Object.assign({}, ...dependencies[i]!.map((d) => handedDown[d] ?? {}), outcome.outputs);
          for (const j of dependents[i]!) if (--waitingFor[j]! === 0 && !results[j]) enqueue(j);
        } else {
          record(i, outcome.status, ms, { error: outcome.error });
          dependentsOf(i, outcome.status === 'failed' ? 'skipped' : 'deferred', outcome.error);
        }
        pump();
      });
    };
    const onAbort = (): void => {
      if (interrupted || finished) return;
      interrupted = true;
      reporter.applyInterrupted(inFlight.size);
      setTimeout(finish, options.drainMs ?? DRAIN_MS).unref();
      pump();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort);
    waitingFor.forEach((n, i) => {
      if (n === 0) enqueue(i);
    });
    pump();
  });
  const done = results as ChangeResult[];
  const counts = countResults(done);
  reporter.applyFinished(counts, interrupted ? { notStarted: done.filter((r) => r.error === NOT_STARTED).length } : undefined);
  return { results: done, counts, interrupted };
}
