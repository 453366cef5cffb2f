// Carrying out job changes against the sandbox: uploads, create, the wait past Initializing, stop. Waits move the
// sandbox clock (runtimeFor), so nothing here sleeps.
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { DescribeLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GtctlError } from '../core/errors.js';
import type { LabelingJobRequest } from '../core/jobs/request.js';
import type { JobChange, JobUpload } from '../core/plan.js';
import { createJob, labelFile, labelingSetup, lambda, manifest, textClassificationJob, type LabelingSetup } from '../sandbox/sagemaker/test-support.js';
import { executeChange } from './execute.js';
import { portsFor, PROJECT, providerWorld, runtimeFor, type ProviderWorld } from './test-support.js';

let world: ProviderWorld;
let setup: LabelingSetup;

beforeAll(async () => {
  world = await providerWorld();
  setup = await labelingSetup(world.w, ['worker@example.com']);
});
afterAll(() => world.close());

/** A text classification request whose files live under `gtctl/<name>/` of the setup's bucket. */
function aRequest(name: string, overrides: Partial<LabelingJobRequest> = {}): LabelingJobRequest {
  const at = (file: string) => `s3://${setup.bucket}/gtctl/${name}/${file}`;
  return {
    LabelingJobName: name,
    LabelAttributeName: 'parity',
    RoleArn: 'arn:aws:iam::000000000000:role/AmazonSageMaker-ExecutionRole',
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: at('manifest.jsonl') } } },
    OutputConfig: { S3OutputPath: `s3://${setup.bucket}/Output/` },
    LabelCategoryConfigS3Uri: at('labels.json'),
    HumanTaskConfig: {
      WorkteamArn: setup.teamArn,
      UiConfig: { UiTemplateS3Uri: at('template.liquid') },
      PreHumanTaskLambdaArn: lambda('PRE', 'TextMultiClass'),
      TaskTitle: 'Odd or even',
      TaskDescription: 'Is the number odd or even?',
      NumberOfHumanWorkersPerDataObject: 1,
      TaskTimeLimitInSeconds: 300,
      TaskAvailabilityLifetimeInSeconds: 864_000,
      MaxConcurrentTaskCount: 1000,
      AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: lambda('ACS', 'TextMultiClass') },
    },
    Tags: [{ Key: 'gtctl:project', Value: PROJECT }],
    ...overrides,
  };
}

const upload = (uri: string, text: string, contentType: string): JobUpload => ({ uri, bodyBase64: Buffer.from(text).toString('base64'), contentType });

function uploadsFor(request: LabelingJobRequest): JobUpload[] {
  return [
    upload(request.InputConfig.DataSource.S3DataSource!.ManifestS3Uri, manifest(['42', '19', '21']), 'application/jsonl'),
    upload(request.LabelCategoryConfigS3Uri!, labelFile(['Odd Number', 'Even Number']), 'application/json'),
    upload(request.HumanTaskConfig.UiConfig.UiTemplateS3Uri!, '<crowd-form></crowd-form>', 'text/html'),
  ];
}

function aJobChange(action: JobChange['action'], name: string, overrides: Partial<JobChange> = {}): JobChange {
  return { kind: 'job', address: `job/${name}`, action, name, uploads: [], diff: [], reasons: [], dependsOn: [], ...overrides };
}

const status = async (name: string) => (await world.w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: name }))).LabelingJobStatus;

async function failure(promise: Promise<unknown>): Promise<GtctlError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GtctlError);
  return error as GtctlError;
}

describe('create', () => {
  it('uploads the job’s files, creates the job as planned, and waits until it has started', async () => {
    const request = aRequest('created-job');
    const runtime = runtimeFor(portsFor(world.sandbox), world.w);
    await executeChange(aJobChange('create', 'created-job', { request, uploads: uploadsFor(request) }), runtime);
    expect(await status('created-job')).toBe('InProgress');
    expect(runtime.waits).toEqual(['labeling job created-job to start']);
    const key = 'gtctl/created-job/labels.json';
    const head = await world.w.s3.send(new HeadObjectCommand({ Bucket: setup.bucket, Key: key }));
    expect(head.ContentType).toBe('application/json');
    expect(head.Metadata).toEqual({ 'gtctl-sha256': createHash('sha256').update(labelFile(['Odd Number', 'Even Number'])).digest('hex') });
    const sent = await world.w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: 'created-job' }));
    expect(sent).toMatchObject({ HumanTaskConfig: request.HumanTaskConfig, Tags: request.Tags, RoleArn: request.RoleArn });
  });

  it('treats a job of this project that already exists as created (an interrupted apply converges)', async () => {
    const request = aRequest('again-job');
    const change = aJobChange('create', 'again-job', { request, uploads: uploadsFor(request) });
    await executeChange(change, runtimeFor(portsFor(world.sandbox), world.w));
    const aws = portsFor(world.sandbox);
    await executeChange(change, runtimeFor(aws, world.w));
    expect(aws.calls()['sagemaker.CreateLabelingJob']).toBe(1);
    expect(await status('again-job')).toBe('InProgress');
  });

  it('refuses a name that a job of someone else holds, in any letter case', async () => {
    await createJob(world.w, await textClassificationJob(world.w, setup, { name: 'Taken-Job' }));
    const request = aRequest('taken-job');
    const error = await failure(executeChange(aJobChange('create', 'taken-job', { request, uploads: uploadsFor(request) }), runtimeFor(portsFor(world.sandbox), world.w)));
    expect(error).toMatchObject({ code: 'job-name-taken', source: 'user', message: expect.stringContaining('"Taken-Job" already exists') });
  });

  it('fails the change with AWS’s reason when the job fails while starting', async () => {
    const request = aRequest('doomed-job');
    // No uploads: the manifest, label file and template are missing, so Ground Truth fails the job.
    const error = await failure(executeChange(aJobChange('create', 'doomed-job', { request }), runtimeFor(portsFor(world.sandbox), world.w)));
    expect(error).toMatchObject({ code: 'job-failed', source: 'user', message: expect.stringMatching(/^labeling job doomed-job failed: ClientError/) });
    expect(error.hint).toMatch(/new name/);
  });
});

describe('stop', () => {
  it('stops a running job and waits until it says so; stopping it again is done already', async () => {
    const input = await textClassificationJob(world.w, setup, { name: 'running-job' });
    await createJob(world.w, input);
    await world.w.advance(500);
    expect(await status('running-job')).toBe('InProgress');
    const runtime = runtimeFor(portsFor(world.sandbox), world.w);
    await executeChange(aJobChange('stop', 'running-job'), runtime);
    expect(['Stopping', 'Stopped']).toContain(await status('running-job'));
    expect(runtime.waits).toEqual(['labeling job running-job to stop']);
    await world.w.advance(500);
    await executeChange(aJobChange('stop', 'running-job'), runtimeFor(portsFor(world.sandbox), world.w));
    expect(await status('running-job')).toBe('Stopped');
    // What was labeled so far is written out on stop.
    const output = await world.w.s3.send(new GetObjectCommand({ Bucket: setup.bucket, Key: 'Output/running-job/manifests/output/output.manifest' }));
    expect(await output.Body!.transformToString()).toContain('"source":"42"');
  });

  it('a job that is not there cannot be stopped', async () => {
    const error = await failure(executeChange(aJobChange('stop', 'no-such-job'), runtimeFor(portsFor(world.sandbox), world.w)));
    expect(error).toMatchObject({ code: 'aws-error', awsCode: 'ResourceNotFound', source: 'aws' });
  });
});

describe('update (tags only)', () => {
  it('adds the tags the plan carries (adopting a job made elsewhere) and removes those it names', async () => {
    const input = await textClassificationJob(world.w, setup, { name: 'console-job' });
    const arn = await createJob(world.w, { ...input, Tags: [{ Key: 'old', Value: 'x' }] });
    const aws = portsFor(world.sandbox);
    await executeChange(aJobChange('update', 'console-job', { arn, tags: { 'gtctl:project': PROJECT }, removeTags: ['old'] }), runtimeFor(aws, world.w));
    const job = await world.w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: 'console-job' }));
    expect(job.Tags).toEqual([{ Key: 'gtctl:project', Value: PROJECT }]);
    expect(aws.calls()['sagemaker.CreateLabelingJob']).toBeUndefined();
  });

  it('an update without the job\'s ARN is a bug, not a call', async () => {
    const error = await failure(executeChange(aJobChange('update', 'x-job', { tags: { a: 'b' } }), runtimeFor(portsFor(world.sandbox), world.w)));
    expect(error).toMatchObject({ code: 'unsupported-change', source: 'internal' });
  });
});

