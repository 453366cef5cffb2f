// How a published message reaches a topic's subscribers, and the subscriptions Ground Truth makes. A streaming
// labeling job subscribes its own SQS queue (`GroundTruth-<job name in lower case>`) to its input topic when it is
// created and unsubscribes when it stops (DG sms-streaming-how-it-works, sms-streaming-stop-labeling-job); the job
// takes what was delivered whenever SageMaker next looks at it. Publishing to a job's output topic goes through
// `deliver` too, so the admin route `sns/messages` shows both.
import { randomUUID } from 'node:crypto';
import type { PublishedMessage, TopicRecord } from './state.js';

/** Published messages kept per topic for the admin route; older ones are forgotten (subscribers still got them). */
export const MAX_KEPT_MESSAGES = 10_000;

export function deliver(topic: TopicRecord, message: string, subject: string | undefined, atMs: number): PublishedMessage {
  const published: PublishedMessage = { messageId: randomUUID(), message, ...(subject !== undefined && { subject }), publishedMs: atMs };
  topic.messages.push(published);
  if (topic.messages.length > MAX_KEPT_MESSAGES) topic.messages.splice(0, topic.messages.length - MAX_KEPT_MESSAGES);
  for (const subscription of Object.values(topic.subscriptions)) subscription.pending.push(published);
  return published;
}

/** Subscribes an SQS queue (by ARN) to the topic; answers the subscription ARN (`<topic ARN>:<id>`, as SNS mints them). */
export function subscribeQueue(topic: TopicRecord, queueArn: string): string {
  const arn = `${topic.arn}:${randomUUID()}`;
  topic.subscriptions[arn] = { endpoint: queueArn, pending: [] };
  return arn;
}

/** What was delivered to the subscription since last taken, oldest first; undefined once the subscription is gone. */
export function takeDelivered(topic: TopicRecord | undefined, subscriptionArn: string): PublishedMessage[] | undefined {
  const subscription = topic?.subscriptions[subscriptionArn];
  if (!subscription) return undefined;
  return subscription.pending.splice(0);
}

export function unsubscribe(topic: TopicRecord | undefined, subscriptionArn: string): void {
  if (topic) delete topic.subscriptions[subscriptionArn];
}
