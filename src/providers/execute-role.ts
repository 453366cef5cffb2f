// Carrying out a change of the managed execution role. Create makes the role with its trust policy and tags (the
// ownership tag first, so that a re-run after an interruption sees the role as ours), then writes its inline
// policy; update writes what the plan says moved; delete removes the policy, then the role. A job created in the same
// apply waits on this change, and CreateLabelingJob rides out the role's propagation (src/aws/retry-policy.ts, E3).
import { GtctlError } from '../core/errors.js';
import type { RoleChange } from '../core/plan.js';
import type { ApplyRuntime } from './runtime.js';

const DESCRIPTION = 'Execution role of Ground Truth labeling jobs, managed by gtctl: do not edit by hand.';

export async function executeRole(change: RoleChange, runtime: ApplyRuntime): Promise<void> {
  const { iam } = runtime.ports;
  switch (change.action) {
    case 'create':
      await iam.createRole({ name: change.name, path: change.path, trustPolicy: desired(change, change.trustPolicy), description: DESCRIPTION, tags: change.tags });
      await iam.putRolePolicy(change.name, change.policyName, desired(change, change.policy));
      return;
    case 'update': {
      // Paths are `trustPolicy`, `policy[.<Sid>]` and `tags.<key>`.
      const moved = new Set(change.diff.map((d) => d.path.split('.')[0]));
      if (moved.has('trustPolicy')) await iam.updateTrustPolicy(change.name, desired(change, change.trustPolicy));
      if (moved.has('policy')) await iam.putRolePolicy(change.name, change.policyName, desired(change, change.policy));
      if (moved.has('tags')) await iam.tagRole(change.name, change.tags);
      return;
    }
    case 'delete':
      await iam.deleteRole(change.name, change.policyName);
      return;
    case 'stop':
    case 'blocked':
      throw new GtctlError('unsupported-change', `cannot ${change.action} ${change.address}`, 'internal');
  }
}

function desired(change: RoleChange, document: string | undefined): string {
  if (document === undefined) throw new GtctlError('unsupported-change', `${change.action} ${change.address} carries no policy`, 'internal');
  return document;
}
