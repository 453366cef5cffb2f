// Chained jobs in the plan: waiting while the source runs, created on its output once it has finished, blocked when
// it failed.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../build-plan.js';
import { aJob, BUCKET } from '../jobs/test-support.js';
import type { LiveJob } from '../live.js';
import type { JobChange } from '../plan.js';
import { aLiveJob, desiredState, liveState, NOW } from '../test-support.js';

const OUTPUT = `s3://${BUCKET}/Output/numbers/manifests/output/output.manifest`;
const source = aJob({ name: 'numbers' });
const chain = aJob({ name: 'recheck', input: { fromJob: 'numbers' } });
const liveSource = (status: string, extra: Partial<LiveJob> = {}): LiveJob => ({ ...aLiveJob('numbers', { status }), ...extra });
const plan = (job: LiveJob | undefined, manifests: Record<string, string> = {}) =>
  buildPlan({ ...desiredState({ workforce: null }), jobs: [chain] }, { ...liveState({ workforce: null, userPool: null }), jobs: job ? [job] : [], jobNames: job ? [job.name] : [], manifests }, { now: NOW });

describe('a chained job', () => {
  it.each([
    ['not created', undefined],
    ['InProgress', liveSource('InProgress')],
    ['Stopping', liveSource('Stopping')],
  ] as const)('waits while its source is %s: no change, not blocked', (status, job) => {
    const p = plan(job);
    expect(p.changes).toEqual([]);
    expect(p.waiting).toEqual([{ address: 'job/recheck', waitsFor: 'job/numbers', status }]);
  });

  it('is created on the output manifest of a completed source, without waiting for another change', () => {
    const p = plan(liveSource('Completed', { outputManifest: OUTPUT }), { [OUTPUT]: '{"source":"42","numbers":1}\n' });
    expect(p.waiting).toBeUndefined();
    const [change] = p.changes as JobChange[];
    expect(change).toMatchObject({ action: 'create', address: 'job/recheck', request: { InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: OUTPUT } } } } });
    // Its team and bucket exist: nothing in this plan to wait for.
    expect(change!.dependsOn).toEqual([]);
  });

  it('is blocked when its source failed, saying why', () => {
    const [change] = plan(liveSource('Failed', { failureReason: 'ClientError: no role' })).changes;
    expect(change).toMatchObject({ action: 'blocked', blockedBy: 'job-input', reasons: [expect.stringContaining('which failed (ClientError: no role) and will never complete')] });
  });

  it('its source is read in the same plan: the specs declare both', () => {
    expect(buildPlan({ ...desiredState({ workforce: null }), jobs: [source, chain] }, liveState({ workforce: null, userPool: null }), { now: NOW }).context.read).toMatchObject({ jobs: ['numbers', 'recheck'], chains: [{ job: 'recheck', from: 'numbers' }] });
  });
});
