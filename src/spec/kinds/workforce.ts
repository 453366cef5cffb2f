import type { Workforce, WorkforceIdentity } from '../../core/model.js';
import type { WorkforceDocument } from '../written.js';

export const DEFAULT_INVITATION_SUBJECT = "You're invited to work on a labeling project";

/**
 * Cognito needs `{username}` and `{####}` (the temporary password) in the template, or it does not deliver the
 * invitation at all (aws-facts §6.6).
 */
export function invitationMessage(organizationName: string | undefined, contactEmail: string | undefined): string {
  const who = organizationName ? `${organizationName} has invited you` : "You've been invited";
  const contact = contactEmail ? `<p>Questions? Contact ${contactEmail}.</p>` : '';
  return (
    `<p>Hi,</p><p>${who} to work on a labeling project.</p>` +
    `<p>Sign in with the username <b>{username}</b> and the temporary password <b>{####}</b>; ` +
    `you will be asked to choose a new password.</p>${contact}`
  );
}

/** Requires exactly one of `cognito` / `oidc` (the rules report the other cases and the result is then unused). */
export function normalizeWorkforce(written: WorkforceDocument, projectName: string): Workforce {
  const spec = written.spec ?? {};
  return {
    name: written.metadata.name,
    identity: identityOf(spec, projectName),
    sourceIpCidrs: [...(spec.sourceIpCidrs ?? [])].sort(),
    tags: spec.tags ?? {},
    adopt: written.metadata.adopt ?? false,
  };
}

function identityOf(spec: NonNullable<WorkforceDocument['spec']>, projectName: string): WorkforceIdentity {
  if (spec.oidc) {
    const { authenticationRequestExtraParams, scope, ...oidc } = spec.oidc;
    return { type: 'oidc', ...oidc, ...(scope ? { scope } : {}), authenticationRequestExtraParams: authenticationRequestExtraParams ?? {} };
  }
  const cognito = spec.cognito ?? { userPool: 'managed' };
  if (cognito.userPool === 'managed') {
    return {
      type: 'cognito-managed',
      poolName: cognito.poolName ?? `gtctl-${projectName}`,
      domain: cognito.domain ?? '',
      invitation: {
        subject: spec.invitation?.subject ?? DEFAULT_INVITATION_SUBJECT,
        message: spec.invitation?.message ?? invitationMessage(spec.invitation?.organizationName, spec.invitation?.contactEmail),
      },
      ...(spec.email
        ? { email: { sourceArn: spec.email.sesSourceArn, ...(spec.email.from ? { from: spec.email.from } : {}), ...(spec.email.replyTo ? { replyTo: spec.email.replyTo } : {}) } }
        : {}),
    };
  }
  return {
    type: 'cognito-existing',
    userPoolId: cognito.userPool,
    clientId: cognito.clientId ?? '',
    ...(cognito.domain ? { domain: cognito.domain } : {}),
  };
}
