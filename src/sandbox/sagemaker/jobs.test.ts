// Labeling jobs, through the SageMaker and S3 SDK clients (BEHAVIOUR.md, "Labeling jobs" and "Tags").
import {
  AddTagsCommand,
  DeleteTagsCommand,
  DescribeLabelingJobCommand,
  ListLabelingJobsCommand,
  ListLabelingJobsForWorkteamCommand,
  ListTagsCommand,
  StopLabelingJobCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import {
  createJob,
  expectError,
  getText,
  labelFile,
  labelingSetup,
  lambda,
  putText,
  startSandboxForTests,
  textClassificationJob,
  unique,
  world,
  type LabelingSetup,
  type World,
} from './test-support.js';

describe('SageMaker labeling jobs', () => {
  let sandbox: Sandbox;
  let w: World;
  let setup: LabelingSetup;
  const describeJob = (LabelingJobName: string) => w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName }));

  beforeAll(async () => {
    sandbox = await startSandboxForTests();
    w = world(sandbox);
    setup = await labelingSetup(w, []);
  });
  afterAll(async () => {
    await w.close();
    await sandbox.close();
  });

  it('creates a job that is Initializing, then InProgress after the transition delay', async () => {
    const input = await textClassificationJob(w, setup, { name: 'Text-Analysis-Job' }, { Tags: [{ Key: 'gtctl:project', Value: 'demo' }] });
    const arn = await createJob(w, input);
    expect(arn).toBe('arn:aws:sagemaker:us-east-1:000000000000:labeling-job/text-analysis-job');

    const created = await describeJob('Text-Analysis-Job');
    expect(created).toMatchObject({
      LabelingJobName: 'Text-Analysis-Job',
      LabelingJobArn: arn,
      LabelingJobStatus: 'Initializing',
      LabelAttributeName: 'parity',
      OutputConfig: { S3OutputPath: input.OutputConfig!.S3OutputPath, KmsKeyId: '' },
      HumanTaskConfig: input.HumanTaskConfig,
      Tags: [{ Key: 'gtctl:project', Value: 'demo' }],
      LabelCounters: { TotalLabeled: 0, HumanLabeled: 0, MachineLabeled: 0, FailedNonRetryableError: 0, Unlabeled: 3 },
    });
    expect(created.JobReferenceCode).toMatch(/^000000000000[a-z0-9]+$/);
    expect(created.FailureReason).toBeUndefined();

    await w.advance(500);
    const started = await describeJob('text-analysis-job');
    expect(started.LabelingJobStatus).toBe('InProgress');
    expect(started.LastModifiedTime!.getTime()).toBe(created.CreationTime!.getTime() + 500);
  });

  it('treats names case-insensitively and never frees them', async () => {
    await createJob(w, await textClassificationJob(w, setup, { name: 'Case-Job' }));
    await expectError(createJob(w, await textClassificationJob(w, setup, { name: 'case-job' })), 'ResourceInUse', /Case-Job already exists/);
    await w.sm.send(new StopLabelingJobCommand({ LabelingJobName: 'CASE-JOB' }));
    await w.advance(500);
    await expectError(createJob(w, await textClassificationJob(w, setup, { name: 'CASE-job' })), 'ResourceInUse');
  });

  it('answers an unknown job with ResourceNotFound', async () => {
    await expectError(describeJob('ghost'), 'ResourceNotFound', /ghost/);
    await expectError(w.sm.send(new StopLabelingJobCommand({ LabelingJobName: 'ghost' })), 'ResourceNotFound');
  });

  it.each([
    ['a missing input manifest', { ManifestS3Uri: 's3://BUCKET/nothing-here.manifest' }, /ClientError: Could not read the input manifest .*nothing-here/],
    ['a missing bucket', { ManifestS3Uri: 's3://no-such-bucket/input.manifest' }, /ClientError: .*bucket no-such-bucket does not exist/],
    ['an unparsable manifest line', { manifest: '{"source": "1"}\nnot json\n' }, /ClientError: Line 2 of the input manifest is not valid JSON/],
    ['a line with neither source nor source-ref', { manifest: '{"id": 1}' }, /exactly one of "source" and "source-ref"/],
    ['one label for a classification job', { labels: labelFile(['Only']) }, /needs at least 2 labels/],
    ['a duplicated label', { labels: labelFile(['Odd', 'Odd']) }, /"Odd" appears more than once/],
    ['a label file without document-version', { labels: JSON.stringify({ labels: [{ label: 'a' }, { label: 'b' }] }) }, /document-version/],
  ])('fails the job (not the call) on %s', async (_case, problem, reason) => {
    const input = await textClassificationJob(w, setup);
    const source = input.InputConfig!.DataSource!.S3DataSource!;
    if ('ManifestS3Uri' in problem) source.ManifestS3Uri = problem.ManifestS3Uri.replace('BUCKET', setup.bucket);
    if ('manifest' in problem) source.ManifestS3Uri = await putText(w, setup.bucket, `${input.LabelingJobName}/bad.manifest`, problem.manifest);
    if ('labels' in problem) input.LabelCategoryConfigS3Uri = await putText(w, setup.bucket, `${input.LabelingJobName}/bad.json`, problem.labels);
    await createJob(w, input);
    expect((await describeJob(input.LabelingJobName!)).LabelingJobStatus).toBe('Initializing');
    await w.advance(500);
    const failed = await describeJob(input.LabelingJobName!);
    expect(failed.LabelingJobStatus).toBe('Failed');
    expect(failed.FailureReason).toMatch(reason);
    expect(failed.LabelCounters).toEqual({ TotalLabeled: 0, HumanLabeled: 0, MachineLabeled: 0, FailedNonRetryableError: 0, Unlabeled: 0 });
  });

  it('checks the label attribute name against the task type', async () => {
    const withAttribute = async (LabelAttributeName: string, suffix = 'TextMultiClass') => {
      const input = await textClassificationJob(w, setup, {}, { LabelAttributeName });
      input.HumanTaskConfig!.PreHumanTaskLambdaArn = lambda('PRE', suffix);
      input.HumanTaskConfig!.AnnotationConsolidationConfig = { AnnotationConsolidationLambdaArn: lambda('ACS', suffix) };
      return createJob(w, input);
    };
    await expectError(withAttribute('parity-metadata'), 'ValidationException', /must not end with "-metadata"/);
    await expectError(withAttribute('parity-ref'), 'ValidationException', /must not end with "-ref" for TextMultiClass/);
    await expectError(withAttribute('mask', 'SemanticSegmentation'), 'ValidationException', /must end with "-ref" for SemanticSegmentation/);
    await withAttribute('mask-ref', 'SemanticSegmentation');
  });

  it('refuses a team that does not exist, a task time limit over 8 hours, and a malformed Lambda ARN', async () => {
    const base = await textClassificationJob(w, setup);
    await expectError(
      createJob(w, { ...base, HumanTaskConfig: { ...base.HumanTaskConfig!, WorkteamArn: 'arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/nobody' } }),
      'ValidationException',
      /does not exist/,
    );
    await expectError(createJob(w, { ...base, HumanTaskConfig: { ...base.HumanTaskConfig!, TaskTimeLimitInSeconds: 28_801 } }), 'ValidationException', /at most 28800/);
    await expectError(
      createJob(w, { ...base, HumanTaskConfig: { ...base.HumanTaskConfig!, PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:432418664414:PRE-TextMultiClass' } }),
      'ValidationException',
      /preHumanTaskLambdaArn/,
    );
  });

  it('stops a job: Stopping, then Stopped with the output manifest written; stopping it again changes nothing', async () => {
    const input = await textClassificationJob(w, setup);
    await createJob(w, input);
    await w.advance(500);
    await w.sm.send(new StopLabelingJobCommand({ LabelingJobName: input.LabelingJobName }));
    expect((await describeJob(input.LabelingJobName!)).LabelingJobStatus).toBe('Stopping');
    await w.advance(500);
    const stopped = await describeJob(input.LabelingJobName!);
    expect(stopped.LabelingJobStatus).toBe('Stopped');
    const key = `Output/${input.LabelingJobName}/manifests/output/output.manifest`;
    expect(stopped.LabelingJobOutput).toEqual({ OutputDatasetS3Uri: `s3://${setup.bucket}/${key}` });
    // Nothing was labeled: the input lines come back unchanged.
    expect(await getText(w, setup.bucket, key)).toBe(['{"source":"42"}', '{"source":"19"}', '{"source":"21"}', ''].join('\n'));
    await w.sm.send(new StopLabelingJobCommand({ LabelingJobName: input.LabelingJobName }));
    expect(await describeJob(input.LabelingJobName!)).toMatchObject({ LabelingJobStatus: 'Stopped', LastModifiedTime: stopped.LastModifiedTime });
  });

  it('takes a stop while the job is already Stopping, and refuses one once it is Completed', async () => {
    const stopping = await textClassificationJob(w, setup);
    await createJob(w, stopping);
    await w.sm.send(new StopLabelingJobCommand({ LabelingJobName: stopping.LabelingJobName }));
    const first = await describeJob(stopping.LabelingJobName!);
    await w.sm.send(new StopLabelingJobCommand({ LabelingJobName: stopping.LabelingJobName }));
    expect(await describeJob(stopping.LabelingJobName!)).toMatchObject({ LabelingJobStatus: 'Stopping', LastModifiedTime: first.LastModifiedTime });

    const done = await textClassificationJob(w, setup);
    done.HumanTaskConfig!.TaskAvailabilityLifetimeInSeconds = 60;
    await createJob(w, done);
    await w.advance(500 + 60_000);
    expect((await describeJob(done.LabelingJobName!)).LabelingJobStatus).toBe('Completed');
    await expectError(w.sm.send(new StopLabelingJobCommand({ LabelingJobName: done.LabelingJobName })), 'ValidationException', /is Completed/);
  });

  it('applies transitions at once when the settings route sets the delay to 0', async () => {
    expect(await w.admin('sagemaker/settings', { transitionMs: 0 })).toEqual({ transitionMs: 0 });
    const input = await textClassificationJob(w, setup);
    await createJob(w, input);
    expect((await describeJob(input.LabelingJobName!)).LabelingJobStatus).toBe('InProgress');
    await w.admin('sagemaker/settings', { transitionMs: 500 });
    await expect(w.admin('sagemaker/settings', { transitionMs: -1 })).rejects.toMatchObject({ code: 'ValidationException' });
  });

  it('lists jobs in pages of two, filtered and sorted', async () => {
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await w.sm.send(new ListLabelingJobsCommand({ MaxResults: 2, SortBy: 'Name', SortOrder: 'Descending', NextToken }));
      expect(page.LabelingJobSummaryList!.length).toBeLessThanOrEqual(2);
      names.push(...page.LabelingJobSummaryList!.map((j) => j.LabelingJobName!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(names.length).toBeGreaterThan(4);
    expect(names).toEqual([...names].sort().reverse());

    const failed = await w.sm.send(new ListLabelingJobsCommand({ StatusEquals: 'Failed', MaxResults: 100 }));
    expect(failed.LabelingJobSummaryList!.every((j) => j.LabelingJobStatus === 'Failed' && j.FailureReason)).toBe(true);
    const named = await w.sm.send(new ListLabelingJobsCommand({ NameContains: 'text-analysis' }));
    expect(named.LabelingJobSummaryList).toHaveLength(1);
    expect(named.LabelingJobSummaryList![0]).toMatchObject({
      LabelingJobName: 'Text-Analysis-Job',
      WorkteamArn: setup.teamArn,
      PreHumanTaskLambdaArn: lambda('PRE', 'TextMultiClass'),
      AnnotationConsolidationLambdaArn: lambda('ACS', 'TextMultiClass'),
    });
    const later = await w.sm.send(new ListLabelingJobsCommand({ CreationTimeAfter: new Date(Date.now() + 365 * 86_400_000) }));
    expect(later.LabelingJobSummaryList).toEqual([]);
  });

  it("lists a team's jobs with their counters", async () => {
    const { LabelingJobSummaryList } = await w.sm.send(new ListLabelingJobsForWorkteamCommand({ WorkteamArn: setup.teamArn, MaxResults: 100 }));
    const job = LabelingJobSummaryList!.find((j) => j.LabelingJobName === 'Text-Analysis-Job');
    expect(job).toMatchObject({ WorkRequesterAccountId: '000000000000', NumberOfHumanWorkersPerDataObject: 1, LabelCounters: { HumanLabeled: 0, PendingHuman: 3, Total: 3 } });
    await expectError(
      w.sm.send(new ListLabelingJobsForWorkteamCommand({ WorkteamArn: 'arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/nobody' })),
      'ResourceNotFound',
    );
  });

  it('tags jobs through AddTags, DeleteTags and ListTags; an unknown ARN is a ValidationException', async () => {
    const input = await textClassificationJob(w, setup);
    const arn = await createJob(w, input);
    await w.sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await w.sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: 'a', Value: 'changed' }] }));
    await w.sm.send(new DeleteTagsCommand({ ResourceArn: arn, TagKeys: ['b'] }));
    expect((await w.sm.send(new ListTagsCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'a', Value: 'changed' }]);
    expect((await describeJob(input.LabelingJobName!)).Tags).toEqual([{ Key: 'a', Value: 'changed' }]);

    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expectError(w.sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: many })), 'ValidationException', /at most 50 tags/);
    await expectError(w.sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: 'aws:x', Value: '1' }] })), 'ValidationException', /reserved/);
    const ghost = 'arn:aws:sagemaker:us-east-1:000000000000:labeling-job/ghost';
    await expectError(w.sm.send(new ListTagsCommand({ ResourceArn: ghost })), 'ValidationException', /does not exist/);
  });

  it('lists up to 50 tags in one page; a smaller MaxResults is refused', async () => {
    const arn = await createJob(w, await textClassificationJob(w, setup, { name: unique('tagged') }));
    await w.sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }));
    const first = await w.sm.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 50 }));
    expect(first.Tags).toHaveLength(50);
    expect(first.NextToken).toBeUndefined();
    await expectError(w.sm.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 10 })), 'ValidationException', /greater than or equal to 50/);
  });
});
