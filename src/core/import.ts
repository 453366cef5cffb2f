// `gtctl import`, the pure half: live state (and the label category files of jobs) to the resolved values of what
// to import, each with the comments its document carries beside what a spec cannot say; spec/write.ts writes them
// as documents. Every value of something gtctl does not own yet has `adopt`, so that the first plan only adds the
// ownership tag. Objects that another gtctl project owns are left out and named in `warnings`. No I/O here: the
// reads happen in app/import.ts.
import { BUILT_IN_TASK_TYPES, builtInHumanTaskUi, frameTypeOf, GROUND_TRUTH_LAMBDA_ACCOUNTS } from './catalog.js';
import { MANAGED_ROLE, managedRoleArn } from './execution-role.js';
import { readLabelFile } from './jobs/label-file.js';
import { manifestUriOf, type LabelingJobRequest } from './jobs/request.js';
import { OWNERSHIP_TAG, userEmail, type LiveBucket, type LiveJob, type LiveState, type LiveTeam, type LiveWorkforce } from './live.js';
import type { Bucket, ContentClassifier, JobWorkforce, LabelingJob, ObjectOwnership, Project, PublicAccessBlock, TaskType, Tags, Team, Workforce } from './model.js';

/** A comment for the written document: beside the value of the resolved field at `field` (`[]`: above the document). */
export interface ImportComment {
  field: readonly string[];
  text: string;
}

/** One object to import: its resolved value, and the comments its document carries. */
export interface Imported<T> {
  value: T;
  comments: ImportComment[];
}

/**
 * A team, with where AWS keeps its members: a Cognito group (whose users are the team's `members`), or groups of the
 * identity provider (`oidcGroups`); neither for a team read without a member definition.
 */
export interface ImportedTeam extends Team {
  identity?: 'cognito' | 'oidc';
}

/** A bucket as far as import knows it: its objects are not read, and S3 may have no object ownership setting. */
export interface ImportedBucket extends Omit<Bucket, 'objects' | 'objectOwnership'> {
  objectOwnership?: ObjectOwnership;
}

/** Kind -> values, each list sorted by name: the same account gives the same tree. */
export interface ImportedTree {
  project: Imported<Project>;
  workforce?: Imported<Workforce>;
  teams: Imported<ImportedTeam>[];
  buckets: Imported<ImportedBucket>[];
  jobs: Imported<LabelingJob>[];
  /** What was left out and why (another project's objects, jobs that cannot be expressed). */
  warnings: string[];
}

export interface ImportInput {
  live: LiveState;
  /** The project name the tree gets (`--project`). */
  project: string;
  /** Label category file URI -> its text, for the jobs that have one (unreadable files are absent). */
  labelFiles: Readonly<Record<string, string>>;
  /** Whether the teams' members were read (`--include members`); when not, each team says so. */
  membersRead: boolean;
}

/** The user's tags, and `adopt` unless this project owns the object already. */
type Ownership = (tags: Tags) => { tags: Tags; adopt: boolean };

export function buildImportedTree(input: ImportInput): ImportedTree {
  const { live, project } = input;
  const warnings: string[] = [];
  /** Whether to import it: false (with a warning) when another gtctl project owns it. */
  const importable = (what: string, tags: Tags): boolean => {
    const owner = tags[OWNERSHIP_TAG];
    if (owner === undefined || owner === project) return true;
    warnings.push(`${what} belongs to gtctl project "${owner}": not imported`);
    return false;
  };
  const owned: Ownership = (tags) => ({ tags: userTags(tags) ?? {}, adopt: tags[OWNERSHIP_TAG] !== project });
  const teams = live.teams.filter((t) => importable(`team "${t.name}"`, t.tags));
  const importedTeams = teams.map((t) => teamOf(t, input, owned, warnings)).sort(byName);
  const teamByArn = new Map(live.teams.map((t) => [t.arn, t.name]));
  const jobs = live.jobs.filter((j) => importable(`labeling job "${j.name}"`, j.tags));
  const importedJobs = jobs.flatMap((j) => jobOf(j, input, owned, teamByArn, warnings) ?? []).sort(byName);
  const buckets = live.buckets.filter((b) => importable(`bucket "${b.name}"`, b.tags));
  const workforce = live.workforce && importable(`workforce "${live.workforce.name}"`, live.workforce.tags) ? workforceOf(live.workforce, live, owned) : undefined;
  return {
    project: {
      value: { name: project, region: live.region, accountId: live.account, policies: { unlistedUsers: 'keep' }, tags: {} },
      comments: [
        { field: [], text: ` Imported by \`gtctl import\` from account ${live.account}, ${live.region}.` },
        { field: ['name'], text: ` ownership tag value: gtctl:project=${project}` },
      ],
    },
    ...(workforce ? { workforce } : {}),
    teams: importedTeams,
    buckets: buckets.map((b) => bucketOf(b, owned)).sort(byName),
    jobs: importedJobs,
    warnings: warnings.sort(),
  };
}

function byName(a: Imported<{ name: string }>, b: Imported<{ name: string }>): number {
  return a.value.name < b.value.name ? -1 : a.value.name > b.value.name ? 1 : 0;
}

/** The user's tags, sorted (undefined: none): AWS's own (`aws:*`) and gtctl's (`gtctl:*`) are not the user's to write. */
export function userTags(tags: Tags): Record<string, string> | undefined {
  const kept = Object.entries(tags).filter(([key]) => !key.startsWith('aws:') && !key.startsWith('gtctl:'));
  return kept.length ? Object.fromEntries(kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : undefined;
}

// --- workforce ----------------------------------------------------------------------------------------------------

/** The environment variable an imported OIDC workforce reads its client secret from. */
const OIDC_SECRET_ENV = 'OIDC_CLIENT_SECRET';

function workforceOf(w: LiveWorkforce, live: LiveState, owned: Ownership): Imported<Workforce> {
  const common = { name: w.name, sourceIpCidrs: [...w.sourceIpCidrs], ...owned(w.tags) };
  if (w.oidc) {
    const { authenticationRequestExtraParams, ...oidc } = w.oidc;
    return {
      value: { ...common, identity: { type: 'oidc', ...oidc, clientSecretEnv: OIDC_SECRET_ENV, authenticationRequestExtraParams: sortedRecord(authenticationRequestExtraParams) } },
      comments: [{ field: ['identity', 'clientSecretEnv'], text: ` AWS never returns the client secret: set ${OIDC_SECRET_ENV} before plan and apply` }],
    };
  }
  const userPoolId = w.cognito?.userPool ?? live.userPool?.id ?? '';
  const clientId = w.cognito?.clientId ?? live.userPool?.client?.id ?? '';
  return {
    value: { ...common, identity: { type: 'cognito-existing', userPoolId, clientId } },
    comments: [{ field: ['identity', 'userPoolId'], text: ' an existing pool: gtctl uses it and its app client, and never deletes them' }],
  };
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// --- teams --------------------------------------------------------------------------------------------------------

function teamOf(t: LiveTeam, input: ImportInput, owned: Ownership, warnings: string[]): Imported<ImportedTeam> {
  const { live } = input;
  const comments: ImportComment[] = [];
  const byUsername = new Map(live.users.map((u) => [u.username, u]));
  const members: string[] = [];
  const noEmail: string[] = [];
  for (const username of t.userGroup ? (live.groupMembers[t.userGroup] ?? []) : []) {
    const user = byUsername.get(username);
    const email = user && userEmail(user);
    if (email) members.push(email);
    else noEmail.push(username);
  }
  if (noEmail.length) warnings.push(`team "${t.name}": ${noEmail.length} member(s) without an e-mail address left out (${noEmail.sort().join(', ')})`);
  const identity = t.userGroup ? 'cognito' : t.oidcGroups.length ? 'oidc' : undefined;
  if (identity === 'oidc') comments.push({ field: ['description'], text: ' an OIDC team: its members are managed in the identity provider' });
  if (!input.membersRead) comments.push({ field: ['description'], text: ' members not imported: list them before planning, membership is authoritative' });
  const value: ImportedTeam = {
    name: t.name,
    description: t.description || t.name,
    members: [...new Set(members)].sort(),
    userGroup: t.userGroup ?? t.name,
    oidcGroups: t.oidcGroups.length ? [...t.oidcGroups] : [t.name],
    ...(t.notificationTopicArn ? { notificationTopicArn: t.notificationTopicArn } : {}),
    presignedUrlSourceIp: t.presignedUrlSourceIp,
    ...owned(t.tags),
    ...(identity ? { identity } : {}),
  };
  return { value, comments };
}

// --- buckets ------------------------------------------------------------------------------------------------------

/** What S3 means by a bucket without a public access block configuration. */
const NOTHING_BLOCKED: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

function bucketOf(b: LiveBucket, owned: Ownership): Imported<ImportedBucket> {
  const comments: ImportComment[] = [];
  // Said beside the public access block, the setting next to it: there is no object ownership value to say it beside.
  if (!b.objectOwnership) comments.push({ field: ['publicAccessBlock'], text: ' the bucket has no object ownership setting: gtctl would set BucketOwnerEnforced' });
  if (b.versioning === 'Suspended') comments.push({ field: ['versioning'], text: ' versioning is suspended in S3' });
  if (!b.empty) comments.push({ field: [], text: ' Objects already in the bucket are not imported; list here only those to keep in git.' });
  const value: ImportedBucket = {
    name: b.name,
    region: b.region,
    cors: b.cors,
    encryption: b.encryption,
    publicAccessBlock: b.publicAccessBlock ?? NOTHING_BLOCKED,
    ...(b.objectOwnership ? { objectOwnership: b.objectOwnership } : {}),
    versioning: b.versioning === 'Enabled',
    ...owned(b.tags),
  };
  return { value, comments };
}

// --- labeling jobs ------------------------------------------------------------------------------------------------

/** The built-in type whose PRE- Lambda this is (in this Region's Ground Truth account), else undefined. */
export function taskTypeOfLambda(arn: string, region: string): Exclude<TaskType, 'custom'> | undefined {
  const match = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:PRE-(.+)$/.exec(arn);
  if (!match || match[1] !== region || GROUND_TRUTH_LAMBDA_ACCOUNTS[region] !== match[2]) return undefined;
  const found = Object.entries(BUILT_IN_TASK_TYPES).find(([, t]) => t.lambdaSuffix === match[3]);
  return found?.[0] as Exclude<TaskType, 'custom'> | undefined;
}

function jobOf(job: LiveJob, input: ImportInput, owned: Ownership, teamByArn: ReadonlyMap<string, string>, warnings: string[]): Imported<LabelingJob> | undefined {
  const r: LabelingJobRequest = job.request;
  const h = r.HumanTaskConfig;
  const workforce = workforceOfJob(r, teamByArn);
  if (!workforce) {
    warnings.push(`labeling job "${job.name}" goes to a work team gtctl cannot name (${h.WorkteamArn}): not imported`);
    return undefined;
  }
  const comments: ImportComment[] = [];
  const type = taskTypeOfLambda(h.PreHumanTaskLambdaArn, input.live.region);
  const labelFile = r.LabelCategoryConfigS3Uri ? readLabelFile(input.labelFiles[r.LabelCategoryConfigS3Uri]) : undefined;
  const labels = labelFile?.labels ?? [];
  if (!labels.length && r.LabelCategoryConfigS3Uri) comments.push({ field: ['task', 'labelCategoryUri'], text: ' the label file could not be read: its labels are not listed here' });
  if (!type) {
    comments.push({ field: ['task', 'type'], text: ' not a built-in type of this Region: a custom task with its own Lambda functions' });
    if (h.UiConfig.HumanTaskUiArn) comments.push({ field: ['task', 'title'], text: ` its worker UI is a human task UI (${h.UiConfig.HumanTaskUiArn}), which specs cannot name` });
  }
  const stopped = job.status === 'Stopped' || job.status === 'Stopping';
  if (!stopped && job.status !== 'InProgress' && job.status !== 'Initializing') comments.push({ field: ['name'], text: ` ${job.status}` });
  const stopping = r.StoppingConditions;
  const value: LabelingJob = {
    name: job.name,
    workforce,
    // The project's managed role reads back as `managed`, so the imported tree keeps managing it.
    roleArn: r.RoleArn === managedRoleArn(input.live.account, { name: input.project }) ? MANAGED_ROLE : r.RoleArn,
    input: r.InputConfig.DataSource.SnsDataSource ? { stream: { snsTopicArn: r.InputConfig.DataSource.SnsDataSource.SnsTopicArn } } : { manifest: manifestUriOf(r) ?? '' },
    output: r.OutputConfig.S3OutputPath,
    ...(r.OutputConfig.SnsTopicArn ? { outputTopicArn: r.OutputConfig.SnsTopicArn } : {}),
    labelAttributeName: r.LabelAttributeName,
    task: {
      type: type ?? 'custom',
      title: h.TaskTitle,
      description: h.TaskDescription,
      keywords: [...(h.TaskKeywords ?? [])],
      labels,
      // Read back only where gtctl writes them (jobs/label-file.ts): the types whose built-in UI takes them from the file.
      instructions: { ...(type && builtInHumanTaskUi(type, input.live.region) ? labelFile?.instructions : {}), examples: { good: [], bad: [] } },
      ...(h.UiConfig.UiTemplateS3Uri ? { templateUri: h.UiConfig.UiTemplateS3Uri } : {}),
      ...(r.LabelCategoryConfigS3Uri ? { labelCategoryUri: r.LabelCategoryConfigS3Uri } : {}),
      ...(type && frameTypeOf(type) ? { frames: labelFile?.frames ?? { frameAttributes: [], categoryAttributes: [], labels: {} } } : {}),
      ...(type ? {} : { preAnnotationLambdaArn: h.PreHumanTaskLambdaArn, consolidationLambdaArn: h.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn }),
    },
    workers: {
      perObject: h.NumberOfHumanWorkersPerDataObject,
      taskTimeLimitSeconds: h.TaskTimeLimitInSeconds,
      taskAvailabilitySeconds: h.TaskAvailabilityLifetimeInSeconds,
      maxConcurrentTasks: h.MaxConcurrentTaskCount,
      contentClassifiers: (r.InputConfig.DataAttributes?.ContentClassifiers ?? []).flatMap((c) => CONTENT_CLASSIFIERS[c] ?? []).sort(),
    },
    state: stopped ? 'stopped' : 'running',
    autoLabeling: r.LabelingJobAlgorithmsConfig !== undefined,
    ...(r.OutputConfig.KmsKeyId ? { outputKmsKeyId: r.OutputConfig.KmsKeyId } : {}),
    ...(stopping
      ? {
          stoppingConditions: {
            ...(stopping.MaxHumanLabeledObjectCount !== undefined ? { maxHumanLabeledObjects: stopping.MaxHumanLabeledObjectCount } : {}),
            ...(stopping.MaxPercentageOfInputDatasetLabeled !== undefined ? { maxPercentageLabeled: stopping.MaxPercentageOfInputDatasetLabeled } : {}),
          },
        }
      : {}),
    ...owned(job.tags),
  };
  return { value, comments };
}

const CONTENT_CLASSIFIERS: Readonly<Record<string, ContentClassifier>> = { FreeOfPersonallyIdentifiableInformation: 'freeOfPersonallyIdentifiableInformation', FreeOfAdultContent: 'freeOfAdultContent' };

/** Whom a live job's tasks go to: a private team (by name), the public crowd (with its price), or a vendor team (by ARN). */
function workforceOfJob(r: LabelingJobRequest, teamByArn: ReadonlyMap<string, string>): JobWorkforce | undefined {
  const arn = r.HumanTaskConfig.WorkteamArn;
  const price = r.HumanTaskConfig.PublicWorkforceTaskPrice?.AmountInUsd;
  if (arn.includes(':workteam/public-crowd/')) return { type: 'public', priceTenthCents: price ? price.Dollars * 1000 + price.Cents * 10 + price.TenthFractionsOfACent : 0 };
  if (arn.includes(':workteam/vendor-crowd/')) return { type: 'vendor', team: arn };
  const team = teamByArn.get(arn) ?? /:workteam\/private-crowd\/(.+)$/.exec(arn)?.[1];
  return team === undefined ? undefined : { type: 'private', team };
}

