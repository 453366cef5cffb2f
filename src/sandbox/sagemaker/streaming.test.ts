// Streaming labeling jobs through the SageMaker, SNS and S3 SDK clients and the workers stand-in (BEHAVIOUR.md,
// "Streaming labeling jobs").
import { CreateTopicCommand, DeleteTopicCommand, GetTopicAttributesCommand, PublishCommand } from '@aws-sdk/client-sns';
import { DescribeLabelingJobCommand, StopLabelingJobCommand, type CreateLabelingJobCommandInput } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelRequest, PendingTask, Sandbox } from '../index.js';
import {
  createJob,
  expectError,
  labelingSetup,
  manifest,
  outputManifest,
  putText,
  startJob,
  startSandboxForTests,
  textClassificationJob,
  unique,
  world,
  type LabelingSetup,
  type World,
} from './test-support.js';

const ann = 'ann@example.com';
const DAY_MS = 86_400_000;

describe('SageMaker streaming labeling jobs', () => {
  let sandbox: Sandbox;
  let w: World;
  let setup: LabelingSetup;
  const topic = async (name = unique('topic')) => (await w.sns.send(new CreateTopicCommand({ Name: name }))).TopicArn!;
  const publish = async (TopicArn: string, Message: string) => (await w.sns.send(new PublishCommand({ TopicArn, Message }))).MessageId!;
  const subscriptions = async (TopicArn: string) => (await w.sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes!['SubscriptionsConfirmed'];
  const topicMessages = (topicArn: string) => w.admin<Array<{ message: string }>>('sns/messages', { topicArn });
  const tasks = (job: string) => w.admin<PendingTask[]>('sagemaker/tasks', { job, worker: ann });
  const label = (job: string, answers: LabelRequest['answers']) => w.admin<{ accepted: number; jobStatus: string }>('sagemaker/label', { job, worker: ann, answers });
  const describeJob = (LabelingJobName: string) => w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName }));
  const outputLines = (job: string) => outputManifest(w, setup.bucket, job);

  /** A text classification job fed by `inputTopic` (and, if given, starting with a manifest's objects). */
  const streamingJob = (inputTopic: string, overrides: Partial<CreateLabelingJobCommandInput> = {}, sources?: string[]) =>
    textClassificationJob(w, setup, {}, { InputConfig: { DataSource: { SnsDataSource: { SnsTopicArn: inputTopic } } }, ...overrides }).then(async (input) => {
      if (sources) input.InputConfig!.DataSource!.S3DataSource = { ManifestS3Uri: await putText(w, setup.bucket, `${input.LabelingJobName}/start.manifest`, manifest(sources)) };
      return input;
    });

  beforeAll(async () => {
    sandbox = await startSandboxForTests();
    w = world(sandbox);
    setup = await labelingSetup(w, [ann]);
  });
  afterAll(async () => {
    await w.close();
    await sandbox.close();
  });

  it('labels what is published to its input topic, writes each labeled object to S3 and the output topic, and stops', async () => {
    const [input, output] = [await topic('numbers-in'), await topic('numbers-out')];
    const request = await streamingJob(input, {
      OutputConfig: { S3OutputPath: `s3://${setup.bucket}/Output/`, SnsTopicArn: output },
      StoppingConditions: { MaxHumanLabeledObjectCount: 10 },
    });
    const job = request.LabelingJobName!;
    await createJob(w, request);
    const created = await describeJob(job);
    expect(created).toMatchObject({
      LabelingJobStatus: 'Initializing',
      InputConfig: { DataSource: { SnsDataSource: { SnsTopicArn: input } } },
      OutputConfig: { S3OutputPath: `s3://${setup.bucket}/Output/`, SnsTopicArn: output, KmsKeyId: '' },
      StoppingConditions: { MaxHumanLabeledObjectCount: 10 },
      LabelCounters: { TotalLabeled: 0, HumanLabeled: 0, MachineLabeled: 0, FailedNonRetryableError: 0, Unlabeled: 0 },
    });
    expect(created.InputConfig!.DataSource!.S3DataSource).toBeUndefined();
    expect(await subscriptions(input)).toBe('1');
    await w.advance(500);

    const first = await publish(input, JSON.stringify({ source: '42', id: 'a' }));
    await publish(input, 'not a data object');
    await publish(input, JSON.stringify({ source: '19', 'source-ref': 's3://both/x' }));
    const third = await publish(input, JSON.stringify({ source: '19' }));
    expect((await tasks(job)).map((t) => [t.object, t.source])).toEqual([
      [0, '42'],
      [1, '19'],
    ]);
    expect((await describeJob(job)).LabelCounters).toMatchObject({ HumanLabeled: 0, Unlabeled: 2 });

    expect(await label(job, [{ object: 0, label: 'Even Number' }])).toEqual({ accepted: 1, jobStatus: 'InProgress' });
    const [line] = await outputLines(job);
    expect(line).toMatchObject({
      source: '42',
      id: 'a',
      'dataset-objectid-attribute-name': '$parity-object-id',
      '$parity-object-id': first,
      parity: 1,
      'parity-metadata': { 'class-name': 'Even Number', type: 'groundtruth/text-classification', 'human-annotated': 'yes' },
    });
    expect((await topicMessages(output)).map((m) => JSON.parse(m.message))).toEqual([line]);

    // Every object labeled, and still running: a streaming job waits for more.
    expect(await label(job, [{ object: 1, label: 'Odd Number' }])).toEqual({ accepted: 1, jobStatus: 'InProgress' });
    const lines = await outputLines(job);
    expect(lines.map((l) => [l['source'], l['parity'], l['$parity-object-id']])).toEqual([
      ['42', 1, first],
      ['19', 0, third],
    ]);
    expect((await topicMessages(output)).map((m) => JSON.parse(m.message))).toEqual(lines);
    const running = await describeJob(job);
    expect(running.LabelingJobStatus).toBe('InProgress');
    expect(running.LabelCounters).toEqual({ TotalLabeled: 2, HumanLabeled: 2, MachineLabeled: 0, FailedNonRetryableError: 0, Unlabeled: 0 });
    expect(running.LabelingJobOutput).toBeUndefined();

    await w.sm.send(new StopLabelingJobCommand({ LabelingJobName: job }));
    expect((await describeJob(job)).LabelingJobStatus).toBe('Stopping');
    expect(await subscriptions(input)).toBe('0');
    await publish(input, JSON.stringify({ source: '7' }));
    await w.advance(500);
    const stopped = await describeJob(job);
    expect(stopped.LabelingJobStatus).toBe('Stopped');
    expect(stopped.LabelCounters).toMatchObject({ HumanLabeled: 2, Unlabeled: 0 });
    expect(stopped.LabelingJobOutput).toEqual({ OutputDatasetS3Uri: `s3://${setup.bucket}/Output/${job}/manifests/output/output.manifest` });
    expect(await outputLines(job)).toEqual(lines);
  });

  it('refuses an input or output topic that does not exist in the job\'s Region', async () => {
    const ghost = 'arn:aws:sns:us-east-1:000000000000:ghost';
    await expectError(createJob(w, await streamingJob(ghost)), 'ValidationException', `The SNS topic ${ghost} does not exist.`);
    const elsewhere = 'arn:aws:sns:eu-west-1:000000000000:numbers-in';
    await expectError(createJob(w, await streamingJob(elsewhere)), 'ValidationException', /must be in us-east-1/);
    const input = await topic();
    await expectError(createJob(w, await streamingJob(input, { OutputConfig: { S3OutputPath: `s3://${setup.bucket}/Output/`, SnsTopicArn: ghost } })), 'ValidationException', /ghost does not exist/);
    expect(await subscriptions(input)).toBe('0');
  });

  it('starts with its manifest\'s objects and takes what was published while it was Initializing', async () => {
    const input = await topic();
    const request = await streamingJob(input, {}, ['1', '2']);
    await createJob(w, request);
    await publish(input, JSON.stringify({ source: '3' }));
    expect(await tasks(request.LabelingJobName!)).toEqual([]);
    await w.advance(500);
    expect((await tasks(request.LabelingJobName!)).map((t) => t.source)).toEqual(['1', '2', '3']);
  });

  it('drops a message whose deduplication ID it has seen', async () => {
    const input = await topic();
    const job = await startJob(w, await streamingJob(input));
    const message = (source: string) => JSON.stringify({ source, 'dataset-objectid-attribute-name': 'key', key: 'same' });
    await publish(input, message('5'));
    await publish(input, message('5 again'));
    await publish(input, JSON.stringify({ source: '6', 'dataset-objectid-attribute-name': 'missing' }));
    expect((await tasks(job)).map((t) => t.source)).toEqual(['5']);
  });

  it('expires each object\'s tasks on their own, and keeps running', async () => {
    const input = await topic();
    const request = await streamingJob(input);
    request.HumanTaskConfig!.TaskAvailabilityLifetimeInSeconds = 3600;
    const job = await startJob(w, request);
    await publish(input, JSON.stringify({ source: '8' }));
    await w.advance(1800_000);
    await publish(input, JSON.stringify({ source: '9' }));
    await w.advance(1800_000);
    const later = await describeJob(job);
    expect(later.LabelingJobStatus).toBe('InProgress');
    expect(later.LabelCounters).toMatchObject({ FailedNonRetryableError: 1, Unlabeled: 1 });
    expect((await tasks(job)).map((t) => t.source)).toEqual(['9']);
  });

  it('stops by itself 10 days after it last had work, and takes nothing published after that', async () => {
    const input = await topic();
    const job = await startJob(w, await streamingJob(input));
    await publish(input, JSON.stringify({ source: '10' }));
    await label(job, [{ object: 0, label: 'Even Number' }]);
    // The label's creation-date (UTC, microseconds) is when the object was done.
    const labeledAt = Date.parse(`${(await outputLines(job))[0]!['parity-metadata']['creation-date'].slice(0, 23)}Z`);
    await w.advance(10 * DAY_MS - 1000);
    expect((await describeJob(job)).LabelingJobStatus).toBe('InProgress');
    await w.advance(2000);
    await publish(input, JSON.stringify({ source: '11' }));
    const idle = await describeJob(job);
    expect(idle.LabelingJobStatus).toBe('Stopped');
    expect(idle.LastModifiedTime!.getTime()).toBe(labeledAt + 10 * DAY_MS + 500);
    expect(idle.LabelCounters).toMatchObject({ HumanLabeled: 1, Unlabeled: 0 });
    expect(await outputLines(job)).toHaveLength(1);
  });

  it('stops when its MaxHumanLabeledObjectCount is reached', async () => {
    const input = await topic();
    const job = await startJob(w, await streamingJob(input, { StoppingConditions: { MaxHumanLabeledObjectCount: 1 } }));
    await publish(input, JSON.stringify({ source: '12' }));
    await publish(input, JSON.stringify({ source: '13' }));
    expect(await label(job, [{ object: 0, label: 'Even Number' }])).toEqual({ accepted: 1, jobStatus: 'Stopping' });
  });

  it('fails when its input topic is deleted', async () => {
    const input = await topic();
    const job = await startJob(w, await streamingJob(input));
    await w.sns.send(new DeleteTopicCommand({ TopicArn: input }));
    const failed = await describeJob(job);
    expect(failed.LabelingJobStatus).toBe('Failed');
    expect(failed.FailureReason).toBe(`ClientError: The labeling job can no longer read its input topic ${input}.`);
  });
});
