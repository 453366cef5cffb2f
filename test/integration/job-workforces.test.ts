// Jobs for the public crowd (Mechanical Turk) and for vendor teams (AWS Marketplace), through the built CLI against
// the sandbox: the plan's cost line, the exact request CreateLabelingJob gets (checked with DescribeLabelingJob),
// workers who are no member of the account labeling them to completion, and the plan-time check of a vendor team.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DescribeLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { bucketDoc, jobDoc, type Overrides } from '../helpers/specs.js';
import { actions, base, REGION, ROOT, useSandbox } from '../helpers/gtctl.js';

const world = useSandbox();

const numbers = bucketDoc({ spec: { objects: [{ key: 'input/1.txt', content: '42' }, { key: 'input/2.txt', content: '19' }, { key: 'input/3.txt', content: '21' }] } });
const VENDOR_ARN = 'arn:aws:sagemaker:us-east-1:111122223333:workteam/vendor-crowd/acme-labeling';
const describeJob = (name: string) => world.sageMaker.send(new DescribeLabelingJobCommand({ LabelingJobName: name }));

/** Answers every open task of `job` as `worker`, the odd ones Odd; the job's status after. */
async function labelAll(job: string, worker: string): Promise<string> {
  const tasks = await world.tasks(job, worker);
  return (await world.label(job, worker, tasks.map((t) => ({ object: t.object, label: Number(t.source) % 2 ? 'Odd' : 'Even' })))).jobStatus;
}

async function subscribeToVendor(name: string, title: string): Promise<void> {
  const res = await fetch(`${world.url}/_sandbox/sagemaker/vendor-workteam?region=${REGION}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, marketplaceTitle: title, sellerName: 'ACME' }) });
  expect(res.status, await res.text()).toBe(200);
}

const publicJob = (spec: Overrides['spec'] = {}) =>
  jobDoc({ name: 'crowd-odd-even', spec: { workforce: 'public', team: undefined, workers: { perObject: 2, pricePerTask: 0.036, contentClassifiers: ['freeOfPersonallyIdentifiableInformation'] }, ...spec } });

describe('a public (Mechanical Turk) job', () => {
  it('plans with its cost, is created for the public crowd at its price, and completes with anonymous workers', async () => {
    const dir = await world.specs([...base(), numbers, publicJob()]);
    const { code, plan } = await world.planJson(dir);
    expect(code).toBe(2);
    expect(plan.changes.find((c) => c.address === 'job/crowd-odd-even')).toMatchObject({ cost: { objects: 3, workersPerObject: 2, pricePerTaskUsd: 0.036, totalUsd: 0.216 } });
    expect((plan as unknown as { cost: unknown }).cost).toEqual({ jobs: 1, totalUsd: 0.216 });
    const human = await world.gtctl('plan', '-d', dir);
    expect(human.stdout).toContain('# cost: 3 objects x 2 workers x $0.036 = $0.216');
    expect(human.stdout).toContain('Cost of public jobs: $0.216 (1 job)');

    await world.apply(dir);
    const job = await describeJob('crowd-odd-even');
    expect(job.HumanTaskConfig).toMatchObject({
      WorkteamArn: 'arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default',
      PublicWorkforceTaskPrice: { AmountInUsd: { Dollars: 0, Cents: 3, TenthFractionsOfACent: 6 } },
      NumberOfHumanWorkersPerDataObject: 2,
      TaskAvailabilityLifetimeInSeconds: 21_600,
    });
    expect(job.InputConfig?.DataAttributes).toEqual({ ContentClassifiers: ['FreeOfPersonallyIdentifiableInformation'] });
    expect(await world.changes(dir)).toEqual([]);

    await world.advanceClock(60_000);
    expect(await labelAll('crowd-odd-even', 'turk-worker-1')).toBe('InProgress');
    expect(await labelAll('crowd-odd-even', 'turk-worker-2')).toBe('Completed');
    expect((await describeJob('crowd-odd-even')).LabelCounters).toMatchObject({ TotalLabeled: 3, HumanLabeled: 3 });
  });

  it('the public-crowd example plans its cost (specs/public-crowd)', async () => {
    const source = path.join(ROOT, 'specs/public-crowd');
    const files = await readdir(source);
    const dir = await world.specs(Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(path.join(source, f), 'utf8')] as const))));
    const run = await world.gtctl('plan', '-d', dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('# cost: 4 objects x 3 workers x $0.036 = $0.432');
    expect(run.stdout).toContain('Cost of public jobs: $0.432 (1 job)');
  });

  it('is refused at validation with its misuses pointed at', async () => {
    const dir = await world.specs([...base(), numbers, publicJob({ team: 'labelers', workers: { pricePerTask: 0.05 } })]);
    const run = await world.gtctl('validate', '-d', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\.yaml:\d+:\d+: error workforce-team: a public job has no team/);
    expect(run.stderr).toMatch(/\.yaml:\d+:\d+: error price-not-on-grid: 0\.050 USD is not one of AWS's prices for text-classification tasks\n {2}hint: Use the nearest, 0\.048/);
    expect(run.stderr).toMatch(/warning public-data-pii/);
  });
});

describe('a vendor job', () => {
  const vendorJob = (team: string) => jobDoc({ name: 'vendor-odd-even', spec: { workforce: 'vendor', team } });

  it('goes to the subscribed vendor team named in the spec, and its workers complete it', async () => {
    await subscribeToVendor('acme-labeling', 'ACME Labeling');
    const dir = await world.specs([...base(), numbers, vendorJob('acme-labeling')]);
    await world.apply(dir);
    const job = await describeJob('vendor-odd-even');
    expect(job.HumanTaskConfig?.WorkteamArn).toBe(VENDOR_ARN);
    expect(job.HumanTaskConfig?.PublicWorkforceTaskPrice).toBeUndefined();
    expect(await world.changes(dir)).toEqual([]);
    await world.advanceClock(60_000);
    expect(await labelAll('vendor-odd-even', 'acme-worker')).toBe('Completed');
  });

  it('is blocked at plan time when the account has not subscribed to the team, and nothing is written', async () => {
    await subscribeToVendor('acme-labeling', 'ACME Labeling');
    const dir = await world.specs([...base(), numbers, vendorJob('globex')]);
    const { code, plan } = await world.planJson(dir);
    expect(code).toBe(1);
    expect(actions(plan)).toContain('blocked job/vendor-odd-even');
    expect(plan.changes.find((c) => c.address === 'job/vendor-odd-even')).toMatchObject({ blockedBy: 'vendor-not-subscribed', reasons: [expect.stringContaining('subscribed: acme-labeling ("ACME Labeling")')] });
  });
});
