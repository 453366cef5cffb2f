// Carrying out a Plan: changes run as soon as everything they depend on is done, many at once (the AWS ports pace
// Cognito calls under its quotas). A failed change skips only its dependents; the rest go on.
import { DeferredChange, GtctlError } from '../core/errors.js';
import type { Change, Plan } from '../core/plan.js';
import { executeChange } from '../providers/execute.js';
import type { ApplyRuntime } from '../providers/runtime.js';
import type { ApplyCounts, Reporter } from '../report/reporter.js';

/**
 * Changes of one kind in flight at once; the Cognito rate limits, not this number, bound the pace of large applies.
 * A budget per kind, not one for the whole plan: kinds wait on different quota categories (invitations on
 * UserCreation, 50/s; memberships on UserUpdate, 25/s), and with one shared budget the changes queued behind one
 * category's pacing held every slot while the other category sat idle: 1,000 invitations and their 1,000 memberships
 * took 61 s where the quotas allow 40 s (bench/plan-members.mjs).
 */
const CONCURRENCY_PER_KIND = 32;

export async function executePlan(plan: Plan, runtime: ApplyRuntime, reporter: Reporter): Promise<ApplyCounts> {
  const blocked = plan.changes.filter((c) => c.action === 'blocked');
  if (blocked.length > 0) {
    throw new GtctlError('plan-blocked', `the plan has ${blocked.length} blocked change(s) (${blocked.map((c) => c.address).join(', ')}); nothing was applied`, 'user', 'Resolve what blocks them (see the reasons in the plan), then plan again.');
  }
  const changes = plan.changes;
  // Each change counts the dependencies it still waits for and lists its dependents, so a finished change wakes just
  // those: rescanning the whole plan after every change cost ~54 s of CPU for 30,000 changes (10,000 invitations
  // with two memberships each). Dependencies outside the plan are already in place.
  const position = new Map(changes.map((c, i) => [c.address, i]));
  const dependents: number[][] = changes.map(() => []);
  const waitingFor = changes.map((c, i) => {
    const deps = new Set(c.dependsOn.flatMap((d) => position.get(d) ?? []));
    for (const d of deps) dependents[d]!.push(i);
    return deps.size;
  });
  const state = changes.map((): 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'deferred' => 'pending');
  const ready = new Map<Change['kind'], number[]>(); // per kind, in the order they became ready
  const running = new Map<Change['kind'], number>();
  let inFlight = 0;
  const counts: ApplyCounts = { done: 0, failed: 0, skipped: 0, deferred: 0 };
  const enqueue = (i: number): void => {
    const kind = changes[i]!.kind;
    const queue = ready.get(kind);
    if (queue) queue.push(i);
    else ready.set(kind, [i]);
  };
  /**
   * Every change that needs `failed`, directly or not, is skipped, naming it as the root cause; in plan order. The
   * dependents of a deferred change are deferred with it: the next apply does them all.
   */
  const dependentsOf = (failed: number, how: 'skipped' | 'deferred', reason?: { code: string; message: string }): void => {
    const reached = new Set<number>();
    const visit = (i: number): void => {
      for (const j of dependents[i]!) {
        if (state[j] !== 'pending' || reached.has(j)) continue;
        reached.add(j);
        visit(j);
      }
    };
    visit(failed);
    for (const j of [...reached].sort((a, b) => a - b)) {
      state[j] = how;
      counts[how]++;
      if (how === 'skipped') reporter.changeSkipped(changes[j]!, changes[failed]!.address);
      else reporter.changeDeferred(changes[j]!, reason!, changes[failed]!.address);
    }
  };

  reporter.applyStarted(changes.length);
  await new Promise<void>((resolve) => {
    const pump = (): void => {
      for (const [kind, queue] of ready) {
        while (queue.length > 0 && (running.get(kind) ?? 0) < CONCURRENCY_PER_KIND) start(queue.shift()!);
      }
      if (inFlight === 0) resolve();
    };
    const start = (i: number): void => {
      const change = changes[i]!;
      state[i] = 'running';
      running.set(change.kind, (running.get(change.kind) ?? 0) + 1);
      inFlight++;
      void run(change).then((outcome) => {
        running.set(change.kind, running.get(change.kind)! - 1);
        inFlight--;
        state[i] = outcome.status;
        counts[outcome.status]++;
        if (outcome.status === 'failed') dependentsOf(i, 'skipped');
        else if (outcome.status === 'deferred') dependentsOf(i, 'deferred', outcome.reason);
        else for (const j of dependents[i]!) if (--waitingFor[j]! === 0 && state[j] === 'pending') enqueue(j);
        pump();
      });
    };
    const run = async (change: Change): Promise<{ status: 'done' | 'failed' } | { status: 'deferred'; reason: { code: string; message: string } }> => {
      reporter.changeStarted(change);
      const started = Date.now();
      try {
        await executeChange(change, runtime);
        reporter.changeFinished(change, Date.now() - started);
        return { status: 'done' };
      } catch (error) {
        const e = error instanceof GtctlError ? error : new GtctlError('internal', error instanceof Error ? error.message : String(error), 'internal');
        const reason = { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
        if (e instanceof DeferredChange) {
          reporter.changeDeferred(change, reason);
          return { status: 'deferred', reason };
        }
        reporter.changeFailed(change, reason);
        return { status: 'failed' };
      }
    };
    waitingFor.forEach((n, i) => {
      if (n === 0) enqueue(i);
    });
    pump();
  });
  reporter.applyFinished(counts);
  return counts;
}
