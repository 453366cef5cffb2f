// Labeling jobs for the public crowd (Amazon Mechanical Turk): the task price grid per task type, the price only for
// the public crowd, and workers who are no Cognito users of the account (BEHAVIOUR.md, "Labeling jobs" and
// "Workers stand-in").
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DescribeLabelingJobCommand, ListLabelingJobsForWorkteamCommand, type CreateLabelingJobCommandInput } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelRequest, Sandbox } from '../index.js';
import {
  bucket,
  createJob,
  expectError,
  getText,
  labelingSetup,
  lambda,
  putText,
  startSandboxForTests,
  textClassificationJob,
  world,
  type World,
} from './test-support.js';

const PUBLIC_CROWD = 'arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default';

/** `0.036` as AmountInUsd counts it: 0 dollars, 3 cents, 6 tenths of a cent. */
function price(usd: string) {
  const tenths = Math.round(Number(usd) * 1000);
  return { AmountInUsd: { Dollars: Math.floor(tenths / 1000), Cents: Math.floor((tenths % 1000) / 10), TenthFractionsOfACent: tenths % 10 } };
}

describe('SageMaker labeling jobs for the public crowd', () => {
  let sandbox: Sandbox;
  let w: World;
  let inputs: { teamArn: string; bucket: string };
  const describeJob = (LabelingJobName: string) => w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName }));
  const publicJob = (overrides: Partial<CreateLabelingJobCommandInput['HumanTaskConfig']> = {}) =>
    textClassificationJob(w, inputs).then((input) => ({ ...input, HumanTaskConfig: { ...input.HumanTaskConfig!, ...overrides } }));
  /** A public-crowd job of the task type named by `suffix` ('Custom': the requester's own Lambdas). */
  const jobFor = async (suffix: string, usd: string, LabelAttributeName: string) => {
    const input = await publicJob({
      PublicWorkforceTaskPrice: price(usd),
      PreHumanTaskLambdaArn: suffix === 'Custom' ? 'arn:aws:lambda:us-east-1:000000000000:function:my-pre' : lambda('PRE', suffix),
      AnnotationConsolidationConfig: {
        AnnotationConsolidationLambdaArn: suffix === 'Custom' ? 'arn:aws:lambda:us-east-1:000000000000:function:my-acs' : lambda('ACS', suffix),
      },
    });
    return createJob(w, { ...input, LabelAttributeName });
  };

  beforeAll(async () => {
    sandbox = await startSandboxForTests();
    w = world(sandbox);
    inputs = { teamArn: PUBLIC_CROWD, bucket: await bucket(w) };
    await putText(w, inputs.bucket, 'template.liquid', '<crowd-form></crowd-form>');
  });
  afterAll(async () => {
    await w.close();
    await sandbox.close();
  });

  it.each([
    ['TextMultiClass', '0.012', 'answer'],
    ['ImageMultiClassMultiLabel', '1.200', 'answer'],
    ['NamedEntityRecognition', '0.024', 'answer'],
    ['Custom', '0.012', 'answer'],
    ['BoundingBox', '0.036', 'answer'],
    ['AdjustmentBoundingBox', '1.080', 'answer'],
    ['SemanticSegmentation', '0.840', 'mask-ref'],
  ])('takes a %s job at %s USD, a price on its grid', async (suffix, usd, attribute) => {
    expect(await jobFor(suffix, usd, attribute)).toMatch(/:labeling-job\//);
  });

  it.each([
    ['TextMultiClass', '0.050', 'answer', /0\.050 USD is not a price offered for TextMultiClass tasks; use one of 0\.012, 0\.024, 0\.036, .*, 1\.200\.$/],
    ['TextMultiClass', '2.000', 'answer', /2\.000 USD is not a price offered/],
    ['Custom', '0.000', 'answer', /0\.000 USD is not a price offered for Custom tasks; use one of 0\.012,/],
    ['BoundingBox', '0.024', 'answer', /use one of 0\.036, 0\.048, 0\.060,/],
    ['VerificationBoundingBox', '0.012', 'answer', /VerificationBoundingBox tasks; use one of 0\.036,/],
    ['SemanticSegmentation', '0.720', 'mask-ref', /use one of 0\.840, 0\.960, 1\.080, 1\.200\.$/],
  ])('refuses a %s job at %s USD, off its grid, naming the allowed prices', async (suffix, usd, attribute, message) => {
    await expectError(jobFor(suffix, usd, attribute), 'ValidationException', message);
  });

  it.each([
    ['VideoObjectDetection', 'frames-ref'],
    ['3DPointCloudObjectDetection', 'cloud'],
  ])('does not send %s jobs to the public crowd at any price', async (suffix, attribute) => {
    await expectError(jobFor(suffix, '1.200', attribute), 'ValidationException', `${suffix} labeling jobs cannot be sent to the public crowd`);
  });

  it('needs a price, counts the amount from all three members, and allows at most 12 hours of task availability', async () => {
    await expectError(createJob(w, await publicJob()), 'ValidationException', /need PublicWorkforceTaskPrice/);
    await createJob(w, await publicJob({ PublicWorkforceTaskPrice: { AmountInUsd: { Dollars: 1, Cents: 20 } } }));
    await createJob(w, await publicJob({ PublicWorkforceTaskPrice: { AmountInUsd: { Cents: 3, TenthFractionsOfACent: 6 } } }));
    await expectError(
      createJob(w, await publicJob({ PublicWorkforceTaskPrice: price('0.036'), TaskAvailabilityLifetimeInSeconds: 43_201 })),
      'ValidationException',
      /at most 43200/,
    );
    await createJob(w, await publicJob({ PublicWorkforceTaskPrice: price('0.036'), TaskAvailabilityLifetimeInSeconds: 43_200 }));
  });

  it("refuses another region's public crowd as a team that does not exist", async () => {
    const input = await publicJob({ PublicWorkforceTaskPrice: price('0.036'), WorkteamArn: PUBLIC_CROWD.replace('us-east-1', 'eu-west-1') });
    await expectError(createJob(w, input), 'ValidationException', /Work team arn:aws:sagemaker:eu-west-1:394669845002:workteam\/public-crowd\/default does not exist/);
  });

  it('refuses a price for a private team', async () => {
    const setup = await labelingSetup(w, []);
    const input = await textClassificationJob(w, setup);
    input.HumanTaskConfig!.PublicWorkforceTaskPrice = price('0.036');
    await expectError(createJob(w, input), 'ValidationException', /PublicWorkforceTaskPrice is only for the public crowd .* is a private work team/);
  });

  it('returns the content classifiers as sent', async () => {
    const input = await publicJob({ PublicWorkforceTaskPrice: price('0.036') });
    input.InputConfig!.DataAttributes = { ContentClassifiers: ['FreeOfPersonallyIdentifiableInformation', 'FreeOfAdultContent'] };
    await createJob(w, input);
    expect((await describeJob(input.LabelingJobName!)).InputConfig).toEqual(input.InputConfig);
  });

  it('is labeled by any two workers, who are no users of the account, two answers completing each object', async () => {
    const input = await publicJob({ PublicWorkforceTaskPrice: price('0.012'), NumberOfHumanWorkersPerDataObject: 2 });
    await createJob(w, input);
    await w.advance(500);
    const job = input.LabelingJobName!;
    const label = (who: string, answers: LabelRequest['answers']) => w.admin<{ accepted: number; jobStatus: string }>('sagemaker/label', { job, worker: who, answers });

    expect(await w.admin('sagemaker/tasks', { job, worker: 'turker-a' })).toHaveLength(3);
    expect(await label('turker-a', [{ object: 0, label: 'Even Number' }, { object: 1, label: 'Odd Number' }, { object: 2, label: 'Odd Number' }])).toEqual({
      accepted: 3,
      jobStatus: 'InProgress',
    });
    await expect(label('turker-a', [{ object: 0, label: 'Even Number' }])).rejects.toMatchObject({ code: 'ValidationException', message: /already answered/ });
    expect((await describeJob(job)).LabelCounters).toMatchObject({ HumanLabeled: 0, Unlabeled: 3 });
    expect(await label('turker-b', [{ object: 0, label: 'Even Number' }, { object: 1, label: 'Odd Number' }, { object: 2, label: 'Even Number' }])).toEqual({
      accepted: 3,
      jobStatus: 'Completed',
    });

    const done = await describeJob(job);
    expect(done.LabelCounters).toMatchObject({ HumanLabeled: 3, Unlabeled: 0 });
    const manifest = await getText(w, inputs.bucket, `Output/${job}/manifests/output/output.manifest`);
    const lines = manifest.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    expect(lines.map((l) => [l['parity'], l['parity-metadata']['class-name'], l['parity-metadata'].confidence])).toEqual([
      [1, 'Even Number', 1],
      [0, 'Odd Number', 1],
      [0, 'Odd Number', 0.5],
    ]);

    const prefix = `Output/${job}/annotations/worker-response/iteration-1/0/`;
    const [response] = (await w.s3.send(new ListObjectsV2Command({ Bucket: inputs.bucket, Prefix: prefix }))).Contents!;
    const { answers } = JSON.parse(await getText(w, inputs.bucket, response!.Key!)) as { answers: Array<Record<string, unknown>> };
    expect(answers.map((a) => a['workerId'])).toEqual([expect.stringMatching(/^public\.us-east-1\.[0-9a-f]{32}$/), expect.stringMatching(/^public\.us-east-1\./)]);
    expect(answers[0]!['workerId']).not.toBe(answers[1]!['workerId']);
    expect(answers[0]).not.toHaveProperty('workerMetadata');

    const listed = await w.sm.send(new ListLabelingJobsForWorkteamCommand({ WorkteamArn: PUBLIC_CROWD, MaxResults: 100 }));
    expect(listed.LabelingJobSummaryList!.find((j) => j.LabelingJobName === job)).toMatchObject({ NumberOfHumanWorkersPerDataObject: 2, LabelCounters: { HumanLabeled: 3, Total: 3 } });
  });
});
