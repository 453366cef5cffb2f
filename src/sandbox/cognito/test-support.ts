// Shared by the Cognito tests: a sandbox with quotas off, an SDK client pointed at it, the admin routes, and builders.
import { CognitoIdentityProviderClient, CreateUserPoolCommand, type CreateUserPoolCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { expect } from 'vitest';
import { startSandbox, type RealismUpdate, type Sandbox } from '../index.js';

export interface CognitoHarness {
  sandbox: Sandbox;
  cognito: CognitoIdentityProviderClient;
  /** POST /_sandbox/<path> with a JSON body; the parsed answer, or throws with the error body. */
  admin<T = unknown>(path: string, body?: unknown): Promise<T>;
  /** A new pool; its id. */
  pool(input?: Partial<CreateUserPoolCommandInput>): Promise<string>;
  close(): Promise<void>;
}

export async function startCognito(region = 'us-east-1', realism: RealismUpdate = { ideal: true }): Promise<CognitoHarness> {
  // Quotas off: these tests are about behaviour, not rates, and make many calls in a burst. Ideal unless a test is
  // about realism (realism.test.ts): the behaviour tests stay deterministic.
  const sandbox = await startSandbox({ quotas: { enabled: false }, realism });
  // Errors are what many tests expect: one attempt, so a modeled error is not retried.
  const cognito = new CognitoIdentityProviderClient({
    endpoint: sandbox.url,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  let pools = 0;
  return {
    sandbox,
    cognito,
    async admin<T>(path: string, body: unknown = {}): Promise<T> {
      const response = await fetch(`${sandbox.url}/_sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) });
      const answer = (await response.json()) as T;
      if (!response.ok) throw Object.assign(new Error(JSON.stringify(answer)), { status: response.status, body: answer });
      return answer;
    },
    async pool(input = {}) {
      const created = await cognito.send(new CreateUserPoolCommand({ PoolName: `pool-${++pools}`, ...input }));
      return created.UserPool!.Id!;
    },
    async close() {
      cognito.destroy();
      await sandbox.close();
    },
  };
}

/** Awaits a rejection and checks the SDK error's name (the AWS code) and, if given, its message. */
export async function expectError(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as { name: string; message: string; $metadata?: { httpStatusCode?: number } },
  );
  expect(error, `expected ${name}`).toBeDefined();
  expect(error!.name).toBe(name);
  expect(error!.$metadata?.httpStatusCode).toBe(400);
  if (message !== undefined) expect(error!.message).toMatch(message);
}
