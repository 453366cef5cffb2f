// S3's rough edges around new buckets and configuration writes (aws-evidence E1), through the unmodified SDK client:
// each occurs when the sandbox is realistic (a fixed seed), none when it is ideal. Windows are got past by polling
// HeadBucket or by moving the sandbox clock, never by asserting how long anything took.
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { bucketName, s3Client, sdkError, startS3Sandbox } from './test-support.js';

// Windows of 500-1000 ms: wide enough that the calls a test makes "at once" fall inside them even on a loaded machine.
const REALISM = { seed: 7, consistencyMs: 1000 };
const CONFLICT = 'A conflicting conditional operation is currently in progress against this resource. Please try again.';

const tag = (s3: S3Client, Bucket: string) => s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }));

/** Four different configuration writes sent to one bucket at the same time. */
const racingWrites = (s3: S3Client, Bucket: string) =>
  Promise.allSettled([
    tag(s3, Bucket),
    s3.send(new PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'] }] } })),
    s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } })),
    s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true } })),
  ]);

/** The errors of the calls that failed, with their statuses and messages. */
const refusals = (results: PromiseSettledResult<unknown>[]) =>
  results.flatMap((r) => {
    if (r.status === 'fulfilled') return [];
    const error = r.reason as Error & { $metadata?: { httpStatusCode?: number } };
    return [`${error.$metadata?.httpStatusCode} ${error.name}: ${error.message}`];
  });

describe('when realistic', () => {
  let sandbox: Sandbox;
  let s3: S3Client;
  beforeAll(async () => {
    sandbox = await startS3Sandbox(REALISM);
    s3 = s3Client(sandbox, 'eu-west-1');
    // The client's first call sets it up, which takes longer than the calls a window has room for.
    await s3.send(new ListBucketsCommand({}));
  });
  afterAll(() => sandbox.close());

  async function untilVisible(Bucket: string): Promise<void> {
    for (let attempt = 0; attempt < 500; attempt++) {
      try {
        await s3.send(new HeadBucketCommand({ Bucket }));
        return;
      } catch (error) {
        if ((error as Error).name !== 'NotFound') throw error;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    throw new Error(`${Bucket} never became visible`);
  }

  // Moves the sandbox clock past both windows (each at most consistencyMs) of every bucket made so far.
  const pastTheWindows = () => fetch(`${sandbox.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 2 * REALISM.consistencyMs + 1 }) });

  async function settledBucket(): Promise<string> {
    const Bucket = bucketName('settled');
    await s3.send(new CreateBucketCommand({ Bucket }));
    await pastTheWindows();
    return Bucket;
  }

  it('answers NoSuchBucket for a new bucket to everything but CreateBucket until it is visible; ListBuckets lists it at once', async () => {
    const Bucket = bucketName('new');
    await s3.send(new CreateBucketCommand({ Bucket }));
    const noSuchBucket = { name: 'NoSuchBucket', status: 404 };
    // All at once, so that all of them fall inside the window.
    const answers = await Promise.all([
      sdkError(s3.send(new HeadBucketCommand({ Bucket }))),
      sdkError(s3.send(new GetBucketLocationCommand({ Bucket }))),
      sdkError(tag(s3, Bucket)),
      sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }))),
      sdkError(s3.send(new ListObjectsV2Command({ Bucket }))),
      sdkError(s3.send(new ListObjectVersionsCommand({ Bucket }))),
      sdkError(s3.send(new DeleteBucketCommand({ Bucket }))),
      sdkError(s3.send(new CreateBucketCommand({ Bucket }))),
      s3.send(new ListBucketsCommand({ Prefix: Bucket })),
    ]);
    expect(answers).toEqual([
      { name: 'NotFound', status: 404 },
      ...Array(6).fill(noSuchBucket),
      { name: 'BucketAlreadyOwnedByYou', status: 409 },
      expect.objectContaining({ Buckets: [expect.objectContaining({ Name: Bucket })] }),
    ]);

    await untilVisible(Bucket);
    expect(await sdkError(s3.send(new GetBucketTaggingCommand({ Bucket })))).toEqual({ name: 'NoSuchTagSet', status: 404 });
  });

  it('still answers some configuration writes NoSuchBucket after HeadBucket found the bucket, until it settles', async () => {
    const Bucket = bucketName('lagging');
    await s3.send(new CreateBucketCommand({ Bucket }));
    await untilVisible(Bucket);
    const answers: string[] = [];
    // Settled once ten writes in a row have succeeded; before that, some must have met a lagging front end.
    let inARow = 0;
    while (inARow < 10 && answers.length < 500) {
      const answer = await tag(s3, Bucket).then(() => 'ok', (error: Error) => error.name);
      answers.push(answer);
      inARow = answer === 'ok' ? inARow + 1 : 0;
    }
    expect(inARow).toBe(10);
    expect(answers).toContain('NoSuchBucket');
    expect(new Set(answers)).toEqual(new Set(['ok', 'NoSuchBucket']));
  });

  it('answers OperationAborted to configuration writes racing on one bucket; one after another they never conflict', async () => {
    const Bucket = await settledBucket();
    const results = await racingWrites(s3, Bucket);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    const refused = refusals(results);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused)).toEqual(new Set([`409 OperationAborted: ${CONFLICT}`]));

    for (let i = 0; i < 5; i++) await tag(s3, Bucket);
  });

  it('answers OperationAborted to a CreateBucket racing another of the same name', async () => {
    const Bucket = bucketName('race');
    const results = await Promise.allSettled([s3.send(new CreateBucketCommand({ Bucket })), s3.send(new CreateBucketCommand({ Bucket }))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refusals(results)).toEqual([`409 OperationAborted: ${CONFLICT}`]);
  });
});

describe('when ideal', () => {
  let sandbox: Sandbox;
  let s3: S3Client;
  beforeAll(async () => {
    sandbox = await startS3Sandbox({ ideal: true });
    s3 = s3Client(sandbox, 'eu-west-1');
  });
  afterAll(() => sandbox.close());

  it('makes a new bucket usable at once, with no windows in its state', async () => {
    const Bucket = bucketName('ideal');
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new HeadBucketCommand({ Bucket }));
    for (let i = 0; i < 20; i++) await tag(s3, Bucket);
    expect(sandbox.state.s3.buckets[Bucket]).not.toHaveProperty('visibleAtMs');
    expect(sandbox.state.s3.buckets[Bucket]).not.toHaveProperty('settledAtMs');
  });

  it('never refuses racing configuration writes or CreateBucket calls as conflicting', async () => {
    const Bucket = bucketName('ideal');
    const created = await Promise.allSettled([s3.send(new CreateBucketCommand({ Bucket })), s3.send(new CreateBucketCommand({ Bucket }))]);
    expect(refusals(created)).toEqual([expect.stringMatching(/^409 BucketAlreadyOwnedByYou: /)]);
    expect(refusals(await racingWrites(s3, Bucket))).toEqual([]);
  });
});
