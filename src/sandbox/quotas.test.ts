import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoIdentityProviderClient, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startSandbox, type Sandbox } from './index.js';
import { ListWorkteamsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { COGNITO_OPERATION_CATEGORY, Quotas, SAGEMAKER_MODELLED_RPS } from './quotas.js';

describe('Cognito quota buckets', () => {
  function fakeClock() {
    let now = 0;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  }
  const burst = (quotas: Quotas, operation: string, region = 'us-east-1') => {
    let passed = 0;
    while (quotas.take(region, operation)) passed++;
    return passed;
  };

  it("let one second of the category's rate through at once, then refill at that rate", () => {
    const clock = fakeClock();
    const quotas = new Quotas({}, clock.now);
    expect(burst(quotas, 'AdminAddUserToGroup')).toBe(25); // UserUpdate: 25 RPS
    clock.advance(40);
    expect(burst(quotas, 'AdminRemoveUserFromGroup')).toBe(1); // same category, one token per 40 ms
    clock.advance(10_000);
    expect(burst(quotas, 'AdminDeleteUser')).toBe(25); // never more than the burst
  });

  it('count each category and each Region separately', () => {
    const quotas = new Quotas({}, fakeClock().now);
    expect(burst(quotas, 'ListUsers')).toBe(30); // UserList
    expect(burst(quotas, 'AdminGetUser')).toBe(120); // UserRead
    expect(burst(quotas, 'ListUsers', 'eu-west-1')).toBe(30);
  });

  it('scale every rate, and let everything through when disabled', () => {
    const quotas = new Quotas({ scale: 10 }, fakeClock().now);
    expect(burst(quotas, 'CreateGroup')).toBe(150);
    quotas.update({ enabled: false });
    for (let i = 0; i < 1000; i++) expect(quotas.take('us-east-1', 'CreateGroup')).toBe(true);
  });

  it('pass operations that are not Cognito operations', () => {
    const quotas = new Quotas({ scale: 0.001 }, fakeClock().now);
    expect(burst(quotas, 'AdminGetUser')).toBe(1); // a bucket never holds less than one call
    expect(quotas.take('us-east-1', 'ListWorkteams')).toBe(true);
  });

  it('refuse nonsense settings', () => {
    expect(() => new Quotas({ scale: 0 })).toThrow('scale must be a positive number');
  });

  const model = path.resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/reference/models/cognito-identity-provider.json');
  it.skipIf(!existsSync(model))('give every operation of the Cognito model a category (skipped when ../shared is absent)', () => {
    const shapes = JSON.parse(readFileSync(model, 'utf8')).shapes as Record<string, { type: string }>;
    const operations = Object.keys(shapes).filter((id) => shapes[id]!.type === 'operation').map((id) => id.split('#')[1]!);
    expect(operations.filter((op) => !(op in COGNITO_OPERATION_CATEGORY))).toEqual([]);
  });
});

describe('Cognito quotas on the wire', () => {
  let sandbox: Sandbox;
  let cognito: CognitoIdentityProviderClient;
  const setQuotas = async (body: unknown) =>
    (await fetch(`${sandbox.url}/_sandbox/quotas`, { method: 'POST', body: JSON.stringify(body) })).json();

  beforeAll(async () => {
    // UserPoolRead is 15 RPS; at scale 0.01 one call per ~7 s gets through, so the second call is always over quota.
    sandbox = await startSandbox({ quotas: { scale: 0.01 } });
    cognito = new CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });
  afterAll(() => sandbox.close());

  it('answer TooManyRequestsException over quota, and log it', async () => {
    await cognito.send(new ListUserPoolsCommand({ MaxResults: 10 })).catch(() => undefined);
    await expect(cognito.send(new ListUserPoolsCommand({ MaxResults: 10 }))).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 400 },
    });
    const log = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as unknown[];
    expect(log[1]).toMatchObject({ service: 'cognito-idp', operation: 'ListUserPools', status: 400, error: 'TooManyRequestsException' });
  });

  it('are switched off and rescaled through /_sandbox/quotas', async () => {
    expect(await setQuotas({ enabled: false })).toEqual({ enabled: false, scale: 0.01 });
    for (let i = 0; i < 5; i++) {
      const error = await cognito.send(new ListUserPoolsCommand({ MaxResults: 10 })).catch((e: Error) => e);
      expect((error as Error | undefined)?.name).not.toBe('TooManyRequestsException');
    }
    expect(await setQuotas({ enabled: true, scale: 2 })).toEqual({ enabled: true, scale: 2 });
    expect(await setQuotas({ scale: -1 })).toEqual({ __type: 'ValidationException', message: 'scale must be a positive number' });
  });
});

describe('SageMaker throttling (aws-evidence E9)', () => {
  it('lets a second of the modelled rate through at once, then one call per refill, per Region', () => {
    let now = 0;
    const quotas = new Quotas({}, () => now);
    let passed = 0;
    while (quotas.takeSageMaker('us-east-1')) passed++;
    expect(passed).toBe(SAGEMAKER_MODELLED_RPS);
    expect(quotas.takeSageMaker('eu-west-1')).toBe(true);
    now += 1000 / SAGEMAKER_MODELLED_RPS;
    expect(quotas.takeSageMaker('us-east-1')).toBe(true);
    expect(quotas.takeSageMaker('us-east-1')).toBe(false);
  });

  it('answers a burst above it with ThrottlingException on the wire when realistic, and never when ideal', async () => {
    const burst = async (ideal: boolean) => {
      const sandbox = await startSandbox({ realism: { ideal } });
      const sm = new SageMakerClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' }, maxAttempts: 1 });
      try {
        const answers = await Promise.allSettled(Array.from({ length: SAGEMAKER_MODELLED_RPS * 2 }, () => sm.send(new ListWorkteamsCommand({}))));
        return answers.filter((a) => a.status === 'rejected').map((a) => (a as PromiseRejectedResult).reason.name as string);
      } finally {
        sm.destroy();
        await sandbox.close();
      }
    };
    const refused = await burst(false);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused)).toEqual(new Set(['ThrottlingException']));
    expect(await burst(true)).toEqual([]);
  });
});
