// Labeling jobs are create-and-stop only (aws-facts §3.1): a new job is created with everything it needs; an
// existing job whose spec changed is blocked (its fields listed: use a new name); `state: stopped` stops it, which
// cannot be undone; a job dropped from the specs is forgotten, never stopped. Tags alone change in place (update),
// which is also how an unmanaged job with `metadata.adopt` is taken over. Names compare case-insensitively.
import { address } from '../address.js';
import { formatUsd } from '../catalog.js';
import { preflight } from '../jobs/preflight.js';
import { inputUriOf } from '../jobs/task.js';
import { manifestUriOf, type LabelingJobRequest } from '../jobs/request.js';
import { plannedText, resolveJob, vendorTeamArn, type JobWorld } from '../jobs/resolve.js';
import { parseS3Uri } from '../s3-uri.js';
import type { LiveState, LiveVendorTeam } from '../live.js';
import type { Bucket, CorsRule, LabelingJob, Project } from '../model.js';
import type { FieldDiff, JobChange, JobCost, WaitingJob } from '../plan.js';
import type { KindPlan } from './kind-plan.js';
import { desiredTags } from './ownership.js';
import { pairAndClaim } from './pairing.js';
import { same, tagDiffs } from './values.js';

const RUNNING = new Set(['Initializing', 'InProgress']);

/** What resolving a job needs to know of the account: the specs' buckets and what the live read found. */
export function jobWorld(project: Project, buckets: readonly Bucket[], live: LiveState): JobWorld {
  return { region: live.region, account: live.account, project, buckets, prefixes: live.prefixes, manifests: live.manifests, vendorTeams: vendorTeamsOf(live), chainInputs: chainInputsOf(live) };
}

export function planJobs(desired: readonly LabelingJob[], buckets: readonly Bucket[], project: Project, live: LiveState): KindPlan {
  const world = jobWorld(project, buckets, live);
  const waiting: WaitingJob[] = [];
  const corsOf = (bucket: string): readonly CorsRule[] | undefined =>
    buckets.find((b) => b.name === bucket)?.cors ?? live.buckets.find((b) => b.name === bucket)?.cors ?? live.imageBucketCors[bucket];
  const changes: JobChange[] = [];
  let noOps = 0;
  // Job names compare case-insensitively (aws-facts §3.1).
  const { pairs } = pairAndClaim('labeling job', desired, live.jobs, project.name, (name) => name.toLowerCase());
  for (const pair of pairs) {
    const job = pair.desired;
    const base = { address: address.job(job.name), kind: 'job' as const, name: job.name, uploads: [], dependsOn: [inputsOf(job)].flat() };
    const current = pair.live;
    const taken = live.jobNames.find((n) => n.toLowerCase() === job.name.toLowerCase());
    if (!current && taken) {
      changes.push({ ...base, dependsOn: [], action: 'blocked', blockedBy: 'job-name-taken', diff: [], reasons: [`a labeling job named "${taken}" already exists and job names can never be reused (compared case-insensitively): give the job a new name`] });
      continue;
    }
    if (!current) {
      if (job.state === 'stopped') {
        noOps++;
        continue;
      }
      const from = 'fromJob' in job.input ? job.input.fromJob : undefined;
      if (from !== undefined && world.chainInputs[from.toLowerCase()] === undefined) {
        const source = live.jobs.find((j) => j.name.toLowerCase() === from.toLowerCase());
        if (source?.status === 'Failed') {
          changes.push({ ...base, dependsOn: [], action: 'blocked', blockedBy: 'job-input', diff: [], reasons: [`its input is the output of job ${source.name}, which failed${source.failureReason ? ` (${source.failureReason})` : ''} and will never complete: chain it from another job`] });
        } else waiting.push({ address: base.address, waitsFor: address.job(from), status: source?.status ?? 'not created' });
        continue;
      }
      const unsubscribed = unsubscribedVendor(job, world);
      if (unsubscribed) {
        changes.push({ ...base, dependsOn: [], action: 'blocked', blockedBy: 'vendor-not-subscribed', diff: [], reasons: [unsubscribed] });
        continue;
      }
      const resolved = resolveJob(job, world);
      const problems = preflight(job, resolved.manifest, { corsOf, textOf: (uri) => plannedText(uri, resolved.uploads, buckets) });
      if (problems.length > 0) {
        changes.push({ ...base, dependsOn: [], action: 'blocked', blockedBy: 'job-input', diff: [], reasons: problems });
        continue;
      }
      const cost = costOf(job, resolved.manifest);
      changes.push({ ...base, action: 'create', request: resolved.request, uploads: resolved.uploads, diff: createDiff(job, resolved.request), reasons: [`create the labeling job (${job.task.type}, ${workersOf(job)})`], ...(cost ? { cost } : {}) });
      continue;
    }
    if (pair.clash) {
      changes.push({ ...base, dependsOn: [], action: 'blocked', blockedBy: pair.clash.code, diff: [], reasons: [`${pair.clash.reason}; job names can never be reused: give the job a new name`] });
      continue;
    }
    const adopting = pair.claimed.lead;
    const wanted = resolveJob(job, world).request;
    const diff = requestDiff(sameBuiltManifest(job, current.request, wanted), wanted);
    if (diff.length > 0) {
      const fields = [...new Set(diff.map((d) => d.path))].join(', ');
      changes.push({ ...base, dependsOn: [], action: 'blocked', blockedBy: 'job-changed', diff, reasons: [...adopting, `labeling jobs cannot be changed once created (${fields} changed): give the job a new name to create a new one`] });
      continue;
    }
    // Tags are the one thing AWS lets change on a job: adding the ownership tag is how a job is adopted.
    const tagChanges = tagDiffs(current.tags, desiredTags(project, job.tags));
    const retag =
      tagChanges.diff.length > 0
        ? {
            arn: current.arn,
            tags: Object.fromEntries(tagChanges.diff.flatMap((d) => (d.after !== undefined ? [[d.path.slice('tags.'.length), d.after as string]] : []))),
            ...(tagChanges.remove.length ? { removeTags: tagChanges.remove } : {}),
          }
        : {};
    const tagReasons = pair.claimed.retagged(tagChanges.diff) ? ['tags changed'] : [];
    if (job.state === 'stopped' && RUNNING.has(current.status)) {
      changes.push({
        ...base,
        ...retag,
        dependsOn: [],
        action: 'stop',
        diff: [{ path: 'status', before: current.status, after: 'Stopped' }, ...tagChanges.diff],
        reasons: [...adopting, 'state: stopped (irreversible: a stopped job cannot be restarted; results so far are kept)', ...tagReasons],
      });
      continue;
    }
    if (tagChanges.diff.length > 0) {
      changes.push({ ...base, ...retag, dependsOn: [], action: 'update', diff: tagChanges.diff, reasons: [...adopting, ...tagReasons] });
      continue;
    }
    noOps++;
  }
  return { changes, noOps, ...(waiting.length ? { waiting } : {}) };
}

/**
 * The output manifests chains can start from: those of jobs that finished with one (Completed, or Stopped: the
 * labels so far). Keyed by lower-case name, as job names compare.
 */
function chainInputsOf(live: LiveState): Record<string, string> {
  return Object.fromEntries(live.jobs.flatMap((j) => (j.outputManifest && (j.status === 'Completed' || j.status === 'Stopped') ? [[j.name.toLowerCase(), j.outputManifest]] : [])));
}

/** Addresses a new job waits for: its team (private jobs: a Team of the specs), its buckets, and objects in them that this apply writes. */
function inputsOf(job: LabelingJob): string[] {
  const input = inputUriOf(job);
  const team = job.workforce.type === 'private' ? [address.team(job.workforce.team)] : [];
  return [...team, ...new Set([...(input ? [parseS3Uri(input.uri).bucket] : []), parseS3Uri(job.output).bucket].map(address.bucket))];
}

/**
 * The vendor teams a job may name: the account's subscriptions, and the vendor teams of existing jobs (a job keeps its
 * team when the subscription ends, and must not then read as changed).
 */
function vendorTeamsOf(live: LiveState): LiveVendorTeam[] {
  const ofJobs = live.jobs.flatMap((j) => {
    const arn = j.request.HumanTaskConfig.WorkteamArn;
    return arn.includes(':workteam/vendor-crowd/') && !live.vendorTeams.some((t) => t.arn === arn) ? [{ arn, name: arn.slice(arn.lastIndexOf('/') + 1) }] : [];
  });
  return [...live.vendorTeams, ...ofJobs];
}

/** Why a new vendor job cannot be created: its team is not one the account subscribed to (undefined: it is). */
function unsubscribedVendor(job: LabelingJob, world: JobWorld): string | undefined {
  const { workforce } = job;
  if (workforce.type !== 'vendor' || vendorTeamArn(workforce.team, world.vendorTeams) !== undefined) return undefined;
  const known = world.vendorTeams.map((t) => (t.title ? `${t.name} ("${t.title}")` : t.name));
  return `vendor team "${workforce.team}" is not one this account subscribed to in ${world.region}${known.length ? ` (subscribed: ${known.join(', ')})` : ' (it has no vendor subscriptions)'}: subscribe to it in AWS Marketplace, or name a subscribed team by its name or ARN`;
}

/** Who gets the tasks, for the create reason. */
function workersOf(job: LabelingJob): string {
  const { workforce } = job;
  if (workforce.type === 'private') return `team ${workforce.team}`;
  if (workforce.type === 'vendor') return `vendor team ${workforce.team}`;
  return `public crowd at ${formatUsd(workforce.priceTenthCents)} a task`;
}

/** A public job's cost: each object of the manifest is labeled by `perObject` workers, each paid the price. */
function costOf(job: LabelingJob, manifest: string | undefined): JobCost | undefined {
  if (job.workforce.type !== 'public' || manifest === undefined) return undefined;
  const objects = manifest.split(/\r?\n/).filter((line) => line.trim() !== '').length;
  const { perObject } = job.workers;
  const price = job.workforce.priceTenthCents;
  return { objects, workersPerObject: perObject, pricePerTaskUsd: price / 1000, totalUsd: (objects * perObject * price) / 1000 };
}

function createDiff(job: LabelingJob, request: LabelingJobRequest): FieldDiff[] {
  const h = request.HumanTaskConfig;
  const { workforce } = job;
  return [
    workforce.type === 'public'
      ? { path: 'workers.pricePerTask', after: formatUsd(workforce.priceTenthCents) }
      : { path: workforce.type === 'vendor' ? 'vendorTeam' : 'team', after: h.WorkteamArn.slice(h.WorkteamArn.lastIndexOf('/') + 1) },
    { path: 'input', after: manifestUriOf(request) ?? request.InputConfig.DataSource.SnsDataSource?.SnsTopicArn },
    { path: 'output', after: request.OutputConfig.S3OutputPath },
    { path: 'workers.perObject', after: h.NumberOfHumanWorkersPerDataObject },
    { path: 'workers.taskTimeLimitSeconds', after: h.TaskTimeLimitInSeconds },
    { path: 'workers.taskAvailabilitySeconds', after: h.TaskAvailabilityLifetimeInSeconds },
  ];
}

/**
 * A job built from a prefix keeps the manifest it was created with: files added under the prefix later are for new
 * jobs, not a change to this one. Any manifest gtctl built for this job counts as the same input.
 */
function sameBuiltManifest(job: LabelingJob, live: LabelingJobRequest, wanted: LabelingJobRequest): LabelingJobRequest {
  const liveUri = manifestUriOf(live);
  const wantedUri = manifestUriOf(wanted);
  if (liveUri === undefined || wantedUri === undefined) return live;
  const built = (uri: string) => uri.slice(0, uri.lastIndexOf('/') + 1) + 'manifest-';
  if (!('fromPrefix' in job.input) || !liveUri.startsWith(built(wantedUri))) return live;
  return { ...live, InputConfig: { ...live.InputConfig, DataSource: { S3DataSource: { ManifestS3Uri: wantedUri } } } };
}

/** Every field of the request but the tags (which AWS lets change), flattened: `HumanTaskConfig.TaskTitle`. */
function requestDiff(live: LabelingJobRequest, wanted: LabelingJobRequest): FieldDiff[] {
  const flat = (value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) if (k !== 'Tags' || prefix !== '') flat(v, prefix ? `${prefix}.${k}` : k, out);
    } else if (value !== undefined) out[prefix] = value;
    return out;
  };
  const before = flat(live);
  const after = flat(wanted);
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .sort()
    .filter((k) => k !== 'LabelingJobName' && !same(before[k], after[k]))
    .map((k) => ({ path: specField(k), before: before[k], after: after[k] }));
}

/** Request fields in the spec's words, so a reviewer knows what to put back (or why to rename the job). */
const SPEC_FIELDS: ReadonlyArray<[prefix: string, field: string]> = [
  ['LabelAttributeName', 'labelAttributeName'],
  ['RoleArn', 'roleArn'],
  ['InputConfig', 'input'],
  ['OutputConfig.S3OutputPath', 'output'],
  ['OutputConfig.KmsKeyId', 'outputKmsKeyId'],
  ['LabelCategoryConfigS3Uri', 'task.labels (label category file)'],
  ['StoppingConditions', 'stoppingConditions'],
  ['LabelingJobAlgorithmsConfig', 'autoLabeling'],
  ['HumanTaskConfig.WorkteamArn', 'team'],
  ['HumanTaskConfig.UiConfig', 'task (worker template: title, labels or instructions)'],
  ['HumanTaskConfig.PreHumanTaskLambdaArn', 'task.type (Lambda functions)'],
  ['HumanTaskConfig.AnnotationConsolidationConfig', 'task.type (Lambda functions)'],
  ['HumanTaskConfig.TaskKeywords', 'task.keywords'],
  ['HumanTaskConfig.TaskTitle', 'task.title'],
  ['HumanTaskConfig.TaskDescription', 'task.description'],
  ['HumanTaskConfig.NumberOfHumanWorkersPerDataObject', 'workers.perObject'],
  ['HumanTaskConfig.TaskTimeLimitInSeconds', 'workers.taskTimeLimit'],
  ['HumanTaskConfig.TaskAvailabilityLifetimeInSeconds', 'workers.taskAvailability'],
  ['HumanTaskConfig.MaxConcurrentTaskCount', 'workers.maxConcurrentTasks'],
];

function specField(requestPath: string): string {
  return SPEC_FIELDS.find(([prefix]) => requestPath === prefix || requestPath.startsWith(`${prefix}.`))?.[1] ?? requestPath;
}
