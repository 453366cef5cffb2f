import { describe, expect, it } from 'vitest';
import { buildPlan } from '../build-plan.js';
import { resolveJob } from '../jobs/resolve.js';
import { aJob, BUCKET } from '../jobs/test-support.js';
import { OWNERSHIP_TAG, type LiveJob, type LiveState } from '../live.js';
import type { LabelingJob } from '../model.js';
import type { Change, JobChange } from '../plan.js';
import { aBucket, aLiveBucket, aLiveTeam, aLiveWorkforce, aManagedWorkforce, aProject, aTeam, desiredState, liveState, NOW, PROJECT } from '../test-support.js';
import { planJobs } from './jobs.js';

const ADOPT = `adopt: tag it as managed by project ${PROJECT}`;
const brief = (c: Change) => ({ action: c.action, address: c.address, reasons: c.reasons, diff: c.diff });

describe('adoption: a same-named live object without the ownership tag', () => {
  it('workforce: adopt adds only the ownership tag; without adopt it is a clash; another project is never adopted', () => {
    const plan = (adopt: boolean, tags: Record<string, string>) =>
      buildPlan(desiredState({ workforce: aManagedWorkforce({ adopt }) }), liveState({ workforce: aLiveWorkforce({ tags }) }), { now: NOW });
    const adopted = plan(true, { team: 'data' });
    expect(adopted.changes.map(brief)).toEqual([
      { action: 'update', address: 'workforce/default', reasons: [ADOPT, 'tags changed'], diff: [{ path: `tags.${OWNERSHIP_TAG}`, after: PROJECT }, { path: 'tags.team', before: 'data' }] },
    ]);
    expect(adopted.changes[0]).toMatchObject({ parts: ['tags'] });
    expect(plan(true, {}).changes.map((c) => c.reasons)).toEqual([[ADOPT]]);
    expect(plan(false, {}).changes[0]).toMatchObject({ action: 'blocked', blockedBy: 'not-managed', reasons: [expect.stringContaining('is not managed by gtctl')] });
    expect(plan(true, { [OWNERSHIP_TAG]: 'other' }).changes[0]).toMatchObject({ action: 'blocked', blockedBy: 'other-project', reasons: [expect.stringContaining('it is not adopted')] });
  });

  it('workforce: an adoption that changes settings too names the adoption once, first', () => {
    const p = buildPlan(desiredState({ workforce: aManagedWorkforce({ adopt: true, sourceIpCidrs: ['10.0.0.0/16'] }) }), liveState({ workforce: aLiveWorkforce({ tags: {} }) }), { now: NOW });
    expect(p.changes[0]!.reasons).toEqual([ADOPT, 'allowed source CIDRs changed']);
  });

  it('team: adopt is an update adding the ownership tag; other differences show on the same change', () => {
    const plan = (team: ReturnType<typeof aTeam>, tags: Record<string, string>) =>
      buildPlan(desiredState({ teams: [team] }), liveState({ teams: [aLiveTeam('labelers', { tags })] }), { now: NOW });
    const adopted = plan(aTeam('labelers', { adopt: true }), {});
    expect(adopted.changes.map(brief)).toEqual([{ action: 'update', address: 'team/labelers', reasons: [ADOPT], diff: [{ path: `tags.${OWNERSHIP_TAG}`, after: PROJECT }] }]);
    expect(adopted.changes[0]).toMatchObject({ tags: { [OWNERSHIP_TAG]: PROJECT }, removeTags: [], live: { arn: expect.stringContaining('labelers') } });
    const edited = plan(aTeam('labelers', { adopt: true, description: 'New' }), {});
    expect(edited.changes[0]!.reasons).toEqual([ADOPT, 'description changed']);
    expect(plan(aTeam('labelers'), {}).changes[0]).toMatchObject({ action: 'blocked', blockedBy: 'not-managed', reasons: [expect.stringContaining('metadata.adopt: true')] });
    expect(plan(aTeam('labelers', { adopt: true }), { [OWNERSHIP_TAG]: 'other' }).changes[0]).toMatchObject({ action: 'blocked', reasons: [expect.stringContaining('belongs to gtctl project "other"')] });
  });

  it('bucket: adopt puts the whole tag set (spec tags + ownership), and nothing else when the settings match', () => {
    const plan = (adopt: boolean, tags: Record<string, string>) =>
      buildPlan(
        desiredState({ workforce: null, buckets: [aBucket('data', { adopt, tags: { cost: 'x' } })] }),
        liveState({ workforce: null, userPool: null, buckets: [aLiveBucket('data', { tags })] }),
        { now: NOW },
      );
    const adopted = plan(true, { cost: 'x' });
    expect(adopted.changes.map(brief)).toEqual([{ action: 'update', address: 'bucket/data', reasons: [ADOPT], diff: [{ path: `tags.${OWNERSHIP_TAG}`, after: PROJECT }] }]);
    expect(adopted.changes[0]).toMatchObject({ parts: ['tags'], tags: { cost: 'x', [OWNERSHIP_TAG]: PROJECT } });
    expect(plan(false, { cost: 'x' }).changes[0]).toMatchObject({ action: 'blocked', blockedBy: 'not-managed' });
    expect(plan(true, { [OWNERSHIP_TAG]: 'other' }).changes[0]).toMatchObject({ action: 'blocked', reasons: [expect.stringContaining('not adopted')] });
  });
});

describe('adoption of labeling jobs', () => {
  const project = aProject();
  const world = { region: 'us-east-1', account: '000000000000', project, buckets: [], prefixes: {}, vendorTeams: [], chainInputs: {}, manifests: { [`s3://${BUCKET}/in.manifest`]: '{"source":"1"}\n' } };
  /** A job made in the console: its own template, label file and manifest, no tags. */
  const consoleJob = (overrides: Partial<LabelingJob> = {}): LabelingJob =>
    aJob({
      input: { manifest: `s3://${BUCKET}/in.manifest` },
      task: { templateUri: `s3://${BUCKET}/console/template.html`, labelCategoryUri: `s3://${BUCKET}/console/labels.json` },
      ...overrides,
    });
  const live = (job: LabelingJob, tags: Record<string, string> = {}, status = 'InProgress'): LiveJob => {
    const request = { ...resolveJob(job, world).request, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
    return { name: job.name, arn: `arn:aws:sagemaker:us-east-1:000000000000:labeling-job/${job.name}`, status, tags, labelCounters: { total: 0, human: 0, machine: 0, failed: 0, unlabeled: 0 }, request };
  };
  const plan = (job: LabelingJob, liveJob: LiveJob) => {
    const state: LiveState = { ...liveState(), jobNames: [liveJob.name], jobs: [liveJob] };
    return planJobs([job], [], project, state).changes as JobChange[];
  };

  it('uses templateUri and labelCategoryUri as they are: nothing to upload', () => {
    const resolved = resolveJob(consoleJob(), world);
    expect(resolved.uploads).toEqual([]);
    expect(resolved.request.HumanTaskConfig.UiConfig).toEqual({ UiTemplateS3Uri: `s3://${BUCKET}/console/template.html` });
    expect(resolved.request.LabelCategoryConfigS3Uri).toBe(`s3://${BUCKET}/console/labels.json`);
  });

  it('an imported job whose request equals the live one: an update adding only the ownership tag, with its ARN', () => {
    const job = consoleJob({ adopt: true });
    const [change, ...rest] = plan(job, live(job));
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ action: 'update', address: `job/${job.name}`, reasons: [ADOPT], arn: expect.stringContaining(job.name), tags: { [OWNERSHIP_TAG]: PROJECT } });
    expect(change!.diff).toEqual([{ path: `tags.${OWNERSHIP_TAG}`, after: PROJECT }]);
    expect(change!.removeTags).toBeUndefined();
  });

  it('other differences still block an adopted job; another project is not adopted; no adopt is a clash', () => {
    const job = consoleJob({ adopt: true });
    const changed = plan({ ...job, task: { ...job.task, title: 'Another title' } }, live(job));
    expect(changed[0]).toMatchObject({ action: 'blocked', blockedBy: 'job-changed', reasons: [ADOPT, expect.stringContaining('task.title')] });
    expect(plan(job, live(job, { [OWNERSHIP_TAG]: 'other' }))[0]).toMatchObject({ action: 'blocked', blockedBy: 'other-project', reasons: [expect.stringContaining('not adopted')] });
    expect(plan(consoleJob(), live(job))[0]).toMatchObject({ action: 'blocked', reasons: [expect.stringContaining('not managed by gtctl')] });
  });

  it('a job we own: a tag change is an update (tags alone can change), equal tags a no-op', () => {
    const job = consoleJob({ tags: { cost: 'b' } });
    const owned = live(job, { [OWNERSHIP_TAG]: PROJECT, cost: 'a', old: 'x' });
    expect(plan(job, owned)[0]).toMatchObject({ action: 'update', reasons: ['tags changed'], tags: { cost: 'b' }, removeTags: ['old'] });
    expect(plan(job, live(job, { [OWNERSHIP_TAG]: PROJECT, cost: 'b' }))).toEqual([]);
  });

  it('adopting a running job the spec stops: the stop carries the tags to add first', () => {
    const job = consoleJob({ adopt: true, state: 'stopped' });
    expect(plan(job, live({ ...job, state: 'running' }))[0]).toMatchObject({ action: 'stop', reasons: [ADOPT, expect.stringContaining('irreversible')], tags: { [OWNERSHIP_TAG]: PROJECT } });
  });
});
