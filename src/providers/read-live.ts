// Live state, read in bulk: one list per kind (paginated inside the ports), tags per team (none per workforce: AWS
// refuses them, A1), and the members of
// each relevant group with ListUsersInGroup — never one call per member. S3 and labeling jobs (read-buckets.ts,
// read-jobs.ts, which state their call counts) are read alongside.
import type { GroupType, UserPoolType, UserType } from '@aws-sdk/client-cognito-identity-provider';
import type { Workforce, Workteam } from '@aws-sdk/client-sagemaker';
import type { AwsPorts } from '../aws/ports.js';
import { MANAGED_POLICY_NAME } from '../core/execution-role.js';
import { INVITED_USER_ATTRIBUTE, MANAGED_USER_ATTRIBUTE, OWNERSHIP_TAG, type LiveAppClient, type LiveState, type LiveTeam, type LiveUser, type LiveUserPool, type LiveWorkforce } from '../core/live.js';
import type { ReadTargets } from '../core/plan.js';
import { MANAGED_CLIENT_NAME } from './names.js';
import { readBuckets } from './read-buckets.js';
import { readJobs, readVendorTeams } from './read-jobs.js';

/** `inventory`: also list every bucket and job of the account with its owner (`plan --show-unmanaged`; costs one Describe per job). */
export async function readLiveState(ports: AwsPorts, target: { account: string; region: string; project: string; read: ReadTargets; inventory?: boolean }): Promise<LiveState> {
  // Started first, awaited last: independent of everything below. (The no-op catch only keeps an early failure
  // below from leaving this promise's own failure unhandled; awaiting it still throws.)
  const jobsRead = readJobs(ports.sageMaker, target.read, { ...(target.inventory ? { inventory: true } : {}) });
  // A job's manifest is fixed once the job exists: prefixes whose jobs all exist are not listed (nor their objects
  // read) again; for a large text dataset that would be one GET per object on every plan.
  // A chain still to create reads its source job's output manifest, which only the job's Describe names.
  const storageRead = jobsRead.then(({ jobs }) => {
    const live = (name: string) => jobs.find((j) => j.name.toLowerCase() === name.toLowerCase());
    const prefixes = target.read.prefixes.filter((p) => p.jobs.length === 0 || !p.jobs.every((name) => live(name) !== undefined));
    const sourceOutputs = (target.read.chains ?? []).flatMap((c) => (live(c.job) === undefined ? (live(c.from)?.outputManifest ?? []) : []));
    return readBuckets(ports.s3, { ...target, read: { ...target.read, prefixes, manifests: [...new Set([...target.read.manifests, ...sourceOutputs])].sort() } });
  });
  const storageAndJobs = Promise.all([storageRead, jobsRead]);
  storageAndJobs.catch(() => undefined);
  // The managed execution role, by its fixed name: one GetRole (and GetRolePolicy), only when the specs use it.
  const roleName = target.read.executionRole;
  const roleRead = roleName ? ports.iam.getRole(roleName, MANAGED_POLICY_NAME) : Promise.resolve(undefined);
  roleRead.catch(() => undefined);
  const [workforces, workteams, vendorTeams] = await Promise.all([ports.sageMaker.listWorkforces(), ports.sageMaker.listWorkteams(), readVendorTeams(ports.sageMaker, target.read)]);
  // ListWorkforces lists vendor workforces too (aws-evidence E8): the project's is the Region's one private workforce.
  const workforce = workforces.find(isPrivate);
  const [teams, userPool] = await Promise.all([
    Promise.all(workteams.map(async (team) => toTeam(team, team.WorkteamArn ? await ports.sageMaker.listTags(team.WorkteamArn) : []))),
    readUserPool(ports, workforce, target),
  ]);
  const ownedGroups = teams.filter((t) => t.userGroup && t.tags[OWNERSHIP_TAG] === target.project).map((t) => t.userGroup!);
  const wantedGroups = [...new Set([...Object.keys(target.read.groupTeams), ...ownedGroups])];
  let groups: string[] = [];
  let users: LiveUser[] = [];
  const groupMembers: Record<string, string[]> = {};
  if (userPool) {
    // The groups' members are listed while ListUsers pages on, not after it: ListUsers is one chain of pages, each
    // waiting for the previous answer, so alone it cannot use the UserList quota once AWS takes more than ~33 ms a
    // page. (How much the group pages then fill in is up to the pacing queue: rate-limits.ts.)
    const listMembers = async (): Promise<void> => {
      groups = (await ports.cognito.listGroups(userPool.id)).flatMap((g: GroupType) => (g.GroupName ? [g.GroupName] : []));
      const existing = wantedGroups.filter((g) => groups.includes(g)).sort();
      const members = await Promise.all(existing.map((g) => ports.cognito.listUsersInGroup(userPool.id, g)));
      existing.forEach((g, i) => (groupMembers[g] = members[i]!.flatMap((u) => (u.Username ? [u.Username] : []))));
    };
    const [poolUsers] = await Promise.all([ports.cognito.listUsers(userPool.id), listMembers()]);
    users = poolUsers.map(toUser);
  }
  const [{ inventory: bucketInventory, ...storage }, { jobNames, jobs, inventory: jobInventory }] = await storageAndJobs;
  const executionRole = await roleRead;
  return {
    account: target.account,
    region: target.region,
    // Ownership is recorded on the pool: workforce ARNs take no tags (aws-evidence A1).
    ...(workforce ? { workforce: toWorkforce(workforce, workforce.CognitoConfig && userPool ? userPool.tags : {}) } : {}),
    ...(userPool ? { userPool } : {}),
    teams,
    groups,
    users,
    groupMembers,
    ...storage,
    vendorTeams,
    jobNames,
    jobs,
    ...(executionRole ? { executionRole } : {}),
    ...(target.inventory ? { inventory: { buckets: bucketInventory ?? [], jobs: jobInventory ?? [] } } : {}),
  };
}

/** A private workforce signs workers in through Cognito or OIDC; a vendor's has neither. */
function isPrivate(w: Workforce): boolean {
  return w.CognitoConfig !== undefined || w.OidcConfig !== undefined;
}

/** The workforce's pool; before the workforce exists, the managed pool found by name and our tag, or the named pool. */
async function readUserPool(ports: AwsPorts, workforce: Workforce | undefined, target: { project: string; read: ReadTargets }): Promise<LiveUserPool | undefined> {
  let poolId = workforce?.CognitoConfig?.UserPool ?? target.read.userPoolId;
  if (!poolId && !workforce && target.read.managedPoolName) {
    const named = (await ports.cognito.listUserPools()).filter((p) => p.Name === target.read.managedPoolName);
    for (const candidate of named) {
      const pool = candidate.Id ? await ports.cognito.describeUserPool(candidate.Id) : undefined;
      if (pool?.UserPoolTags?.[OWNERSHIP_TAG] === target.project) poolId = pool.Id;
    }
  }
  if (!poolId) return undefined;
  const pool = await ports.cognito.describeUserPool(poolId);
  if (!pool) return undefined;
  // An existing pool's client is the one the spec names; only a managed pool's is found by gtctl's client name.
  let clientId = workforce?.CognitoConfig?.ClientId ?? target.read.clientId;
  if (!clientId) clientId = (await ports.cognito.listUserPoolClients(poolId)).find((c) => c.ClientName === MANAGED_CLIENT_NAME)?.ClientId;
  const client = clientId ? await ports.cognito.describeUserPoolClient(poolId, clientId) : undefined;
  return toUserPool(pool, client && toClient(client));
}

function tagRecord(tags: ReadonlyArray<{ Key?: string; Value?: string }>): Record<string, string> {
  return Object.fromEntries(tags.flatMap((t) => (t.Key !== undefined ? [[t.Key, t.Value ?? '']] : [])));
}

function toWorkforce(w: Workforce, tags: Record<string, string>): LiveWorkforce {
  const o = w.OidcConfig;
  return {
    name: w.WorkforceName ?? '',
    arn: w.WorkforceArn ?? '',
    status: w.Status ?? 'Active',
    ...(w.SubDomain ? { subDomain: w.SubDomain } : {}),
    ...(w.CognitoConfig?.UserPool && w.CognitoConfig.ClientId ? { cognito: { userPool: w.CognitoConfig.UserPool, clientId: w.CognitoConfig.ClientId } } : {}),
    ...(o
      ? {
          oidc: {
            clientId: o.ClientId ?? '',
            issuer: o.Issuer ?? '',
            authorizationEndpoint: o.AuthorizationEndpoint ?? '',
            tokenEndpoint: o.TokenEndpoint ?? '',
            userInfoEndpoint: o.UserInfoEndpoint ?? '',
            logoutEndpoint: o.LogoutEndpoint ?? '',
            jwksUri: o.JwksUri ?? '',
            ...(o.Scope ? { scope: o.Scope } : {}),
            authenticationRequestExtraParams: o.AuthenticationRequestExtraParams ?? {},
          },
        }
      : {}),
    sourceIpCidrs: [...(w.SourceIpConfig?.Cidrs ?? [])].sort(),
    tags,
  };
}

function toTeam(t: Workteam, tags: ReadonlyArray<{ Key?: string; Value?: string }>): LiveTeam {
  const cognito = t.MemberDefinitions?.find((d) => d.CognitoMemberDefinition)?.CognitoMemberDefinition;
  const oidcGroups = t.MemberDefinitions?.flatMap((d) => d.OidcMemberDefinition?.Groups ?? []) ?? [];
  return {
    name: t.WorkteamName ?? '',
    arn: t.WorkteamArn ?? '',
    description: t.Description ?? '',
    ...(cognito?.UserGroup ? { userGroup: cognito.UserGroup } : {}),
    ...(cognito?.UserPool ? { userPool: cognito.UserPool } : {}),
    oidcGroups: [...oidcGroups].sort(),
    ...(t.NotificationConfiguration?.NotificationTopicArn ? { notificationTopicArn: t.NotificationConfiguration.NotificationTopicArn } : {}),
    presignedUrlSourceIp: t.WorkerAccessConfiguration?.S3Presign?.IamPolicyConstraints?.SourceIp === 'Enabled',
    ...(t.SubDomain ? { subDomain: t.SubDomain } : {}),
    tags: tagRecord(tags),
  };
}

function toUserPool(p: UserPoolType, client: LiveAppClient | undefined): LiveUserPool {
  const template = p.AdminCreateUserConfig?.InviteMessageTemplate;
  return {
    id: p.Id ?? '',
    name: p.Name ?? '',
    arn: p.Arn ?? '',
    tags: p.UserPoolTags ?? {},
    // A custom domain serves the sign-in pages as well as a prefix does (an existing pool may have only that).
    ...(p.Domain || p.CustomDomain ? { domain: (p.Domain || p.CustomDomain)! } : {}),
    usernameAttributes: p.UsernameAttributes ?? [],
    // The API's default when a pool was created without UsernameConfiguration is case-sensitive (aws-facts §6.6).
    caseSensitive: p.UsernameConfiguration?.CaseSensitive ?? true,
    ...(template ? { invitation: { ...(template.EmailSubject ? { subject: template.EmailSubject } : {}), ...(template.EmailMessage ? { message: template.EmailMessage } : {}) } } : {}),
    emailSending: {
      account: p.EmailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT',
      ...(p.EmailConfiguration?.SourceArn ? { sourceArn: p.EmailConfiguration.SourceArn } : {}),
      ...(p.EmailConfiguration?.From ? { from: p.EmailConfiguration.From } : {}),
      ...(p.EmailConfiguration?.ReplyToEmailAddress ? { replyTo: p.EmailConfiguration.ReplyToEmailAddress } : {}),
    },
    temporaryPasswordValidityDays: p.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays ?? 7,
    customAttributes: (p.SchemaAttributes ?? []).flatMap((a) => (a.Name?.startsWith('custom:') ? [a.Name.slice('custom:'.length)] : [])),
    ...(client ? { client } : {}),
  };
}

function toClient(c: NonNullable<Awaited<ReturnType<AwsPorts['cognito']['describeUserPoolClient']>>>): LiveAppClient {
  return {
    id: c.ClientId ?? '',
    name: c.ClientName ?? '',
    callbackUrls: c.CallbackURLs ?? [],
    logoutUrls: c.LogoutURLs ?? [],
    oauthFlows: c.AllowedOAuthFlows ?? [],
    oauthScopes: c.AllowedOAuthScopes ?? [],
    identityProviders: c.SupportedIdentityProviders ?? [],
    hasSecret: c.ClientSecret !== undefined,
  };
}

function toUser(u: UserType): LiveUser {
  const attribute = (name: string) => u.Attributes?.find((a) => a.Name === name)?.Value;
  const email = attribute('email');
  const displayName = attribute('name');
  const managedBy = attribute(`custom:${MANAGED_USER_ATTRIBUTE}`);
  const invited = attribute(`custom:${INVITED_USER_ATTRIBUTE}`);
  const invitedAt = invited === undefined ? undefined : invited === '' ? null : Date.parse(invited);
  return {
    username: u.Username ?? '',
    ...(email ? { email } : {}),
    ...(displayName ? { displayName } : {}),
    enabled: u.Enabled ?? true,
    status: u.UserStatus ?? 'UNKNOWN',
    modifiedAt: (u.UserLastModifiedDate ?? u.UserCreateDate)?.getTime() ?? 0,
    ...(managedBy ? { managedBy } : {}),
    ...(invitedAt !== undefined && !Number.isNaN(invitedAt) ? { invitedAt } : {}),
  };
}
