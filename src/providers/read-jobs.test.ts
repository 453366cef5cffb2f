// Reading labeling jobs for a plan, against the sandbox: jobs created with the SDK's own client, read with gtctl's
// ports into the shape of the request gtctl would send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelRequest } from '../sandbox/index.js';
import { createJob, labelingSetup, textClassificationJob, type LabelingSetup } from '../sandbox/sagemaker/test-support.js';
import { readJobs } from './read-jobs.js';
import { readLiveState } from './read-live.js';
import { portsFor, PROJECT, providerWorld, REGION, targets, type ProviderWorld } from './test-support.js';

const WORKER = 'worker@example.com';
let world: ProviderWorld;
let setup: LabelingSetup;

beforeAll(async () => {
  world = await providerWorld();
  setup = await labelingSetup(world.w, [WORKER]);
});
afterAll(() => world.close());

const label = (job: string, answers: LabelRequest['answers']) => world.w.admin('sagemaker/label', { job, worker: WORKER, answers });

describe('readJobs', () => {
  it('reads nothing when the specs declare no job', async () => {
    const aws = portsFor(world.sandbox);
    expect(await readJobs(aws.sageMaker, targets())).toEqual({ jobNames: [], jobs: [] });
    expect(aws.calls()).toEqual({});
  });

  it('describes the declared jobs found in any letter case, into the request shape; lists every name of the Region', async () => {
    const { w } = world;
    const input = await textClassificationJob(w, setup, { name: 'Text-Analysis-Job' }, { Tags: [{ Key: 'team', Value: 'a' }, { Key: 'gtctl:project', Value: PROJECT }] });
    await createJob(w, input);
    const other = await textClassificationJob(w, setup, { name: 'someone-elses-job' });
    await createJob(w, other);

    const aws = portsFor(world.sandbox);
    const { jobNames, jobs } = await readJobs(aws.sageMaker, targets({ jobs: ['text-analysis-job', 'never-created'] }));
    expect(jobNames).toEqual(expect.arrayContaining(['Text-Analysis-Job', 'someone-elses-job']));
    expect(jobs).toEqual([
      {
        name: 'Text-Analysis-Job',
        arn: 'arn:aws:sagemaker:us-east-1:000000000000:labeling-job/text-analysis-job',
        status: 'Initializing',
        tags: { 'gtctl:project': PROJECT, team: 'a' },
        labelCounters: { total: 0, human: 0, machine: 0, failed: 0, unlabeled: 3 },
        request: {
          LabelingJobName: 'Text-Analysis-Job',
          LabelAttributeName: 'parity',
          RoleArn: input.RoleArn,
          InputConfig: input.InputConfig,
          // Describe answers KmsKeyId "" when none was given: absent, as gtctl would send it.
          OutputConfig: { S3OutputPath: input.OutputConfig!.S3OutputPath },
          LabelCategoryConfigS3Uri: input.LabelCategoryConfigS3Uri,
          // Members the job was created without read as AWS's defaults.
          HumanTaskConfig: { ...input.HumanTaskConfig, TaskAvailabilityLifetimeInSeconds: 2_592_000, MaxConcurrentTaskCount: 1000 },
          Tags: [
            { Key: 'gtctl:project', Value: PROJECT },
            { Key: 'team', Value: 'a' },
          ],
        },
      },
    ]);
    expect(aws.calls()).toEqual({ 'sagemaker.DescribeLabelingJob': 1, 'sagemaker.ListLabelingJobs': 1 });
  });

  it('keeps the optional members a job was created with', async () => {
    const { w } = world;
    const input = await textClassificationJob(w, setup, { name: 'with-options' }, {
      OutputConfig: { S3OutputPath: `s3://${setup.bucket}/Output/`, KmsKeyId: 'arn:aws:kms:us-east-1:000000000000:key/k' },
      StoppingConditions: { MaxHumanLabeledObjectCount: 2 },
    });
    input.HumanTaskConfig = { ...input.HumanTaskConfig!, TaskKeywords: ['Text', 'Parity'], TaskAvailabilityLifetimeInSeconds: 3600, MaxConcurrentTaskCount: 10 };
    await createJob(w, input);
    const { jobs } = await readJobs(portsFor(world.sandbox).sageMaker, targets({ jobs: ['with-options'] }));
    expect(jobs[0]!.request).toMatchObject({
      OutputConfig: { S3OutputPath: `s3://${setup.bucket}/Output/`, KmsKeyId: 'arn:aws:kms:us-east-1:000000000000:key/k' },
      StoppingConditions: { MaxHumanLabeledObjectCount: 2 },
      HumanTaskConfig: { TaskKeywords: ['Text', 'Parity'], TaskAvailabilityLifetimeInSeconds: 3600, MaxConcurrentTaskCount: 10 },
      Tags: [],
    });
  });

  it('reads the counters and the output manifest of a completed job', async () => {
    const { w } = world;
    const input = await textClassificationJob(w, setup, { name: 'done-job' });
    await createJob(w, input);
    await w.advance(500);
    await label('done-job', [
      { object: 0, label: 'Even Number' },
      { object: 1, label: 'Odd Number' },
      { object: 2, label: 'Odd Number' },
    ]);
    const { jobs } = await readJobs(portsFor(world.sandbox).sageMaker, targets({ jobs: ['done-job'] }));
    expect(jobs[0]).toMatchObject({
      status: 'Completed',
      labelCounters: { total: 3, human: 3, machine: 0, failed: 0, unlabeled: 0 },
      outputManifest: `s3://${setup.bucket}/Output/done-job/manifests/output/output.manifest`,
    });
  });

  it('reads why a job failed', async () => {
    const { w } = world;
    const input = await textClassificationJob(w, setup, { name: 'failing-job' }, { InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://${setup.bucket}/no-such.manifest` } } } });
    await createJob(w, input);
    await w.advance(500);
    const { jobs } = await readJobs(portsFor(world.sandbox).sageMaker, targets({ jobs: ['failing-job'] }));
    expect(jobs[0]).toMatchObject({ status: 'Failed', failureReason: expect.stringMatching(/^ClientError/) });
  });
});

describe('readLiveState', () => {
  it('fills buckets, objects, prefixes, manifests and jobs beside the workforce and teams', async () => {
    await createJob(world.w, await textClassificationJob(world.w, setup, { name: 'live-state-job' }));
    const aws = portsFor(world.sandbox);
    const live = await readLiveState(aws, {
      account: '000000000000',
      region: REGION,
      project: PROJECT,
      read: targets({
        buckets: [setup.bucket],
        objects: [`${setup.bucket}/template.liquid`],
        prefixes: [{ uri: `s3://${setup.bucket}/live-state-job/`, withText: false, jobs: [] }],
        manifests: [`s3://${setup.bucket}/live-state-job/input.manifest`],
        jobs: ['live-state-job'],
      }),
    });
    expect(live.workforce?.name).toBe('default');
    expect(live.buckets.map((b) => b.name)).toEqual([setup.bucket]);
    expect(Object.keys(live.objects)).toEqual([`${setup.bucket}/template.liquid`]);
    expect(live.prefixes[`s3://${setup.bucket}/live-state-job/`]).toEqual([{ key: 'live-state-job/input.manifest' }, { key: 'live-state-job/labels.json' }]);
    expect(live.manifests[`s3://${setup.bucket}/live-state-job/input.manifest`]).toContain('"source":"42"');
    expect(live.jobs.map((j) => j.name)).toEqual(['live-state-job']);
    expect(live.jobNames).toContain('live-state-job');
  });

  it('does not list the prefix of a job that exists: its manifest is fixed', async () => {
    await createJob(world.w, await textClassificationJob(world.w, setup, { name: 'fixed-input-job' }));
    const prefix = `s3://${setup.bucket}/fixed-input-job/`;
    const read = (jobs: string[]) =>
      readLiveState(portsFor(world.sandbox), { account: '000000000000', region: REGION, project: PROJECT, read: targets({ prefixes: [{ uri: prefix, withText: true, jobs }], jobs }) });
    expect((await read(['fixed-input-job'])).prefixes[prefix]).toBeUndefined();
    expect((await read(['a-job-to-create'])).prefixes[prefix]?.length).toBeGreaterThan(0);
  });
});
