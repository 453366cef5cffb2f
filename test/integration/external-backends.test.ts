// SageMaker over an external Cognito and S3 (design §6.2, `gtctl sandbox --cognito-endpoint/--s3-endpoint`), tested
// without Python: a second sandbox is the external side. The conformance scenarios (conformance/scenarios/) run
// against it end to end, workers labeling included; what they check, they check on the external side.
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateWorkforceCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from '../../conformance/scenarios/scenarios.js';
import { externalTarget, type Target } from '../../conformance/targets.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

describe('SageMaker over a second sandbox’s Cognito, S3 and STS', () => {
  let target: Target;
  beforeAll(async () => {
    const back = await startSandbox({ realism: { seed: 3 } });
    target = await externalTarget('sandbox-over-sandbox', back.url, () => back.close());
  });
  afterAll(() => target?.close());

  scenarios(() => target);
});

describe('external backends that fail', () => {
  let back: Sandbox;
  let front: Sandbox;
  let sm: SageMakerClient;
  beforeAll(async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
    back = await startSandbox({ realism: { ideal: true } });
    front = await startSandbox({ realism: { ideal: true }, external: { cognitoEndpoint: back.url, s3Endpoint: back.url } });
    sm = new SageMakerClient({ endpoint: front.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  });
  afterAll(async () => {
    sm.destroy();
    await front.close();
    await back.close();
  });

  it('take the account from the external STS', () => {
    expect(front.account).toBe(back.account);
  });

  it("answer in SageMaker's terms: an unknown pool is SageMaker's ValidationException", async () => {
    await expect(sm.send(new CreateWorkforceCommand({ WorkforceName: 'w', CognitoConfig: { UserPool: 'us-east-1_nothere00', ClientId: 'c' } }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('User pool us-east-1_nothere00 does not exist'),
    });
  });

  it('keep one workforce per Region when two CreateWorkforce calls overlap across the awaits on the external side', async () => {
    // In a Region of its own: the other tests need us-east-1 without a workforce.
    const config = { region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
    const cognito = new CognitoIdentityProviderClient({ ...config, endpoint: back.url });
    const euSageMaker = new SageMakerClient({ ...config, endpoint: front.url });
    try {
      const pools = [];
      for (const name of ['one', 'two']) {
        const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: name }))).UserPool!.Id!;
        const client = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'portal' }))).UserPoolClient!.ClientId!;
        await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: `overlap-${name}` }));
        pools.push({ UserPool: pool, ClientId: client });
      }
      // Each call awaits several external reads before it would store its workforce: both check "none yet" first
      // unless SageMaker's operations take turns.
      const outcomes = await Promise.allSettled(pools.map((CognitoConfig, i) => euSageMaker.send(new CreateWorkforceCommand({ WorkforceName: `wf-${i}`, CognitoConfig }))));
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ name: 'ValidationException', message: expect.stringContaining('Cannot create more than one workforce') });
    } finally {
      cognito.destroy();
      euSageMaker.destroy();
    }
  });

  it("answer the external side's throttling as SageMaker's ThrottlingException", async () => {
    const faults = { rules: [{ operation: 'DescribeUserPool', service: 'cognito-idp', throttleRate: 1 }] };
    await fetch(`${back.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(faults) });
    try {
      await expect(sm.send(new CreateWorkforceCommand({ WorkforceName: 'w', CognitoConfig: { UserPool: 'us-east-1_nothere00', ClientId: 'c' } }))).rejects.toMatchObject({
        name: 'ThrottlingException',
      });
    } finally {
      await fetch(`${back.url}/_sandbox/faults`, { method: 'DELETE' });
    }
  });

  it('answer ServiceUnavailable (503, which the SDK retries) when the external side is gone', async () => {
    await back.close();
    try {
      await expect(sm.send(new CreateWorkforceCommand({ WorkforceName: 'w', CognitoConfig: { UserPool: 'us-east-1_nothere00', ClientId: 'c' } }))).rejects.toMatchObject({
        name: 'ServiceUnavailable',
        $metadata: { httpStatusCode: 503 },
      });
    } finally {
      back = await startSandbox();
    }
  });

  it('refuse to start when the external endpoint does not answer, saying which', async () => {
    await expect(startSandbox({ external: { cognitoEndpoint: 'http://127.0.0.1:9' } })).rejects.toThrow(/Cannot reach STS at http:\/\/127\.0\.0\.1:9/);
  });
});
