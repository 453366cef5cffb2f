// `executionRole: managed` through the built CLI on the realistic sandbox: the first apply creates the role (trusted
// by SageMaker for this account only, tagged for the project, with exactly the least-privilege policy its jobs need)
// and the job that uses it, which the role's propagation does not fail; the sandbox's job reads and writes as that
// role and completes with the workers. A new job widens the policy in place before it is created; once no job uses
// the role, it is deleted.
import { GetRoleCommand, GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { afterAll, describe, expect, it } from 'vitest';
import { base, PROJECT, REGION, useSandbox } from '../helpers/gtctl.js';
import { bucketDoc, jobDoc, teamDoc } from '../helpers/specs.js';

const world = useSandbox();
let iam: IAMClient | undefined;
const iamClient = () => (iam ??= new IAMClient({ region: REGION, endpoint: world.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }));
afterAll(() => iam?.destroy());

const ROLE = `gtctl-${PROJECT}-labeling`;
const team = teamDoc({ spec: { members: ['ann@example.com'] } });
const numbers = bucketDoc({ spec: { objects: [{ key: 'input/1.txt', content: '42' }, { key: 'more/2.txt', content: '19' }] } });
const job = (name: string, prefix: string) => jobDoc({ name, spec: { roleArn: undefined, input: { fromPrefix: `s3://gtctl-data/${prefix}/` } } });
const describeJob = (name: string) => world.sageMaker.send(new DescribeLabelingJobCommand({ LabelingJobName: name }));
const policyOf = async () => JSON.parse(decodeURIComponent((await iamClient().send(new GetRolePolicyCommand({ RoleName: ROLE, PolicyName: 'gtctl-labeling-jobs' }))).PolicyDocument!));
const statement = (policy: { Statement: Array<{ Sid: string; Resource: string[] }> }, sid: string) => policy.Statement.find((s) => s.Sid === sid)!;

describe('the managed execution role', () => {
  it('is created with its job in one apply, grants exactly what its jobs need, follows them, and goes with the last', async () => {
    const dir = await world.specs([...base({ executionRole: 'managed' }), team, numbers, job('odd-even', 'input')]);
    const first = await world.planJson(dir);
    expect(first.code, first.stderr).toBe(2);
    const roleChange = first.plan.changes.find((c) => c.address === `role/${ROLE}`);
    expect(roleChange?.action).toBe('create');
    expect(first.plan.changes.find((c) => c.address === 'job/odd-even')?.dependsOn).toContain(`role/${ROLE}`);
    await world.apply(dir);

    const { Role } = await iamClient().send(new GetRoleCommand({ RoleName: ROLE }));
    expect(Role).toMatchObject({ Path: '/gtctl/', Arn: `arn:aws:iam::000000000000:role/gtctl/${ROLE}` });
    expect(Role!.Tags).toEqual([{ Key: 'gtctl:project', Value: PROJECT }]);
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).Statement).toEqual([
      { Sid: 'SageMakerAssumesForThisAccount', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: ['sts:AssumeRole'], Condition: { StringEquals: { 'aws:SourceAccount': '000000000000' } } },
    ]);
    const policy = await policyOf();
    expect(statement(policy, 'ReadJobInputs').Resource).toEqual(['arn:aws:s3:::gtctl-data/input/*', 'arn:aws:s3:::gtctl-data/output/gtctl/odd-even/*']);
    expect(statement(policy, 'WriteJobOutputs').Resource).toEqual(['arn:aws:s3:::gtctl-data/output/odd-even/*']);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['ReadJobInputs', 'WriteJobOutputs', 'LocateBuckets', 'ListJobPrefixes1', 'JobMetrics', 'JobLogs']);

    const described = await describeJob('odd-even');
    expect(described.RoleArn).toBe(Role!.Arn);
    expect(await world.changes(dir)).toEqual([]);
    await world.advanceClock(60_000);
    const tasks = await world.tasks('odd-even', 'ann@example.com');
    expect((await world.label('odd-even', 'ann@example.com', tasks.map((t) => ({ object: t.object, label: 'Even' })))).jobStatus).toBe('Completed');

    // A second job: the policy grows in place, before the job is created.
    const two = await world.specs([...base({ executionRole: 'managed' }), team, numbers, job('odd-even', 'input'), job('odd-even-more', 'more')]);
    expect(await world.changes(two)).toEqual([`update role/${ROLE}`, 'create job/odd-even-more']);
    await world.apply(two);
    expect(statement(await policyOf(), 'ReadJobInputs').Resource).toContain('arn:aws:s3:::gtctl-data/more/*');
    expect((await describeJob('odd-even-more')).LabelingJobStatus).not.toBe('Failed');

    // No job uses it any more: the role goes (the jobs are forgotten, as a job dropped from the specs always is).
    const none = await world.specs([...base({ executionRole: 'managed' }), team, numbers]);
    expect(await world.changes(none)).toEqual([`delete role/${ROLE}`]);
    await world.apply(none);
    await expect(iamClient().send(new GetRoleCommand({ RoleName: ROLE }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('is refused at validation for a job with no role at all', async () => {
    const dir = await world.specs([...base(), team, numbers, job('odd-even', 'input')]);
    const run = await world.gtctl('validate', '-d', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\.yaml:\d+:\d+: error missing-field: job odd-even has no execution role/);
  });
});
