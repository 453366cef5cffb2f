// Carrying out member and membership changes: Cognito users and their group memberships. Removal from a team
// also signs the user out, so that a removed worker's open session ends (design §1).
//
// Invitations record when gtctl sent them (INVITED_USER_ATTRIBUTE): AWS keeps no such time (A8). Three of AWS's
// answers need care: CodeDeliveryFailureException creates the user all the same (A6: the invitation is sent again);
// the default sender's daily limit (A5: the invitation is deferred to the next apply, and so are the apply's later
// ones, without asking); a user who signed in between plan and apply cannot be sent an invitation (A7: nothing to do).
import { isAwsError } from '../aws/errors.js';
import { DeferredChange, GtctlError } from '../core/errors.js';
import { INVITED_USER_ATTRIBUTE, MANAGED_USER_ATTRIBUTE } from '../core/live.js';
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
      deferWhenLimitReached(runtime, change.email);
      const attributes = [
        { Name: 'email', Value: change.email },
        { Name: 'email_verified', Value: 'true' },
        { Name: `custom:${MANAGED_USER_ATTRIBUTE}`, Value: runtime.project },
        { Name: `custom:${INVITED_USER_ATTRIBUTE}`, Value: invitedNow(runtime) },
        ...(change.member?.displayName ? [{ Name: 'name', Value: change.member.displayName }] : []),
      ];
      try {
        await cognito.adminCreateUser({ UserPoolId: userPoolId, Username: change.email, UserAttributes: attributes, DesiredDeliveryMediums: ['EMAIL'] });
      } catch (error) {
        // An earlier apply, killed after sending this invitation, made the user since this plan read the pool:
        // the invitation is out, which is what this step is for. If someone else made the user, the next plan
        // shows it (adopting it, or leaving a user another project manages alone).
        if (isAwsError(error, 'UsernameExistsException')) return;
        // The user exists; the e-mail did not go: send it again (the retry policy repeats a failed resend).
        if (isAwsError(error, 'CodeDeliveryFailureException')) return resend(runtime, userPoolId, change.email);
        if (isEmailLimit(error)) {
          // The user may exist all the same (AWS does not say): mark its invitation as not sent, for the next plan.
          await markNotInvited(runtime, userPoolId, change.email);
          throw deferred(runtime, change.email, error);
        }
        throw error;
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
      deferWhenLimitReached(runtime, change.email);
      return resend(runtime, userPoolId, change.email);
    case 'delete':
      return cognito.adminDeleteUser(userPoolId, username);
  }
}

/**
 * RESEND by e-mail, which works in every pool (moto refuses the generated username in e-mail pools: A7), then the
 * time of sending recorded. A user who signed in meanwhile has no temporary password to renew: nothing to do.
 */
async function resend(runtime: ApplyRuntime, userPoolId: string, email: string): Promise<void> {
  try {
    await runtime.ports.cognito.adminCreateUser({ UserPoolId: userPoolId, Username: email, MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] });
  } catch (error) {
    if (isAwsError(error, 'UnsupportedUserStateException')) return;
    if (isEmailLimit(error)) throw deferred(runtime, email, error);
    throw error;
  }
  await runtime.ports.cognito.adminUpdateUserAttributes(userPoolId, email, { [`custom:${INVITED_USER_ATTRIBUTE}`]: invitedNow(runtime) });
}

async function markNotInvited(runtime: ApplyRuntime, userPoolId: string, email: string): Promise<void> {
  try {
    await runtime.ports.cognito.adminUpdateUserAttributes(userPoolId, email, { [`custom:${INVITED_USER_ATTRIBUTE}`]: '' });
  } catch (error) {
    if (!isAwsError(error, 'UserNotFoundException')) throw error;
  }
}

/** AWS's time of sending (its clock, as the plan judges expiry by it), to the second. */
function invitedNow(runtime: ApplyRuntime): string {
  return new Date(runtime.ports.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function deferWhenLimitReached(runtime: ApplyRuntime, email: string): void {
  if (runtime.emailLimit.reached) throw deferred(runtime, email);
}

function deferred(runtime: ApplyRuntime, email: string, cause?: unknown): DeferredChange {
  runtime.emailLimit.reached = true;
  return new DeferredChange(
    'email-limit',
    `the invitation to ${email} waits: Cognito's default sender has sent its 50 e-mails for today`,
    'The next apply (tomorrow, by AWS\'s clock) sends it. To send more at once, set `spec.email` in the Workforce (Amazon SES).',
    cause === undefined ? undefined : { cause },
  );
}

const isEmailLimit = (error: unknown) => isAwsError(error, 'LimitExceededException') && /email limit/i.test((error as Error).message);

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
