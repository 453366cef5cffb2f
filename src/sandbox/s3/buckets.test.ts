// Buckets as BEHAVIOUR.md describes them, driven through the unmodified SDK client.
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { bucketName, s3Client, sdkError, startS3Sandbox } from './test-support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startS3Sandbox();
});
afterAll(() => sandbox.close());

const client = (region: string) => s3Client(sandbox, region);

describe('CreateBucket in us-east-1', () => {
  it('takes no location constraint and reports an empty location', async () => {
    const s3 = client('us-east-1');
    const Bucket = bucketName('use1');
    expect((await s3.send(new CreateBucketCommand({ Bucket }))).Location).toBe(`/${Bucket}`);
    expect((await s3.send(new GetBucketLocationCommand({ Bucket }))).LocationConstraint).toBeFalsy();
    expect((await s3.send(new HeadBucketCommand({ Bucket }))).BucketRegion).toBe('us-east-1');
  });

  it('refuses us-east-1 as a location constraint: it is not one', async () => {
    const call = client('us-east-1').send(
      new CreateBucketCommand({ Bucket: bucketName('use1'), CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as BucketLocationConstraint } }),
    );
    expect(await sdkError(call)).toEqual({ name: 'InvalidLocationConstraint', status: 400 });
  });

  it('answers a repeat by the owner with success and leaves the bucket as it was', async () => {
    const s3 = client('us-east-1');
    const Bucket = bucketName('use1');
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }));
    await s3.send(new CreateBucketCommand({ Bucket }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual([{ Key: 'k', Value: 'v' }]);
  });
});

describe('CreateBucket outside us-east-1', () => {
  it('creates the bucket in the region of the endpoint (the SDK sends the constraint itself)', async () => {
    const s3 = client('eu-west-1');
    const Bucket = bucketName('euw1');
    await s3.send(new CreateBucketCommand({ Bucket }));
    expect((await s3.send(new GetBucketLocationCommand({ Bucket }))).LocationConstraint).toBe('eu-west-1');
    expect((await s3.send(new HeadBucketCommand({ Bucket }))).BucketRegion).toBe('eu-west-1');
  });

  it('answers a repeat by the owner with BucketAlreadyOwnedByYou', async () => {
    const s3 = client('eu-west-1');
    const Bucket = bucketName('euw1');
    await s3.send(new CreateBucketCommand({ Bucket }));
    expect(await sdkError(s3.send(new CreateBucketCommand({ Bucket })))).toEqual({ name: 'BucketAlreadyOwnedByYou', status: 409 });
  });

  it('refuses a constraint naming another region', async () => {
    const call = client('eu-west-1').send(new CreateBucketCommand({ Bucket: bucketName('euw1'), CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }));
    expect(await sdkError(call)).toEqual({ name: 'IllegalLocationConstraintException', status: 400 });
  });

  it('refuses a constraint that is no region', async () => {
    const call = client('eu-west-1').send(
      new CreateBucketCommand({ Bucket: bucketName('euw1'), CreateBucketConfiguration: { LocationConstraint: 'mars-1' as BucketLocationConstraint } }),
    );
    expect(await sdkError(call)).toEqual({ name: 'InvalidLocationConstraint', status: 400 });
  });

  it('takes the legacy alias EU for eu-west-1 and reports it back', async () => {
    const s3 = client('eu-west-1');
    const Bucket = bucketName('eu');
    await s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: 'EU' } }));
    expect((await s3.send(new GetBucketLocationCommand({ Bucket }))).LocationConstraint).toBe('EU');
    expect((await s3.send(new HeadBucketCommand({ Bucket }))).BucketRegion).toBe('eu-west-1');
  });
});

it('keeps bucket names global across regions', async () => {
  const Bucket = bucketName('global');
  await client('eu-west-1').send(new CreateBucketCommand({ Bucket }));
  expect(await sdkError(client('us-east-1').send(new CreateBucketCommand({ Bucket })))).toEqual({ name: 'BucketAlreadyOwnedByYou', status: 409 });
});

it.each([
  'ab',
  'a'.repeat(64),
  'Upper-case',
  'under_score',
  '-leading-hyphen',
  'trailing-hyphen-',
  'two..dots',
  '192.168.1.10',
  'xn--punycode',
  'sthree-bucket',
  'amzn-s3-demo-bucket',
  'bucket-s3alias',
  'bucket--ol-s3',
  'bucket.mrap',
  // (`--x-s3` names a directory bucket: the SDK sends those to S3 Express, which the sandbox does not serve.)
])('refuses the bucket name %s', async (Bucket) => {
  expect(await sdkError(client('us-east-1').send(new CreateBucketCommand({ Bucket })))).toEqual({ name: 'InvalidBucketName', status: 400 });
});

it('refuses ACLs while ACLs are disabled, and takes them once ownership allows them', async () => {
  const s3 = client('us-east-1');
  const refused = s3.send(new CreateBucketCommand({ Bucket: bucketName('acl'), ACL: 'public-read' }));
  expect(await sdkError(refused)).toEqual({ name: 'InvalidBucketAclWithObjectOwnership', status: 400 });
  const Bucket = bucketName('acl');
  await s3.send(new CreateBucketCommand({ Bucket, ACL: 'public-read', ObjectOwnership: 'ObjectWriter' }));
  expect((await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))).OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'ObjectWriter' }]);
});

it('refuses an ObjectOwnership header outside the enum', async () => {
  const call = client('us-east-1').send(new CreateBucketCommand({ Bucket: bucketName('own'), ObjectOwnership: 'Everyone' as 'ObjectWriter' }));
  expect(await sdkError(call)).toEqual({ name: 'InvalidArgument', status: 400 });
});

describe('HeadBucket and missing buckets', () => {
  it('answers 404 with no body, which the SDK calls NotFound', async () => {
    expect(await sdkError(client('eu-west-1').send(new HeadBucketCommand({ Bucket: bucketName('missing') })))).toEqual({ name: 'NotFound', status: 404 });
  });

  it('answers NoSuchBucket to other operations', async () => {
    const call = client('eu-west-1').send(new GetBucketLocationCommand({ Bucket: bucketName('missing') }));
    expect(await sdkError(call)).toEqual({ name: 'NoSuchBucket', status: 404 });
  });
});

describe('DeleteBucket', () => {
  it('refuses a bucket holding objects, then deletes it once empty', async () => {
    const s3 = client('eu-west-1');
    const Bucket = bucketName('del');
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    expect(await sdkError(s3.send(new DeleteBucketCommand({ Bucket })))).toEqual({ name: 'BucketNotEmpty', status: 409 });
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect((await s3.send(new DeleteBucketCommand({ Bucket }))).$metadata.httpStatusCode).toBe(204);
    expect(await sdkError(s3.send(new HeadBucketCommand({ Bucket })))).toEqual({ name: 'NotFound', status: 404 });
    expect(await sdkError(s3.send(new DeleteBucketCommand({ Bucket })))).toEqual({ name: 'NoSuchBucket', status: 404 });
  });
});

describe('ListBuckets', () => {
  it('lists every region by name, pages with MaxBuckets, filters by prefix and region', async () => {
    const prefix = bucketName('list');
    const names = [`${prefix}-c`, `${prefix}-a`, `${prefix}-b`];
    await client('eu-west-1').send(new CreateBucketCommand({ Bucket: names[0] }));
    await client('us-east-1').send(new CreateBucketCommand({ Bucket: names[1] }));
    await client('us-east-1').send(new CreateBucketCommand({ Bucket: names[2] }));
    const s3 = client('ap-southeast-2');

    const first = await s3.send(new ListBucketsCommand({ Prefix: prefix, MaxBuckets: 2 }));
    expect(first.Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([
      [`${prefix}-a`, 'us-east-1'],
      [`${prefix}-b`, 'us-east-1'],
    ]);
    expect(first.Prefix).toBe(prefix);
    const second = await s3.send(new ListBucketsCommand({ Prefix: prefix, MaxBuckets: 2, ContinuationToken: first.ContinuationToken }));
    expect(second.Buckets?.map((b) => b.Name)).toEqual([`${prefix}-c`]);
    expect(second.ContinuationToken).toBeUndefined();

    const inEurope = await s3.send(new ListBucketsCommand({ Prefix: prefix, BucketRegion: 'eu-west-1' }));
    expect(inEurope.Buckets?.map((b) => b.Name)).toEqual([`${prefix}-c`]);
    expect(inEurope.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(inEurope.Buckets?.[0]?.CreationDate).toBeInstanceOf(Date);
  });

  it('refuses MaxBuckets outside 1-10000', async () => {
    expect(await sdkError(client('us-east-1').send(new ListBucketsCommand({ MaxBuckets: 0 })))).toEqual({ name: 'InvalidArgument', status: 400 });
  });
});

describe('requests sent to another region', () => {
  it('are redirected (301), except GetBucketLocation, which any region answers', async () => {
    const Bucket = bucketName('redirect');
    await client('eu-west-1').send(new CreateBucketCommand({ Bucket }));
    const elsewhere = client('us-west-2');
    expect(await sdkError(elsewhere.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' })))).toMatchObject({ status: 301 });
    expect((await elsewhere.send(new GetBucketLocationCommand({ Bucket }))).LocationConstraint).toBe('eu-west-1');
  });
});

it('checks ExpectedBucketOwner against the sandbox account', async () => {
  const s3 = client('eu-west-1');
  const Bucket = bucketName('owner');
  await s3.send(new CreateBucketCommand({ Bucket }));
  await s3.send(new HeadBucketCommand({ Bucket, ExpectedBucketOwner: '000000000000' }));
  expect(await sdkError(s3.send(new HeadBucketCommand({ Bucket, ExpectedBucketOwner: '111111111111' })))).toMatchObject({ status: 403 });
});
