// The private workforce: create (with a managed Cognito pool, app client and domain), update in place what AWS
// allows (source CIDRs, OIDC settings while no team exists, invitation template, portal URLs, tags), block the rest.
import { address } from '../address.js';
import { MANAGED_USER_ATTRIBUTE, type LiveState, type LiveUserPool, type LiveWorkforce } from '../live.js';
import type { Project, Workforce } from '../model.js';
import type { FieldDiff, WorkforceChange, WorkforcePart } from '../plan.js';
import type { KindPlan } from './kind-plan.js';
import { clashReason, desiredTags, ownershipOf } from './ownership.js';
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
    if (desired.identity.type === 'cognito-existing' && !live.userPool)
      return blocked([`user pool ${desired.identity.userPoolId} does not exist in ${live.region}`]);
    const change: WorkforceChange = {
      ...base,
      action: 'create',
      diff: createDiff(desired),
      reasons: [desired.identity.type === 'cognito-managed' ? 'create the user pool, app client, domain and workforce' : 'create the workforce'],
      parts: [],
      removeTags: [],
    };
    return { changes: [change], noOps: 0 };
  }
  if (current.name !== desired.name)
    return blocked([`the Region already has workforce "${current.name}" and AWS allows one per Region: name the Workforce "${current.name}", or adopt it with \`gtctl import\``]);
  const ownership = ownershipOf(current.tags, project.name);
  if (ownership !== 'ours') return blocked([clashReason('workforce', current.name, ownership, current.tags)]);
  const identityProblem = identityMismatch(desired, current, live.userPool);
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
    if (oidcDiff.length > 0 && live.teams.some((t) => t.oidcGroups.length > 0))
      return blocked(['OIDC settings can change only while the workforce has no work teams (AWS rule); delete the teams first or keep the settings'], oidcDiff);
    add('oidc', oidcDiff, 'OIDC settings changed');
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
    add('managedAttribute', [{ path: 'userPool.customAttributes', after: `custom:${MANAGED_USER_ATTRIBUTE}` }], 'add a custom attribute that records which users gtctl manages');
  }
  const tagChanges = tagDiffs(current.tags, tags);
  add('tags', tagChanges.diff, 'tags changed');
  if (diff.length === 0) return { changes: [], noOps: 1 };
  return { changes: [{ ...base, action: 'update', diff, reasons, parts, removeTags: tagChanges.remove }], noOps: 0 };
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
function identityMismatch(desired: Workforce, current: LiveWorkforce, pool: LiveUserPool | undefined): { reason: string; diff: FieldDiff[] } | undefined {
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
  if (id.type === 'cognito-managed' && pool && pool.domain !== undefined && pool.domain !== id.domain) {
    return { reason: `the managed user pool's domain is "${pool.domain}"; changing a domain prefix is not supported`, diff: [{ path: 'domain', before: pool.domain, after: id.domain }] };
  }
  return undefined;
}
