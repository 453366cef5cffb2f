// The workers stand-in: team members answer tasks through the admin routes, answers are consolidated, the output
// manifest is written to S3 and the job completes (BEHAVIOUR.md, "Workers stand-in").
import { AdminDisableUserCommand, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { DescribeLabelingJobCommand, type CreateLabelingJobCommandInput } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelRequest, PendingTask, Sandbox } from '../index.js';
import {
  createJob,
  getText,
  labelFile,
  labelingSetup,
  lambda,
  outputManifest,
  putText,
  startJob,
  startSandboxForTests,
  textClassificationJob,
  worker,
  world,
  type LabelingSetup,
  type World,
} from './test-support.js';

type JobOptions = Parameters<typeof textClassificationJob>[2];

const [user1, user2, user3] = ['user1@gmail.com', 'user2@gmail.com', 'user3@gmail.com'];
const GROUND_TRUTH_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/;

describe('SageMaker workers stand-in', () => {
  let sandbox: Sandbox;
  let w: World;
  let setup: LabelingSetup;
  const label = (job: string, who: string, answers: LabelRequest['answers']) =>
    w.admin<{ accepted: number; jobStatus: string }>('sagemaker/label', { job, worker: who, answers });
  const tasks = (job: string, who: string) => w.admin<PendingTask[]>('sagemaker/tasks', { job, worker: who });
  const describeJob = (LabelingJobName: string) => w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName }));
  const outputLines = (job: string) => outputManifest(w, setup.bucket, job);
  /** A started text classification job; its name. */
  const startedJob = async (options: JobOptions = {}, overrides: Partial<CreateLabelingJobCommandInput> = {}) =>
    startJob(w, await textClassificationJob(w, setup, options, overrides));

  beforeAll(async () => {
    sandbox = await startSandboxForTests();
    w = world(sandbox);
    setup = await labelingSetup(w, [user1, user2, user3]);
  });
  afterAll(async () => {
    await w.close();
    await sandbox.close();
  });

  it('completes a job answered by three workers per object, writing the output manifest and worker responses', async () => {
    const job = await startedJob({ name: 'text-analysis-job-creation', workers: 3 });
    expect(await tasks(job, user1)).toEqual([
      { object: 0, source: '42', labels: ['Odd Number', 'Even Number'], multiLabel: false },
      { object: 1, source: '19', labels: ['Odd Number', 'Even Number'], multiLabel: false },
      { object: 2, source: '21', labels: ['Odd Number', 'Even Number'], multiLabel: false },
    ]);
    const answers = [
      { object: 0, label: 'Even Number' },
      { object: 1, label: 'Odd Number' },
      { object: 2, label: 'Odd Number' },
    ];
    expect(await label(job, user1, answers)).toEqual({ accepted: 3, jobStatus: 'InProgress' });
    expect(await tasks(job, user1)).toEqual([]);
    await label(job, user2, answers);
    expect(await label(job, user3, answers)).toEqual({ accepted: 3, jobStatus: 'Completed' });

    const done = await describeJob(job);
    expect(done.LabelingJobStatus).toBe('Completed');
    expect(done.LabelCounters).toEqual({ TotalLabeled: 3, HumanLabeled: 3, MachineLabeled: 0, FailedNonRetryableError: 0, Unlabeled: 0 });
    expect(done.LabelingJobOutput).toEqual({ OutputDatasetS3Uri: `s3://${setup.bucket}/Output/${job}/manifests/output/output.manifest` });

    const lines = await outputLines(job);
    expect(lines.map((l) => [l['source'], l['parity'], l['parity-metadata']['class-name']])).toEqual([
      ['42', 1, 'Even Number'],
      ['19', 0, 'Odd Number'],
      ['21', 0, 'Odd Number'],
    ]);
    expect(Object.keys(lines[0]!)).toEqual(['source', 'parity', 'parity-metadata']);
    expect(lines[0]!['parity-metadata']).toEqual({
      'class-name': 'Even Number',
      confidence: 1,
      type: 'groundtruth/text-classification',
      'job-name': `labeling-job/${job}`,
      'human-annotated': 'yes',
      'creation-date': expect.stringMatching(GROUND_TRUTH_DATE),
    });

    const prefix = `Output/${job}/annotations/worker-response/iteration-1/`;
    const listed = await w.s3.send(new ListObjectsV2Command({ Bucket: setup.bucket, Prefix: prefix }));
    expect(listed.Contents!.map((o) => o.Key!.slice(prefix.length).split('/')[0])).toEqual(['0', '1', '2']);
    const response = JSON.parse(await getText(w, setup.bucket, listed.Contents![0]!.Key!)) as { answers: any[] };
    const user = await w.cognito.send(new AdminGetUserCommand({ UserPoolId: setup.userPool, Username: user1 }));
    const sub = user.UserAttributes!.find((a) => a.Name === 'sub')!.Value;
    expect(response.answers).toHaveLength(3);
    expect(response.answers[0]).toMatchObject({
      answerContent: { 'crowd-classifier': { label: 'Even Number' } },
      workerId: expect.stringMatching(/^private\.us-east-1\./),
      workerMetadata: { identityData: { identityProviderType: 'Cognito', issuer: `https://cognito-idp.us-east-1.amazonaws.com/${setup.userPool}`, sub } },
    });
  });

  it('labels each object once with one worker per object, at confidence 0', async () => {
    const job = await startedJob({ workers: 1 });
    await label(job, user1, [{ object: 0, label: 'Even Number' }]);
    expect((await tasks(job, user2)).map((t) => t.object)).toEqual([1, 2]);
    // Object 0 is done: another worker's answer to it is not accepted.
    expect(await label(job, user2, [{ object: 0, label: 'Odd Number' }, { object: 1, label: 'Odd Number' }])).toEqual({ accepted: 1, jobStatus: 'InProgress' });
    expect(await label(job, user3, [{ object: 2, label: 'Odd Number' }])).toEqual({ accepted: 1, jobStatus: 'Completed' });
    const lines = await outputLines(job);
    expect(lines.map((l) => [l['parity'], l['parity-metadata'].confidence])).toEqual([
      [1, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('publishes each consolidated object\'s output line to the output topic, once however many workers answered', async () => {
    const TopicArn = (await w.sns.send(new CreateTopicCommand({ Name: 'labeled' }))).TopicArn!;
    const job = await startedJob({ workers: 2, sources: ['4'] }, { OutputConfig: { S3OutputPath: `s3://${setup.bucket}/Output/`, SnsTopicArn: TopicArn } });
    await label(job, user1, [{ object: 0, label: 'Even Number' }]);
    expect(await w.admin('sns/messages', { topicArn: TopicArn })).toEqual([]);
    await label(job, user2, [{ object: 0, label: 'Even Number' }]);
    const published = await w.admin<Array<{ message: string }>>('sns/messages', { topicArn: TopicArn });
    expect(published.map((m) => JSON.parse(m.message))).toEqual(await outputLines(job));
  });

  it('settles a disagreement between two workers by majority, ties going to the first label', async () => {
    const job = await startedJob({ workers: 2 });
    await label(job, user1, [{ object: 0, label: 'Even Number' }, { object: 1, label: 'Odd Number' }, { object: 2, label: 'Odd Number' }]);
    await label(job, user2, [{ object: 0, label: 'Odd Number' }, { object: 1, label: 'Odd Number' }, { object: 2, label: 'Even Number' }]);
    const lines = await outputLines(job);
    expect(lines.map((l) => [l['parity'], l['parity-metadata']['class-name'], l['parity-metadata'].confidence])).toEqual([
      [0, 'Odd Number', 0.5],
      [0, 'Odd Number', 1],
      [0, 'Odd Number', 0.5],
    ]);
  });

  it('keeps the labels a majority chose on a multi-label job', async () => {
    const job = await startedJob({ workers: 3, multiLabel: true, sources: ['6'], labels: ['Even', 'Divisible by 3', 'Prime'] });
    expect((await tasks(job, user1))[0]!.multiLabel).toBe(true);
    await label(job, user1, [{ object: 0, label: ['Even', 'Divisible by 3'] }]);
    await label(job, user2, [{ object: 0, label: ['Even'] }]);
    await label(job, user3, [{ object: 0, label: ['Even', 'Divisible by 3', 'Prime'] }]);
    const [line] = await outputLines(job);
    expect(line!['parity']).toEqual([0, 1]);
    expect(line!['parity-metadata']).toMatchObject({
      'class-map': { '0': 'Even', '1': 'Divisible by 3' },
      'confidence-map': { '0': 1, '1': 0.67 },
      type: 'groundtruth/text-classification-multilabel',
    });
  });

  it('keeps the raw answer of a task type it does not consolidate', async () => {
    const input = await textClassificationJob(w, setup, { labels: ['Number'] });
    input.HumanTaskConfig!.PreHumanTaskLambdaArn = lambda('PRE', 'NamedEntityRecognition');
    input.HumanTaskConfig!.AnnotationConsolidationConfig = { AnnotationConsolidationLambdaArn: lambda('ACS', 'NamedEntityRecognition') };
    input.LabelCategoryConfigS3Uri = await putText(w, setup.bucket, `${input.LabelingJobName}/ner.json`, JSON.stringify({
      ...JSON.parse(labelFile(['Number'])),
      instructions: { shortInstruction: 'Mark numbers', fullInstruction: 'Mark every number' },
    }));
    await createJob(w, input);
    await w.advance(500);
    const span = { entities: [{ label: 'Number', startOffset: 0, endOffset: 2 }] };
    await label(input.LabelingJobName!, user1, [{ object: 0, label: span as never }, { object: 1, label: span as never }, { object: 2, label: span as never }]);
    const [line] = await outputLines(input.LabelingJobName!);
    expect(line!['parity']).toEqual(span);
    expect(line!['parity-metadata'].type).toBe('groundtruth/text-span');
  });

  it('refuses workers outside the team, disabled members, unknown labels and second answers', async () => {
    const job = await startedJob();
    await worker(w, setup.userPool, 'outsider@gmail.com', []);
    await worker(w, setup.userPool, 'disabled@gmail.com', [setup.groupName]);
    await w.cognito.send(new AdminDisableUserCommand({ UserPoolId: setup.userPool, Username: 'disabled@gmail.com' }));
    const refused = (who: string, answers: LabelRequest['answers']) => expect(label(job, who, answers)).rejects;

    await refused('outsider@gmail.com', [{ object: 0, label: 'Odd Number' }]).toMatchObject({ code: 'AccessDeniedException', message: /not in any group of work team/ });
    await expect(tasks(job, 'outsider@gmail.com')).rejects.toMatchObject({ code: 'AccessDeniedException' });
    await refused('nobody@gmail.com', [{ object: 0, label: 'Odd Number' }]).toMatchObject({ code: 'AccessDeniedException', message: /not a user/ });
    await refused('disabled@gmail.com', [{ object: 0, label: 'Odd Number' }]).toMatchObject({ code: 'AccessDeniedException', message: /disabled/ });
    await refused(user1, [{ object: 0, label: 'Maybe' }]).toMatchObject({ code: 'ValidationException', message: /not one of the job's labels/ });
    await refused(user1, [{ object: 3, label: 'Odd Number' }]).toMatchObject({ code: 'ValidationException', message: /0 to 2/ });
    await refused(user1, [{ object: 0, label: 'Odd Number' }, { object: 0, label: 'Even Number' }]).toMatchObject({ message: /already answered/ });
    await expect(w.admin('sagemaker/label', { job: 'ghost', worker: user1, answers: [] })).rejects.toMatchObject({ code: 'ResourceNotFound' });
    // A refused request recorded nothing.
    expect(await tasks(job, user1)).toHaveLength(3);
  });

  it('takes no answers before the job is InProgress', async () => {
    const input = await textClassificationJob(w, setup);
    await createJob(w, input);
    expect(await tasks(input.LabelingJobName!, user1)).toEqual([]);
    await expect(label(input.LabelingJobName!, user1, [{ object: 0, label: 'Odd Number' }])).rejects.toMatchObject({ message: /is Initializing/ });
  });

  it('stops the job once MaxHumanLabeledObjectCount objects are labeled', async () => {
    const job = await startedJob({}, { StoppingConditions: { MaxHumanLabeledObjectCount: 1 } });
    expect(await label(job, user1, [{ object: 0, label: 'Even Number' }])).toEqual({ accepted: 1, jobStatus: 'Stopping' });
    await w.advance(500);
    const stopped = await describeJob(job);
    expect(stopped.LabelingJobStatus).toBe('Stopped');
    expect(stopped.LabelCounters).toMatchObject({ HumanLabeled: 1, Unlabeled: 2 });
    expect((await outputLines(job)).map((l) => l['parity'])).toEqual([1, undefined, undefined]);
  });

  it('completes a job whose task availability expired, counting unanswered objects as failed', async () => {
    const input = await textClassificationJob(w, setup);
    input.HumanTaskConfig!.TaskAvailabilityLifetimeInSeconds = 3600;
    await createJob(w, input);
    await w.advance(500);
    const job = input.LabelingJobName!;
    await label(job, user1, [{ object: 1, label: 'Odd Number' }]);
    await w.advance(3_599_000);
    expect((await describeJob(job)).LabelingJobStatus).toBe('InProgress');
    await w.advance(1_000);
    const expired = await describeJob(job);
    expect(expired.LabelingJobStatus).toBe('Completed');
    expect(expired.LabelCounters).toEqual({ TotalLabeled: 1, HumanLabeled: 1, MachineLabeled: 0, FailedNonRetryableError: 2, Unlabeled: 0 });
    expect(expired.LastModifiedTime!.getTime()).toBe(expired.CreationTime!.getTime() + 500 + 3_600_000);
    const lines = await outputLines(job);
    expect(lines[0]!['parity-metadata']).toEqual({ 'failure-reason': expect.stringMatching(/^ClientError: /) });
    expect(lines[1]!['parity']).toBe(0);
  });

  it('fails a job still running 30 days after its creation', async () => {
    const job = await startedJob();
    await w.advance(30 * 86_400_000);
    const failed = await describeJob(job);
    expect(failed.LabelingJobStatus).toBe('Failed');
    expect(failed.FailureReason).toMatch(/30 days/);
    expect(failed.LastModifiedTime!.getTime()).toBe(failed.CreationTime!.getTime() + 30 * 86_400_000);
  });
});
