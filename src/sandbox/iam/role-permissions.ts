// What other services ask of IAM about a role: whether it exists here, whether a service may assume it, and whether
// its permissions allow an action on a resource. SageMaker asks when a labeling job is created (sagemaker/roles.ts,
// sagemaker/job-inputs.ts): the job's execution role gates what the job may read and write, as in AWS.
//
// A role ARN IAM does not hold (another account's, or one a test never created) is taken as made outside the
// sandbox with every permission: most tests name a role they never create. That is the one place the sandbox is
// kinder than AWS, where such a role fails the job; BEHAVIOUR.md says so.
import type { SandboxState } from '../service.js';
import { evaluate } from './policy-evaluation.js';
import type { RoleRecord } from './state.js';
import { trustsService } from './trust-policy.js';

/** The role the ARN names, when it is one IAM holds for the account. */
export function heldRole(state: SandboxState, account: string, roleArn: string): RoleRecord | undefined {
  const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
  if (!match || match[1] !== account) return undefined;
  const role = state.iam.roles[match[2]!.toLowerCase()];
  return role?.arn === roleArn ? role : undefined;
}

export const mayAssume = (role: RoleRecord, service: string) => trustsService(role.assumeRolePolicyDocument, service);

/** Whether the role's inline policies allow `action` on `resource` (an ARN). */
export function roleAllows(role: RoleRecord, action: string, resource: string): boolean {
  const policies = Object.entries(role.policies).map(([name, document]) => ({ name, document }));
  return evaluate(policies, { action, resource }).decision === 'allowed';
}
