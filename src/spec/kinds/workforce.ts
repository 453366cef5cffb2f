import type { Workforce, WorkforceIdentity } from '../../core/model.js';
import type { WorkforceDocument } from '../written.js';
import { writtenDocument, writtenList, writtenTags } from './envelope.js';

type WorkforceSpec = NonNullable<WorkforceDocument['spec']>;

/** `cognito.userPool` for a pool gtctl creates and owns; anything else is an existing pool's id. */
const MANAGED_POOL = 'managed';

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

function identityOf(spec: WorkforceSpec, projectName: string): WorkforceIdentity {
  if (spec.oidc) {
    const { authenticationRequestExtraParams, scope, ...oidc } = spec.oidc;
    return { type: 'oidc', ...oidc, ...(scope ? { scope } : {}), authenticationRequestExtraParams: authenticationRequestExtraParams ?? {} };
  }
  const cognito = spec.cognito ?? { userPool: MANAGED_POOL };
  if (cognito.userPool === MANAGED_POOL) {
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

/**
 * The inverse of normalizeWorkforce. A managed pool's invitation is written as resolved (its subject and message),
 * not as the organization and contact the message may have been made from.
 */
export function writeWorkforce(workforce: Workforce): WorkforceDocument {
  const spec: WorkforceSpec = { ...writtenIdentity(workforce.identity), ...writtenList('sourceIpCidrs', workforce.sourceIpCidrs), ...writtenTags(workforce.tags) };
  return writtenDocument('Workforce', workforce.name, spec, workforce.adopt);
}

function writtenIdentity(identity: WorkforceIdentity): WorkforceSpec {
  switch (identity.type) {
    case 'oidc': {
      const params = identity.authenticationRequestExtraParams;
      return {
        oidc: {
          clientId: identity.clientId,
          clientSecretEnv: identity.clientSecretEnv,
          issuer: identity.issuer,
          authorizationEndpoint: identity.authorizationEndpoint,
          tokenEndpoint: identity.tokenEndpoint,
          userInfoEndpoint: identity.userInfoEndpoint,
          logoutEndpoint: identity.logoutEndpoint,
          jwksUri: identity.jwksUri,
          ...(identity.scope ? { scope: identity.scope } : {}),
          ...(Object.keys(params).length ? { authenticationRequestExtraParams: { ...params } } : {}),
        },
      };
    }
    case 'cognito-existing':
      // An empty client id is what normalizing a spec without one gives: the rules ask for it, import may lack it.
      return { cognito: { userPool: identity.userPoolId, ...(identity.clientId ? { clientId: identity.clientId } : {}), ...(identity.domain ? { domain: identity.domain } : {}) } };
    case 'cognito-managed': {
      const { email } = identity;
      return {
        cognito: { userPool: MANAGED_POOL, ...(identity.domain ? { domain: identity.domain } : {}), poolName: identity.poolName },
        invitation: { subject: identity.invitation.subject, message: identity.invitation.message },
        ...(email ? { email: { sesSourceArn: email.sourceArn, ...(email.from ? { from: email.from } : {}), ...(email.replyTo ? { replyTo: email.replyTo } : {}) } } : {}),
      };
    }
  }
}
