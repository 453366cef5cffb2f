// CreateTopic, ListTopics, GetTopicAttributes, DeleteTopic. Each answers the inner XML of its Result element.
import type { RequestContext } from '../service.js';
import { checkTopicArn, invalidParameter, requireTopic } from './lookup.js';
import { regionTopics, topicArn, type Tag, type TopicRecord } from './state.js';
import { element } from '../server/query-wire.js';

/** "Topic names must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long." */
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/** ListTopics answers "up to 100" topics a call (API reference). */
const PAGE_SIZE = 100;

/** A topic's tag quota (SNS quotas: 50 tags per topic). */
const MAX_TAGS = 50;

// The attributes CreateTopic accepts (API reference, CreateTopic Attributes), the delivery-status logging ones per protocol included.
const LOGGED_PROTOCOLS = ['Application', 'Firehose', 'HTTP', 'Lambda', 'SQS'];
const SETTABLE_ATTRIBUTES = new Set([
  'DeliveryPolicy',
  'DisplayName',
  'Policy',
  'SignatureVersion',
  'TracingConfig',
  'KmsMasterKeyId',
  'ArchivePolicy',
  'FifoTopic',
  'ContentBasedDeduplication',
  'FifoThroughputScope',
  ...LOGGED_PROTOCOLS.flatMap((p) => [`${p}SuccessFeedbackRoleArn`, `${p}SuccessFeedbackSampleRate`, `${p}FailureFeedbackRoleArn`]),
]);

interface CreateTopicInput {
  Name: string;
  Attributes?: Record<string, string>;
  Tags?: Tag[];
}

function checkedAttributes(input: CreateTopicInput): Record<string, string> {
  const attributes = { ...input.Attributes };
  const unknown = Object.keys(attributes).find((name) => !SETTABLE_ATTRIBUTES.has(name));
  if (unknown !== undefined) throw invalidParameter(`Invalid parameter: Attributes Reason: Unknown attribute ${unknown}`);
  if (attributes['FifoTopic']?.toLowerCase() === 'true') throw invalidParameter('FIFO topics are not modelled by the sandbox.');
  // SNS does not keep an explicit FifoTopic=false (LocalStack's recordings of AWS).
  delete attributes['FifoTopic'];
  return attributes;
}

function checkTags(tags: readonly Tag[]): void {
  if (new Set(tags.map((t) => t.Key)).size < tags.length) throw invalidParameter('Invalid parameter: Duplicated keys are not allowed.');
  if (tags.length > MAX_TAGS) throw invalidParameter(`Invalid parameter: Tags Reason: A topic can have at most ${MAX_TAGS} tags.`);
}

/** CreateTopic on an existing name answers its ARN, unless the request asks for other attribute values or tags. */
function sameTopic(topic: TopicRecord, attributes: Record<string, string>, tags: readonly Tag[]): void {
  if (Object.entries(attributes).some(([name, value]) => topic.attributes[name] !== value))
    throw invalidParameter('Invalid parameter: Attributes Reason: Topic already exists with different attributes');
  if (tags.some((tag) => !topic.tags.some((t) => t.Key === tag.Key && t.Value === tag.Value)))
    throw invalidParameter('Invalid parameter: Tags Reason: Topic already exists with different tags');
}

/** The policy SNS gives a new topic: the owner account may do everything to it. */
function defaultPolicy(topic: TopicRecord, account: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Effect: 'Allow',
        Sid: '__default_statement_ID',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: topic.arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': account } },
      },
    ],
  });
}

const DEFAULT_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: {
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 3,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: 'linear',
    },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
});

// The ARN of the last topic a page showed: the next page starts after it, whatever was created or deleted meanwhile.
const tokenOf = (arn: string) => Buffer.from(arn, 'utf8').toString('base64url');

function afterToken(ctx: RequestContext, token: string): string {
  const arn = Buffer.from(token, 'base64url').toString('utf8');
  if (tokenOf(arn) !== token || !arn.startsWith(topicArn(ctx.region, ctx.account, ''))) throw invalidParameter('Invalid parameter: NextToken');
  return arn;
}

export const topicOperations = {
  CreateTopic(input: CreateTopicInput, ctx: RequestContext): string {
    const attributes = checkedAttributes(input);
    if (!TOPIC_NAME.test(input.Name)) throw invalidParameter('Invalid parameter: Topic Name');
    const tags = input.Tags ?? [];
    checkTags(tags);
    const topics = regionTopics(ctx.state.sns, ctx.region);
    const existing = topics[input.Name];
    if (existing) {
      sameTopic(existing, attributes, tags);
      return element('TopicArn', existing.arn);
    }
    const arn = topicArn(ctx.region, ctx.account, input.Name);
    topics[input.Name] = { name: input.Name, arn, attributes, tags, messages: [], subscriptions: {} };
    return element('TopicArn', arn);
  },

  /** Sorted by ARN (UNCONFIRMED: AWS documents no order). */
  ListTopics(input: { NextToken?: string }, ctx: RequestContext): string {
    const arns = Object.values(regionTopics(ctx.state.sns, ctx.region))
      .map((t) => t.arn)
      .sort();
    const after = input.NextToken === undefined ? undefined : afterToken(ctx, input.NextToken);
    const rest = after === undefined ? arns : arns.filter((arn) => arn > after);
    const page = rest.slice(0, PAGE_SIZE);
    const members = page.map((arn) => `<member>${element('TopicArn', arn)}</member>`).join('');
    return `<Topics>${members}</Topics>${rest.length > PAGE_SIZE ? element('NextToken', tokenOf(page.at(-1)!)) : ''}`;
  },

  GetTopicAttributes(input: { TopicArn: string }, ctx: RequestContext): string {
    const topic = requireTopic(ctx, input.TopicArn);
    const attributes: Record<string, string> = {
      Owner: ctx.account,
      Policy: defaultPolicy(topic, ctx.account),
      TopicArn: topic.arn,
      DisplayName: '',
      EffectiveDeliveryPolicy: DEFAULT_DELIVERY_POLICY,
      // Ground Truth's queues are the only subscriptions, and SNS confirms an SQS queue of the same account at once.
      SubscriptionsConfirmed: String(Object.keys(topic.subscriptions).length),
      SubscriptionsPending: '0',
      SubscriptionsDeleted: '0',
      ...topic.attributes,
    };
    const entries = Object.entries(attributes).map(([key, value]) => `<entry>${element('key', key)}${element('value', value)}</entry>`);
    return `<Attributes>${entries.join('')}</Attributes>`;
  },

  /** Idempotent: "deleting a topic that does not exist does not result in an error" (API reference). */
  DeleteTopic(input: { TopicArn: string }, ctx: RequestContext): undefined {
    checkTopicArn(ctx, input.TopicArn);
    const topics = regionTopics(ctx.state.sns, ctx.region);
    const name = Object.values(topics).find((t) => t.arn === input.TopicArn)?.name;
    if (name !== undefined) delete topics[name];
    return undefined;
  },
};
