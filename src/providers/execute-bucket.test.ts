// Carrying out bucket changes against the sandbox, checked by reading the bucket back with readBuckets: what a
// change sets is what the next plan reads.
import { CreateBucketCommand, PutBucketEncryptionCommand, PutBucketVersioningCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GtctlError } from '../core/errors.js';
import type { Bucket } from '../core/model.js';
import type { BucketChange, BucketPart } from '../core/plan.js';
import type { RequestLogEntry } from '../sandbox/index.js';
import { executeChange } from './execute.js';
import { readBuckets } from './read-buckets.js';
import { portsFor, PROJECT, providerWorld, runtimeFor, targets, type ProviderWorld } from './test-support.js';

let world: ProviderWorld;
let counter = 0;
const unique = (hint: string) => `${hint}-${process.pid}-${++counter}`;

beforeAll(async () => void (world = await providerWorld()));
afterAll(() => world.close());

const ALL_PARTS: BucketPart[] = ['cors', 'encryption', 'publicAccessBlock', 'objectOwnership', 'versioning', 'tags'];
const PORTAL_CORS = { allowedMethods: ['GET'], allowedOrigins: ['*'], allowedHeaders: [], exposeHeaders: ['Access-Control-Allow-Origin'] };
const ALL_BLOCKED = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

function aBucket(name: string, overrides: Partial<Bucket> = {}): Bucket {
  return {
    name,
    cors: [PORTAL_CORS],
    encryption: { algorithm: 'AES256' },
    publicAccessBlock: ALL_BLOCKED,
    objectOwnership: 'BucketOwnerEnforced',
    versioning: false,
    tags: {},
    objects: [],
    adopt: false,
    ...overrides,
  };
}

function aChange(action: BucketChange['action'], bucket: Bucket | undefined, overrides: Partial<BucketChange> = {}): BucketChange {
  const name = bucket?.name ?? overrides.name ?? 'unnamed';
  return {
    kind: 'bucket',
    address: `bucket/${name}`,
    action,
    name,
    ...(bucket ? { bucket } : {}),
    region: 'us-east-1',
    parts: action === 'create' ? ALL_PARTS : [],
    tags: { ...bucket?.tags, 'gtctl:project': PROJECT },
    diff: [],
    reasons: [],
    dependsOn: [],
    ...overrides,
  };
}

async function run(change: BucketChange) {
  const aws = portsFor(world.sandbox);
  await executeChange(change, runtimeFor(aws, world.w));
  return aws;
}

async function readBack(name: string) {
  const { buckets } = await readBuckets(portsFor(world.sandbox).s3, { project: PROJECT, read: targets({ buckets: [name] }) });
  return buckets.find((b) => b.name === name);
}

async function requestLog(method: 'GET' | 'DELETE'): Promise<RequestLogEntry[]> {
  return (await (await fetch(`${world.sandbox.url}/_sandbox/requests`, { method })).json()) as RequestLogEntry[];
}

describe('create', () => {
  it('makes the bucket in its Region, tags it first, then sets every setting: the next read matches the spec', async () => {
    const name = unique('created');
    const bucket = aBucket(name, {
      encryption: { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:eu-west-1:000000000000:key/k', bucketKey: true },
      objectOwnership: 'BucketOwnerPreferred',
      versioning: true,
      tags: { team: 'labeling' },
    });
    await requestLog('DELETE');
    await run(aChange('create', bucket, { region: 'eu-west-1' }));
    const writes = (await requestLog('GET')).filter((e) => e.service === 's3' && (e.operation.startsWith('Put') || e.operation === 'CreateBucket')).map((e) => e.operation);
    expect(writes.slice(0, 2)).toEqual(['CreateBucket', 'PutBucketTagging']);
    expect(writes.slice(2).sort()).toEqual(['PutBucketCors', 'PutBucketEncryption', 'PutBucketOwnershipControls', 'PutBucketVersioning', 'PutPublicAccessBlock']);
    expect(await readBack(name)).toEqual({
      name,
      region: 'eu-west-1',
      tags: { team: 'labeling', 'gtctl:project': PROJECT },
      cors: [PORTAL_CORS],
      encryption: bucket.encryption,
      publicAccessBlock: ALL_BLOCKED,
      objectOwnership: 'BucketOwnerPreferred',
      versioning: 'Enabled',
      empty: true,
    });
  });

  it('skips what a new bucket already lacks (no CORS, no versioning)', async () => {
    const aws = await run(aChange('create', aBucket(unique('bare'), { cors: [] })));
    expect(aws.calls()['s3.PutBucketCors']).toBeUndefined();
    expect(aws.calls()['s3.DeleteBucketCors']).toBeUndefined();
    expect(aws.calls()['s3.PutBucketVersioning']).toBeUndefined();
  });

  it('converges when run again after an interruption: the bucket that exists is ours, and is finished', async () => {
    const name = unique('interrupted');
    await world.eu.s3.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    await run(aChange('create', aBucket(name), { region: 'eu-west-1' }));
    expect(await readBack(name)).toMatchObject({ region: 'eu-west-1', cors: [PORTAL_CORS], tags: { 'gtctl:project': PROJECT } });
  });
});

describe('update', () => {
  it('touches only the parts the plan names', async () => {
    const name = unique('drifted');
    await run(aChange('create', aBucket(name)));
    await world.w.s3.send(
      new PutBucketEncryptionCommand({ Bucket: name, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } }),
    );
    const aws = await run(aChange('update', aBucket(name, { cors: [] }), { parts: ['cors'] }));
    // A fresh port finds the bucket's Region (HeadBucket), then changes the CORS and nothing else.
    expect(aws.calls()).toEqual({ 's3.DeleteBucketCors': 1, 's3.HeadBucket': 1 });
    expect(await readBack(name)).toMatchObject({ cors: [], encryption: { algorithm: 'aws:kms', kmsKeyId: '', bucketKey: false } });
  });

  it('suspends versioning that the spec turns off', async () => {
    const name = unique('versioned');
    await run(aChange('create', aBucket(name)));
    await world.w.s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
    await run(aChange('update', aBucket(name), { parts: ['versioning', 'tags'], tags: { 'gtctl:project': PROJECT, new: 'tag' } }));
    expect(await readBack(name)).toMatchObject({ versioning: 'Suspended', tags: { 'gtctl:project': PROJECT, new: 'tag' } });
  });
});

describe('delete', () => {
  it('deletes an empty bucket', async () => {
    const name = unique('dropped');
    await run(aChange('create', aBucket(name)));
    await run(aChange('delete', undefined, { name, address: `bucket/${name}` }));
    expect(await readBack(name)).toBeUndefined();
  });

  it('fails, changing nothing, when the bucket got objects since the plan', async () => {
    const name = unique('filled');
    await run(aChange('create', aBucket(name)));
    await world.w.s3.send(new PutObjectCommand({ Bucket: name, Key: 'late.txt', Body: Buffer.from('x') }));
    const error = await run(aChange('delete', undefined, { name, address: `bucket/${name}` })).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(GtctlError);
    expect(error).toMatchObject({ code: 'aws-error', awsCode: 'BucketNotEmpty' });
    expect(await readBack(name)).toMatchObject({ empty: false });
  });
});
