// What the SNS sandbox remembers, per Region: topics, their attributes and tags, the messages published to them
// (kept so tests can read them: admin route `sns/messages`) and their subscriptions. Plain JSON (times epoch ms on
// the simulated clock) so `--state FILE` can persist it.

export interface SnsState {
  regions: Record<string, { topics: Record<string, TopicRecord> }>;
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface TopicRecord {
  /** The key of the record in its Region: topic names are unique per account and Region. */
  name: string;
  arn: string;
  /** The attributes CreateTopic was given, as sent; GetTopicAttributes adds the ones SNS computes. */
  attributes: Record<string, string>;
  tags: Tag[];
  /** Everything published to the topic, oldest first (the latest `MAX_KEPT_MESSAGES`). */
  messages: PublishedMessage[];
  /**
   * By subscription ARN. Only Ground Truth makes them (a streaming job's queue, `sns/delivery.ts`): the sandbox
   * serves no Subscribe.
   */
  subscriptions: Record<string, Subscription>;
}

export interface PublishedMessage {
  messageId: string;
  message: string;
  subject?: string;
  publishedMs: number;
}

/** An SQS queue subscribed to the topic; what was delivered and not yet taken stays in `pending`. */
export interface Subscription {
  endpoint: string;
  pending: PublishedMessage[];
}

export function emptySnsState(): SnsState {
  return { regions: {} };
}

/** The Region's topics by name, created empty on first use. */
export function regionTopics(state: SnsState, region: string): Record<string, TopicRecord> {
  const records = (state.regions[region] ??= { topics: {} });
  return records.topics;
}

/** `arn:aws:sns:<region>:<account>:<name>` (the name as CreateTopic allows it). */
const TOPIC_ARN = /^arn:aws:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256})$/;

export function topicArn(region: string, account: string, name: string): string {
  return `arn:aws:sns:${region}:${account}:${name}`;
}

export function parseTopicArn(arn: string): { region: string; account: string; name: string } | undefined {
  const match = TOPIC_ARN.exec(arn);
  return match ? { region: match[1]!, account: match[2]!, name: match[3]! } : undefined;
}

/** The topic an ARN names, in the ARN's own Region, or undefined. */
export function topicByArn(state: SnsState, account: string, arn: string): TopicRecord | undefined {
  const parsed = parseTopicArn(arn);
  if (!parsed || parsed.account !== account) return undefined;
  return state.regions[parsed.region]?.topics[parsed.name];
}
