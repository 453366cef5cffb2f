// A labeling job's status over time, evaluated lazily: every operation that reads a job first settles it against
// the simulated clock, applying each transition at the moment it was due (not when it is noticed):
//   Initializing --transition delay--> InProgress, or Failed when its inputs were bad
//   InProgress --all objects consolidated--> Completed (at once, by the workers stand-in)
//   InProgress --TaskAvailabilityLifetime after start--> Completed, unanswered objects counted as failed
//   InProgress --30 days after creation--> Failed
//   Initializing | InProgress --StopLabelingJob or a stopping condition--> Stopping --transition delay--> Stopped
// A streaming job (streaming.ts) never completes and has no 30-day limit: InProgress --10 idle days--> Stopping,
// or --input topic gone--> Failed; each of its objects' tasks expire on their own.
import type { RequestContext } from '../service.js';
import { crowdInArn } from './crowds.js';
import { writeOutputManifest } from './output.js';
import { TASKS_EXPIRED, type JobRecord } from './state.js';
import { advanceStream, endSubscription, isStreaming } from './streaming.js';

const DAY_MS = 86_400_000;
/** Jobs fail after 30 days (aws-facts §3.1). */
const MAX_JOB_MS = 30 * DAY_MS;
/** TaskAvailabilityLifetimeInSeconds when not given: 30 days for private and vendor teams, 6 hours for the public crowd. */
const DEFAULT_AVAILABILITY_S = { private: 2_592_000, public: 21_600 };

export function labelCounters(job: JobRecord) {
  const labeled = job.objects.filter((o) => o.consolidated).length;
  const failed = job.objects.filter((o) => o.failureReason).length;
  return {
    TotalLabeled: labeled,
    HumanLabeled: labeled,
    MachineLabeled: 0,
    FailedNonRetryableError: failed,
    Unlabeled: job.objects.length - labeled - failed,
  };
}

function moveTo(job: JobRecord, status: JobRecord['status'], atMs: number): void {
  job.status = status;
  job.lastModifiedMs = atMs;
  delete job.settlesAtMs;
}

function fail(ctx: RequestContext, job: JobRecord, reason: string, atMs: number): void {
  job.failureReason = reason;
  endSubscription(ctx, job);
  moveTo(job, 'Failed', atMs);
}

const unwritable = (job: JobRecord) => `ClientError: Could not write the output manifest under ${job.request.OutputConfig.S3OutputPath}.`;

/** Completed or Stopped: the output manifest is written first; if the output bucket is gone the job fails instead. */
export async function finish(ctx: RequestContext, job: JobRecord, status: 'Completed' | 'Stopped', atMs: number): Promise<void> {
  const uri = await writeOutputManifest(ctx, job, atMs);
  if (uri === undefined) return fail(ctx, job, unwritable(job), atMs);
  job.outputUri = uri;
  moveTo(job, status, atMs);
}

function startStopping(ctx: RequestContext, job: JobRecord, atMs: number): void {
  moveTo(job, 'Stopping', atMs);
  job.settlesAtMs = atMs + ctx.state.sagemaker.settings.transitionMs;
  endSubscription(ctx, job);
}

export async function beginStop(ctx: RequestContext, job: JobRecord): Promise<void> {
  startStopping(ctx, job, ctx.now().getTime());
  await settleJob(ctx, job);
}

/** TaskAvailabilityLifetimeInSeconds, or its default for the job's crowd. */
function taskLifetimeMs(job: JobRecord): number {
  const config = job.request.HumanTaskConfig;
  return (config.TaskAvailabilityLifetimeInSeconds ?? DEFAULT_AVAILABILITY_S[crowdInArn(config.WorkteamArn) === 'public' ? 'public' : 'private']) * 1000;
}

export async function settleJob(ctx: RequestContext, job: JobRecord): Promise<JobRecord> {
  const now = ctx.now().getTime();
  if (job.status === 'Initializing' && now >= job.settlesAtMs!) {
    const at = job.settlesAtMs!;
    if (job.failureReason) fail(ctx, job, job.failureReason, at);
    else {
      moveTo(job, 'InProgress', at);
      job.startedMs = at;
    }
  }
  if (job.status === 'InProgress' && isStreaming(job)) {
    const end = advanceStream(ctx, job, taskLifetimeMs(job), now);
    if (end?.reason === 'idle') startStopping(ctx, job, end.atMs);
    // UNCONFIRMED: the wording of the reason.
    else if (end) fail(ctx, job, `ClientError: The labeling job can no longer read its input topic ${job.request.InputConfig.DataSource.SnsDataSource!.SnsTopicArn}.`, end.atMs);
  } else if (job.status === 'InProgress') {
    const expiresAt = job.startedMs! + taskLifetimeMs(job);
    const deadline = job.createdMs + MAX_JOB_MS;
    if (deadline <= now && deadline < expiresAt) {
      // UNCONFIRMED: the wording of AWS's reason.
      fail(ctx, job, 'ClientError: The labeling job did not finish within the maximum duration of 30 days.', deadline);
    } else if (expiresAt <= now) {
      for (const object of job.objects) if (!object.consolidated) object.failureReason = TASKS_EXPIRED;
      await finish(ctx, job, 'Completed', expiresAt);
    }
  }
  if (job.status === 'Stopping' && now >= job.settlesAtMs!) await finish(ctx, job, 'Stopped', job.settlesAtMs!);
  return job;
}

/**
 * After workers' answers: complete the job when every object is labeled, or stop it when a stopping condition is
 * met. A streaming job instead rewrites its output manifest (it grows as objects are labeled) and stops only by
 * count: INFERRED, a share of a stream that has no end is not defined, so MaxPercentageOfInputDatasetLabeled is not
 * applied to it.
 */
export async function afterAnswers(ctx: RequestContext, job: JobRecord): Promise<void> {
  const { HumanLabeled } = labelCounters(job);
  const now = ctx.now().getTime();
  const streaming = isStreaming(job);
  if (streaming && (await writeOutputManifest(ctx, job, now)) === undefined) return fail(ctx, job, unwritable(job), now);
  if (!streaming && HumanLabeled === job.objects.length) return finish(ctx, job, 'Completed', now);
  const conditions = job.request.StoppingConditions;
  const byCount = conditions?.MaxHumanLabeledObjectCount !== undefined && HumanLabeled >= conditions.MaxHumanLabeledObjectCount;
  const byShare =
    !streaming &&
    conditions?.MaxPercentageOfInputDatasetLabeled !== undefined &&
    HumanLabeled * 100 >= conditions.MaxPercentageOfInputDatasetLabeled * job.objects.length;
  if (byCount || byShare) await beginStop(ctx, job);
}
