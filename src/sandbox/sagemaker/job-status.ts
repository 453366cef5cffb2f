// A labeling job's status over time, evaluated lazily: every operation that reads a job first settles it against
// the simulated clock, applying each transition at the moment it was due (not when it is noticed):
//   Initializing --transition delay--> InProgress, or Failed when its inputs were bad
//   InProgress --all objects consolidated--> Completed (at once, by the workers stand-in)
//   InProgress --TaskAvailabilityLifetime after start--> Completed, unanswered objects counted as failed
//   InProgress --30 days after creation--> Failed
//   Initializing | InProgress --StopLabelingJob or a stopping condition--> Stopping --transition delay--> Stopped
import type { RequestContext } from '../service.js';
import { crowdInArn } from './crowds.js';
import { writeOutputManifest } from './output.js';
import type { JobRecord } from './state.js';

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

function fail(job: JobRecord, reason: string, atMs: number): void {
  job.failureReason = reason;
  moveTo(job, 'Failed', atMs);
}

/** Completed or Stopped: the output manifest is written first; if the output bucket is gone the job fails instead. */
export async function finish(ctx: RequestContext, job: JobRecord, status: 'Completed' | 'Stopped', atMs: number): Promise<void> {
  const uri = await writeOutputManifest(ctx, job, atMs);
  if (uri === undefined) return fail(job, `ClientError: Could not write the output manifest under ${job.request.OutputConfig.S3OutputPath}.`, atMs);
  job.outputUri = uri;
  moveTo(job, status, atMs);
}

export async function beginStop(ctx: RequestContext, job: JobRecord): Promise<void> {
  const now = ctx.now().getTime();
  moveTo(job, 'Stopping', now);
  job.settlesAtMs = now + ctx.state.sagemaker.settings.transitionMs;
  await settleJob(ctx, job);
}

export async function settleJob(ctx: RequestContext, job: JobRecord): Promise<JobRecord> {
  const now = ctx.now().getTime();
  if (job.status === 'Initializing' && now >= job.settlesAtMs!) {
    const at = job.settlesAtMs!;
    if (job.failureReason) fail(job, job.failureReason, at);
    else {
      moveTo(job, 'InProgress', at);
      job.startedMs = at;
    }
  }
  if (job.status === 'InProgress') {
    const config = job.request.HumanTaskConfig;
    const lifetimeS = config.TaskAvailabilityLifetimeInSeconds ?? DEFAULT_AVAILABILITY_S[crowdInArn(config.WorkteamArn) === 'public' ? 'public' : 'private'];
    const expiresAt = job.startedMs! + lifetimeS * 1000;
    const deadline = job.createdMs + MAX_JOB_MS;
    if (deadline <= now && deadline < expiresAt) {
      // UNCONFIRMED: the wording of AWS's reason.
      fail(job, 'ClientError: The labeling job did not finish within the maximum duration of 30 days.', deadline);
    } else if (expiresAt <= now) {
      for (const object of job.objects)
        if (!object.consolidated) object.failureReason = 'ClientError: The tasks expired before enough workers answered.';
      await finish(ctx, job, 'Completed', expiresAt);
    }
  }
  if (job.status === 'Stopping' && now >= job.settlesAtMs!) await finish(ctx, job, 'Stopped', job.settlesAtMs!);
  return job;
}

/** After workers' answers: complete the job when every object is labeled, or stop it when a stopping condition is met. */
export async function afterAnswers(ctx: RequestContext, job: JobRecord): Promise<void> {
  const { HumanLabeled } = labelCounters(job);
  if (HumanLabeled === job.objects.length) return finish(ctx, job, 'Completed', ctx.now().getTime());
  const conditions = job.request.StoppingConditions;
  const byCount = conditions?.MaxHumanLabeledObjectCount !== undefined && HumanLabeled >= conditions.MaxHumanLabeledObjectCount;
  const byShare =
    conditions?.MaxPercentageOfInputDatasetLabeled !== undefined &&
    HumanLabeled * 100 >= conditions.MaxPercentageOfInputDatasetLabeled * job.objects.length;
  if (byCount || byShare) await beginStop(ctx, job);
}
