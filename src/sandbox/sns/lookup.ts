// The topic a request names, or SNS's answer when it names none: InvalidParameter for an ARN that is malformed or of
// another Region (SNS serves each Region at its own endpoint), NotFound for a topic that does not exist. The texts
// are those LocalStack's SNS provider gives from its recordings of AWS (UNCONFIRMED here).
import { ServiceError, type RequestContext } from '../service.js';
import { parseTopicArn, topicByArn, type TopicRecord } from './state.js';

export const invalidParameter = (message: string) => new ServiceError('InvalidParameter', message);

/** A topic ARN this Region's endpoint accepts; the topic may or may not exist. */
export function checkTopicArn(ctx: RequestContext, arn: string): void {
  if (parseTopicArn(arn)?.region !== ctx.region) throw invalidParameter('Invalid parameter: TopicArn');
}

export function requireTopic(ctx: RequestContext, arn: string): TopicRecord {
  checkTopicArn(ctx, arn);
  const topic = topicByArn(ctx.state.sns, ctx.account, arn);
  if (!topic) throw new ServiceError('NotFound', 'Topic does not exist', 404);
  return topic;
}
