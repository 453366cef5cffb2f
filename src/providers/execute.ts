// One change, carried out by the provider of its kind.
import type { Change } from '../core/plan.js';
import { executeBucket } from './execute-bucket.js';
import { executeJob } from './execute-job.js';
import { executeMember, executeMembership } from './execute-member.js';
import { executeObject } from './execute-object.js';
import { executeRole } from './execute-role.js';
import { executeTeam } from './execute-team.js';
import { executeWorkforce } from './execute-workforce.js';
import type { ApplyRuntime, ChangeOutputs } from './runtime.js';

/** Resolves to what the change made for its dependents (a workforce's pool, client and name), if anything. */
export function executeChange(change: Change, runtime: ApplyRuntime): Promise<ChangeOutputs | void> {
  switch (change.kind) {
    case 'workforce':
      return executeWorkforce(change, runtime);
    case 'team':
      return executeTeam(change, runtime);
    case 'member':
      return executeMember(change, runtime);
    case 'membership':
      return executeMembership(change, runtime);
    case 'bucket':
      return executeBucket(change, runtime);
    case 'object':
      return executeObject(change, runtime);
    case 'role':
      return executeRole(change, runtime);
    case 'job':
      return executeJob(change, runtime);
  }
}
