import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CognitoIdentityProviderClient, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListWorkteamsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Faults, parseFaultSettings, type FaultRule } from './faults.js';
import { startSandbox, type Sandbox } from './index.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

async function admin(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: response.status, json: await response.json() };
}

describe('fault decisions', () => {
  const outcomes = (faults: Faults, n: number) => Array.from({ length: n }, () => faults.decide('sagemaker', 'ListWorkteams').outcome);

  it('repeat exactly for the same seed, and both outcomes occur at rate 0.5', () => {
    const rules: FaultRule[] = [{ operation: '*', failRate: 0.5 }];
    const first = outcomes(new Faults({ rules, seed: 42 }), 40);
    expect(outcomes(new Faults({ rules, seed: 42 }), 40)).toEqual(first);
    expect(outcomes(new Faults({ rules, seed: 7 }), 40)).not.toEqual(first);
    expect(first).toContain('fail');
    expect(first).toContain('none');
  });

  it('come from the most specific matching rule', () => {
    const faults = new Faults({
      rules: [
        { operation: '*', latencyMs: 1 },
        { operation: '*', service: 'sagemaker', latencyMs: 2 },
        { operation: 'ListWorkteams', latencyMs: 3 },
        { operation: 'ListWorkteams', service: 'sagemaker', latencyMs: 4 },
      ],
    });
    expect(faults.decide('sagemaker', 'ListWorkteams').latencyMs).toBe(4);
    expect(faults.decide('cognito-idp', 'ListWorkteams').latencyMs).toBe(3);
    expect(faults.decide('sagemaker', 'DescribeWorkteam').latencyMs).toBe(2);
    expect(faults.decide('s3', 'PutObject').latencyMs).toBe(1);
    expect(new Faults().decide('s3', 'PutObject')).toEqual({ latencyMs: 0, outcome: 'none' });
  });

  it.each([
    [{}, 'Expected { rules: [...], seed?: number }'],
    [{ rules: [{}] }, "rules[0].operation must be an operation name or '*'"],
    [{ rules: [{ operation: '*', failRate: 2 }] }, 'rules[0].failRate must be a number from 0 to 1'],
    [{ rules: [{ operation: '*', failRate: 0.6, throttleRate: 0.6 }] }, 'rules[0]: failRate + throttleRate must not exceed 1'],
    [{ rules: [{ operation: '*', service: 'ec2' }] }, 'rules[0].service must be one of sagemaker, cognito-idp, s3, sts'],
    [{ rules: [], seed: 1.5 }, 'seed must be an integer'],
  ])('reject a malformed admin body %j', (body, message) => {
    expect(() => parseFaultSettings(body)).toThrow(message);
  });
});

describe('faults on the wire', () => {
  let sandbox: Sandbox;
  const config = () => ({ region: 'us-east-1', endpoint: sandbox.url, credentials, maxAttempts: 1 });
  const setRules = (rules: FaultRule[], seed?: number) => admin(sandbox, 'POST', 'faults', { rules, ...(seed !== undefined && { seed }) });

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: { enabled: false } });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await admin(sandbox, 'DELETE', 'faults');
    await admin(sandbox, 'DELETE', 'requests');
  });

  it('throttle as each service does', async () => {
    await setRules([{ operation: '*', throttleRate: 1 }]);
    const errors = await Promise.all([
      new SageMakerClient(config()).send(new ListWorkteamsCommand({})).catch((e: Error) => e),
      new CognitoIdentityProviderClient(config()).send(new CreateUserPoolCommand({ PoolName: 'p' })).catch((e: Error) => e),
      new S3Client({ ...config(), forcePathStyle: true }).send(new ListBucketsCommand({})).catch((e: Error) => e),
      new STSClient(config()).send(new GetCallerIdentityCommand({})).catch((e: Error) => e),
    ]);
    expect(errors.map((e: any) => [e.name, e.message, e.$metadata.httpStatusCode])).toEqual([
      ['ThrottlingException', 'Rate exceeded', 400],
      ['TooManyRequestsException', 'Too many requests', 400],
      ['SlowDown', 'Please reduce your request rate.', 503],
      ['Throttling', 'Rate exceeded', 400],
    ]);
  });

  it('fail with the service internal error', async () => {
    await setRules([{ operation: '*', failRate: 1 }]);
    const errors = await Promise.all([
      new SageMakerClient(config()).send(new ListWorkteamsCommand({})).catch((e: Error) => e),
      new S3Client({ ...config(), forcePathStyle: true }).send(new ListBucketsCommand({})).catch((e: Error) => e),
      new STSClient(config()).send(new GetCallerIdentityCommand({})).catch((e: Error) => e),
    ]);
    expect(errors.map((e: any) => [e.name, e.$metadata.httpStatusCode])).toEqual([
      ['InternalFailure', 500],
      ['InternalError', 500],
      ['InternalFailure', 500],
    ]);
  });

  it('leave the state untouched when a call is failed or throttled', async () => {
    const before = (await admin(sandbox, 'GET', 'state')).json;
    const cognito = new CognitoIdentityProviderClient(config());
    await setRules([{ operation: 'CreateUserPool', failRate: 0.5, throttleRate: 0.5 }]);
    for (let i = 0; i < 4; i++) await expect(cognito.send(new CreateUserPoolCommand({ PoolName: `pool${i}` }))).rejects.toThrow();
    expect((await admin(sandbox, 'GET', 'state')).json).toEqual(before);
    const { json: log } = await admin(sandbox, 'GET', 'requests');
    expect(log).toHaveLength(4);
    for (const entry of log) expect(['InternalFailure', 'TooManyRequestsException']).toContain(entry.error);
  });

  it('apply only to the operation and service a rule names', async () => {
    await setRules([
      { operation: '*', failRate: 1 },
      { operation: 'GetCallerIdentity', service: 'sts', failRate: 0 },
    ]);
    await expect(new STSClient(config()).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: '000000000000' });
    await expect(new SageMakerClient(config()).send(new ListWorkteamsCommand({}))).rejects.toMatchObject({ name: 'InternalFailure' });
  });

  it('pick the same calls to fail when the same seed is set again', async () => {
    const sts = new STSClient(config());
    const run = async () => {
      await setRules([{ operation: 'GetCallerIdentity', failRate: 0.5 }], 1234);
      const outcomes: boolean[] = [];
      for (let i = 0; i < 12; i++) outcomes.push(await sts.send(new GetCallerIdentityCommand({})).then(() => true, () => false));
      return outcomes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
  });

  it('add latency to matching calls', async () => {
    await setRules([{ operation: 'GetCallerIdentity', latencyMs: 150 }]);
    const started = performance.now();
    await new STSClient(config()).send(new GetCallerIdentityCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('are read back, replaced and cleared through /_sandbox/faults', async () => {
    expect((await setRules([{ operation: 'PutObject', service: 's3', throttleRate: 0.25 }], 9)).json).toEqual({
      rules: [{ operation: 'PutObject', service: 's3', throttleRate: 0.25 }],
      seed: 9,
    });
    expect((await admin(sandbox, 'GET', 'faults')).json.rules).toHaveLength(1);
    expect((await admin(sandbox, 'DELETE', 'faults')).json).toEqual({ rules: [] });
    expect(await admin(sandbox, 'POST', 'faults', { rules: [{ operation: '*', latencyMs: -1 }] })).toEqual({
      status: 400,
      json: { __type: 'ValidationException', message: 'rules[0].latencyMs must be a number of milliseconds from 0 to 600000' },
    });
  });
});
