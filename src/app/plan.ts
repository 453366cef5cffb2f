// Use case: plan. Specs -> desired; AWS -> live (bulk reads); pair and diff -> a Plan value.
import type { AwsPorts } from '../aws/ports.js';
import { buildPlan, readTargets } from '../core/build-plan.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { managedRoleArn } from '../core/execution-role.js';
import { emailLimitWarning } from '../core/invitation.js';
import type { DesiredState } from '../core/model.js';
import type { Plan } from '../core/plan.js';
import { unmanagedObjects, type Unmanaged } from '../core/unmanaged.js';
import { readLiveState } from '../providers/read-live.js';
import type { Reporter } from '../report/reporter.js';
import { checkJobRoles } from './role-preflight.js';
import { checkAccount, connect, loadDesired, resolveRegion, type AwsOptions } from './session.js';

export interface PlanResult {
  plan: Plan;
  desired: DesiredState;
  ports: AwsPorts;
  warnings: Diagnostic[];
  /** AWS calls made while planning, by operation. */
  calls: Record<string, number>;
  /** With `showUnmanaged`: live objects no spec declares. */
  unmanaged?: Unmanaged;
}

export interface PlanUseOptions {
  /** Also list what the account holds that no spec declares (reads every bucket's and job's owner). */
  showUnmanaged?: boolean;
}

export async function plan(directory: string, options: AwsOptions, reporter: Reporter, use: PlanUseOptions = {}): Promise<PlanResult> {
  return planLoaded(directory, await connected(directory, options), reporter, use);
}

/** Specs loaded and checked, ports built for their Region, the account checked: what plan and apply start from. */
export interface Connected {
  desired: DesiredState;
  warnings: Diagnostic[];
  ports: AwsPorts;
  account: string;
  region: string;
}

export async function connected(directory: string, options: AwsOptions): Promise<Connected> {
  const { desired, warnings } = await loadDesired(directory, options);
  const region = resolveRegion(desired.project.region, options);
  const ports = await connect(region, options);
  const account = await checkAccount(ports, desired.project.accountId);
  return { desired, warnings, ports, account, region };
}

/** The plan of specs already loaded and connected (apply takes its lock in between). */
export async function planLoaded(directory: string, { desired, warnings, ports, account, region }: Connected, reporter: Reporter, use: PlanUseOptions = {}): Promise<PlanResult> {
  reporter.readStarted();
  const started = Date.now();
  const live = await readLiveState(ports, { account, region, project: desired.project.name, read: readTargets(desired), ...(use.showUnmanaged ? { inventory: true } : {}) });
  const calls = ports.calls();
  reporter.readFinished({ calls, ms: Date.now() - started });
  // Invitation expiry is AWS's business: judge it by AWS's clock (the Date of its answers), not the local one.
  const { plan: built, warnings: roleWarnings } = await checkJobRoles(buildPlan(desired, live, { now: ports.now() }), ports.iam, managedRoleArn(account, desired.project), directory);
  const limit = emailLimitWarning(built, desired, live);
  const hint = 'Set `spec.email` in the Workforce to send through Amazon SES (no daily limit), or add people in smaller batches.';
  const all = [...warnings, ...roleWarnings, ...(limit ? [{ severity: 'warning' as const, code: 'email-limit', message: limit, hint, file: directory, line: 1, column: 1 }] : [])];
  const result = { plan: built, desired, ports, warnings: all, calls };
  return use.showUnmanaged ? { ...result, unmanaged: unmanagedObjects(desired, live) } : result;
}
