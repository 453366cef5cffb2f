// Vendor work teams (BEHAVIOUR.md, "Vendor work teams"): subscribed through the sandbox-only route, listed and
// described by the subscribed-workteam operations, taken by CreateLabelingJob, labeled by the vendor's workers.
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import {
  DescribeLabelingJobCommand,
  DescribeSubscribedWorkteamCommand,
  DescribeWorkteamCommand,
  ListSubscribedWorkteamsCommand,
  ListWorkteamsCommand,
  type SubscribedWorkteam,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { bucket, createJob, expectError, getText, putText, startSandboxForTests, textClassificationJob, world, type World } from './test-support.js';

const ACME_ARN = 'arn:aws:sagemaker:us-east-1:111122223333:workteam/vendor-crowd/acme-labeling';

describe('SageMaker vendor work teams', () => {
  let sandbox: Sandbox;
  let w: World;
  let outputBucket: string;
  const subscribe = (body: Record<string, unknown>) => w.admin<SubscribedWorkteam>('sagemaker/vendor-workteam', body);
  const vendorJob = async (teamArn = ACME_ARN) => textClassificationJob(w, { teamArn, bucket: outputBucket });

  beforeAll(async () => {
    sandbox = await startSandboxForTests();
    w = world(sandbox);
    outputBucket = await bucket(w);
    await putText(w, outputBucket, 'template.liquid', '<crowd-form></crowd-form>');
  });
  afterAll(async () => {
    await w.close();
    await sandbox.close();
  });

  it('subscribes the account to a vendor team in the vendor account, answered as DescribeSubscribedWorkteam shows it', async () => {
    const acme = await subscribe({ name: 'acme-labeling', sellerName: 'Acme Data', marketplaceTitle: 'Acme image labeling', marketplaceDescription: 'Boxes and classes' });
    expect(acme).toEqual({
      WorkteamArn: ACME_ARN,
      SellerName: 'Acme Data',
      MarketplaceTitle: 'Acme image labeling',
      MarketplaceDescription: 'Boxes and classes',
      ListingId: expect.stringMatching(/^prodview-[a-z0-9]{13}$/),
    });
    expect((await w.sm.send(new DescribeSubscribedWorkteamCommand({ WorkteamArn: ACME_ARN }))).SubscribedWorkteam).toEqual(acme);
    // Only the name is needed; the rest is left out of the answers.
    expect(await subscribe({ name: 'beta' })).toEqual({ WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/vendor-crowd/beta', ListingId: expect.any(String) });
    await subscribe({ name: 'acme-text' });
  });

  it('lists subscribed teams by name in pages of MaxResults, filtered by NameContains', async () => {
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await w.sm.send(new ListSubscribedWorkteamsCommand({ MaxResults: 1, NextToken }));
      expect(page.SubscribedWorkteams).toHaveLength(1);
      names.push(page.SubscribedWorkteams![0]!.WorkteamArn!.split('/').pop()!);
      NextToken = page.NextToken;
    } while (NextToken);
    expect(names).toEqual(['acme-labeling', 'acme-text', 'beta']);
    const acmes = await w.sm.send(new ListSubscribedWorkteamsCommand({ NameContains: 'ACME' }));
    expect(acmes.SubscribedWorkteams!.map((t) => t.WorkteamArn)).toEqual([ACME_ARN, 'arn:aws:sagemaker:us-east-1:111122223333:workteam/vendor-crowd/acme-text']);
    expect(acmes.NextToken).toBeUndefined();
    await expectError(w.sm.send(new ListSubscribedWorkteamsCommand({ MaxResults: 101 })), 'ValidationException', /maxResults/);
    await expectError(w.sm.send(new ListSubscribedWorkteamsCommand({ NextToken: 'not-a-token' })), 'ValidationException', /Invalid pagination token/);
    // Another region has its own subscriptions.
    const elsewhere = world(sandbox, 'eu-west-1');
    expect((await elsewhere.sm.send(new ListSubscribedWorkteamsCommand({}))).SubscribedWorkteams).toEqual([]);
    await elsewhere.close();
  });

  it("does not make them the account's own work teams", async () => {
    expect((await w.sm.send(new ListWorkteamsCommand({}))).Workteams).toEqual([]);
    await expectError(w.sm.send(new DescribeWorkteamCommand({ WorkteamName: 'acme-labeling' })), 'ValidationException', /does not exist/);
  });

  it('refuses to describe a team the account does not subscribe to', async () => {
    const ghost = 'arn:aws:sagemaker:us-east-1:111122223333:workteam/vendor-crowd/ghost';
    await expectError(w.sm.send(new DescribeSubscribedWorkteamCommand({ WorkteamArn: ghost })), 'ValidationException', `The work team ${ghost} does not exist.`);
    await expectError(w.sm.send(new DescribeSubscribedWorkteamCommand({ WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:job/x' })), 'ValidationException', /workteamArn/);
  });

  it('refuses a malformed or taken name and an overlong title', async () => {
    await expect(subscribe({ name: 'bad-' })).rejects.toMatchObject({ code: 'ValidationException', message: /name must be a work team name/ });
    await expect(subscribe({ name: 'beta' })).rejects.toMatchObject({ code: 'ValidationException', message: /already subscribes/ });
    await expect(subscribe({ name: 'gamma', marketplaceTitle: 'x'.repeat(201) })).rejects.toMatchObject({ message: /marketplaceTitle must be a single line of 1-200/ });
    await expect(subscribe({ name: 'gamma', sellerName: '' })).rejects.toMatchObject({ message: /sellerName must be a single line/ });
  });

  it('takes a job for a subscribed team only, without a price, and lets any vendor worker label it to completion', async () => {
    await expectError(
      createJob(w, await vendorJob('arn:aws:sagemaker:us-east-1:111122223333:workteam/vendor-crowd/ghost')),
      'ValidationException',
      'Work team arn:aws:sagemaker:us-east-1:111122223333:workteam/vendor-crowd/ghost does not exist.',
    );
    const priced = await vendorJob();
    priced.HumanTaskConfig!.PublicWorkforceTaskPrice = { AmountInUsd: { Cents: 3, TenthFractionsOfACent: 6 } };
    await expectError(createJob(w, priced), 'ValidationException', /PublicWorkforceTaskPrice is only for the public crowd .* is a vendor work team/);

    const input = await vendorJob();
    await createJob(w, input);
    await w.advance(500);
    const job = input.LabelingJobName!;
    const answers = [
      { object: 0, label: 'Even Number' },
      { object: 1, label: 'Odd Number' },
      { object: 2, label: 'Odd Number' },
    ];
    expect(await w.admin('sagemaker/label', { job, worker: 'acme-worker-7', answers })).toEqual({ accepted: 3, jobStatus: 'Completed' });

    const done = await w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: job }));
    expect(done).toMatchObject({ LabelingJobStatus: 'Completed', LabelCounters: { HumanLabeled: 3, Unlabeled: 0 } });
    expect(done.HumanTaskConfig!.WorkteamArn).toBe(ACME_ARN);
    const manifest = await getText(w, outputBucket, `Output/${job}/manifests/output/output.manifest`);
    expect(manifest.trimEnd().split('\n').map((line) => (JSON.parse(line) as Record<string, any>)['parity-metadata']['class-name'])).toEqual([
      'Even Number',
      'Odd Number',
      'Odd Number',
    ]);
    const prefix = `Output/${job}/annotations/worker-response/iteration-1/1/`;
    const [response] = (await w.s3.send(new ListObjectsV2Command({ Bucket: outputBucket, Prefix: prefix }))).Contents!;
    const [answer] = (JSON.parse(await getText(w, outputBucket, response!.Key!)) as { answers: Array<Record<string, unknown>> }).answers;
    expect(answer).toMatchObject({ answerContent: { 'crowd-classifier': { label: 'Odd Number' } }, workerId: expect.stringMatching(/^vendor\.us-east-1\.[0-9a-f]{32}$/) });
    expect(answer).not.toHaveProperty('workerMetadata');
  });
});
