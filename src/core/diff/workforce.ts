// The private workforce: create (with a managed Cognito pool, app client and domain), update in place what AWS
// allows (source CIDRs, OIDC settings while no team exists, invitation template, portal URLs, tags), block the rest.
import { address } from '../address.js';
import { MANAGED_USER_ATTRIBUTE, OWNERSHIP_TAG, type LiveState, type LiveUserPool, type LiveWorkforce } from '../live.js';
import type { Project, Workforce } from '../model.js';
import type { FieldDiff, WorkforcePart } from '../plan.js';
import type { KindPlan } from './kind-plan.js';
import { adoptReason, claimOf, clashReason, desiredTags, otherTagChanges, ownershipOf } from './ownership.js';
import { fieldDiffs, tagDiffs } from './values.js';

/** Where Cognito sends workers back after sign-in and sign-out: the workforce's portal (aws-facts §6.1). */
export function portalUrls(subDomain: string): { callbackUrl: string; logoutUrl: string } {
  return { callbackUrl: `https://${subDomain}/oauth2/idpresponse`, logoutUrl: `https://${subDomain}/logout` };
}

export function planWorkforce(desired: Workforce | undefined, project: Project, live: LiveState): KindPlan {
  if (!desired) return { changes: [], noOps: 0 };
  const tags = desiredTags(project, desired.tags);
  const base = { address: address.workforce(desired.name), kind: 'workforce' as const, workforce: desired, dependsOn: [], tags };
  const blocked = (reasons: string[], diff: FieldDiff[] = []): KindPlan => ({
    changes: [{ ...base, action: 'blocked', diff, reasons, parts: [], removeTags: [] }],
    noOps: 0,
  });
  const current = live.workforce;
  if (!current) {
    const diff = createDiff(desired);
    const reasons = [desired.identity.type === 'cognito-managed' ? 'create the user pool, app client, domain and workforce' : 'create the workforce'];
    // Plans are often made where the secret is not (a pull request): say where apply will need it.
    if (desired.identity.type === 'oidc') reasons.push(secretNote(desired.identity.clientSecretEnv));
    if (desired.identity.type === 'cognito-existing') {
      const problem = existingPoolProblem(desired.identity, live);
      if (problem) return blocked([problem]);
      // The one change gtctl makes to a pool it does not own, and one that cannot be undone: the reviewer must see it.
      if (!live.userPool!.customAttributes.includes(MANAGED_USER_ATTRIBUTE)) {
        diff.push(managedAttributeDiff);
        reasons.push(`add the custom attribute custom:${MANAGED_USER_ATTRIBUTE} to user pool ${desired.identity.userPoolId}: it records which users gtctl manages (Cognito attributes cannot be removed)`);
      }
    }
    return { changes: [{ ...base, action: 'create', diff, reasons, parts: [], removeTags: [] }], noOps: 0 };
  }
  if (current.name !== desired.name)
    return blocked([`the Region already has workforce "${current.name}" and AWS allows one per Region: name the Workforce "${current.name}" (and tag it ${OWNERSHIP_TAG}=${project.name} for gtctl to manage it)`]);
  const claim = claimOf(current.tags, project.name, desired.adopt);
  if (claim !== 'ours' && claim !== 'adopt') return blocked([clashReason('workforce', current.name, claim, current.tags, desired.adopt)]);
  const identityProblem = identityMismatch(desired, current, live.userPool, project.name);
  if (identityProblem) return blocked([identityProblem.reason], identityProblem.diff);

  const diff: FieldDiff[] = [];
  const parts: WorkforcePart[] = [];
  const reasons: string[] = [];
  const add = (part: WorkforcePart, diffs: FieldDiff[], reason: string) => {
    if (diffs.length === 0) return;
    diff.push(...diffs);
    parts.push(part);
    reasons.push(reason);
  };
  add('sourceIpCidrs', fieldDiffs(['sourceIpCidrs'], { sourceIpCidrs: [...current.sourceIpCidrs].sort() }, { sourceIpCidrs: desired.sourceIpCidrs }), 'allowed source CIDRs changed');
  if (desired.identity.type === 'oidc' && current.oidc) {
    const { clientSecretEnv: _secret, ...wanted } = desired.identity;
    const { type: _type, ...wantedFields } = wanted;
    const oidcDiff = fieldDiffs(OIDC_FIELDS, current.oidc, wantedFields).map((d) => ({ ...d, path: `oidc.${d.path}` }));
    if (oidcDiff.length > 0 && live.teams.length > 0)
      return blocked(['OIDC settings can change only while the workforce has no work teams (AWS rule); delete the teams first or keep the settings'], oidcDiff);
    add('oidc', oidcDiff, `OIDC settings changed; ${secretNote(desired.identity.clientSecretEnv)}`);
  }
  if (desired.identity.type === 'cognito-managed' && live.userPool) {
    const invitation = live.userPool.invitation ?? {};
    add(
      'invitation',
      fieldDiffs(['invitation.subject', 'invitation.message'], { 'invitation.subject': invitation.subject, 'invitation.message': invitation.message }, { 'invitation.subject': desired.identity.invitation.subject, 'invitation.message': desired.identity.invitation.message }),
      'invitation e-mail changed',
    );
    const client = live.userPool.client;
    if (client && current.subDomain) {
      const urls = portalUrls(current.subDomain);
      add(
        'portalUrls',
        fieldDiffs(['callbackUrls', 'logoutUrls'], { callbackUrls: client.callbackUrls, logoutUrls: client.logoutUrls }, { callbackUrls: [urls.callbackUrl], logoutUrls: [urls.logoutUrl] }),
        'app client callback and sign-out URLs must point at the labeling portal',
      );
    }
  }
  if (desired.identity.type !== 'oidc' && live.userPool && !live.userPool.customAttributes.includes(MANAGED_USER_ATTRIBUTE)) {
    add('managedAttribute', [managedAttributeDiff], `add the custom attribute custom:${MANAGED_USER_ATTRIBUTE} to the user pool: it records which users gtctl manages (Cognito attributes cannot be removed)`);
  }
  const tagChanges = tagDiffs(current.tags, tags);
  add('tags', tagChanges.diff, claim === 'adopt' && !otherTagChanges(tagChanges.diff) ? adoptReason(project.name) : 'tags changed');
  if (claim === 'adopt' && reasons[0] !== adoptReason(project.name)) reasons.unshift(adoptReason(project.name));
  if (diff.length === 0) return { changes: [], noOps: 1 };
  return { changes: [{ ...base, action: 'update', diff, reasons, parts, removeTags: tagChanges.remove }], noOps: 0 };
}

/** The variable's name only: the secret is never in a plan. */
function secretNote(variable: string): string {
  return `the OIDC client secret is read from the environment variable ${variable} when applied`;
}

const managedAttributeDiff: FieldDiff = { path: 'userPool.customAttributes', after: `custom:${MANAGED_USER_ATTRIBUTE}` };

/**
 * An existing pool is referenced, not built: before a workforce is created on it, the pool, the named app client
 * (with the secret Ground Truth signs in with) and the domain it signs workers in through must be there, or
 * CreateWorkforce fails halfway through an apply (aws-facts §6.1). gtctl changes none of them.
 */
function existingPoolProblem(identity: Extract<Workforce['identity'], { type: 'cognito-existing' }>, live: LiveState): string | undefined {
  const pool = live.userPool;
  const id = identity.userPoolId;
  if (!pool) return `user pool ${id} does not exist in ${live.region}`;
  if (!pool.client) return `app client ${identity.clientId} does not exist in user pool ${id}`;
  if (!pool.client.hasSecret) return `app client ${identity.clientId} has no client secret, which Ground Truth needs; a secret cannot be added to a client: create one with "Generate client secret" and name it in \`clientId\``;
  if (!pool.domain) return `user pool ${id} has no domain, through which Ground Truth signs workers in: add a domain to the pool, then plan again`;
  if (identity.domain !== undefined && identity.domain !== pool.domain) return `user pool ${id} has the domain "${pool.domain}", the spec says "${identity.domain}"; gtctl does not change the domain of a pool it does not manage`;
  return undefined;
}

const OIDC_FIELDS = ['clientId', 'issuer', 'authorizationEndpoint', 'tokenEndpoint', 'userInfoEndpoint', 'logoutEndpoint', 'jwksUri', 'scope', 'authenticationRequestExtraParams'] as const;

function createDiff(desired: Workforce): FieldDiff[] {
  const identity = desired.identity;
  const fields: FieldDiff[] = [{ path: 'identity', after: identity.type }];
  if (identity.type === 'cognito-managed') fields.push({ path: 'userPool', after: identity.poolName }, { path: 'domain', after: identity.domain });
  if (identity.type === 'cognito-existing') fields.push({ path: 'userPool', after: identity.userPoolId }, { path: 'clientId', after: identity.clientId });
  if (identity.type === 'oidc') fields.push({ path: 'oidc.issuer', after: identity.issuer }, { path: 'oidc.clientId', after: identity.clientId });
  if (desired.sourceIpCidrs.length) fields.push({ path: 'sourceIpCidrs', after: desired.sourceIpCidrs });
  return fields;
}

/** The Cognito config is not updatable (no CognitoConfig in UpdateWorkforce; aws-facts §1.1): a change is blocked. */
function identityMismatch(desired: Workforce, current: LiveWorkforce, pool: LiveUserPool | undefined, project: string): { reason: string; diff: FieldDiff[] } | undefined {
  const id = desired.identity;
  const liveType = current.oidc ? 'oidc' : 'cognito';
  const wantType = id.type === 'oidc' ? 'oidc' : 'cognito';
  const recreate = 'it cannot change in place: AWS needs the workforce deleted and created again, which removes every team';
  if (liveType !== wantType) return { reason: `the workforce uses ${liveType}, the spec asks for ${wantType}; ${recreate}`, diff: [{ path: 'identity', before: liveType, after: wantType }] };
  if (id.type === 'cognito-existing' && current.cognito && (current.cognito.userPool !== id.userPoolId || current.cognito.clientId !== id.clientId)) {
    return {
      reason: `the workforce uses user pool ${current.cognito.userPool} (client ${current.cognito.clientId}); ${recreate}`,
      diff: [{ path: 'userPool', before: `${current.cognito.userPool}/${current.cognito.clientId}`, after: `${id.userPoolId}/${id.clientId}` }],
    };
  }
  if (id.type === 'cognito-existing' && id.domain !== undefined && pool?.domain !== undefined && pool.domain !== id.domain) {
    return { reason: `user pool ${pool.id} has the domain "${pool.domain}"; gtctl does not change the domain of a pool it does not manage`, diff: [{ path: 'domain', before: pool.domain, after: id.domain }] };
  }
  // `managed` on a pool gtctl did not create would let it rewrite someone else's invitation and app client.
  if (id.type === 'cognito-managed' && pool && ownershipOf(pool.tags, project) !== 'ours') {
    return { reason: `the workforce uses user pool ${pool.id} ("${pool.name}"), which gtctl does not manage; ${recreate}, or name the pool and its client in the spec`, diff: [{ path: 'userPool', before: pool.id, after: 'managed' }] };
  }
  if (id.type === 'cognito-managed' && pool && pool.name !== id.poolName) {
    return { reason: `the managed user pool is named "${pool.name}"; a user pool cannot be renamed`, diff: [{ path: 'poolName', before: pool.name, after: id.poolName }] };
  }
  if (id.type === 'cognito-managed' && pool && pool.domain !== undefined && pool.domain !== id.domain) {
    return { reason: `the managed user pool's domain is "${pool.domain}"; changing a domain prefix is not supported`, diff: [{ path: 'domain', before: pool.domain, after: id.domain }] };
  }
  return undefined;
}
