// One change, carried out by the provider of its kind.
import { GtctlError } from '../core/errors.js';
import type { Change } from '../core/plan.js';
import { executeMember, executeMembership } from './execute-member.js';
import { executeTeam } from './execute-team.js';
import { executeWorkforce } from './execute-workforce.js';
import type { ApplyRuntime } from './runtime.js';

export function executeChange(change: Change, runtime: ApplyRuntime): Promise<void> {
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
    case 'object':
    case 'job':
      throw new GtctlError('unsupported-change', `${change.kind} changes are not carried out yet`, 'internal');
  }
}
