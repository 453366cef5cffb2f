// The private workforce: create (with a managed Cognito pool, app client and domain), update in place what AWS
// allows (source CIDRs, OIDC settings while no team exists, invitation template and e-mail sending, portal URLs,
// the ownership and other tags, which live on the pool), block the rest.
import { address } from '../address.js';
import { invitationWithPortal } from '../invitation.js';
import { GTCTL_USER_ATTRIBUTES, OWNERSHIP_TAG, WORKFORCE_OWNERSHIP_TAG, type LiveState, type LiveUserPool, type LiveWorkforce } from '../live.js';
import type { EmailSending, Project, Workforce } from '../model.js';
import type { BlockedCode, FieldDiff, WorkforcePart } from '../plan.js';
import type { KindPlan } from './kind-plan.js';
import { desiredTags, ownershipOf } from './ownership.js';
import { claim, OURS } from './pairing.js';
import { fieldDiffs, tagDiffs } from './values.js';

/** Where Cognito sends workers back after sign-in and sign-out: the workforce's portal (aws-facts §6.1). */
export function portalUrls(subDomain: string): { callbackUrl: string; logoutUrl: string } {
  return { callbackUrl: `https://${subDomain}/oauth2/idpresponse`, logoutUrl: `https://${subDomain}/logout` };
}

/**
 * The app client's URL lists with the portal's added. SageMaker writes the client itself when a workforce or team is
 * created, and what it writes is unknown (aws-evidence E6); the user may have added URLs of their own. gtctl only
 * ensures the portal's are there and never removes one, so whatever SageMaker writes, the plan settles.
 */
export function withPortalUrls(client: { callbackUrls: readonly string[]; logoutUrls: readonly string[] }, subDomain: string): { callbackUrls: string[]; logoutUrls: string[] } {
  const { callbackUrl, logoutUrl } = portalUrls(subDomain);
  const add = (urls: readonly string[], url: string) => (urls.includes(url) ? [...urls] : [...urls, url]);
  return { callbackUrls: add(client.callbackUrls, callbackUrl), logoutUrls: add(client.logoutUrls, logoutUrl) };
}

/** What the pool's EmailConfiguration should say: SES when the spec asks for it, else Cognito's default sender. */
export function emailConfiguration(email: EmailSending | undefined): { account: string; sourceArn?: string; from?: string; replyTo?: string } {
  return email ? { account: 'DEVELOPER', sourceArn: email.sourceArn, ...(email.from ? { from: email.from } : {}), ...(email.replyTo ? { replyTo: email.replyTo } : {}) } : { account: 'COGNITO_DEFAULT' };
}

export function planWorkforce(desired: Workforce | undefined, project: Project, live: LiveState): KindPlan {
  if (!desired) return { changes: [], noOps: 0 };
  // The tags live on the pool (A1); an existing pool records the workforce's owner under its own key, unless it is
  // a pool this project made (an imported managed workforce names its pool by id): its own tag already says so.
  const madeByProject = live.userPool?.tags[OWNERSHIP_TAG] === project.name;
  const ownerTag = desired.identity.type === 'cognito-existing' && !madeByProject ? WORKFORCE_OWNERSHIP_TAG : OWNERSHIP_TAG;
  const tags = ownerTag === OWNERSHIP_TAG ? desiredTags(project, desired.tags) : (({ [OWNERSHIP_TAG]: _own, ...rest }) => ({ ...rest, [ownerTag]: project.name }))(desiredTags(project, desired.tags));
  const base = { address: address.workforce(desired.name), kind: 'workforce' as const, workforce: desired, dependsOn: [], tags };
  const blocked = (blockedBy: BlockedCode, reasons: string[], diff: FieldDiff[] = []): KindPlan => ({
    changes: [{ ...base, action: 'blocked', blockedBy, diff, reasons, parts: [], removeTags: [] }],
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
      if (problem) return blocked('user-pool-not-ready', [problem]);
      // The changes gtctl makes to a pool it does not own, one that cannot be undone: the reviewer must see them.
      const missing = GTCTL_USER_ATTRIBUTES.filter((a) => !live.userPool!.customAttributes.includes(a));
      if (missing.length > 0) {
        diff.push(managedAttributeDiff(missing));
        reasons.push(managedAttributeReason(missing, `user pool ${desired.identity.userPoolId}`));
      }
      // Ownership of a workforce is recorded on its pool (A1): an existing pool gets the project's tag.
      diff.push({ path: `tags.${WORKFORCE_OWNERSHIP_TAG}`, after: project.name });
      reasons.push(`tag user pool ${desired.identity.userPoolId} ${WORKFORCE_OWNERSHIP_TAG}=${project.name}: it records that this project manages the workforce`);
    }
    return { changes: [{ ...base, action: 'create', diff, reasons, parts: [], removeTags: [] }], noOps: 0 };
  }
  if (current.name !== desired.name)
    return blocked('workforce-exists', [`the Region already has workforce "${current.name}" and AWS allows one per Region: name the Workforce "${current.name}" (and set \`metadata.adopt: true\` for gtctl to manage it)`]);
  // Ownership is the pool's tag (AWS takes none on the workforce: A1). An OIDC workforce has no pool and nothing AWS
  // lets gtctl record: it is the project's by declaration (gtctl never deletes a workforce, and blocks what cannot
  // change in place).
  // Either record counts: a spec moving from an existing pool to `managed` (or back) is then blocked for its reason.
  const owner = current.tags[ownerTag] ?? current.tags[ownerTag === OWNERSHIP_TAG ? WORKFORCE_OWNERSHIP_TAG : OWNERSHIP_TAG];
  const ownership: Record<string, string> = owner === undefined ? {} : { [OWNERSHIP_TAG]: owner };
  const claimed = current.oidc ? { claimed: OURS } : claim('workforce', current.name, ownership, project.name, desired.adopt);
  if ('clash' in claimed) return blocked(claimed.clash.code, [claimed.clash.reason]);
  const identityProblem = identityMismatch(desired, current, live.userPool, project.name);
  if (identityProblem) return blocked('immutable', [identityProblem.reason], identityProblem.diff);

  const diff: FieldDiff[] = [];
  const parts: WorkforcePart[] = [];
  const reasons: string[] = [...claimed.claimed.lead];
  const add = (part: WorkforcePart, diffs: FieldDiff[], reason?: string) => {
    if (diffs.length === 0) return;
    diff.push(...diffs);
    parts.push(part);
    if (reason !== undefined) reasons.push(reason);
  };
  add('sourceIpCidrs', fieldDiffs(['sourceIpCidrs'], { sourceIpCidrs: [...current.sourceIpCidrs].sort() }, { sourceIpCidrs: desired.sourceIpCidrs }), 'allowed source CIDRs changed');
  if (desired.identity.type === 'oidc' && current.oidc) {
    const { clientSecretEnv: _secret, ...wanted } = desired.identity;
    const { type: _type, ...wantedFields } = wanted;
    const oidcDiff = fieldDiffs(OIDC_FIELDS, current.oidc, wantedFields).map((d) => ({ ...d, path: `oidc.${d.path}` }));
    if (oidcDiff.length > 0 && live.teams.length > 0)
      return blocked('oidc-teams-exist', ['OIDC settings can change only while the workforce has no work teams (AWS rule); delete the teams first or keep the settings'], oidcDiff);
    add('oidc', oidcDiff, `OIDC settings changed; ${secretNote(desired.identity.clientSecretEnv)}`);
  }
  if (desired.identity.type === 'cognito-managed' && live.userPool) {
    const invitation = live.userPool.invitation ?? {};
    const message = current.subDomain ? invitationWithPortal(desired.identity.invitation.message, current.subDomain) : desired.identity.invitation.message;
    add(
      'invitation',
      fieldDiffs(['invitation.subject', 'invitation.message'], { 'invitation.subject': invitation.subject, 'invitation.message': invitation.message }, { 'invitation.subject': desired.identity.invitation.subject, 'invitation.message': message }),
      'invitation e-mail changed',
    );
    const { account, sourceArn, from, replyTo } = live.userPool.emailSending;
    const wanted = emailConfiguration(desired.identity.email);
    add('email', fieldDiffs(['email.account', 'email.sourceArn', 'email.from', 'email.replyTo'], { 'email.account': account, 'email.sourceArn': sourceArn, 'email.from': from, 'email.replyTo': replyTo }, { 'email.account': wanted.account, 'email.sourceArn': wanted.sourceArn, 'email.from': wanted.from, 'email.replyTo': wanted.replyTo }), wanted.account === 'DEVELOPER' ? 'send invitations through Amazon SES' : 'send invitations with Cognito\'s default sender (50 a day)');
    const client = live.userPool.client;
    if (client && current.subDomain) {
      add(
        'portalUrls',
        fieldDiffs(['callbackUrls', 'logoutUrls'], { callbackUrls: client.callbackUrls, logoutUrls: client.logoutUrls }, withPortalUrls(client, current.subDomain)),
        'app client callback and sign-out URLs must include the labeling portal\'s',
      );
    }
  }
  const missingAttributes = desired.identity.type !== 'oidc' && live.userPool ? GTCTL_USER_ATTRIBUTES.filter((a) => !live.userPool!.customAttributes.includes(a)) : [];
  if (missingAttributes.length > 0) add('managedAttribute', [managedAttributeDiff(missingAttributes)], managedAttributeReason(missingAttributes, 'the user pool'));
  // An OIDC workforce has nowhere to keep tags (no pool; the workforce refuses them): its spec tags are not applied.
  // An existing pool's own tags are its owner's: gtctl adds its record and the spec's tags, and removes none.
  const tagChanges = current.oidc ? { diff: [], remove: [] } : tagDiffs(current.tags, ownerTag === OWNERSHIP_TAG ? tags : { ...current.tags, ...tags });
  add('tags', tagChanges.diff, claimed.claimed.retagged(tagChanges.diff) ? 'tags changed' : undefined);
  if (diff.length === 0) return { changes: [], noOps: 1 };
  return { changes: [{ ...base, action: 'update', diff, reasons, parts, removeTags: tagChanges.remove }], noOps: 0 };
}

/** The variable's name only: the secret is never in a plan. */
function secretNote(variable: string): string {
  return `the OIDC client secret is read from the environment variable ${variable} when applied`;
}

function managedAttributeDiff(missing: readonly string[]): FieldDiff {
  return { path: 'userPool.customAttributes', after: missing.map((a) => `custom:${a}`).join(', ') };
}

function managedAttributeReason(missing: readonly string[], pool: string): string {
  return `add the custom attribute(s) ${missing.map((a) => `custom:${a}`).join(', ')} to ${pool}: they record which users gtctl manages and when it invited them (Cognito attributes cannot be removed)`;
}

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
