// SNS: what a streaming job's publisher (the user's own code) and the job itself use of it, on the sandbox's SNS
// against moto's. gtctl itself calls none of it; the sandbox's SNS must answer as AWS does for those tests to mean
// anything.
import { CreateTopicCommand, DeleteTopicCommand, GetTopicAttributesCommand, ListTopicsCommand, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { expect } from 'vitest';
import { attempt, conformanceSuite, okOrFailure, type Scope } from './harness.js';

const { differential } = conformanceSuite();

async function topic(sns: SNSClient, scope: Scope, role: string): Promise<string> {
  const arn = (await sns.send(new CreateTopicCommand({ Name: scope.name(role) }))).TopicArn!;
  scope.defer(() => sns.send(new DeleteTopicCommand({ TopicArn: arn })));
  return arn;
}

differential({
  service: 'sns',
  operation: 'CreateTopic',
  case: 'the same name twice is the same topic, listed once',
  run: async (c, scope) => {
    const first = await topic(c.sns, scope, 'topic');
    const again = (await c.sns.send(new CreateTopicCommand({ Name: scope.name('topic') }))).TopicArn;
    const listed = ((await c.sns.send(new ListTopicsCommand({}))).Topics ?? []).filter((t) => t.TopicArn === first).length;
    return { same: first === again, endsWithName: first.endsWith(`:${scope.name('topic')}`), listed };
  },
  expect: (answer) => expect(answer).toEqual({ same: true, endsWithName: true, listed: 1 }),
});

differential({
  service: 'sns',
  operation: 'Publish',
  case: 'a manifest line to a topic answers a message id',
  run: async (c, scope) => {
    const arn = await topic(c.sns, scope, 'in');
    const { MessageId } = await c.sns.send(new PublishCommand({ TopicArn: arn, Message: JSON.stringify({ source: '42' }) }));
    return { messageId: typeof MessageId === 'string' && MessageId.length > 0 };
  },
  expect: (answer) => expect(answer).toEqual({ messageId: true }),
});

differential({
  service: 'sns',
  operation: 'Publish',
  case: 'to a deleted topic',
  run: async (c, scope) => {
    const arn = (await c.sns.send(new CreateTopicCommand({ Name: scope.name('gone') }))).TopicArn!;
    await c.sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    return attempt(() => c.sns.send(new PublishCommand({ TopicArn: arn, Message: '{"source":"1"}' })));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'NotFound', status: 404 }),
});

differential({
  service: 'sns',
  operation: 'GetTopicAttributes',
  case: 'of a topic, and of an unknown one',
  run: async (c, scope) => {
    const arn = await topic(c.sns, scope, 'attrs');
    const known = await c.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    const unknown = await attempt(() => c.sns.send(new GetTopicAttributesCommand({ TopicArn: `${arn}-nope` })));
    return { topicArn: known.Attributes?.['TopicArn'] === arn, unknown: okOrFailure(unknown) };
  },
  expect: (answer) => expect(answer).toMatchObject({ topicArn: true, unknown: { error: 'NotFound', status: 404 } }),
});
