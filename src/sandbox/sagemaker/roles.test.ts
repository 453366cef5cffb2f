// Execution roles still propagating (BEHAVIOUR.md, "Labeling jobs"; aws-evidence E3): the sandbox-only `roles`
// route, and CreateLabelingJob refusing such a role when realistic, without creating the job or burning its name.
import { DescribeLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import {
  createJob,
  labelingSetup,
  REALISTIC,
  startSandboxForTests,
  takenOnceSettled,
  textClassificationJob,
  unique,
  world,
  type LabelingSetup,
  type World,
} from './test-support.js';

const newRole = () => `arn:aws:iam::000000000000:role/${unique('labeling-role')}`;

describe.each([
  ['realistic', REALISTIC],
  ['ideal', { ideal: true }],
])('SageMaker execution roles, %s', (_mode, realism) => {
  let sandbox: Sandbox;
  let w: World;
  let setup: LabelingSetup;
  const jobWithRole = (RoleArn: string) => textClassificationJob(w, setup, {}, { RoleArn });

  beforeAll(async () => {
    sandbox = await startSandboxForTests(realism);
    w = world(sandbox);
    setup = await labelingSetup(w, []);
  });
  afterAll(async () => {
    await w.close();
    await sandbox.close();
  });

  it('refuses a malformed role ARN', async () => {
    await expect(w.admin('sagemaker/roles', { roleArn: 'not-a-role' })).rejects.toMatchObject({ code: 'ValidationException' });
  });

  it('takes a role that was never registered as long-existing, also with state saved before roles were kept', async () => {
    await createJob(w, await jobWithRole(newRole()));
    delete sandbox.state.sagemaker.roles;
    await createJob(w, await jobWithRole(newRole()));
    await w.admin('sagemaker/roles', { roleArn: newRole() });
    expect(Object.keys(sandbox.state.sagemaker.roles!)).toHaveLength(1);
  });

  it('refuses a job whose role was just made until the role has propagated (realistic only), burning no name', async () => {
    const roleArn = newRole();
    const { assumableAt } = await w.admin<{ assumableAt: string }>('sagemaker/roles', { roleArn });
    expect(new Date(assumableAt).toISOString()).toBe(assumableAt);
    const input = await jobWithRole(roleArn);
    // The retry takes the same name: the refused call made no job (a job's name is taken forever).
    await takenOnceSettled(
      w,
      () => createJob(w, input),
      `Could not assume role ${roleArn}. Please ensure that the role exists and allows principal 'sagemaker.amazonaws.com' to assume the role.`,
      REALISTIC.consistencyMs!,
    );
    expect((await w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: input.LabelingJobName }))).RoleArn).toBe(roleArn);
  });
});
