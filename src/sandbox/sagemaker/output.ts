// What a labeling job writes to S3 (the sandbox's, or an external one) under `<S3OutputPath>/<job name>/` (aws-facts §5.3): each data
// object's worker responses once it is consolidated, and the output manifest when the job completes or stops (a
// streaming job's also each time an object is labeled). And what it publishes to its output topic, if it has one.
import type { RequestContext } from '../service.js';
import { deliver } from '../sns/delivery.js';
import { topicByArn } from '../sns/state.js';
import { groundTruthDate } from './consolidation.js';
import { crowdInArn } from './crowds.js';
import { parseS3Uri } from './job-inputs.js';
import type { DataObject, JobRecord, WorkerAnswer } from './state.js';
import { isStreaming } from './streaming.js';
import type { TaskType } from './task-types.js';

/** `s3://bucket/<output prefix>/<job>/<path>`, split into bucket and key. */
export function outputObject(job: JobRecord, path: string): { bucket: string; key: string } {
  const { bucket, key: prefix } = parseS3Uri(job.request.OutputConfig.S3OutputPath)!;
  const folder = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  return { bucket, key: `${folder}${job.name}/${path}` };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

/** One object's output-manifest line: its input line plus its label and `-metadata` (aws-facts §5.2). */
function outputLine(job: JobRecord, { line, consolidated, failureReason }: DataObject): string {
  const attribute = job.request.LabelAttributeName;
  if (consolidated) return JSON.stringify({ ...line, [attribute]: consolidated.value, [`${attribute}-metadata`]: consolidated.metadata });
  // UNCONFIRMED: the metadata AWS writes for an object whose tasks expired. Unanswered objects of a stopped job
  // are written unchanged, as in AWS's intermediate manifests (aws-facts §5.2).
  if (failureReason) return JSON.stringify({ ...line, [`${attribute}-metadata`]: { 'failure-reason': failureReason } });
  return JSON.stringify(line);
}

/**
 * Writes the manifest, in input (for a streaming job: arrival) order; returns its URI, or undefined if the bucket is
 * gone. A one-time job's has every data object. A streaming job's has only the objects that are done, labeled or
 * expired, so it grows by one line per object (INFERRED: the docs say only that the output is "periodically
 * updated"; the layout is the one-time job's).
 */
export async function writeOutputManifest(ctx: RequestContext, job: JobRecord, atMs: number): Promise<string | undefined> {
  const objects = isStreaming(job) ? job.objects.filter((o) => o.consolidated || o.failureReason) : job.objects;
  const lines = objects.map((object) => outputLine(job, object));
  const { bucket, key } = outputObject(job, 'manifests/output/output.manifest');
  const body = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  return (await ctx.backends.s3.putObject(bucket, key, body, 'application/octet-stream', new Date(atMs))) ? `s3://${bucket}/${key}` : undefined;
}

/**
 * The labeled object's output line, published to `OutputConfig.SnsTopicArn` when the job has one ("To learn more
 * about the output data format that is published to these endpoints, see Output Data", DG sms-create-sns-input-topic).
 * One message per consolidated object (INFERRED: the docs say "each time a worker submits a labeled object"; with
 * several workers per object only the consolidated label is output data). A topic deleted since gets nothing.
 */
export function publishLabeled(ctx: RequestContext, job: JobRecord, index: number, atMs: number): void {
  const arn = job.request.OutputConfig.SnsTopicArn;
  const topic = arn === undefined ? undefined : topicByArn(ctx.state.sns, ctx.account, arn);
  if (topic) deliver(topic, outputLine(job, job.objects[index]!), undefined, atMs);
}

/**
 * `annotations/worker-response/iteration-1/<object index>/<date>.json`: every answer to one object, with the
 * worker's Cognito identity (private workforces only, aws-facts §5: public-crowd and vendor workers have none). The
 * answer key is the built-in template's crowd element (UNCONFIRMED: a real template names it with its own `name`
 * attribute). `workerId` starts with the kind of team: `private.` as AWS's examples show, `public.` and `vendor.`
 * by analogy (UNCONFIRMED).
 */
export async function writeWorkerResponses(ctx: RequestContext, job: JobRecord, taskType: TaskType, index: number, atMs: number): Promise<void> {
  const crowd = crowdInArn(job.request.HumanTaskConfig.WorkteamArn) ?? 'private';
  const answers = job.objects[index]!.answers.map((answer) => ({
    acceptanceTime: new Date(answer.answeredMs).toISOString(),
    answerContent: { [taskType.answerElement]: answerContent(taskType, answer) },
    submissionTime: new Date(answer.answeredMs).toISOString(),
    timeSpentInSeconds: 0,
    workerId: `${crowd}.${ctx.region}.${answer.sub.replace(/-/g, '')}`,
    ...(answer.userPool !== undefined && {
      workerMetadata: {
        identityData: {
          identityProviderType: 'Cognito',
          issuer: `https://cognito-idp.${ctx.region}.amazonaws.com/${answer.userPool}`,
          sub: answer.sub,
        },
      },
    }),
  }));
  const { bucket, key } = outputObject(job, `annotations/worker-response/iteration-1/${index}/${groundTruthDate(atMs)}.json`);
  await ctx.backends.s3.putObject(bucket, key, json({ answers }), 'application/json', new Date(atMs));
}

function answerContent(taskType: TaskType, answer: WorkerAnswer): unknown {
  switch (taskType.kind) {
    case 'single-label':
      return { label: answer.label };
    case 'multi-label':
      return { labels: answer.label };
    case 'raw':
      return answer.label;
  }
}
