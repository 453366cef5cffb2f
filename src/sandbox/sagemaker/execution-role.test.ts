// A labeling job's execution role, when the sandbox's IAM holds it (BEHAVIOUR.md, "Execution roles"): SageMaker must
// be trusted to assume it, may not use it while it propagates (realistic), and the job reads and writes only what its
// policies allow, failing with a ClientError otherwise.
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { DescribeLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { createJob, expectError, labelingSetup, REALISTIC, sharedSandbox, startJob, textClassificationJob, unique, type World } from './test-support.js';

const shared = sharedSandbox(REALISTIC);
const trust = (service: string) => JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
const allow = (actions: string[], resources: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }] });

async function role(w: World, trusted: string, policy?: string): Promise<string> {
  const name = unique('job-role');
  const { Role } = await w.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(trusted) }));
  if (policy) await w.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'labeling', PolicyDocument: policy }));
  return Role!.Arn!;
}

describe('an execution role of the sandbox\'s IAM', () => {
  it('must trust SageMaker, is refused while it propagates, and gates what the job reads and writes', async () => {
    const w = shared.inRegion('us-east-1');
    const setup = await labelingSetup(w, ['ann@example.com']);
    const everything = allow(['s3:GetObject', 's3:PutObject'], [`arn:aws:s3:::${setup.bucket}/*`]);

    const untrusted = await role(w, 'ec2.amazonaws.com', everything);
    await w.settle();
    await expectError(createJob(w, await textClassificationJob(w, setup, {}, { RoleArn: untrusted })), 'ValidationException', /Could not assume role .*sagemaker\.amazonaws\.com/);

    const fresh = await role(w, 'sagemaker.amazonaws.com', everything);
    const job = await textClassificationJob(w, setup, {}, { RoleArn: fresh });
    await expectError(createJob(w, job), 'ValidationException', /Could not assume role/);
    await w.settle();
    expect(await startJob(w, job)).toBe(job.LabelingJobName);
    expect((await w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: job.LabelingJobName }))).LabelingJobStatus).toBe('InProgress');

    const readOnly = await role(w, 'sagemaker.amazonaws.com', allow(['s3:GetObject'], [`arn:aws:s3:::${setup.bucket}/*`]));
    const noWrite = await role(w, 'sagemaker.amazonaws.com', allow(['s3:PutObject'], [`arn:aws:s3:::${setup.bucket}/Output/*`]));
    await w.settle();
    for (const [roleArn, reason] of [
      [readOnly, /^ClientError: Access Denied: the execution role .* is not allowed s3:PutObject on s3:\/\/.*\/Output\/.*\/manifests\/output\/output\.manifest \(the output location\)\.$/],
      [noWrite, /^ClientError: Access Denied: the execution role .* is not allowed s3:GetObject on s3:\/\/.*\/input\.manifest \(the input manifest\)\.$/],
    ] as const) {
      const failing = await textClassificationJob(w, setup, {}, { RoleArn: roleArn });
      await startJob(w, failing);
      const described = await w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: failing.LabelingJobName }));
      expect(described.LabelingJobStatus).toBe('Failed');
      expect(described.FailureReason).toMatch(reason);
    }
  });
});
