// Test support for the S3 tests beside this file (not used by the sandbox itself): SDK clients pointed at a running
// sandbox the way gtctl points its own, and errors reduced to what the tests compare.
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { startSandbox, type RealismUpdate, type Sandbox } from '../index.js';

/**
 * A sandbox on a free loopback port, ideal unless told otherwise: the behaviour tests check S3's answers, not its
 * roughness, so a new bucket is usable at once; the realism tests pass their own settings.
 */
export function startS3Sandbox(realism: RealismUpdate = { ideal: true }): Promise<Sandbox> {
  return startSandbox({ realism });
}

/** An unmodified SDK client; one attempt, so an expected error is not retried into a slow test. */
export function s3Client(sandbox: Sandbox, region = 'eu-west-1', config: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({
    endpoint: sandbox.url,
    forcePathStyle: true,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    ...config,
  });
}

export interface SdkError {
  name: string;
  status: number | undefined;
}

/** The error a call failed with, as the SDK names it; fails the test when the call succeeds. */
export async function sdkError(call: Promise<unknown>): Promise<SdkError> {
  const e = (await failure(call)) as { name: string; $metadata?: { httpStatusCode?: number } };
  return { name: e.name, status: e.$metadata?.httpStatusCode };
}

/** The headers of the answer a call failed with, which the SDK keeps on the error; fails the test when it succeeds. */
export async function sdkErrorHeaders(call: Promise<unknown>): Promise<Record<string, string>> {
  return ((await failure(call)) as { $response?: { headers: Record<string, string> } }).$response?.headers ?? {};
}

async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

let counter = 0;
/** A bucket name no other test in the run uses. */
export function bucketName(hint: string): string {
  counter += 1;
  return `${hint}-${process.pid}-${counter}`;
}
