// SNS topics through the real SDK client (BEHAVIOUR.md, "Topics").
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  ListTopicsCommand,
  type CreateTopicCommandInput,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { expectError, startSandboxForTests, world, type World } from '../sagemaker/test-support.js';

describe('SNS topics', () => {
  let sandbox: Sandbox;
  let w: World;
  const create = (input: CreateTopicCommandInput, on = w) => on.sns.send(new CreateTopicCommand(input)).then((r) => r.TopicArn!);
  const attributes = (TopicArn: string) => w.sns.send(new GetTopicAttributesCommand({ TopicArn })).then((r) => r.Attributes!);

  beforeAll(async () => {
    sandbox = await startSandboxForTests();
    w = world(sandbox, 'eu-west-1');
  });
  afterAll(async () => {
    await w.close();
    await sandbox.close();
  });

  it('creates a topic named in its Region and account, idempotently by name', async () => {
    const arn = await create({ Name: 'numbers-in', Attributes: { DisplayName: 'Numbers' }, Tags: [{ Key: 'team', Value: 'ml' }] });
    expect(arn).toBe('arn:aws:sns:eu-west-1:000000000000:numbers-in');
    expect(await create({ Name: 'numbers-in' })).toBe(arn);
    expect(await create({ Name: 'numbers-in', Attributes: { DisplayName: 'Numbers' }, Tags: [{ Key: 'team', Value: 'ml' }] })).toBe(arn);
    expect(await attributes(arn)).toMatchObject({
      TopicArn: arn,
      Owner: '000000000000',
      DisplayName: 'Numbers',
      SubscriptionsConfirmed: '0',
      SubscriptionsPending: '0',
      SubscriptionsDeleted: '0',
    });
    expect(JSON.parse((await attributes(arn))['Policy']!).Statement[0].Resource).toBe(arn);
  });

  it('refuses to create an existing name with other attributes or tags', async () => {
    await create({ Name: 'taken', Attributes: { DisplayName: 'One' }, Tags: [{ Key: 'a', Value: '1' }] });
    await expectError(create({ Name: 'taken', Attributes: { DisplayName: 'Two' } }), 'InvalidParameterException', /different attributes/);
    await expectError(create({ Name: 'taken', Tags: [{ Key: 'a', Value: '2' }] }), 'InvalidParameterException', /different tags/);
  });

  it.each(['bad.name', 'with space', 'x'.repeat(257), 'queue.fifo'])('refuses the topic name %s', async (Name) => {
    await expectError(create({ Name }), 'InvalidParameterException', 'Invalid parameter: Topic Name');
  });

  it('refuses unknown attributes, FIFO topics, duplicated tag keys and bad tags', async () => {
    await expectError(create({ Name: 'attrs', Attributes: { Colour: 'red' } }), 'InvalidParameterException', /Unknown attribute Colour/);
    await expectError(create({ Name: 'fifo.fifo', Attributes: { FifoTopic: 'true' } }), 'InvalidParameterException', /not modelled/);
    await expectError(
      create({ Name: 'dupes', Tags: [{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }] }),
      'InvalidParameterException',
      'Invalid parameter: Duplicated keys are not allowed.',
    );
    await expectError(create({ Name: 'long-tag', Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] }), 'ValidationError', /at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128/);
    await expectError(w.sns.send(new CreateTopicCommand({} as CreateTopicCommandInput)), 'ValidationError', "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
  });

  it('lists a Region\'s topics 100 at a time, sorted by ARN', async () => {
    const other = world(sandbox, 'ap-south-1');
    try {
      const names = Array.from({ length: 105 }, (_, i) => `topic-${String(i).padStart(3, '0')}`);
      for (const Name of names) await create({ Name }, other);
      const first = await other.sns.send(new ListTopicsCommand({}));
      expect(first.Topics).toHaveLength(100);
      expect(first.NextToken).toBeDefined();
      const second = await other.sns.send(new ListTopicsCommand({ NextToken: first.NextToken }));
      expect(second.NextToken).toBeUndefined();
      const listed = [...first.Topics!, ...second.Topics!].map((t) => t.TopicArn);
      expect(listed).toEqual(names.map((n) => `arn:aws:sns:ap-south-1:000000000000:${n}`));
      expect((await w.sns.send(new ListTopicsCommand({}))).Topics!.map((t) => t.TopicArn)).not.toContain(listed[0]);
      await expectError(other.sns.send(new ListTopicsCommand({ NextToken: 'not-a-token' })), 'InvalidParameterException', 'Invalid parameter: NextToken');
    } finally {
      await other.close();
    }
  });

  it('deletes a topic, idempotently; a gone topic is NotFound', async () => {
    const arn = await create({ Name: 'short-lived' });
    await w.sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    await w.sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    await expectError(attributes(arn), 'NotFoundException', 'Topic does not exist');
    expect((await w.sns.send(new ListTopicsCommand({}))).Topics!.map((t) => t.TopicArn)).not.toContain(arn);
  });

  it('refuses a malformed topic ARN, or one of another Region', async () => {
    await expectError(attributes('arn:aws:sns:eu-west-1:000000000000:bad name'), 'InvalidParameterException', 'Invalid parameter: TopicArn');
    await expectError(attributes('arn:aws:sns:us-east-1:000000000000:numbers-in'), 'InvalidParameterException', 'Invalid parameter: TopicArn');
    await expectError(w.sns.send(new DeleteTopicCommand({ TopicArn: 'numbers-in' })), 'InvalidParameterException', 'Invalid parameter: TopicArn');
  });
});
