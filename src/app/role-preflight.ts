// The execution-role pre-flight of a plan (issue 15): for each job the plan creates, IAM's SimulatePrincipalPolicy
// decides whether its role may do what the job will do (core/jobs/role-checks.ts); a denial blocks the job, naming
// the action and the resource. The managed role is not asked: the plan itself writes its policy. What IAM cannot
// answer is a warning, and the plan goes on: gtctl's credentials may not simulate, or IAM has no such role (AWS
// then refuses CreateLabelingJob outright, which costs nothing).
import type { IamPort } from '../aws/ports.js';
import { isAwsError } from '../aws/errors.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { GtctlError } from '../core/errors.js';
import { blockDeniedJobs, roleChecks, type RoleCheck } from '../core/jobs/role-checks.js';
import type { JobChange, Plan } from '../core/plan.js';

export async function checkJobRoles(plan: Plan, iam: IamPort, managedRoleArn: string, directory: string): Promise<{ plan: Plan; warnings: Diagnostic[] }> {
  const jobs = plan.changes.filter((c): c is JobChange => c.kind === 'job' && c.action === 'create' && c.request !== undefined && c.request.RoleArn !== managedRoleArn);
  const byRole = new Map<string, JobChange[]>();
  for (const job of jobs) byRole.set(job.request!.RoleArn, [...(byRole.get(job.request!.RoleArn) ?? []), job]);
  const denials = new Map<string, RoleCheck[]>();
  const warnings: Diagnostic[] = [];
  const warn = (code: string, message: string, hint: string) => warnings.push({ severity: 'warning', code, message, hint, file: directory, line: 1, column: 1 });
  for (const [role, changes] of [...byRole].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const checks = changes.map((c) => ({ change: c, checks: roleChecks(c, plan.region, plan.account) }));
    let denied: Array<{ action: string; resource: string }>;
    try {
      denied = await iam.deniedActions(role, checks.flatMap((c) => c.checks));
    } catch (error) {
      if (isAwsError(error, 'NoSuchEntityException')) {
        warn('role-not-found', `IAM has no role ${role} in account ${plan.account}: CreateLabelingJob will refuse ${changes.map((c) => c.name).join(', ')}`, 'Create the role (trusted by sagemaker.amazonaws.com), or use `roleArn: managed`.');
        continue;
      }
      if (isAwsError(error, 'AccessDenied') || isAwsError(error, 'AccessDeniedException')) {
        warn('role-not-checked', `gtctl may not call iam:SimulatePrincipalPolicy, so the execution roles of the jobs to create were not checked`, 'Grant iam:SimulatePrincipalPolicy on the job roles (`gtctl iam-policy` includes it) to have a role that lacks a permission block its job at plan time.');
        break;
      }
      // Any other answer of IAM (a role of another account, say) leaves this role unchecked; the plan goes on.
      if (error instanceof GtctlError && error.source === 'aws') {
        warn('role-not-checked', `IAM could not simulate role ${role} (${error.message}): ${changes.map((c) => c.name).join(', ')} not checked`, 'Check that the role is in the project\'s account and that gtctl may simulate it.');
        continue;
      }
      throw error;
    }
    for (const { change, checks: own } of checks) {
      const lacking = own.filter((c) => denied.some((d) => d.action === c.action && d.resource === c.resource));
      if (lacking.length) denials.set(change.address, lacking);
    }
  }
  return { plan: blockDeniedJobs(plan, denials), warnings };
}
