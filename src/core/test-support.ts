// Builders for core tests: each test states only what differs from these defaults.
import { builtInLambdas } from './catalog.js';
import type { ImportInput } from './import.js';
import type { LabelingJobRequest } from './jobs/request.js';
import { GTCTL_USER_ATTRIBUTES, OWNERSHIP_TAG, type LiveJob, type LiveState, type LiveTeam, type LiveUser, type LiveWorkforce, type LiveUserPool } from './live.js';
import { invitationWithPortal } from './invitation.js';
import { createHash } from 'node:crypto';
import type { LiveBucket } from './live.js';
import type { Bucket, BucketObject, DesiredState, Member, Project, TaskType, Team, Workforce } from './model.js';

export const PROJECT = 'proj';
export const NOW = Date.UTC(2026, 10, 26);
const DAY = 86_400_000;

export function aProject(overrides: Partial<Project> = {}): Project {
  return { name: PROJECT, region: 'us-east-1', policies: { unlistedUsers: 'keep' }, tags: {}, ...overrides };
}

export function aManagedWorkforce(overrides: Partial<Workforce> = {}): Workforce {
  return {
    name: 'default',
    identity: { type: 'cognito-managed', poolName: `gtctl-${PROJECT}`, domain: 'proj-labeling', invitation: { subject: 'Join', message: 'Hi {username} {####}' } },
    sourceIpCidrs: [],
    tags: {},
    adopt: false,
    ...overrides,
  };
}

export function aTeam(name: string, overrides: Partial<Team> = {}): Team {
  return { name, description: name, members: [], userGroup: name, oidcGroups: [name], presignedUrlSourceIp: false, tags: {}, adopt: false, ...overrides };
}

export function aMember(email: string, overrides: Partial<Member> = {}): Member {
  return { email, teams: [], disabled: false, ...overrides };
}

/** Desired state whose members are derived from the teams' member lists (as the loader does). */
export function desiredState(parts: { project?: Project; workforce?: Workforce | null; teams?: Team[]; members?: Member[]; buckets?: Bucket[] } = {}): DesiredState {
  const teams = parts.teams ?? [];
  const members = new Map<string, Member>((parts.members ?? []).map((m) => [m.email, m]));
  for (const team of teams) {
    for (const email of team.members) {
      const m = members.get(email) ?? aMember(email);
      members.set(email, { ...m, teams: [...new Set([...m.teams, team.name])].sort() });
    }
  }
  return {
    project: parts.project ?? aProject(),
    ...(parts.workforce === null ? {} : { workforce: parts.workforce ?? aManagedWorkforce() }),
    teams,
    members: [...members.values()].sort((a, b) => (a.email < b.email ? -1 : 1)),
    buckets: parts.buckets ?? [],
    jobs: [],
  };
}

export function aLiveWorkforce(overrides: Partial<LiveWorkforce> = {}): LiveWorkforce {
  return {
    name: 'default',
    arn: 'arn:aws:sagemaker:us-east-1:000000000000:workforce/default',
    status: 'Active',
    subDomain: 'abc123.labeling.us-east-1.sagemaker.aws',
    cognito: { userPool: 'us-east-1_pool', clientId: 'client' },
    sourceIpCidrs: [],
    tags: { [OWNERSHIP_TAG]: PROJECT },
    ...overrides,
  };
}

export function aLivePool(overrides: Partial<LiveUserPool> = {}): LiveUserPool {
  return {
    id: 'us-east-1_pool',
    name: `gtctl-${PROJECT}`,
    arn: 'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_pool',
    tags: { [OWNERSHIP_TAG]: PROJECT },
    domain: 'proj-labeling',
    usernameAttributes: ['email'],
    caseSensitive: false,
    // What gtctl leaves in the pool for the desired workforce above: the portal's address added (core/invitation.ts).
    invitation: { subject: 'Join', message: invitationWithPortal('Hi {username} {####}', 'abc123.labeling.us-east-1.sagemaker.aws') },
    emailSending: { account: 'COGNITO_DEFAULT' },
    temporaryPasswordValidityDays: 7,
    customAttributes: [...GTCTL_USER_ATTRIBUTES],
    client: {
      id: 'client',
      name: 'gtctl',
      callbackUrls: ['https://abc123.labeling.us-east-1.sagemaker.aws/oauth2/idpresponse'],
      logoutUrls: ['https://abc123.labeling.us-east-1.sagemaker.aws/logout'],
      oauthFlows: ['code', 'implicit'],
      oauthScopes: ['email', 'openid', 'profile'],
      identityProviders: ['COGNITO'],
      hasSecret: true,
    },
    ...overrides,
  };
}

export function aLiveTeam(name: string, overrides: Partial<LiveTeam> = {}): LiveTeam {
  return {
    name,
    arn: `arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/${name}`,
    description: name,
    userGroup: name,
    userPool: 'us-east-1_pool',
    oidcGroups: [],
    presignedUrlSourceIp: false,
    tags: { [OWNERSHIP_TAG]: PROJECT },
    ...overrides,
  };
}

export function aLiveUser(email: string, overrides: Partial<LiveUser> = {}): LiveUser {
  return { username: `id-${email}`, email, enabled: true, status: 'CONFIRMED', modifiedAt: NOW - DAY, managedBy: PROJECT, ...overrides };
}

/** A live account: the managed workforce and pool exist unless overridden; `members` maps group -> e-mails. */
export function liveState(parts: { workforce?: LiveWorkforce | null; userPool?: LiveUserPool | null; teams?: LiveTeam[]; users?: LiveUser[]; members?: Record<string, string[]>; buckets?: LiveBucket[]; objects?: LiveState['objects'] } = {}): LiveState {
  const users = parts.users ?? [];
  const usernameOf = (email: string) => users.find((u) => u.email === email)?.username ?? `id-${email}`;
  return {
    account: '000000000000',
    region: 'us-east-1',
    ...(parts.workforce === null ? {} : { workforce: parts.workforce ?? aLiveWorkforce() }),
    ...(parts.userPool === null ? {} : { userPool: parts.userPool ?? aLivePool() }),
    teams: parts.teams ?? [],
    groups: (parts.teams ?? []).flatMap((t) => (t.userGroup ? [t.userGroup] : [])),
    users,
    groupMembers: Object.fromEntries(Object.entries(parts.members ?? {}).map(([g, emails]) => [g, emails.map(usernameOf)])),
    buckets: parts.buckets ?? [],
    objects: parts.objects ?? {},
    prefixes: {},
    manifests: {},
    imageBucketCors: {},
    vendorTeams: [],
    jobNames: [],
    jobs: [],
  };
}

export function anObject(key: string, content: string): BucketObject {
  const body = Buffer.from(content, 'utf8');
  return { key, bodyBase64: body.toString('base64'), sha256: createHash('sha256').update(body).digest('hex'), contentType: 'text/plain' };
}

export function aBucket(name: string, overrides: Partial<Bucket> = {}): Bucket {
  return {
    name,
    cors: [{ allowedMethods: ['GET'], allowedOrigins: ['*'], allowedHeaders: [], exposeHeaders: ['Access-Control-Allow-Origin'] }],
    encryption: { algorithm: 'AES256' },
    publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    objectOwnership: 'BucketOwnerEnforced',
    versioning: false,
    tags: {},
    objects: [],
    adopt: false,
    ...overrides,
  };
}

/** The live bucket gtctl would have made from `aBucket(name)`. */
export function aLiveBucket(name: string, overrides: Partial<LiveBucket> = {}): LiveBucket {
  const desired = aBucket(name);
  return {
    name,
    region: 'us-east-1',
    tags: { [OWNERSHIP_TAG]: PROJECT },
    cors: desired.cors,
    encryption: desired.encryption,
    publicAccessBlock: desired.publicAccessBlock,
    objectOwnership: desired.objectOwnership,
    versioning: 'Off',
    empty: true,
    ...overrides,
  };
}

// --- import: an account made in the console (nothing tagged for gtctl) ---------------------------------------------

export const CONSOLE_BUCKET = 'console-bucket';
const CONSOLE_TEAM_ARN = 'arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/reviewers';

/** A text-classification job of the console team, reading and writing the console bucket, with a label file. */
export function aLiveJob(name: string, overrides: { request?: Partial<LabelingJobRequest>; human?: Partial<LabelingJobRequest['HumanTaskConfig']>; status?: string; tags?: Record<string, string>; type?: Exclude<TaskType, 'custom'> } = {}): LiveJob {
  const lambdas = builtInLambdas(overrides.type ?? 'text-classification', 'us-east-1');
  const request: LabelingJobRequest = {
    LabelingJobName: name,
    LabelAttributeName: name,
    RoleArn: 'arn:aws:iam::000000000000:role/labeling',
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://${CONSOLE_BUCKET}/in/manifest.jsonl` } } },
    OutputConfig: { S3OutputPath: `s3://${CONSOLE_BUCKET}/out/` },
    LabelCategoryConfigS3Uri: `s3://${CONSOLE_BUCKET}/in/labels.json`,
    HumanTaskConfig: {
      WorkteamArn: CONSOLE_TEAM_ARN,
      UiConfig: { UiTemplateS3Uri: `s3://${CONSOLE_BUCKET}/in/template.liquid` },
      PreHumanTaskLambdaArn: lambdas.pre,
      TaskTitle: 'Odd or even',
      TaskDescription: 'Say whether the number is odd or even',
      NumberOfHumanWorkersPerDataObject: 1,
      TaskTimeLimitInSeconds: 300,
      TaskAvailabilityLifetimeInSeconds: 864_000,
      MaxConcurrentTaskCount: 1000,
      AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: lambdas.consolidation },
      ...overrides.human,
    },
    Tags: [],
    ...overrides.request,
  };
  return {
    name,
    arn: `arn:aws:sagemaker:us-east-1:000000000000:labeling-job/${name}`,
    status: overrides.status ?? 'InProgress',
    tags: overrides.tags ?? {},
    labelCounters: { total: 0, human: 0, machine: 0, failed: 0, unlabeled: 3 },
    request,
  };
}

/** What `gtctl import --project imported` reads there: the workforce, the reviewers team (two people), the bucket, one job. */
export function anImportInput(overrides: Partial<ImportInput> & { jobs?: LiveJob[] } = {}): ImportInput {
  const { jobs, ...rest } = overrides;
  const live = liveState({
    workforce: aLiveWorkforce({ tags: {} }),
    userPool: aLivePool({ tags: {} }),
    teams: [aLiveTeam('reviewers', { tags: { owner: 'ops', 'aws:cloudformation:stack': 'x' } })],
    users: [aLiveUser('b@example.com'), aLiveUser('a@example.com')],
    members: { reviewers: ['b@example.com', 'a@example.com'] },
    buckets: [aLiveBucket(CONSOLE_BUCKET, { tags: {} })],
  });
  return {
    live: { ...live, jobs: jobs ?? [aLiveJob('odd-even')] },
    project: 'imported',
    labelFiles: { [`s3://${CONSOLE_BUCKET}/in/labels.json`]: JSON.stringify({ 'document-version': '2018-11-28', labels: [{ label: 'Odd' }, { label: 'Even' }] }) },
    membersRead: true,
    ...rest,
  };
}
