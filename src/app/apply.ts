// Use case: apply, the one home of its stages for every host (the CLI and the GitHub Action): load and connect once,
// take the Project's lock once, plan (or check a saved plan against a fresh read), stop early when the plan is
// blocked or empty, ask for confirmation through the Reporter, execute, release the lock once. The host turns the
// outcome into an exit code or a job summary; it holds no apply logic of its own.
import type { AwsPorts } from '../aws/ports.js';
import { teamOfGroup } from '../core/build-plan.js';
import { GtctlError } from '../core/errors.js';
import { fingerprintLive, staleAddresses } from '../core/fingerprint.js';
import { hasChanges, type Plan } from '../core/plan.js';
import { readLiveState } from '../providers/read-live.js';
import { poller, type ApplyRuntime } from '../providers/runtime.js';
import type { Reporter } from '../report/reporter.js';
import { executePlan, type ApplyResult, type ExecuteOptions } from './execute-plan.js';
import { withLock, type LockHolder, type LockLocation } from './lock.js';
import { connected, planLoaded, type PlanResult } from './plan.js';
import { parseDuration } from '../spec/durations.js';
import { checkAccount, connect, type AwsOptions } from './session.js';

/** How long apply waits for a held lock unless told otherwise: not at all, for the CLI and the Action alike. */
export const DEFAULT_LOCK_WAIT = '0';

/** `--lock-timeout` / the Action's `lock-timeout`: `0` or a duration (`30s`, `5m`, `1h30m`), in seconds. */
export function lockWaitSeconds(text: string, name: string): number {
  const value = text.trim() || DEFAULT_LOCK_WAIT;
  if (!/^(0|(\d+[dhms])+)$/.test(value)) {
    throw new GtctlError('usage', `${name} ${text}: not a duration`, 'user', 'Give a duration such as `30s`, `5m` or `1h30m` (0, the default, fails at once).');
  }
  return value === '0' ? 0 : parseDuration(value);
}

export interface ApplyOptions {
  aws: AwsOptions;
  /** Apply's events: the plan, each change, the summary, and the confirmation question. */
  reporter: Reporter;
  /** Where reading live state is reported, when not on `reporter` (the CLI keeps it off stdout). */
  readReporter?: Reporter;
  /** `auto`: no question; `ask`: the Reporter asks (default no); `none`: nobody can answer, so nothing is applied. */
  approval: 'auto' | 'ask' | 'none';
  /** `timeoutSeconds`: from lockWaitSeconds; the default waits not at all. */
  lock: { command: string; timeoutSeconds?: number; onWait?: (holder: LockHolder | undefined, location: LockLocation) => void };
  /** Told of the plan before anything is decided on it (warnings, the plan file of the Action). */
  planned?: (result: Pick<PlanResult, 'plan' | 'warnings'>) => void | Promise<void>;
  /** An interrupt: no new change starts (execute-plan.ts). */
  signal?: AbortSignal;
  drainMs?: ExecuteOptions['drainMs'];
}

export type ApplyOutcome =
  | { kind: 'blocked'; plan: Plan }
  | { kind: 'no-changes'; plan: Plan }
  | { kind: 'needs-approval'; plan: Plan }
  | { kind: 'declined'; plan: Plan }
  | ({ kind: 'applied'; plan: Plan } & ApplyResult);

/** Apply from the specs in `directory`. */
export async function applySpecs(directory: string, options: ApplyOptions): Promise<ApplyOutcome> {
  const session = await connected(directory, options.aws);
  return locked(session.ports, session.desired.project.lock, session.desired.project.name, options, async () => {
    const result = await planLoaded(directory, session, options.readReporter ?? options.reporter);
    await options.planned?.(result);
    return decideAndExecute(result.plan, session.ports, options);
  });
}

/** A saved plan: same account and Region, and every live object it read unchanged, or nothing is done. */
export async function applySavedPlan(plan: Plan, options: ApplyOptions): Promise<ApplyOutcome> {
  if (options.aws.region && options.aws.region !== plan.region) {
    throw new GtctlError('region-mismatch', `the plan is for ${plan.region} but --region says ${options.aws.region}`, 'user', 'Drop --region; a saved plan carries its Region.');
  }
  const ports = await connect(plan.region, options.aws);
  await checkAccount(ports, plan.account);
  // Under the plan's lock: the fresh read, the staleness check and every write. The saved plan was reviewed when
  // it was saved: applying the file is the approval, and it is carried out as it is (a blocked one refuses).
  return locked(ports, plan.context.lock, plan.project, options, async () => {
    await checkFresh(plan, ports, options.readReporter ?? options.reporter);
    await options.planned?.({ plan, warnings: [] });
    return { kind: 'applied', plan, ...(await execute(plan, ports, options)) };
  });
}

/** Carries out a plan already decided on (tests, and the last stage of both use cases above). */
export function applyPlan(plan: Plan, ports: AwsPorts, reporter: Reporter, env: NodeJS.ProcessEnv = process.env, execute: ExecuteOptions = {}): Promise<ApplyResult> {
  const runtime: ApplyRuntime = { ports, project: plan.project, region: plan.region, context: plan.context, env, waitUntil: poller(), emailLimit: { reached: false } };
  return executePlan(plan, runtime, reporter, execute);
}

/** The one place the lock is taken and released (never masking an error of the work: lock.ts). */
function locked(ports: AwsPorts, location: LockLocation | undefined, project: string, options: ApplyOptions, work: () => Promise<ApplyOutcome>): Promise<ApplyOutcome> {
  const { command, timeoutSeconds = lockWaitSeconds(DEFAULT_LOCK_WAIT, 'lock-timeout'), onWait } = options.lock;
  return withLock(location ? ports.s3 : undefined, location, { project, command, timeoutMs: timeoutSeconds * 1000, ...(onWait ? { onWait } : {}) }, work);
}

async function decideAndExecute(plan: Plan, ports: AwsPorts, options: ApplyOptions): Promise<ApplyOutcome> {
  const { reporter } = options;
  reporter.planReady(plan);
  if (plan.summary.blocked > 0) return { kind: 'blocked', plan };
  if (!hasChanges(plan)) return { kind: 'no-changes', plan };
  if (options.approval === 'none') return { kind: 'needs-approval', plan };
  if (options.approval === 'ask' && !(await reporter.confirm('Apply these changes?', false))) return { kind: 'declined', plan };
  return { kind: 'applied', plan, ...(await execute(plan, ports, options)) };
}

function execute(plan: Plan, ports: AwsPorts, options: ApplyOptions): Promise<ApplyResult> {
  return applyPlan(plan, ports, options.reporter, options.aws.env ?? process.env, { ...(options.signal ? { signal: options.signal } : {}), ...(options.drainMs !== undefined ? { drainMs: options.drainMs } : {}) });
}

async function checkFresh(plan: Plan, ports: AwsPorts, reporter: Reporter): Promise<void> {
  reporter.readStarted();
  const started = Date.now();
  const live = await readLiveState(ports, { account: plan.account, region: plan.region, project: plan.project, read: plan.context.read });
  reporter.readFinished({ calls: ports.calls(), ms: Date.now() - started });
  const fresh = fingerprintLive(live, plan.changes.map((c) => c.address), teamOfGroup(live, plan.project, plan.context.read));
  const moved = staleAddresses(plan.fingerprints, fresh);
  if (moved.length > 0) {
    const words = moved.map((a) => (a.startsWith('members/') ? `the members of team ${a.slice('members/'.length)}` : a));
    const shown = words.slice(0, 10).join(', ') + (words.length > 10 ? `, and ${words.length - 10} more` : '');
    throw new GtctlError('stale-plan', `the plan is stale: live state changed since it was made (${shown}); nothing was applied`, 'user', 'Run `gtctl plan --out FILE` again, review it, and apply the new plan.');
  }
}
