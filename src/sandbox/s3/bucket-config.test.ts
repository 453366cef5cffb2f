// Bucket configuration round trips and errors (CORS, encryption, public access block, ownership, tagging,
// versioning), driven through the unmodified SDK client. Config PUTs carry the SDK's default CRC32 checksum.
import {
  CreateBucketCommand,
  DeleteBucketCorsCommand,
  DeleteBucketEncryptionCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectCommand,
  DeletePublicAccessBlockCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type CORSRule,
  type ServerSideEncryption,
  type Tag,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { bucketName, s3Client, sdkError, startS3Sandbox } from './test-support.js';

let sandbox: Sandbox;
let s3: ReturnType<typeof s3Client>;
beforeAll(async () => {
  sandbox = await startS3Sandbox();
  s3 = s3Client(sandbox, 'eu-west-1');
});
afterAll(() => sandbox.close());

async function newBucket(): Promise<string> {
  const Bucket = bucketName('config');
  await s3.send(new CreateBucketCommand({ Bucket }));
  return Bucket;
}

describe('CORS', () => {
  // Ground Truth's rule for 3D point cloud and video jobs: every member set, lists of several.
  const videoRule: CORSRule = {
    ID: 'gt-video',
    AllowedHeaders: ['*'],
    AllowedMethods: ['GET', 'HEAD', 'PUT'],
    AllowedOrigins: ['*'],
    ExposeHeaders: ['Access-Control-Allow-Origin'],
    MaxAgeSeconds: 3000,
  };

  it('has none on a new bucket', async () => {
    expect(await sdkError(s3.send(new GetBucketCorsCommand({ Bucket: await newBucket() })))).toEqual({ name: 'NoSuchCORSConfiguration', status: 404 });
  });

  it('round-trips rules with one-element and several-element lists, and replaces them whole', async () => {
    const Bucket = await newBucket();
    const imageRule: CORSRule = { AllowedMethods: ['GET'], AllowedOrigins: ['*'], ExposeHeaders: ['Access-Control-Allow-Origin'] };
    await s3.send(new PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules: [imageRule] } }));
    expect((await s3.send(new GetBucketCorsCommand({ Bucket }))).CORSRules).toEqual([imageRule]);
    await s3.send(new PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules: [videoRule, imageRule] } }));
    expect((await s3.send(new GetBucketCorsCommand({ Bucket }))).CORSRules).toEqual([videoRule, imageRule]);
    expect((await s3.send(new DeleteBucketCorsCommand({ Bucket }))).$metadata.httpStatusCode).toBe(204);
    expect(await sdkError(s3.send(new GetBucketCorsCommand({ Bucket })))).toEqual({ name: 'NoSuchCORSConfiguration', status: 404 });
  });

  it.each([
    ['an unsupported method', { AllowedMethods: ['PATCH'], AllowedOrigins: ['*'] }, 'InvalidRequest'],
    ['an origin with two wildcards', { AllowedMethods: ['GET'], AllowedOrigins: ['https://*.example.*'] }, 'InvalidRequest'],
    ['a rule without origins', { AllowedMethods: ['GET'] }, 'MalformedXML'],
  ])('refuses %s', async (_, rule, name) => {
    const call = s3.send(new PutBucketCorsCommand({ Bucket: await newBucket(), CORSConfiguration: { CORSRules: [rule as CORSRule] } }));
    expect(await sdkError(call)).toEqual({ name, status: 400 });
  });

  it('refuses a configuration without rules', async () => {
    const call = s3.send(new PutBucketCorsCommand({ Bucket: await newBucket(), CORSConfiguration: { CORSRules: [] } }));
    expect(await sdkError(call)).toEqual({ name: 'MalformedXML', status: 400 });
  });
});

describe('default encryption', () => {
  it('is SSE-S3 on a new bucket, takes SSE-KMS, and returns to SSE-S3 when deleted', async () => {
    const Bucket = await newBucket();
    const rules = async () => (await s3.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration?.Rules;
    expect(await rules()).toEqual([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }]);
    const kms = { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' as const, KMSMasterKeyID: 'alias/labels' }, BucketKeyEnabled: true };
    await s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [kms] } }));
    expect(await rules()).toEqual([kms]);
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket }));
    expect(await rules()).toEqual([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }]);
  });

  it('encrypts new objects as the bucket says, with an ETag that is not the MD5 under SSE-KMS', async () => {
    const Bucket = await newBucket();
    const Rules = [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' as const } }];
    await s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules } }));
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'hello' }));
    expect(put.ServerSideEncryption).toBe('aws:kms');
    expect(put.SSEKMSKeyId).toMatch(/^arn:aws:kms:eu-west-1:000000000000:/);
    expect(put.ETag).not.toBe('"5d41402abc4b2a76b9719d911017c592"');
  });

  it.each([
    ['an unknown algorithm', { SSEAlgorithm: 'ROT13' as ServerSideEncryption }, 'MalformedXML'],
    ['a KMS key with SSE-S3', { SSEAlgorithm: 'AES256' as const, KMSMasterKeyID: 'alias/x' }, 'InvalidArgument'],
  ])('refuses %s', async (_, byDefault, name) => {
    const call = s3.send(
      new PutBucketEncryptionCommand({ Bucket: await newBucket(), ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: byDefault }] } }),
    );
    expect(await sdkError(call)).toEqual({ name, status: 400 });
  });
});

describe('public access block', () => {
  it('blocks everything on a new bucket, takes a partial block as the rest off, and can be removed', async () => {
    const Bucket = await newBucket();
    const block = async () => (await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration;
    expect(await block()).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    await s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }));
    expect(await block()).toEqual({ BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false });
    expect((await s3.send(new DeletePublicAccessBlockCommand({ Bucket }))).$metadata.httpStatusCode).toBe(204);
    expect(await sdkError(s3.send(new GetPublicAccessBlockCommand({ Bucket })))).toEqual({ name: 'NoSuchPublicAccessBlockConfiguration', status: 404 });
  });
});

describe('ownership controls', () => {
  it('are BucketOwnerEnforced on a new bucket and take another setting', async () => {
    const Bucket = await newBucket();
    const rules = async () => (await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))).OwnershipControls?.Rules;
    expect(await rules()).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }));
    expect(await rules()).toEqual([{ ObjectOwnership: 'BucketOwnerPreferred' }]);
  });

  it('refuse a setting outside the enum', async () => {
    const call = s3.send(
      new PutBucketOwnershipControlsCommand({ Bucket: await newBucket(), OwnershipControls: { Rules: [{ ObjectOwnership: 'Anyone' as 'ObjectWriter' }] } }),
    );
    expect(await sdkError(call)).toEqual({ name: 'MalformedXML', status: 400 });
  });

  it('are absent only in hand-made state, which Get reports as not found', async () => {
    const Bucket = await newBucket();
    delete sandbox.state.s3.buckets[Bucket]!.ownership;
    expect(await sdkError(s3.send(new GetBucketOwnershipControlsCommand({ Bucket })))).toEqual({ name: 'OwnershipControlsNotFoundError', status: 404 });
  });
});

describe('tagging', () => {
  it('has no tag set on a new bucket, round-trips one (empty values included), and deletes it', async () => {
    const Bucket = await newBucket();
    expect(await sdkError(s3.send(new GetBucketTaggingCommand({ Bucket })))).toEqual({ name: 'NoSuchTagSet', status: 404 });
    const TagSet = [
      { Key: 'gtctl:project', Value: 'techblogger-labeling' },
      { Key: 'empty', Value: '' },
    ];
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet } }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual(TagSet);
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'only', Value: 'one' }] } }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual([{ Key: 'only', Value: 'one' }]);
    expect((await s3.send(new DeleteBucketTaggingCommand({ Bucket }))).$metadata.httpStatusCode).toBe(204);
    expect(await sdkError(s3.send(new GetBucketTaggingCommand({ Bucket })))).toEqual({ name: 'NoSuchTagSet', status: 404 });
  });

  it.each([
    ['duplicate keys', [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }], 'InvalidTag'],
    ['an aws: key', [{ Key: 'aws:cloudformation', Value: 'x' }], 'InvalidTag'],
    ['a key over 128 characters', [{ Key: 'k'.repeat(129), Value: 'x' }], 'InvalidTag'],
    ['a value over 256 characters', [{ Key: 'k', Value: 'v'.repeat(257) }], 'InvalidTag'],
    ['51 tags', Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })), 'InvalidTag'],
    ['an empty key', [{ Key: '', Value: 'x' }], 'MalformedXML'],
  ])('refuses %s', async (_, TagSet: Tag[], name) => {
    const call = s3.send(new PutBucketTaggingCommand({ Bucket: await newBucket(), Tagging: { TagSet } }));
    expect(await sdkError(call)).toEqual({ name, status: 400 });
  });
});

describe('versioning', () => {
  it('is unset on a new bucket: no status, and objects carry no version id', async () => {
    const Bucket = await newBucket();
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBeUndefined();
    expect((await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }))).VersionId).toBeUndefined();
  });

  it('gives each write a version id when Enabled, and a delete marker to each delete', async () => {
    const Bucket = await newBucket();
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
    const first = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'one' }));
    const second = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'two' }));
    expect(first.VersionId).toBeTruthy();
    expect(second.VersionId).not.toBe(first.VersionId);
    expect((await s3.send(new GetObjectCommand({ Bucket, Key: 'k' }))).VersionId).toBe(second.VersionId);
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect(deleted.DeleteMarker).toBe(true);
    expect(deleted.VersionId).toBeTruthy();
  });

  it('writes the null version once Suspended, and can never be unset again', async () => {
    const Bucket = await newBucket();
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended', MFADelete: 'Disabled' } }));
    const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket }));
    expect([versioning.Status, versioning.MFADelete]).toEqual(['Suspended', 'Disabled']);
    expect((await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }))).VersionId).toBe('null');
  });

  it('refuses a status outside the enum', async () => {
    const call = s3.send(new PutBucketVersioningCommand({ Bucket: await newBucket(), VersioningConfiguration: { Status: 'On' as 'Enabled' } }));
    expect(await sdkError(call)).toEqual({ name: 'MalformedXML', status: 400 });
  });
});

it('answers NoSuchBucket for the configuration of a missing bucket', async () => {
  expect(await sdkError(s3.send(new GetBucketEncryptionCommand({ Bucket: bucketName('missing') })))).toEqual({ name: 'NoSuchBucket', status: 404 });
});

it('leaves state that survives JSON persistence unchanged', () => {
  expect(JSON.parse(JSON.stringify(sandbox.state.s3))).toStrictEqual(sandbox.state.s3);
});
