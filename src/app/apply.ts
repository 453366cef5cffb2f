// Use case: apply. Either the plan just made from the specs (the CLI shows it and asks first), or a saved plan,
// applied exactly as saved once a fresh read shows that nothing it read has moved.
import type { AwsPorts } from '../aws/ports.js';
import { teamOfGroup } from '../core/build-plan.js';
import { GtctlError } from '../core/errors.js';
import { fingerprintLive, staleAddresses } from '../core/fingerprint.js';
import type { Plan } from '../core/plan.js';
import { readLiveState } from '../providers/read-live.js';
import { poller, type ApplyRuntime } from '../providers/runtime.js';
import type { ApplyCounts, Reporter } from '../report/reporter.js';
import { executePlan } from './execute-plan.js';
import { acquireLock, readLock, withLock, type HeldLock, type LockHolder, type LockLocation } from './lock.js';
import { checkAccount, connect, loadDesired, resolveRegion, type AwsOptions } from './session.js';

/** How apply takes the Project's lock (`spec.lock`). */
export interface ApplyLockOptions {
  /** Seconds to wait for a held lock; 0 fails at once. */
  timeoutSeconds: number;
  /** The command line, recorded in the lock object. */
  command: string;
  /** Told when the lock is held and apply starts waiting. */
  onWait?: (holder: LockHolder | undefined, location: LockLocation) => void;
}

/**
 * Apply from specs: when the tree's Project names a lock, connect, check the account and take the lock before
 * anything is planned (the caller plans, asks and applies while holding it, then releases). Undefined without a lock.
 */
export async function takeApplyLock(directory: string, options: AwsOptions, lock: ApplyLockOptions): Promise<HeldLock | undefined> {
  const { desired } = await loadDesired(directory, options);
  const location = desired.project.lock;
  if (!location) return undefined;
  const ports = await connect(resolveRegion(desired.project.region, options), options);
  await checkAccount(ports, desired.project.accountId);
  return acquireLock(ports.s3, location, { project: desired.project.name, command: lock.command, timeoutMs: lock.timeoutSeconds * 1000, ...(lock.onWait ? { onWait: lock.onWait } : {}) });
}

export async function applyPlan(plan: Plan, ports: AwsPorts, reporter: Reporter, env: NodeJS.ProcessEnv = process.env): Promise<ApplyCounts> {
  const runtime: ApplyRuntime = { ports, project: plan.project, region: plan.region, context: structuredClone(plan.context), env, waitUntil: poller(), emailLimit: { reached: false } };
  return executePlan(plan, runtime, reporter);
}

/** A saved plan: same account and Region, and every live object it read unchanged, or nothing is done. */
export async function applySavedPlan(plan: Plan, options: AwsOptions, reporter: Reporter, lock?: ApplyLockOptions): Promise<ApplyCounts> {
  if (options.region && options.region !== plan.region) {
    throw new GtctlError('region-mismatch', `the plan is for ${plan.region} but --region says ${options.region}`, 'user', 'Drop --region; a saved plan carries its Region.');
  }
  const ports = await connect(plan.region, options);
  await checkAccount(ports, plan.account);
  // Under the plan's lock: the fresh read, the staleness check and every write.
  const lockOptions = { project: plan.project, command: lock?.command ?? 'gtctl apply', timeoutMs: (lock?.timeoutSeconds ?? 0) * 1000, ...(lock?.onWait ? { onWait: lock.onWait } : {}) };
  return withLock(plan.context.lock ? ports.s3 : undefined, plan.context.lock, lockOptions, () => applyChecked(plan, ports, reporter, options));
}

async function applyChecked(plan: Plan, ports: AwsPorts, reporter: Reporter, options: AwsOptions): Promise<ApplyCounts> {
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
  return applyPlan(plan, ports, reporter, options.env ?? process.env);
}

/** `gtctl unlock`: the tree's lock and who holds it (undefined holder: not held). */
export async function findLock(directory: string, options: AwsOptions): Promise<{ location: LockLocation; holder: LockHolder | undefined; breakLock: () => Promise<void> }> {
  const { desired } = await loadDesired(directory, options);
  const location = desired.project.lock;
  if (!location) throw new GtctlError('no-lock', 'the Project names no lock (spec.lock), so there is nothing to unlock', 'user', 'Set `lock: s3://bucket/key` in the Project spec to make applies lock.');
  const ports = await connect(resolveRegion(desired.project.region, options), options);
  await checkAccount(ports, desired.project.accountId);
  const holder = await readLock(ports.s3, location);
  return { location, holder, breakLock: () => ports.s3.deleteObject(location.bucket, location.key) };
}
