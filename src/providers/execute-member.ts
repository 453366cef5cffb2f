// Carrying out member and membership changes: Cognito users and their group memberships. Removal from a team
// also signs the user out, so that a removed worker's open session ends (design §1).
import { GtctlError } from '../core/errors.js';
import { MANAGED_USER_ATTRIBUTE } from '../core/live.js';
import type { MemberChange, MemberStep, MembershipChange } from '../core/plan.js';
import { requirePool, type ApplyRuntime } from './runtime.js';

export async function executeMember(change: MemberChange, runtime: ApplyRuntime): Promise<void> {
  const { userPoolId } = requirePool(runtime);
  // E-mail pools accept the e-mail as an alias wherever a username is asked for.
  const username = change.username ?? change.email;
  for (const step of change.steps) await runStep(step, change, userPoolId, username, runtime);
}

async function runStep(step: MemberStep, change: MemberChange, userPoolId: string, username: string, runtime: ApplyRuntime): Promise<void> {
  const { cognito } = runtime.ports;
  switch (step) {
    case 'invite': {
      const attributes = [
        { Name: 'email', Value: change.email },
        { Name: 'email_verified', Value: 'true' },
        { Name: `custom:${MANAGED_USER_ATTRIBUTE}`, Value: runtime.project },
        ...(change.member?.displayName ? [{ Name: 'name', Value: change.member.displayName }] : []),
      ];
      try {
        await cognito.adminCreateUser({ UserPoolId: userPoolId, Username: change.email, UserAttributes: attributes, DesiredDeliveryMediums: ['EMAIL'] });
      } catch (error) {
        // An earlier apply, killed after sending this invitation, made the user since this plan read the pool:
        // the invitation is out, which is what this step is for. If someone else made the user, the next plan
        // shows it (adopting it, or leaving a user another project manages alone).
        if (!(error instanceof GtctlError && error.code === 'UsernameExistsException')) throw error;
      }
      return;
    }
    case 'adopt':
      return cognito.adminUpdateUserAttributes(userPoolId, username, { [`custom:${MANAGED_USER_ATTRIBUTE}`]: runtime.project });
    case 'set-display-name':
      return cognito.adminUpdateUserAttributes(userPoolId, username, { name: change.member?.displayName ?? '' });
    case 'disable':
      return cognito.adminDisableUser(userPoolId, username);
    case 'enable':
      return cognito.adminEnableUser(userPoolId, username);
    case 'resend-invitation':
      await cognito.adminCreateUser({ UserPoolId: userPoolId, Username: username, MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] });
      return;
    case 'delete':
      return cognito.adminDeleteUser(userPoolId, username);
  }
}

export async function executeMembership(change: MembershipChange, runtime: ApplyRuntime): Promise<void> {
  const { userPoolId } = requirePool(runtime);
  const { cognito } = runtime.ports;
  const username = change.username ?? change.email;
  switch (change.action) {
    case 'create':
      return cognito.adminAddUserToGroup(userPoolId, username, change.userGroup);
    case 'delete':
      await cognito.adminRemoveUserFromGroup(userPoolId, username, change.userGroup);
      return cognito.adminUserGlobalSignOut(userPoolId, username);
    case 'update':
    case 'stop':
    case 'blocked':
      throw new GtctlError('unsupported-change', `cannot ${change.action} ${change.address}`, 'internal');
  }
}
