// Streaming labeling jobs (`InputConfig.DataSource.SnsDataSource`; DG sms-streaming-labeling-job,
// sms-streaming-how-it-works, sms-streaming-stop-labeling-job). At creation the job subscribes its queue to the input
// topic; while InProgress every message published there that is a data object (a manifest line) becomes one more
// object of the job. It never completes by itself: it stops when asked, or after 10 idle days. SNS is always the
// sandbox's own (the external backends of design §6.2 are Cognito and S3 only), so its state is read directly.
import type { RequestContext } from '../service.js';
import { subscribeQueue, takeDelivered, unsubscribe } from '../sns/delivery.js';
import { parseTopicArn, topicByArn, type PublishedMessage } from '../sns/state.js';
import { validation } from './errors.js';
import { dataObjectLine } from './job-inputs.js';
import { TASKS_EXPIRED, type DataObject, type JobRecord, type LabelingJobRequest } from './state.js';

/** "If your labeling job remains idle for over 10 days, it is automatically stopped by Ground Truth." */
const IDLE_STOP_MS = 10 * 86_400_000;

/** Names the key whose value identifies a data object for deduplication (DG, "Duplicate Message Handling"). */
const DEDUPLICATION_KEY = 'dataset-objectid-attribute-name';

export const isStreaming = (job: JobRecord) => job.request.InputConfig.DataSource.SnsDataSource !== undefined;

/**
 * "Your SNS topics must be created in the same AWS Region as your labeling job": the input topic and the output
 * topic, when given, must exist there. INFERRED: AWS checks them when the job is created (ValidationException; the
 * texts are the sandbox's own) rather than failing the job later.
 */
export function checkTopics(ctx: RequestContext, request: LabelingJobRequest): void {
  const topics = [request.InputConfig.DataSource.SnsDataSource?.SnsTopicArn, request.OutputConfig.SnsTopicArn];
  for (const arn of topics) {
    if (arn === undefined) continue;
    const region = parseTopicArn(arn)?.region;
    if (region !== ctx.region) throw validation(`The SNS topic ${arn} must be in ${ctx.region}, the labeling job's Region.`);
    if (!topicByArn(ctx.state.sns, ctx.account, arn)) throw validation(`The SNS topic ${arn} does not exist.`);
  }
}

const inputTopic = (ctx: RequestContext, job: JobRecord) => topicByArn(ctx.state.sns, ctx.account, job.request.InputConfig.DataSource.SnsDataSource!.SnsTopicArn);

/**
 * Ground Truth's queue is `GroundTruth-<labeling job name in lower case>` in the job's account and Region. A topic
 * deleted since `checkTopics` (CreateLabelingJob awaits S3 in between) leaves the job unsubscribed: it fails on start.
 */
export function subscribeJob(ctx: RequestContext, job: JobRecord): void {
  const topic = inputTopic(ctx, job);
  const queueArn = `arn:aws:sqs:${ctx.region}:${ctx.account}:GroundTruth-${job.name.toLowerCase()}`;
  if (topic) job.subscriptionArn = subscribeQueue(topic, queueArn);
}

/** On stopping or failing: Ground Truth "unsubscribes your Amazon SNS topic from your Amazon SQS queue". */
export function endSubscription(ctx: RequestContext, job: JobRecord): void {
  if (job.subscriptionArn === undefined) return;
  unsubscribe(inputTopic(ctx, job), job.subscriptionArn);
  delete job.subscriptionArn;
}

/** Why a streaming job has to end, and when. */
export type StreamEnd = { reason: 'idle' | 'input-gone'; atMs: number };

const arrival = (job: JobRecord, object: DataObject) => object.arrivedMs ?? job.startedMs!;
const isOpen = (object: DataObject) => !object.consolidated && !object.failureReason;

/** When the job last had something to do, if nothing is left to label now; else undefined. */
function idleSince(job: JobRecord, lifetimeMs: number): number | undefined {
  if (job.objects.some(isOpen)) return undefined;
  const done = job.objects.map((o) => (o.consolidated ? Math.max(...o.answers.map((a) => a.answeredMs)) : arrival(job, o) + lifetimeMs));
  return Math.max(job.startedMs!, ...done);
}

/** Each object's tasks stay available `lifetimeMs` from its arrival (INFERRED: TaskAvailabilityLifetimeInSeconds per object). */
function expireUntil(job: JobRecord, lifetimeMs: number, atMs: number): void {
  for (const object of job.objects) if (isOpen(object) && arrival(job, object) + lifetimeMs <= atMs) object.failureReason = TASKS_EXPIRED;
}

/**
 * A delivered message as a data object, or nothing. INFERRED: a message that is no data object (not JSON, not an
 * object, not exactly one of `source`/`source-ref`, a deduplication key naming no string) is dropped; the docs say
 * only what a message must be. A message whose deduplication ID the job has seen is dropped, as the docs say; without
 * a key of its own the ID is the SNS message ID, written into the object as the docs' output shows.
 */
function objectOf(job: JobRecord, message: PublishedMessage, atMs: number): DataObject | undefined {
  const parsed = dataObjectLine(message.message);
  if ('problem' in parsed) return undefined;
  const { line } = parsed;
  const key = line[DEDUPLICATION_KEY];
  if (key === undefined) {
    const idKey = `$${job.request.LabelAttributeName}-object-id`;
    return { line: { ...line, [DEDUPLICATION_KEY]: idKey, [idKey]: message.messageId }, answers: [], arrivedMs: atMs };
  }
  if (typeof key !== 'string' || typeof line[key] !== 'string') return undefined;
  const seen = job.objects.some((o) => o.line[DEDUPLICATION_KEY] === key && o.line[key] === line[key]);
  return seen ? undefined : { line, answers: [], arrivedMs: atMs };
}

/**
 * Brings an InProgress streaming job up to `nowMs`: what was published to its input topic becomes data objects in
 * publication order (those published while it was Initializing arrive when it starts), tasks expire, and the job
 * ends if it went idle for 10 days ("no objects are sent to the Amazon SNS input topic and no objects remain ...
 * waiting to be labeled"; the timer starts when the last object is done) or if its input topic is gone (INFERRED:
 * the docs say a job is active until it "is unable to access input data sources", not which status follows).
 * Messages published after the job went idle are never taken.
 */
export function advanceStream(ctx: RequestContext, job: JobRecord, lifetimeMs: number, nowMs: number): StreamEnd | undefined {
  const delivered = job.subscriptionArn === undefined ? undefined : takeDelivered(inputTopic(ctx, job), job.subscriptionArn);
  const arrivals = (delivered ?? []).map((message) => ({ message, atMs: Math.max(message.publishedMs, job.startedMs!) }));
  for (;;) {
    const next = arrivals.shift();
    const horizon = next?.atMs ?? nowMs;
    expireUntil(job, lifetimeMs, horizon);
    const since = idleSince(job, lifetimeMs);
    if (since !== undefined && since + IDLE_STOP_MS <= horizon) return { reason: 'idle', atMs: since + IDLE_STOP_MS };
    if (!next) break;
    const object = objectOf(job, next.message, next.atMs);
    if (object) job.objects.push(object);
  }
  return delivered === undefined ? { reason: 'input-gone', atMs: nowMs } : undefined;
}
