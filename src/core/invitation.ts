// The invitation e-mail and the labeling portal. Cognito fixes the invitation text in the pool before the portal's
// address exists (it is the workforce's SubDomain), so an invitation sent from the spec's text alone gives workers a
// password and nowhere to use it (aws-evidence E7). AWS's own solution rewrites the template once the workforce
// exists; gtctl does the same, from the spec's text, so the template is a pure function of spec and SubDomain.
import type { LiveState } from './live.js';
import type { DesiredState } from './model.js';
import type { Plan } from './plan.js';

/** Where a custom message wants the portal's address. */
export const PORTAL_PLACEHOLDER = '{portalUrl}';

export function portalUrl(subDomain: string): string {
  return `https://${subDomain}`;
}

/** The invitation body Cognito should hold: the placeholder replaced, else the portal's address appended. */
export function invitationWithPortal(message: string, subDomain: string): string {
  const url = portalUrl(subDomain);
  if (message.includes(PORTAL_PLACEHOLDER)) return message.split(PORTAL_PLACEHOLDER).join(url);
  // On a line of its own: plan diffs of the template then show it as one added line.
  const separator = message.endsWith('\n') ? '' : '\n';
  return `${message}${separator}<p>Sign in to the labeling portal at <a href="${url}">${url}</a>.</p>`;
}

/** Cognito's default sender (`COGNITO_DEFAULT`) sends at most this many e-mails a day per account (aws-evidence A5). */
export const DEFAULT_SENDER_DAILY_LIMIT = 50;

/** Invitations a plan sends: new users who get one, and invitations sent again. */
export function invitationsIn(plan: Pick<Plan, 'changes'>): number {
  return plan.changes.filter((c) => c.kind === 'member' && (c.steps.includes('resend-invitation') || (c.steps.includes('invite') && !c.steps.includes('disable')))).length;
}

/** Whether the workforce's pool sends with Cognito's default sender: the spec's choice for a managed pool, else the pool's. */
export function usesDefaultSender(desired: DesiredState, live: LiveState): boolean {
  const identity = desired.workforce?.identity;
  if (identity?.type === 'cognito-managed') return identity.email === undefined;
  if (identity?.type === 'oidc') return false;
  return live.userPool?.emailSending.account !== 'DEVELOPER';
}

/** The plan-time warning when apply would send more invitations than the default sender can today. */
export function emailLimitWarning(plan: Pick<Plan, 'changes'>, desired: DesiredState, live: LiveState): string | undefined {
  const n = invitationsIn(plan);
  if (n <= DEFAULT_SENDER_DAILY_LIMIT || !usesDefaultSender(desired, live)) return undefined;
  return `the plan sends ${n} invitations, and Cognito's default sender sends at most ${DEFAULT_SENDER_DAILY_LIMIT} e-mails a day per account: apply sends what the day allows and defers the rest to the next apply`;
}
