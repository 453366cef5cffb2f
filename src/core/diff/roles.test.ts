// The managed execution role's plan (diff/roles.ts): created with its first job, rewritten in place, deleted once
// unused, never touched when not ours, blocked over IAM's quota.
import { describe, expect, it } from 'vitest';
import { executionPolicy, MANAGED_POLICY_NAME, trustPolicy } from '../execution-role.js';
import { resolveJob } from '../jobs/resolve.js';
import { aJob } from '../jobs/test-support.js';
import type { LiveRole } from '../live.js';
import type { LabelingJob } from '../model.js';
import { aProject, liveState, PROJECT } from '../test-support.js';
import { jobWorld } from './jobs.js';
import { planExecutionRole } from './roles.js';

const project = aProject();
const live = liveState();
const world = jobWorld(project, [], live);
const managed = (name = 'text-analysis-job-creation', more: Partial<LabelingJob> = {}) => aJob({ name, roleArn: 'managed', labelAttributeName: name, ...more });
const ROLE = `gtctl-${PROJECT}-labeling`;

function liveRole(jobs: LabelingJob[], overrides: Partial<LiveRole> = {}): LiveRole {
  const policy = JSON.stringify(executionPolicy(jobs.map((j) => ({ request: resolveJob(j, world).request, ...('fromPrefix' in j.input ? { fromPrefix: j.input.fromPrefix } : {}), sequences: [] })), live.region, live.account));
  return {
    name: ROLE,
    arn: `arn:aws:iam::${live.account}:role/gtctl/${ROLE}`,
    path: '/gtctl/',
    trustPolicy: JSON.stringify(trustPolicy(live.account)),
    tags: { 'gtctl:project': PROJECT },
    policies: { [MANAGED_POLICY_NAME]: policy },
    ...overrides,
  };
}

const plan = (jobs: LabelingJob[], role?: LiveRole) => planExecutionRole(jobs, [], project, { ...live, ...(role ? { executionRole: role } : {}) }, world);
const actions = (p: ReturnType<typeof plan>) => p.changes.map((c) => `${c.action} ${c.address}${c.blockedBy ? ` ${c.blockedBy}` : ''}`);

describe('planExecutionRole', () => {
  it('creates the role with the first job that uses it, and nothing without one', () => {
    expect(actions(plan([managed()]))).toEqual([`create role/${ROLE}`]);
    expect(plan([aJob()])).toEqual({ changes: [], noOps: 0 });
  });

  it('is a no-op when the live role holds what the jobs need, and rewrites the policy when a job is added', () => {
    const one = [managed()];
    expect(plan(one, liveRole(one))).toEqual({ changes: [], noOps: 1 });
    const two = [...one, managed('second', { input: { fromPrefix: 's3://other-bucket/in/' } })];
    const update = plan(two, liveRole(one));
    expect(actions(update)).toEqual([`update role/${ROLE}`]);
    // Statement by statement: the new job's bucket and prefix, not two whole documents.
    expect(update.changes[0]!.diff.map((d) => d.path)).toEqual(['policy.ReadJobInputs', 'policy.WriteJobOutputs', 'policy.LocateBuckets', 'policy.ListJobPrefixes1', 'policy.ListJobPrefixes2']);
    expect(update.changes[0]!.reasons).toEqual(['policy changed: the jobs\' needs moved']);
  });

  it('deletes the role once no job uses it, but only its own', () => {
    expect(actions(plan([aJob()], liveRole([managed()])))).toEqual([`delete role/${ROLE}`]);
    expect(plan([aJob()], liveRole([managed()], { tags: {} }))).toEqual({ changes: [], noOps: 0 });
  });

  it('blocks a role of that name it does not own, and a policy over IAM\'s quota', () => {
    expect(actions(plan([managed()], liveRole([], { tags: {} })))).toEqual([`blocked role/${ROLE} not-managed`]);
    expect(actions(plan([managed()], liveRole([], { tags: { 'gtctl:project': 'other' } })))).toEqual([`blocked role/${ROLE} other-project`]);
    const many = Array.from({ length: 150 }, (_, i) => managed(`job-${i}`, { input: { fromPrefix: `s3://bucket-${i}/in/` } }));
    expect(actions(plan(many))).toEqual([`blocked role/${ROLE} policy-too-large`]);
  });
});
