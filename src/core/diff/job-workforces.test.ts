// Jobs for the public crowd and for vendor teams: the request they resolve to, what a public job costs, and the
// vendor subscription a vendor job needs.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../build-plan.js';
import { resolveJob, type JobWorld } from '../jobs/resolve.js';
import { aJob, BUCKET } from '../jobs/test-support.js';
import type { LiveState } from '../live.js';
import type { LabelingJob } from '../model.js';
import type { JobChange } from '../plan.js';
import { aProject, desiredState, liveState, NOW } from '../test-support.js';
import { planJobs } from './jobs.js';

const MANIFEST = `s3://${BUCKET}/in.manifest`;
const VENDOR_ARN = 'arn:aws:sagemaker:us-east-1:111122223333:workteam/vendor-crowd/acme-labeling';
const project = aProject();
const world: JobWorld = { region: 'us-east-1', account: '000000000000', project, buckets: [], prefixes: {}, vendorTeams: [], chainInputs: {}, manifests: { [MANIFEST]: '{"source":"1"}\n{"source":"2"}\n{"source":"3"}\n' } };
const publicJob = (name: string, overrides: Partial<LabelingJob> = {}): LabelingJob =>
  aJob({
    name,
    input: { manifest: MANIFEST },
    workforce: { type: 'public', priceTenthCents: 36 },
    ...overrides,
    workers: { perObject: 2, taskTimeLimitSeconds: 300, taskAvailabilitySeconds: 21_600, maxConcurrentTasks: 1000, contentClassifiers: ['freeOfPersonallyIdentifiableInformation'], ...overrides.workers },
  });
const live = (parts: Partial<LiveState> = {}): LiveState => ({ ...liveState(), manifests: world.manifests, ...parts });

describe('a public job', () => {
  it('resolves to the Region\'s public crowd, its price in dollars, cents and tenths, and its content classifiers', () => {
    const { request } = resolveJob(publicJob('p'), world);
    expect(request.HumanTaskConfig).toMatchObject({
      WorkteamArn: 'arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default',
      PublicWorkforceTaskPrice: { AmountInUsd: { Dollars: 0, Cents: 3, TenthFractionsOfACent: 6 } },
      TaskAvailabilityLifetimeInSeconds: 21_600,
    });
    expect(request.InputConfig.DataAttributes).toEqual({ ContentClassifiers: ['FreeOfPersonallyIdentifiableInformation'] });
    const dear = resolveJob(publicJob('p', { workforce: { type: 'public', priceTenthCents: 1080 } }), world).request.HumanTaskConfig;
    expect(dear.PublicWorkforceTaskPrice).toEqual({ AmountInUsd: { Dollars: 1, Cents: 8, TenthFractionsOfACent: 0 } });
  });

  it('costs objects x workers x price, exactly, per job and across jobs; a private job costs nothing here', () => {
    const jobs = [publicJob('a'), publicJob('b', { workforce: { type: 'public', priceTenthCents: 12 } }), aJob({ name: 'c', input: { manifest: MANIFEST } })];
    const plan = buildPlan({ ...desiredState({ workforce: null }), jobs }, live(), { now: NOW });
    const costs = plan.changes.flatMap((c) => (c.kind === 'job' ? [[c.name, c.cost]] : []));
    expect(costs).toEqual([
      ['a', { objects: 3, workersPerObject: 2, pricePerTaskUsd: 0.036, totalUsd: 0.216 }],
      ['b', { objects: 3, workersPerObject: 2, pricePerTaskUsd: 0.012, totalUsd: 0.072 }],
      ['c', undefined],
    ]);
    expect(plan.cost).toEqual({ jobs: 2, totalUsd: 0.288 });
    expect(plan.changes.find((c) => c.address === 'job/a')!.reasons).toEqual(['create the labeling job (text-classification, public crowd at $0.036 a task)']);
  });

  it('waits for no team', () => {
    const [change] = planJobs([publicJob('p')], [], project, live()).changes;
    expect(change!.dependsOn).toEqual([`bucket/${BUCKET}`]);
  });
});

describe('a vendor job', () => {
  const vendorJob = (team: string): LabelingJob => aJob({ name: 'v', input: { manifest: MANIFEST }, workforce: { type: 'vendor', team } });
  const subscribed = live({ vendorTeams: [{ arn: VENDOR_ARN, name: 'acme-labeling', title: 'ACME Labeling' }] });

  it('goes to the subscribed team named by its name, Marketplace title or ARN', () => {
    for (const team of ['acme-labeling', 'ACME Labeling', VENDOR_ARN]) {
      const [change] = planJobs([vendorJob(team)], [], project, subscribed).changes as JobChange[];
      expect(change).toMatchObject({ action: 'create', request: { HumanTaskConfig: { WorkteamArn: VENDOR_ARN } } });
      expect(change!.request!.HumanTaskConfig.PublicWorkforceTaskPrice).toBeUndefined();
    }
  });

  it('is blocked when the account has not subscribed to the team, naming the ones it has', () => {
    const [change] = planJobs([vendorJob('other-vendor')], [], project, subscribed).changes;
    expect(change).toMatchObject({ action: 'blocked', blockedBy: 'vendor-not-subscribed', reasons: [expect.stringContaining('subscribed: acme-labeling ("ACME Labeling")')] });
  });

  it('an existing vendor job keeps its team when the subscription has ended: unchanged, not blocked', () => {
    const job = vendorJob('acme-labeling');
    const request = resolveJob(job, { ...world, vendorTeams: subscribed.vendorTeams }).request;
    const liveJob = { name: 'v', arn: 'arn:aws:sagemaker:us-east-1:000000000000:labeling-job/v', status: 'InProgress', tags: Object.fromEntries(request.Tags.map((t) => [t.Key, t.Value])), labelCounters: { total: 0, human: 0, machine: 0, failed: 0, unlabeled: 3 }, request };
    expect(planJobs([job], [], project, live({ jobs: [liveJob], jobNames: ['v'] }))).toEqual({ changes: [], noOps: 1 });
  });
});
