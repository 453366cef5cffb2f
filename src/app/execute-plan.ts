// Carrying out a Plan: changes run as soon as everything they depend on is done, many at once (the AWS ports pace
// Cognito calls under its quotas). A failed change skips only its dependents; the rest go on.
import { GtctlError } from '../core/errors.js';
import type { Change, Plan } from '../core/plan.js';
import { executeChange } from '../providers/execute.js';
import type { ApplyRuntime } from '../providers/runtime.js';
import type { ApplyCounts, Reporter } from '../report/reporter.js';

/** Changes in flight at once; the Cognito rate limits, not this number, bound the pace of large applies. */
const CONCURRENCY = 32;

export async function executePlan(plan: Plan, runtime: ApplyRuntime, reporter: Reporter): Promise<ApplyCounts> {
  const blocked = plan.changes.filter((c) => c.action === 'blocked');
  if (blocked.length > 0) {
    throw new GtctlError('plan-blocked', `the plan has ${blocked.length} blocked change(s) (${blocked.map((c) => c.address).join(', ')}); nothing was applied`, 'user', 'Resolve what blocks them (see the reasons in the plan), then plan again.');
  }
  const state = new Map<string, 'pending' | 'running' | 'done' | 'failed' | 'skipped'>(plan.changes.map((c) => [c.address, 'pending']));
  const rootCause = new Map<string, string>();
  const counts: ApplyCounts = { done: 0, failed: 0, skipped: 0 };
  reporter.applyStarted(plan.changes.length);
  await new Promise<void>((resolve) => {
    let running = 0;
    const pump = (): void => {
      for (const change of plan.changes) {
        if (state.get(change.address) !== 'pending') continue;
        const deps = change.dependsOn.filter((d) => state.has(d));
        const broken = deps.find((d) => state.get(d) === 'failed' || state.get(d) === 'skipped');
        if (broken) {
          state.set(change.address, 'skipped');
          const cause = rootCause.get(broken) ?? broken;
          rootCause.set(change.address, cause);
          counts.skipped++;
          reporter.changeSkipped(change, cause);
          continue;
        }
        if (running >= CONCURRENCY || !deps.every((d) => state.get(d) === 'done')) continue;
        running++;
        state.set(change.address, 'running');
        void run(change).then((ok) => {
          running--;
          state.set(change.address, ok ? 'done' : 'failed');
          counts[ok ? 'done' : 'failed']++;
          pump();
        });
      }
      if (running === 0) resolve();
    };
    const run = async (change: Change): Promise<boolean> => {
      reporter.changeStarted(change);
      const started = Date.now();
      try {
        await executeChange(change, runtime);
        reporter.changeFinished(change, Date.now() - started);
        return true;
      } catch (error) {
        const e = error instanceof GtctlError ? error : new GtctlError('internal', error instanceof Error ? error.message : String(error), 'internal');
        reporter.changeFailed(change, { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) });
        return false;
      }
    };
    pump();
  });
  reporter.applyFinished(counts);
  return counts;
}
