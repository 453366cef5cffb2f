// The SageMaker port against the sandbox. The Cognito side a workforce needs is set up through the Cognito port, the
// S3 inputs of labeling jobs with the sandbox's own test helpers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GtctlError } from '../core/errors.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { bucket, putText, textClassificationJob, world, type LabelingSetup, type World } from '../sandbox/sagemaker/test-support.js';
import { createAwsPorts } from './clients.js';
import type { AwsPorts } from './ports.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let sandbox: Sandbox;
let aws: AwsPorts;
let w: World;
let userPool: string;
let clientId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ quotas: { enabled: false }, realism: { ideal: true } });
  aws = createAwsPorts({ region: 'us-east-1', endpoint: sandbox.url, credentials });
  w = world(sandbox);
  userPool = (await aws.cognito.createUserPool({ PoolName: 'workers' })).Id!;
  clientId = (await aws.cognito.createUserPoolClient({ UserPoolId: userPool, ClientName: 'portal', GenerateSecret: true })).ClientId!;
  await aws.cognito.createUserPoolDomain(userPool, 'gtctl-sagemaker-test');
  await aws.cognito.createGroup({ UserPoolId: userPool, GroupName: 'labelers' });
});
afterAll(async () => {
  await w.close();
  await sandbox.close();
});

async function callsOf(operation: string, action: () => Promise<unknown>): Promise<number> {
  const before = aws.calls()[`sagemaker.${operation}`] ?? 0;
  await action();
  return (aws.calls()[`sagemaker.${operation}`] ?? 0) - before;
}

async function failure(promise: Promise<unknown>): Promise<GtctlError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GtctlError);
  return error as GtctlError;
}

const team = (name: string) => ({
  WorkteamName: name,
  Description: `Team ${name}`,
  MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: userPool, ClientId: clientId, UserGroup: 'labelers' } }],
});

describe('workforces', () => {
  it('describes a missing workforce as undefined (SageMaker answers ValidationException "No workforce ...")', async () => {
    expect(await aws.sageMaker.describeWorkforce('default')).toBeUndefined();
    expect(await aws.sageMaker.listWorkforces()).toEqual([]);
  });

  it('creates, describes, lists and updates the workforce', async () => {
    const arn = await aws.sageMaker.createWorkforce({ WorkforceName: 'default', CognitoConfig: { UserPool: userPool, ClientId: clientId } });
    expect(arn).toBe('arn:aws:sagemaker:us-east-1:000000000000:workforce/default');
    expect(await aws.sageMaker.describeWorkforce('default')).toMatchObject({ WorkforceName: 'default', WorkforceArn: arn });
    expect((await aws.sageMaker.listWorkforces()).map((wf) => wf.WorkforceName)).toEqual(['default']);
    const updated = await aws.sageMaker.updateWorkforce({ WorkforceName: 'default', SourceIpConfig: { Cidrs: ['10.0.0.0/16'] } });
    expect(updated.SourceIpConfig?.Cidrs).toEqual(['10.0.0.0/16']);
  });
});

describe('work teams', () => {
  it('lists 13 teams in one ListWorkteams call (pages of 100; the default page would be 10)', async () => {
    await Promise.all(Array.from({ length: 13 }, (_, i) => aws.sageMaker.createWorkteam(team(`team-${String(i).padStart(2, '0')}`))));
    let teams: Awaited<ReturnType<AwsPorts['sageMaker']['listWorkteams']>> = [];
    expect(await callsOf('ListWorkteams', async () => (teams = await aws.sageMaker.listWorkteams()))).toBe(1);
    expect(teams).toHaveLength(13);
    expect(teams[0]).toMatchObject({ MemberDefinitions: [expect.anything()], Description: expect.stringMatching(/^Team team-/) });
  });

  it('a duplicate team is ResourceInUse from AWS', async () => {
    const error = await failure(aws.sageMaker.createWorkteam(team('team-00')));
    expect(error).toMatchObject({ code: 'aws-error', awsCode: 'ResourceInUse', source: 'aws' });
    expect(error.message).toMatch(/^sagemaker CreateWorkteam failed: /);
  });

  it('an invalid team name is ValidationException', async () => {
    expect(await failure(aws.sageMaker.createWorkteam(team('not a name')))).toMatchObject({ code: 'aws-error', awsCode: 'ValidationException', source: 'aws' });
  });

  it('updates and deletes a team', async () => {
    const updated = await aws.sageMaker.updateWorkteam({ WorkteamName: 'team-12', Description: 'Renamed' });
    expect(updated).toMatchObject({ WorkteamName: 'team-12', Description: 'Renamed' });
    await aws.sageMaker.deleteWorkteam('team-12');
    expect((await aws.sageMaker.listWorkteams()).map((t) => t.WorkteamName)).not.toContain('team-12');
  });

  it('tags a team and removes tags', async () => {
    const [first] = await aws.sageMaker.listWorkteams();
    const arn = first!.WorkteamArn!;
    await aws.sageMaker.addTags(arn, [
      { Key: 'gtctl:project', Value: 'test' },
      { Key: 'owner', Value: 'labeling' },
    ]);
    expect(await aws.sageMaker.listTags(arn)).toEqual([
      { Key: 'gtctl:project', Value: 'test' },
      { Key: 'owner', Value: 'labeling' },
    ]);
    await aws.sageMaker.deleteTags(arn, ['owner']);
    expect(await aws.sageMaker.listTags(arn)).toEqual([{ Key: 'gtctl:project', Value: 'test' }]);
  });
});

describe('labeling jobs', () => {
  let setup: LabelingSetup;
  beforeAll(async () => {
    const [first] = await aws.sageMaker.listWorkteams();
    const name = await bucket(w);
    await putText(w, name, 'template.liquid', '<crowd-form></crowd-form>');
    setup = { userPool, clientId, teamArn: first!.WorkteamArn!, groupName: 'labelers', bucket: name };
  });

  it('describes a missing job as undefined (SageMaker answers ResourceNotFound)', async () => {
    expect(await aws.sageMaker.describeLabelingJob('no-such-job')).toBeUndefined();
  });

  it('creates 11 jobs and lists them in one ListLabelingJobs call', async () => {
    for (let i = 0; i < 11; i++) await aws.sageMaker.createLabelingJob(await textClassificationJob(w, setup, { name: `job-${i}` }));
    let jobs: Awaited<ReturnType<AwsPorts['sageMaker']['listLabelingJobs']>> = [];
    expect(await callsOf('ListLabelingJobs', async () => (jobs = await aws.sageMaker.listLabelingJobs()))).toBe(1);
    expect(jobs.map((j) => j.LabelingJobName).sort()).toEqual(Array.from({ length: 11 }, (_, i) => `job-${i}`).sort());
  });

  it('describes and stops a job; a reused name is ResourceInUse', async () => {
    expect(await aws.sageMaker.describeLabelingJob('job-0')).toMatchObject({ LabelingJobName: 'job-0' });
    await aws.sageMaker.stopLabelingJob('job-0');
    expect((await aws.sageMaker.describeLabelingJob('job-0'))?.LabelingJobStatus).toMatch(/^Stop/);
    expect(await failure(aws.sageMaker.createLabelingJob(await textClassificationJob(w, setup, { name: 'JOB-0' })))).toMatchObject({
      code: 'aws-error', awsCode: 'ResourceInUse',
    });
  });
});

describe('throttling', () => {
  it('leaves as ThrottlingException once the attempts are spent, counted as one call', async () => {
    const once = createAwsPorts({ region: 'us-east-1', endpoint: sandbox.url, credentials, maxAttempts: 1 });
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ rules: [{ operation: 'ListWorkteams', throttleRate: 1 }] }) });
    try {
      const error = await failure(once.sageMaker.listWorkteams());
      expect(error).toMatchObject({ code: 'aws-throttled', awsCode: 'ThrottlingException', source: 'aws' });
      expect(error.hint).toMatch(/still throttled sagemaker:ListWorkteams after 1 attempt/);
      expect(once.calls()).toEqual({ 'sagemaker.ListWorkteams': 1 });
    } finally {
      await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    }
  });
});
