// The workers stand-in: sandbox-only routes (POST /_sandbox/sagemaker/<name>?region=) through which a test or a
// person answers a labeling job's tasks as one of the job's workers (a member of its private team, or anyone for the
// public crowd and vendor teams), plus the `settings` knob.
//   tasks    { job, worker }           -> PendingTask[]: objects the worker has not answered that still need answers
//   label    LabelRequest               -> { accepted, jobStatus }: records answers, consolidates full objects
//   settings { transitionMs? }          -> { transitionMs }: the status transition delay (0 = immediate)
import { createHash } from 'node:crypto';
import { ServiceError, type LabelRequest, type PendingTask, type RequestContext } from '../service.js';
import { consolidate } from './consolidation.js';
import { teamCrowd } from './crowds.js';
import { validation } from './errors.js';
import { consolidateFrames, drawnAnswer } from './frame-annotations.js';
import { findJob } from './jobs.js';
import { afterAnswers } from './job-status.js';
import { publishLabeled, writeWorkerResponses } from './output.js';
import { regionState, type JobRecord } from './state.js';
import { jobTaskType, type TaskType } from './task-types.js';
import { cognitoMembers } from './workteams.js';

const notAllowed = (message: string) => new ServiceError('AccessDeniedException', message);

/** Who answers: a Cognito user of the private team's pool, or a public-crowd or vendor worker (no pool). */
interface Worker {
  username: string;
  sub: string;
  userPool?: string;
}

/**
 * A public-crowd (Mechanical Turk) or vendor worker works for Amazon or the vendor, not in any Cognito group of the
 * account, so any name is taken. Their id is opaque to the requester; the sandbox derives a stable one from the name.
 */
function outsideWorker(name: string): Worker {
  return { username: name, sub: createHash('sha256').update(name).digest('hex').slice(0, 32) };
}

/** The worker answering the job's tasks; on a private team, an enabled Cognito user in one of the team's groups. */
async function jobWorker(ctx: RequestContext, job: JobRecord, name: string): Promise<Worker> {
  const teamArn = job.request.HumanTaskConfig.WorkteamArn;
  const records = regionState(ctx.state.sagemaker, ctx.region);
  const crowd = teamCrowd(ctx, records, teamArn);
  if (!crowd) throw validation(`The work team of labeling job ${job.name} (${teamArn}) no longer exists.`);
  if (crowd !== 'private') return outsideWorker(name);
  const team = Object.values(records.workteams).find((t) => t.arn === teamArn)!;
  const groups = cognitoMembers(team);
  if (groups.length === 0) throw validation('Workers of OIDC work teams are not modelled by the sandbox.');
  const userPool = groups[0]!.UserPool;
  const user = await ctx.backends.cognito.findUser(ctx.region, userPool, name);
  if (!user) throw notAllowed(`${name} is not a user of user pool ${userPool}.`);
  if (!user.enabled) throw notAllowed(`${name} is disabled in user pool ${userPool}.`);
  const userGroups = await ctx.backends.cognito.groupsOfUser(ctx.region, userPool, user.username);
  const member = groups.some((g) => userGroups.includes(g.UserGroup));
  if (!member) throw notAllowed(`${name} is not in any group of work team ${team.name} (${groups.map((g) => g.UserGroup).join(', ')}).`);
  return { username: user.username, sub: user.sub, userPool };
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw validation(`${name} must be a non-empty string.`);
  return value;
}

/**
 * A label the task type accepts: one of the job's labels, several for multi-label types, any value otherwise; for
 * video frame and point cloud types a label name (the stand-in draws it) or the worker's annotation object.
 */
function checkLabel(taskType: TaskType, labels: readonly string[], label: unknown): void {
  const known = (l: unknown) => typeof l === 'string' && labels.includes(l);
  const problem = (what: string) => validation(`${what} The job's labels: ${labels.join(', ')}.`);
  switch (taskType.kind) {
    case 'single-label':
      if (!known(label)) throw problem(`${JSON.stringify(label)} is not one of the job's labels.`);
      return;
    case 'multi-label':
      if (!Array.isArray(label) || !label.every(known) || new Set(label).size !== label.length)
        throw problem(`${JSON.stringify(label)} is not a list of distinct labels of the job.`);
      return;
    case 'raw':
      if (label === undefined || label === null) throw validation('Each answer needs a label (the worker\'s answer).');
      if (taskType.frames && !(typeof label === 'object' && !Array.isArray(label)) && !known(label))
        throw problem(`${JSON.stringify(label)} is neither one of the job's labels (to draw) nor an annotation object.`);
  }
}

const isOpen = (object: JobRecord['objects'][number]) => !object.consolidated && !object.failureReason;

export const workerRoutes = {
  async tasks(body: { job?: unknown; worker?: unknown }, ctx: RequestContext): Promise<PendingTask[]> {
    const job = await findJob(ctx, regionState(ctx.state.sagemaker, ctx.region), requireString(body.job, 'job'));
    const worker = await jobWorker(ctx, job, requireString(body.worker, 'worker'));
    if (job.status !== 'InProgress') return [];
    const multiLabel = jobTaskType(job.request.HumanTaskConfig).kind === 'multi-label';
    return job.objects.flatMap((object, index) =>
      isOpen(object) && !object.answers.some((a) => a.worker === worker.username)
        ? [
            {
              object: index,
              source: String(object.line['source'] ?? object.line['source-ref']),
              labels: job.labels,
              multiLabel,
              ...(object.frames && { frames: object.frames.map((f) => f.name) }),
            },
          ]
        : [],
    );
  },

  async label(body: Partial<LabelRequest>, ctx: RequestContext) {
    const job = await findJob(ctx, regionState(ctx.state.sagemaker, ctx.region), requireString(body.job, 'job'));
    const worker = await jobWorker(ctx, job, requireString(body.worker, 'worker'));
    if (job.status !== 'InProgress') throw validation(`Labeling job ${job.name} is ${job.status}; only InProgress jobs take answers.`);
    if (!Array.isArray(body.answers)) throw validation('answers must be a list of { object, label }.');
    const taskType = jobTaskType(job.request.HumanTaskConfig);
    // All answers are checked before any is recorded: a refused request changes nothing.
    const answered = new Set<number>();
    for (const answer of body.answers as unknown[]) {
      if (typeof answer !== 'object' || answer === null) throw validation('Each answer must be an object { object, label }.');
      const { object, label } = answer as { object: number; label: unknown };
      if (!Number.isInteger(object) || object < 0 || object >= job.objects.length)
        throw validation(`object must be the 0-based line index of a data object (0 to ${job.objects.length - 1}); got ${JSON.stringify(object)}.`);
      if (answered.has(object) || job.objects[object]!.answers.some((a) => a.worker === worker.username))
        throw validation(`${body.worker} has already answered object ${object}; a worker answers each object once.`);
      answered.add(object);
      checkLabel(taskType, job.labels, label);
    }
    const now = ctx.now().getTime();
    const needed = job.request.HumanTaskConfig.NumberOfHumanWorkersPerDataObject;
    let accepted = 0;
    for (const { object: index, label } of body.answers) {
      const object = job.objects[index]!;
      // Enough other workers answered it already: the task is gone, the answer is not accepted.
      if (!isOpen(object)) continue;
      // A frame job's label name stands for the annotations the stand-in draws for it.
      const answer = taskType.frames && typeof label === 'string' ? drawnAnswer(job, taskType, index, label) : label;
      object.answers.push({ worker: worker.username, sub: worker.sub, userPool: worker.userPool, label: answer, answeredMs: now });
      accepted++;
      if (object.answers.length >= needed) {
        object.consolidated = taskType.frames
          ? await consolidateFrames(ctx, job, taskType, index, now)
          : consolidate(taskType, job.labels, object.answers, job.name, now);
        await writeWorkerResponses(ctx, job, taskType, index, now);
        publishLabeled(ctx, job, index, now);
      }
    }
    if (accepted > 0) await afterAnswers(ctx, job);
    return { accepted, jobStatus: job.status };
  },

  settings(body: { transitionMs?: unknown }, ctx: RequestContext) {
    const settings = ctx.state.sagemaker.settings;
    if (body.transitionMs !== undefined) {
      if (typeof body.transitionMs !== 'number' || !Number.isFinite(body.transitionMs) || body.transitionMs < 0)
        throw validation('transitionMs must be a number of milliseconds >= 0.');
      settings.transitionMs = body.transitionMs;
    }
    return settings;
  },
};
