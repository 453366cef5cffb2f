// The server core against its behaviour notes (../BEHAVIOUR.md): routing by protocol, the request log, validation from
// the constraint table, service admin routes. Stand-in services keep these tests about the server, not the services.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CognitoIdentityProviderClient, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeWorkteamCommand, ListWorkteamsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startSandbox, type Sandbox } from '../index.js';
import { ServiceError, type JsonService } from '../service.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

async function admin(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method,
    ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, json: await response.json() };
}

describe('sandbox server with the real services', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: { enabled: false } });
  });
  afterAll(() => sandbox.close());

  it('listens on loopback only', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers STS GetCallerIdentity over awsQuery with the sandbox account', async () => {
    const sts = new STSClient({ region: 'eu-west-1', endpoint: sandbox.url, credentials });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('000000000000');
    expect(identity.Arn).toBe('arn:aws:iam::000000000000:user/sandbox');
  });

  it('routes each protocol to its service and logs every call by service and operation', async () => {
    await admin(sandbox, 'DELETE', 'requests');
    const config = { region: 'us-east-1', endpoint: sandbox.url, credentials, maxAttempts: 1 };
    await new STSClient(config).send(new GetCallerIdentityCommand({}));
    await new SageMakerClient(config).send(new ListWorkteamsCommand({})).catch(() => undefined);
    await new CognitoIdentityProviderClient(config).send(new ListUserPoolsCommand({ MaxResults: 10 })).catch(() => undefined);
    await new S3Client({ ...config, forcePathStyle: true }).send(new ListBucketsCommand({})).catch(() => undefined);
    const { json: log } = await admin(sandbox, 'GET', 'requests');
    expect(log.map((e: { service: string; operation: string }) => `${e.service} ${e.operation}`)).toEqual([
      'sts GetCallerIdentity',
      'sagemaker ListWorkteams',
      'cognito-idp ListUserPools',
      's3 ListBuckets',
    ]);
    expect(log[0]).toEqual({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), service: 'sts', operation: 'GetCallerIdentity', status: 200 });
  });

  it('clears the request log on DELETE and does not log its own admin requests', async () => {
    await admin(sandbox, 'GET', 'state');
    expect((await admin(sandbox, 'DELETE', 'requests')).status).toBe(200);
    await admin(sandbox, 'GET', 'faults');
    expect((await admin(sandbox, 'GET', 'requests')).json).toEqual([]);
  });

  it('answers unknown admin routes with 404 and wrong methods with 405', async () => {
    expect(await admin(sandbox, 'GET', 'nothing-here')).toEqual({ status: 404, json: { __type: 'NotFound', message: 'No sandbox route /_sandbox/nothing-here' } });
    expect((await admin(sandbox, 'PUT', 'requests')).status).toBe(405);
  });
});

describe('sandbox server with stand-in services', () => {
  let sandbox: Sandbox;
  let sageMaker: SageMakerClient;
  const calls: string[] = [];
  const standIn: JsonService = {
    targetPrefix: 'SageMaker',
    routePrefix: 'sagemaker',
    validationErrorCode: 'ValidationException',
    constraints: {
      ListWorkteams: { type: 'structure', members: { MaxResults: { type: 'integer', min: 1, max: 100 } } },
    },
    operations: {
      // Echoes what the server handed it: the region from the SigV4 scope and the simulated clock.
      ListWorkteams: (_input, ctx) => {
        calls.push('ListWorkteams');
        return { Workteams: [{ WorkteamName: ctx.region, WorkteamArn: 'arn', Description: 'd', MemberDefinitions: [], CreateDate: ctx.now() }] };
      },
    },
    adminRoutes: {
      echo: (body, ctx) => ({ body, region: ctx.region }),
      missing: () => {
        throw new ServiceError('ResourceNotFound', 'No such job', 404);
      },
    },
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ services: [standIn] });
    sageMaker = new SageMakerClient({ region: 'ap-southeast-2', endpoint: sandbox.url, credentials, maxAttempts: 1 });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    calls.length = 0;
    await admin(sandbox, 'DELETE', 'requests');
  });

  it('hands the operation the region of the SigV4 scope and sends timestamps as epoch seconds', async () => {
    const before = Date.now();
    const { Workteams } = await sageMaker.send(new ListWorkteamsCommand({}));
    expect(Workteams?.[0]?.WorkteamName).toBe('ap-southeast-2');
    expect(Workteams?.[0]?.CreateDate?.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("rejects input that breaks the service's constraint table with its validation error, before the operation runs", async () => {
    const error = await sageMaker.send(new ListWorkteamsCommand({ MaxResults: 0 })).catch((e: Error) => e);
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
      $metadata: { httpStatusCode: 400 },
    });
    expect(calls).toEqual([]);
    const { json: log } = await admin(sandbox, 'GET', 'requests');
    expect(log).toEqual([expect.objectContaining({ operation: 'ListWorkteams', status: 400, error: 'ValidationException' })]);
  });

  it('answers an operation the service does not serve with UnknownOperationException', async () => {
    const error = await sageMaker.send(new DescribeWorkteamCommand({ WorkteamName: 'x' })).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 400 } });
  });

  it("mounts each service's admin routes under /_sandbox/<routePrefix>/, region from ?region=", async () => {
    const echoed = await admin(sandbox, 'POST', 'sagemaker/echo?region=eu-central-1', { job: 'j', worker: 'w' });
    expect(echoed).toEqual({ status: 200, json: { body: { job: 'j', worker: 'w' }, region: 'eu-central-1' } });
    expect(await admin(sandbox, 'POST', 'sagemaker/missing', {})).toEqual({ status: 404, json: { __type: 'ResourceNotFound', message: 'No such job' } });
    expect((await admin(sandbox, 'GET', 'sagemaker/echo')).status).toBe(405);
    expect((await admin(sandbox, 'POST', 'sagemaker/nothing', {})).status).toBe(404);
    expect((await admin(sandbox, 'POST', 'cognito/echo', {})).status).toBe(404);
    expect((await fetch(`${sandbox.url}/_sandbox/sagemaker/echo`, { method: 'POST', body: '{oops' })).status).toBe(400);
    expect((await admin(sandbox, 'GET', 'requests')).json).toEqual([]);
  });
});
