// Test support for the S3 tests beside this file (not used by the sandbox itself): SDK clients pointed at a running
// sandbox the way gtctl points its own, and errors reduced to what the tests compare.
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { Sandbox } from '../index.js';

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
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail, and it succeeded');
}

let counter = 0;
/** A bucket name no other test in the run uses. */
export function bucketName(hint: string): string {
  counter += 1;
  return `${hint}-${process.pid}-${counter}`;
}
