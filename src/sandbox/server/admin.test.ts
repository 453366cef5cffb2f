// The clock, state and reset admin routes (../BEHAVIOUR.md), seen through an SDK client and the routes themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoIdentityProviderClient, CreateUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startSandbox, type Sandbox } from '../index.js';

async function admin(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: response.status, json: await response.json() };
}

describe('sandbox admin routes', () => {
  let sandbox: Sandbox;
  let cognito: CognitoIdentityProviderClient;
  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: { enabled: false } });
    cognito = new CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });
  afterAll(() => sandbox.close());

  it('moves the simulated clock forward, and only forward', async () => {
    const { json: before } = await admin(sandbox, 'GET', 'clock');
    const { json: after } = await admin(sandbox, 'POST', 'clock', { advanceMs: 86_400_000 });
    expect(after.clockOffsetMs).toBe(before.clockOffsetMs + 86_400_000);
    expect(Date.parse(after.now) - Date.now()).toBeGreaterThan(86_000_000);
    expect(sandbox.state.clockOffsetMs).toBe(after.clockOffsetMs);
    expect((await admin(sandbox, 'POST', 'clock', { advanceMs: -1 })).status).toBe(400);
    expect((await admin(sandbox, 'POST', 'clock', {})).status).toBe(400);
  });

  it('stamps the request log with the simulated clock', async () => {
    await admin(sandbox, 'DELETE', 'requests');
    await cognito.send(new ListUserPoolsCommand({ MaxResults: 10 })).catch(() => undefined);
    const { json: log } = await admin(sandbox, 'GET', 'requests');
    expect(Date.parse(log[0].time) - Date.now()).toBeGreaterThan(86_000_000);
  });

  it('shows the whole state, and reset empties it but keeps fault rules and quota settings', async () => {
    await cognito.send(new CreateUserPoolCommand({ PoolName: 'reset-me' }));
    await admin(sandbox, 'POST', 'faults', { rules: [{ operation: 'DescribeUserPool', latencyMs: 1 }] });
    await admin(sandbox, 'POST', 'quotas', { scale: 3 });
    const { json: state } = await admin(sandbox, 'GET', 'state');
    expect(Object.keys(state).sort()).toEqual(['clockOffsetMs', 'cognito', 'iam', 's3', 'sagemaker', 'sns']);
    expect(JSON.stringify(state.cognito)).toContain('reset-me');

    expect(await admin(sandbox, 'POST', 'reset')).toEqual({ status: 200, json: {} });
    const { json: empty } = await admin(sandbox, 'GET', 'state');
    expect(empty.clockOffsetMs).toBe(0);
    expect(JSON.stringify(empty.cognito)).not.toContain('reset-me');
    expect((await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools).toEqual([]);
    expect((await admin(sandbox, 'GET', 'faults')).json.rules).toHaveLength(1);
    expect((await admin(sandbox, 'GET', 'quotas')).json).toEqual({ enabled: false, scale: 3 });
  });
});
