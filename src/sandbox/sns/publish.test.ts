// Publishing through the real SDK client, the admin route that shows what was published, and SNS beside STS on the
// same port (BEHAVIOUR.md, "Publish" and "Sandbox-only route").
import { CreateTopicCommand, PublishCommand, type PublishCommandInput } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry, Sandbox } from '../index.js';
import { expectError, startSandboxForTests, world, type World } from '../sagemaker/test-support.js';

describe('SNS Publish', () => {
  let sandbox: Sandbox;
  let w: World;
  let topic: string;
  const publish = (input: Partial<PublishCommandInput>) => w.sns.send(new PublishCommand({ TopicArn: topic, ...input } as PublishCommandInput));
  const messages = (topicArn: string) => w.admin<Array<{ messageId: string; message: string; subject?: string; timestamp: string }>>('sns/messages', { topicArn });

  beforeAll(async () => {
    sandbox = await startSandboxForTests();
    w = world(sandbox, 'us-west-2');
    topic = (await w.sns.send(new CreateTopicCommand({ Name: 'events' }))).TopicArn!;
  });
  afterAll(async () => {
    await w.close();
    await sandbox.close();
  });

  it('answers a message ID and keeps the message for the admin route, on the sandbox clock', async () => {
    await w.advance(3_600_000);
    const { MessageId } = await publish({ Message: '{"source": "42"}', Subject: 'A number', MessageAttributes: { kind: { DataType: 'String', StringValue: 'n' } } });
    expect(MessageId).toMatch(/^[0-9a-f-]{36}$/);
    // Through TargetArn, which AWS also takes for a topic.
    const second = await w.sns.send(new PublishCommand({ TargetArn: topic, Message: 'plain text' }));
    const kept = await messages(topic);
    expect(kept.map(({ timestamp, ...m }) => m)).toEqual([
      { messageId: MessageId, message: '{"source": "42"}', subject: 'A number' },
      { messageId: second.MessageId, message: 'plain text' },
    ]);
    expect(Date.parse(kept[0]!.timestamp) - Date.now()).toBeGreaterThan(3_500_000);
  });

  it('refuses what AWS refuses', async () => {
    await expectError(publish({ TopicArn: 'arn:aws:sns:us-west-2:000000000000:ghost', Message: 'x' }), 'NotFoundException', 'Topic does not exist');
    await expectError(publish({ Message: '' }), 'InvalidParameterException', 'Invalid parameter: Empty message');
    await expectError(publish({ Message: 'é'.repeat(131_073) }), 'InvalidParameterException', 'Invalid parameter: Message too long');
    await expectError(publish({ Message: 'x', Subject: 'two\nlines' }), 'InvalidParameterException', 'Invalid parameter: Subject');
    await expectError(publish({ TopicArn: undefined, Message: 'x' }), 'InvalidParameterException', /TopicArn or TargetArn/);
    await expectError(publish({}), 'ValidationError', "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null");
    await expectError(publish({ TopicArn: undefined, PhoneNumber: '+15555550100', Message: 'x' }), 'InvalidParameterException', /not modelled/);
    expect(await messages(topic)).toHaveLength(2);
  });

  it('answers the admin route for an unknown topic with 404', async () => {
    await expect(messages('arn:aws:sns:us-west-2:000000000000:ghost')).rejects.toMatchObject({ code: 'NotFound', status: 404 });
    await expect(w.admin('sns/messages', {})).rejects.toMatchObject({ code: 'ValidationException' });
  });

  it('tells SNS from STS by the signing name: both post forms to / on the same port', async () => {
    await fetch(`${sandbox.url}/_sandbox/requests`, { method: 'DELETE' });
    const sts = new STSClient({ endpoint: sandbox.url, region: 'us-west-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
    } finally {
      sts.destroy();
    }
    await publish({ Message: 'x' });
    const log = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as RequestLogEntry[];
    expect(log.map((e) => [e.service, e.operation, e.status])).toEqual([
      ['sts', 'GetCallerIdentity', 200],
      ['sns', 'Publish', 200],
    ]);
  });

  it('throttles and fails SNS calls with its own errors when fault rules say so', async () => {
    await w.admin('faults', { rules: [{ service: 'sns', operation: 'Publish', throttleRate: 1 }] });
    await expectError(publish({ Message: 'x' }), 'ThrottledException');
    await w.admin('faults', { rules: [{ service: 'sns', operation: '*', failRate: 1 }] });
    await expectError(publish({ Message: 'x' }), 'InternalErrorException');
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
  });

  it('is emptied by the sandbox reset', async () => {
    await w.admin('reset');
    await expect(messages(topic)).rejects.toMatchObject({ status: 404 });
  });
});
