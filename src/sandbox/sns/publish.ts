// Publish to a topic: the message is kept on the topic and delivered to its subscriptions (delivery.ts). Only
// topics are published to: SMS (PhoneNumber), mobile endpoints and per-protocol messages (MessageStructure) are not
// modelled; message attributes are accepted and ignored.
import type { RequestContext } from '../service.js';
import { deliver } from './delivery.js';
import { invalidParameter, requireTopic } from './lookup.js';
import { element } from '../server/query-wire.js';

/** "at most 256 KB in size (262,144 bytes, not 262,144 characters)" (API reference, Publish Message). */
const MAX_MESSAGE_BYTES = 262_144;

/** No line breaks or control characters, under 100 characters (API reference, Publish Subject; the bound is UNCONFIRMED). */
const SUBJECT = /^[^\p{Cc}]{1,99}$/u;

interface PublishInput {
  TopicArn?: string;
  TargetArn?: string;
  PhoneNumber?: string;
  Message: string;
  Subject?: string;
  MessageStructure?: string;
}

export const publishOperations = {
  Publish(input: PublishInput, ctx: RequestContext): string {
    if (input.PhoneNumber !== undefined) throw invalidParameter('Publishing to a phone number (SMS) is not modelled by the sandbox.');
    if (input.MessageStructure !== undefined) throw invalidParameter('MessageStructure is not modelled by the sandbox.');
    // AWS takes a topic's ARN as TargetArn as well as TopicArn.
    const arn = input.TopicArn ?? input.TargetArn;
    if (arn === undefined) throw invalidParameter('Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter');
    if (input.Subject !== undefined && !SUBJECT.test(input.Subject)) throw invalidParameter('Invalid parameter: Subject');
    if (input.Message === '') throw invalidParameter('Invalid parameter: Empty message');
    if (Buffer.byteLength(input.Message, 'utf8') > MAX_MESSAGE_BYTES) throw invalidParameter('Invalid parameter: Message too long');
    const topic = requireTopic(ctx, arn);
    return element('MessageId', deliver(topic, input.Message, input.Subject, ctx.now().getTime()).messageId);
  },
};
