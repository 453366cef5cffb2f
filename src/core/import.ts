// `gtctl import`, the pure half: live state (and the label category files of jobs) to spec documents as plain
// objects, with the comments the writer puts beside what could not be expressed. Every document of something gtctl
// does not own yet carries `metadata.adopt: true`, so that the first plan only adds the ownership tag. Objects that
// another gtctl project owns are left out and named in `warnings`. No I/O here: the reads happen in app/import.ts.
import { BUILT_IN_TASK_TYPES, GROUND_TRUTH_LAMBDA_ACCOUNTS } from './catalog.js';
import type { LabelingJobRequest } from './jobs/request.js';
import { OWNERSHIP_TAG, userEmail, type LiveBucket, type LiveJob, type LiveState, type LiveTeam } from './live.js';
import type { CorsRule, TaskType, Tags } from './model.js';

export type ImportedKind = 'Project' | 'Workforce' | 'Team' | 'Bucket' | 'LabelingJob';

/** A comment for the writer: beside the value at `path` inside the document (`[]`: above the document). */
export interface ImportComment {
  path: ReadonlyArray<string | number>;
  text: string;
}

export interface ImportedDocument {
  kind: ImportedKind;
  name: string;
  /** `apiVersion`, `kind`, `metadata`, `spec`: what the writer turns into YAML, key order kept. */
  body: Record<string, unknown>;
  comments: ImportComment[];
}

/** Kind -> documents, each list sorted by name: the same account gives the same tree. */
export interface ImportedTree {
  project: ImportedDocument;
  workforce?: ImportedDocument;
  teams: ImportedDocument[];
  buckets: ImportedDocument[];
  jobs: ImportedDocument[];
  /** What was left out and why (another project's objects, jobs that cannot be expressed). */
  warnings: string[];
}

export interface ImportInput {
  live: LiveState;
  /** The project name the tree gets (`--project`). */
  project: string;
  /** Label category file URI -> its text, for the jobs that have one (unreadable files are absent). */
  labelFiles: Readonly<Record<string, string>>;
  /** CORS presets by name, as the spec loader expands them. */
  corsPresets: Readonly<Record<string, readonly CorsRule[]>>;
  /** Seconds to the human form the specs use (`5m`, `10d`). */
  formatDuration: (seconds: number) => string;
}

const API_VERSION = 'gtctl/v1';

export function buildImportedTree(input: ImportInput): ImportedTree {
  const { live, project } = input;
  const warnings: string[] = [];
  /** Whether to write it: false (with a warning) when another gtctl project owns it. */
  const importable = (what: string, tags: Tags): boolean => {
    const owner = tags[OWNERSHIP_TAG];
    if (owner === undefined || owner === project) return true;
    warnings.push(`${what} belongs to gtctl project "${owner}": not imported`);
    return false;
  };
  const teams = live.teams.filter((t) => importable(`team "${t.name}"`, t.tags));
  const teamDocs = teams.map((t) => teamDocument(t, live, project, warnings)).sort(byName);
  const teamByArn = new Map(live.teams.map((t) => [t.arn, t.name]));
  const jobs = live.jobs.filter((j) => importable(`labeling job "${j.name}"`, j.tags));
  const jobDocs = jobs.flatMap((j) => jobDocument(j, input, teamByArn, warnings) ?? []).sort(byName);
  const buckets = live.buckets.filter((b) => importable(`bucket "${b.name}"`, b.tags));
  const workforce = live.workforce && importable(`workforce "${live.workforce.name}"`, live.workforce.tags) ? workforceDocument(live, project) : undefined;
  return {
    project: document('Project', project, {}, { region: live.region, accountId: live.account }, [
      { path: [], text: ` Imported by \`gtctl import\` from account ${live.account}, ${live.region}.` },
      { path: ['metadata', 'name'], text: ` ownership tag value: gtctl:project=${project}` },
    ]),
    ...(workforce ? { workforce } : {}),
    teams: teamDocs,
    buckets: buckets.map((b) => bucketDocument(b, input)).sort(byName),
    jobs: jobDocs,
    warnings: warnings.sort(),
  };
}

function byName(a: ImportedDocument, b: ImportedDocument): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function document(kind: ImportedKind, name: string, metadata: Record<string, unknown>, spec: Record<string, unknown>, comments: ImportComment[] = []): ImportedDocument {
  return { kind, name, body: { apiVersion: API_VERSION, kind, metadata: { name, ...metadata }, spec }, comments };
}

/** `adopt: true` unless this project owns it already. */
function adoption(tags: Tags, project: string): Record<string, unknown> {
  return tags[OWNERSHIP_TAG] === project ? {} : { adopt: true };
}

/** Tags as the specs hold them: AWS's own (`aws:*`) and gtctl's (`gtctl:*`) are not the user's to write. */
export function userTags(tags: Tags): Record<string, string> | undefined {
  const kept = Object.entries(tags).filter(([key]) => !key.startsWith('aws:') && !key.startsWith('gtctl:'));
  return kept.length ? Object.fromEntries(kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : undefined;
}

function withTags(spec: Record<string, unknown>, tags: Tags): Record<string, unknown> {
  const own = userTags(tags);
  return own ? { ...spec, tags: own } : spec;
}

// --- workforce ----------------------------------------------------------------------------------------------------

function workforceDocument(live: LiveState, project: string): ImportedDocument {
  const w = live.workforce!;
  const comments: ImportComment[] = [];
  let spec: Record<string, unknown>;
  if (w.oidc) {
    const o = w.oidc;
    spec = {
      oidc: {
        clientId: o.clientId,
        clientSecretEnv: 'OIDC_CLIENT_SECRET',
        issuer: o.issuer,
        authorizationEndpoint: o.authorizationEndpoint,
        tokenEndpoint: o.tokenEndpoint,
        userInfoEndpoint: o.userInfoEndpoint,
        logoutEndpoint: o.logoutEndpoint,
        jwksUri: o.jwksUri,
        ...(o.scope ? { scope: o.scope } : {}),
        ...(Object.keys(o.authenticationRequestExtraParams).length ? { authenticationRequestExtraParams: sortedRecord(o.authenticationRequestExtraParams) } : {}),
      },
    };
    comments.push({ path: ['spec', 'oidc', 'clientSecretEnv'], text: ' AWS never returns the client secret: set OIDC_CLIENT_SECRET before plan and apply' });
  } else {
    const pool = w.cognito?.userPool ?? live.userPool?.id ?? '';
    const clientId = w.cognito?.clientId ?? live.userPool?.client?.id;
    spec = { cognito: { userPool: pool, ...(clientId ? { clientId } : {}) } };
    comments.push({ path: ['spec', 'cognito', 'userPool'], text: ' an existing pool: gtctl uses it and its app client, and never deletes them' });
  }
  if (w.sourceIpCidrs.length) spec.sourceIpCidrs = [...w.sourceIpCidrs];
  return document('Workforce', w.name, adoption(w.tags, project), withTags(spec, w.tags), comments);
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// --- teams --------------------------------------------------------------------------------------------------------

function teamDocument(t: LiveTeam, live: LiveState, project: string, warnings: string[]): ImportedDocument {
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
  const spec: Record<string, unknown> = { description: t.description || t.name };
  if (t.userGroup) {
    spec.members = [...new Set(members)].sort();
    if (t.userGroup !== t.name) spec.userGroup = t.userGroup;
  } else if (t.oidcGroups.length) {
    if (t.oidcGroups.length !== 1 || t.oidcGroups[0] !== t.name) spec.oidcGroups = [...t.oidcGroups];
    comments.push({ path: ['spec', 'description'], text: ' an OIDC team: its members are managed in the identity provider' });
  }
  if (t.notificationTopicArn) spec.notificationTopicArn = t.notificationTopicArn;
  if (t.presignedUrlSourceIp) spec.presignedUrlSourceIp = true;
  return document('Team', t.name, adoption(t.tags, project), withTags(spec, t.tags), comments);
}

// --- buckets ------------------------------------------------------------------------------------------------------

function bucketDocument(b: LiveBucket, input: ImportInput): ImportedDocument {
  const comments: ImportComment[] = [];
  const spec: Record<string, unknown> = { region: b.region, cors: corsOf(b.cors, input.corsPresets) };
  spec.encryption = b.encryption.algorithm === 'AES256' ? 'sse-s3' : { kmsKeyId: b.encryption.kmsKeyId, bucketKey: b.encryption.bucketKey };
  const block = b.publicAccessBlock;
  const flags = block ? [block.blockPublicAcls, block.ignorePublicAcls, block.blockPublicPolicy, block.restrictPublicBuckets] : [false];
  spec.blockPublicAccess = flags.every((f) => f) ? true : flags.every((f) => !f) ? false : { ...block };
  if (b.objectOwnership) spec.objectOwnership = b.objectOwnership;
  else comments.push({ path: ['spec', 'blockPublicAccess'], text: ' the bucket has no object ownership setting: gtctl would set BucketOwnerEnforced' });
  spec.versioning = b.versioning === 'Enabled';
  if (b.versioning === 'Suspended') comments.push({ path: ['spec', 'versioning'], text: ' versioning is suspended in S3' });
  if (!b.empty) comments.push({ path: [], text: ' Objects already in the bucket are not imported; list here only those to keep in git.' });
  return document('Bucket', b.name, adoption(b.tags, input.project), withTags(spec, b.tags), comments);
}

/** A preset's name when the rules are exactly that preset's, else the rules as written. */
export function corsOf(rules: readonly CorsRule[], presets: ImportInput['corsPresets']): string | Array<Record<string, unknown>> {
  const preset = Object.entries(presets).find(([, value]) => sameCors(value, rules));
  if (preset) return preset[0];
  return rules.map((r) => ({
    ...(r.id ? { id: r.id } : {}),
    allowedMethods: [...r.allowedMethods],
    allowedOrigins: [...r.allowedOrigins],
    ...(r.allowedHeaders.length ? { allowedHeaders: [...r.allowedHeaders] } : {}),
    ...(r.exposeHeaders.length ? { exposeHeaders: [...r.exposeHeaders] } : {}),
    ...(r.maxAgeSeconds !== undefined ? { maxAgeSeconds: r.maxAgeSeconds } : {}),
  }));
}

function sameCors(a: readonly CorsRule[], b: readonly CorsRule[]): boolean {
  const norm = (rules: readonly CorsRule[]) =>
    JSON.stringify(rules.map((r) => ({ id: r.id ?? '', m: [...r.allowedMethods].sort(), o: [...r.allowedOrigins].sort(), h: [...r.allowedHeaders].sort(), e: [...r.exposeHeaders].sort(), a: r.maxAgeSeconds ?? null })));
  return norm(a) === norm(b);
}

// --- labeling jobs ------------------------------------------------------------------------------------------------

/** The built-in type whose PRE- Lambda this is (in this Region's Ground Truth account), else undefined. */
export function taskTypeOfLambda(arn: string, region: string): Exclude<TaskType, 'custom'> | undefined {
  const match = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:PRE-(.+)$/.exec(arn);
  if (!match || match[1] !== region || GROUND_TRUTH_LAMBDA_ACCOUNTS[region] !== match[2]) return undefined;
  const found = Object.entries(BUILT_IN_TASK_TYPES).find(([, t]) => t.lambdaSuffix === match[3]);
  return found?.[0] as Exclude<TaskType, 'custom'> | undefined;
}

interface LabelFile {
  labels?: Array<{ label?: unknown }>;
  instructions?: { shortInstruction?: unknown; fullInstruction?: unknown };
}

function parseLabelFile(text: string | undefined): LabelFile | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as LabelFile) : undefined;
  } catch {
    return undefined;
  }
}

function jobDocument(job: LiveJob, input: ImportInput, teamByArn: ReadonlyMap<string, string>, warnings: string[]): ImportedDocument | undefined {
  const r: LabelingJobRequest = job.request;
  const h = r.HumanTaskConfig;
  const region = input.live.region;
  const team = teamByArn.get(h.WorkteamArn) ?? /:workteam\/private-crowd\/(.+)$/.exec(h.WorkteamArn)?.[1];
  if (!team) {
    warnings.push(`labeling job "${job.name}" is not for a private team (${h.WorkteamArn}): not imported, gtctl manages private workforces only`);
    return undefined;
  }
  const comments: ImportComment[] = [];
  const type = taskTypeOfLambda(h.PreHumanTaskLambdaArn, region);
  const task: Record<string, unknown> = { type: type ?? 'custom', title: h.TaskTitle, description: h.TaskDescription };
  if (h.TaskKeywords?.length) task.keywords = [...h.TaskKeywords];
  const labelFile = r.LabelCategoryConfigS3Uri ? parseLabelFile(input.labelFiles[r.LabelCategoryConfigS3Uri]) : undefined;
  const labels = (labelFile?.labels ?? []).flatMap((l) => (typeof l.label === 'string' ? [l.label] : []));
  if (labels.length) task.labels = labels;
  else if (r.LabelCategoryConfigS3Uri) comments.push({ path: ['spec', 'task', 'labelCategoryUri'], text: ' the label file could not be read: its labels are not listed here' });
  if (type && BUILT_IN_TASK_TYPES[type].requiresInstructions) {
    const short = labelFile?.instructions?.shortInstruction;
    const full = labelFile?.instructions?.fullInstruction;
    const instructions = { ...(typeof short === 'string' && short ? { short } : {}), ...(typeof full === 'string' && full ? { full } : {}) };
    if (Object.keys(instructions).length) task.instructions = instructions;
  }
  if (h.UiConfig.UiTemplateS3Uri) task.templateUri = h.UiConfig.UiTemplateS3Uri;
  if (r.LabelCategoryConfigS3Uri) task.labelCategoryUri = r.LabelCategoryConfigS3Uri;
  if (!type) {
    task.preAnnotationLambdaArn = h.PreHumanTaskLambdaArn;
    task.consolidationLambdaArn = h.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn;
    comments.push({ path: ['spec', 'task', 'type'], text: ' not a built-in type of this Region: a custom task with its own Lambda functions' });
    if (h.UiConfig.HumanTaskUiArn) comments.push({ path: ['spec', 'task', 'title'], text: ` its worker UI is a human task UI (${h.UiConfig.HumanTaskUiArn}), which specs cannot name` });
  }
  const workers: Record<string, unknown> = {
    perObject: h.NumberOfHumanWorkersPerDataObject,
    taskTimeLimit: input.formatDuration(h.TaskTimeLimitInSeconds),
    taskAvailability: input.formatDuration(h.TaskAvailabilityLifetimeInSeconds),
    ...(h.MaxConcurrentTaskCount !== 1000 ? { maxConcurrentTasks: h.MaxConcurrentTaskCount } : {}),
  };
  const spec: Record<string, unknown> = {
    team,
    roleArn: r.RoleArn,
    input: { manifest: r.InputConfig.DataSource.S3DataSource.ManifestS3Uri },
    output: r.OutputConfig.S3OutputPath,
  };
  const defaultAttribute = type && BUILT_IN_TASK_TYPES[type].labelAttributeRef ? `${job.name}-ref` : job.name;
  if (r.LabelAttributeName !== defaultAttribute) spec.labelAttributeName = r.LabelAttributeName;
  spec.task = task;
  spec.workers = workers;
  if (job.status === 'Stopped' || job.status === 'Stopping') spec.state = 'stopped';
  else if (job.status !== 'InProgress' && job.status !== 'Initializing') comments.push({ path: ['metadata', 'name'], text: ` ${job.status}` });
  if (r.LabelingJobAlgorithmsConfig) spec.autoLabeling = true;
  if (r.OutputConfig.KmsKeyId) spec.outputKmsKeyId = r.OutputConfig.KmsKeyId;
  const stopping = r.StoppingConditions;
  if (stopping) {
    spec.stoppingConditions = {
      ...(stopping.MaxHumanLabeledObjectCount !== undefined ? { maxHumanLabeledObjects: stopping.MaxHumanLabeledObjectCount } : {}),
      ...(stopping.MaxPercentageOfInputDatasetLabeled !== undefined ? { maxPercentageLabeled: stopping.MaxPercentageOfInputDatasetLabeled } : {}),
    };
  }
  return document('LabelingJob', job.name, adoption(job.tags, input.project), withTags(spec, job.tags), comments);
}
