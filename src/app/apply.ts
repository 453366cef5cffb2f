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
import { checkAccount, connect, type AwsOptions } from './session.js';

export async function applyPlan(plan: Plan, ports: AwsPorts, reporter: Reporter, env: NodeJS.ProcessEnv = process.env): Promise<ApplyCounts> {
  const runtime: ApplyRuntime = { ports, project: plan.project, region: plan.region, context: structuredClone(plan.context), env, waitUntil: poller() };
  return executePlan(plan, runtime, reporter);
}

/** A saved plan: same account and Region, and every live object it read unchanged, or nothing is done. */
export async function applySavedPlan(plan: Plan, options: AwsOptions, reporter: Reporter): Promise<ApplyCounts> {
  if (options.region && options.region !== plan.region) {
    throw new GtctlError('region-mismatch', `the plan is for ${plan.region} but --region says ${options.region}`, 'user', 'Drop --region; a saved plan carries its Region.');
  }
  const ports = await connect(plan.region, options);
  await checkAccount(ports, plan.account);
  reporter.readStarted();
  const started = Date.now();
  const live = await readLiveState(ports, { account: plan.account, region: plan.region, project: plan.project, read: plan.context.read });
  reporter.readFinished({ calls: ports.calls(), ms: Date.now() - started });
  const fresh = fingerprintLive(live, plan.changes.map((c) => c.address), teamOfGroup(live, plan.project, plan.context.read));
  const moved = staleAddresses(plan.fingerprints, fresh);
  if (moved.length > 0) {
    const shown = moved.slice(0, 10).join(', ') + (moved.length > 10 ? `, and ${moved.length - 10} more` : '');
    throw new GtctlError('stale-plan', `the plan is stale: live state changed since it was made (${shown}); nothing was applied`, 'user', 'Run `gtctl plan --out FILE` again, review it, and apply the new plan.');
  }
  return applyPlan(plan, ports, reporter, options.env ?? process.env);
}
