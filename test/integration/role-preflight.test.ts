// The pre-flight of a job's own execution role through the built CLI: SimulatePrincipalPolicy on the role decides,
// at plan time, every read and write the job will make as that role; a denial blocks the job naming the action and
// the resource, and apply creates nothing. A role IAM does not hold is a warning, and the plan goes on.
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, describe, expect, it } from 'vitest';
import { base, useSandbox, writeCalls } from '../helpers/gtctl.js';
import { bucketDoc, jobDoc, teamDoc } from '../helpers/specs.js';

const world = useSandbox();
let iam: IAMClient | undefined;
const iamClient = () => (iam ??= new IAMClient({ region: 'us-east-1', endpoint: world.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }));
afterAll(() => iam?.destroy());

const ROLE = 'arn:aws:iam::000000000000:role/job-runner';
const team = teamDoc({ spec: { members: ['ann@example.com'] } });
const numbers = bucketDoc({ spec: { objects: [{ key: 'input/1.txt', content: '42' }] } });
const trust = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const allow = (actions: string[], resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] });

describe('the pre-flight of a job\'s execution role', () => {
  it('blocks a job whose role cannot read its manifest, naming action and resource, and creates nothing', async () => {
    await world.settled(async () => {
      await iamClient().send(new CreateRoleCommand({ RoleName: 'job-runner', AssumeRolePolicyDocument: trust }));
      await iamClient().send(new PutRolePolicyCommand({ RoleName: 'job-runner', PolicyName: 'output-only', PolicyDocument: allow(['s3:PutObject'], 'arn:aws:s3:::gtctl-data/output/*') }));
    });
    const dir = await world.specs([...base(), team, numbers, jobDoc({ spec: { roleArn: ROLE } })]);
    // A blocked change fails the plan (exit 1): it cannot be applied as it is.
    const { code, plan, stderr } = await world.planJson(dir);
    expect(code, stderr).toBe(1);
    const job = plan.changes.find((c) => c.address === 'job/odd-even')!;
    expect(job).toMatchObject({ action: 'blocked', blockedBy: 'role-denied' });
    const reasons = (job as unknown as { reasons: string[] }).reasons;
    expect(reasons.some((r) => /^role arn:aws:iam::000000000000:role\/job-runner cannot s3:GetObject on s3:\/\/gtctl-data\/output\/gtctl\/odd-even\/manifest-[0-9a-f]+\.manifest \(the input manifest\)/.test(r)), reasons.join('\n')).toBe(true);
    expect(reasons.some((r) => /cannot s3:PutObject/.test(r))).toBe(false);

    await world.clearRequests();
    const apply = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stdout + apply.stderr).toMatch(/cannot s3:GetObject on s3:\/\/gtctl-data\/output\/gtctl\/odd-even\/manifest-/);
    expect(writeCalls(await world.requests())).toEqual([]);

    // Granted what the job reads: it is planned for creation.
    await world.settled(() => iamClient().send(new PutRolePolicyCommand({ RoleName: 'job-runner', PolicyName: 'inputs', PolicyDocument: allow(['s3:GetObject'], 'arn:aws:s3:::gtctl-data/*') })));
    expect((await world.planJson(dir)).plan.changes.find((c) => c.address === 'job/odd-even')?.action).toBe('create');
  });

  it('warns, and goes on, when IAM has no such role', async () => {
    const dir = await world.specs([...base(), team, numbers, jobDoc({ spec: { roleArn: 'arn:aws:iam::000000000000:role/made-elsewhere' } })]);
    const run = await world.gtctl('plan', '-d', dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning role-not-found: IAM has no role arn:aws:iam::000000000000:role\/made-elsewhere in account 000000000000/);
    expect(run.stdout).toMatch(/\+ job\/odd-even/);
  });
});
