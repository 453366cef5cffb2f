// S3 buckets and their configuration: what gtctl creates, reads back and deletes (src/aws/s3.ts).
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketCorsCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import { bucket } from './fixtures.js';
import { attempt, conformanceSuite, outcome, valueOrFailure } from './harness.js';

const { differential } = conformanceSuite();

// ---- buckets ----

differential({
  service: 's3',
  operation: 'CreateBucket',
  case: 'new bucket, then created again by its owner',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    // us-east-1 answers 200 to the owner's repeat; every other Region BucketAlreadyOwnedByYou (aws-facts §8.3).
    const again = await outcome(() => c.s3.send(new CreateBucketCommand({ Bucket: name, ...(c.region !== 'us-east-1' && { CreateBucketConfiguration: { LocationConstraint: c.region as never } }) })));
    return { again };
  },
  expect: (answer) => expect(answer).toEqual({ again: { status: 200 } }),
});

differential({
  service: 's3',
  operation: 'HeadBucket',
  case: 'existing and missing bucket',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    const found = await attempt(() => c.s3.send(new HeadBucketCommand({ Bucket: name })));
    const missing = await outcome(() => c.s3.send(new HeadBucketCommand({ Bucket: scope.name('missing') })));
    return { found: 'ok' in found ? { BucketRegion: found.ok.BucketRegion } : found, missing };
  },
  expect: (answer) => expect(answer).toMatchObject({ missing: { error: 'NotFound', status: 404 } }),
});

differential({
  service: 's3',
  operation: 'GetBucketLocation',
  case: 'bucket in the run Region, and a missing one',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    const location = (await c.s3.send(new GetBucketLocationCommand({ Bucket: name }))).LocationConstraint;
    const missing = await outcome(() => c.s3.send(new GetBucketLocationCommand({ Bucket: scope.name('missing') })));
    // us-east-1 is an empty constraint; the SDK may give it as undefined or ''.
    return { location: location || '(none)', missing };
  },
  expect: (answer) => expect(answer).toMatchObject({ missing: { error: 'NoSuchBucket', status: 404 } }),
});

differential({
  service: 's3',
  operation: 'ListBuckets',
  case: 'MaxBuckets 1 pages with ContinuationToken',
  run: async (c, scope) => {
    const ours = [await bucket(c, scope, 'b1'), await bucket(c, scope, 'b2'), await bucket(c, scope, 'b3')];
    // Account-wide: other files' buckets too, so follow every page and keep ours.
    const found: string[] = [];
    let pages = 0;
    let oversized = 0;
    let ContinuationToken: string | undefined;
    do {
      const page = await c.s3.send(new ListBucketsCommand({ MaxBuckets: 1, ContinuationToken }));
      pages += 1;
      if ((page.Buckets?.length ?? 0) > 1) oversized += 1;
      for (const b of page.Buckets ?? []) if (b.Name && ours.includes(b.Name)) found.push(`${b.Name} ${b.BucketRegion ?? '(no region)'}`);
      ContinuationToken = page.ContinuationToken;
    } while (ContinuationToken && pages < 2000);
    return { found: found.sort(), oversized };
  },
  expect: (answer) => expect(answer).toMatchObject({ oversized: 0 }),
});

differential({
  service: 's3',
  operation: 'DeleteBucket',
  case: 'empty bucket, then missing',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    const first = await outcome(() => c.s3.send(new DeleteBucketCommand({ Bucket: name })));
    const again = await outcome(() => c.s3.send(new DeleteBucketCommand({ Bucket: name })));
    return { first, again };
  },
  expect: (answer) => expect(answer).toEqual({ first: { status: 204 }, again: { error: 'NoSuchBucket', status: 404 } }),
});

differential({
  service: 's3',
  operation: 'DeleteBucket',
  case: 'an object in an unversioned bucket',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    await c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'a.txt', Body: 'a' }));
    return outcome(() => c.s3.send(new DeleteBucketCommand({ Bucket: name })));
  },
  expect: (answer) => expect(answer).toEqual({ error: 'BucketNotEmpty', status: 409 }),
});

differential({
  service: 's3',
  operation: 'DeleteBucket',
  case: 'only versions and delete markers left (ListObjectsV2 empty)',
  run: async (c, scope) => {
    const name = await bucket(c, scope, 'b', { versioned: true });
    await c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'a.txt', Body: 'one' }));
    await c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'a.txt', Body: 'two' }));
    await c.s3.send(new DeleteObjectCommand({ Bucket: name, Key: 'a.txt' }));
    const listed = (await c.s3.send(new ListObjectsV2Command({ Bucket: name }))).KeyCount ?? 0;
    const versions = await c.s3.send(new ListObjectVersionsCommand({ Bucket: name }));
    const deleted = await outcome(() => c.s3.send(new DeleteBucketCommand({ Bucket: name })));
    return { listed, versions: versions.Versions?.length ?? 0, deleteMarkers: versions.DeleteMarkers?.length ?? 0, deleted };
  },
  expect: (answer) => expect(answer).toEqual({ listed: 0, versions: 2, deleteMarkers: 1, deleted: { error: 'BucketNotEmpty', status: 409 } }),
});

// ---- ListObjectVersions ----

differential({
  service: 's3',
  operation: 'ListObjectVersions',
  case: 'versions and delete markers, MaxKeys 1 as gtctl asks',
  run: async (c, scope) => {
    const name = await bucket(c, scope, 'b', { versioned: true });
    const empty = await c.s3.send(new ListObjectVersionsCommand({ Bucket: name, MaxKeys: 1 }));
    await c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'a.txt', Body: 'one' }));
    await c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'a.txt', Body: 'two' }));
    await c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'b.txt', Body: 'b' }));
    await c.s3.send(new DeleteObjectCommand({ Bucket: name, Key: 'b.txt' }));
    const first = await c.s3.send(new ListObjectVersionsCommand({ Bucket: name, MaxKeys: 1 }));
    const all = await c.s3.send(new ListObjectVersionsCommand({ Bucket: name }));
    return {
      empty: { versions: empty.Versions?.length ?? 0, markers: empty.DeleteMarkers?.length ?? 0, truncated: empty.IsTruncated },
      firstPage: { entries: (first.Versions?.length ?? 0) + (first.DeleteMarkers?.length ?? 0), truncated: first.IsTruncated },
      versions: (all.Versions ?? []).map((v) => `${v.Key} latest=${v.IsLatest} size=${v.Size}`),
      markers: (all.DeleteMarkers ?? []).map((m) => `${m.Key} latest=${m.IsLatest}`),
    };
  },
  expect: (answer) => expect(answer).toMatchObject({ firstPage: { entries: 1, truncated: true } }),
});

differential({
  service: 's3',
  operation: 'ListObjectVersions',
  case: 'missing bucket',
  run: async (c, scope) => outcome(() => c.s3.send(new ListObjectVersionsCommand({ Bucket: scope.name('missing'), MaxKeys: 1 }))),
  expect: (answer) => expect(answer).toEqual({ error: 'NoSuchBucket', status: 404 }),
});

// ---- configuration: the "none" answers first, then a write read back ----

differential({
  service: 's3',
  operation: 'GetBucketCors',
  case: 'no configuration',
  run: async (c, scope) => outcome(async () => c.s3.send(new GetBucketCorsCommand({ Bucket: await bucket(c, scope) }))),
  expect: (answer) => expect(answer).toEqual({ error: 'NoSuchCORSConfiguration', status: 404 }),
});

differential({
  service: 's3',
  operation: 'PutBucketCors',
  case: 'Ground Truth image rule read back, then deleted',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    const CORSRules = [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'], ExposeHeaders: ['Access-Control-Allow-Origin'] }];
    const put = await outcome(() => c.s3.send(new PutBucketCorsCommand({ Bucket: name, CORSConfiguration: { CORSRules } })));
    const read = valueOrFailure(await attempt(async () => (await c.s3.send(new GetBucketCorsCommand({ Bucket: name }))).CORSRules));
    const deleted = await outcome(() => c.s3.send(new DeleteBucketCorsCommand({ Bucket: name })));
    const after = await outcome(() => c.s3.send(new GetBucketCorsCommand({ Bucket: name })));
    return { put, read, deleted, after };
  },
  expect: (answer) => expect(answer).toMatchObject({ deleted: { status: 204 }, after: { error: 'NoSuchCORSConfiguration' } }),
});

differential({
  service: 's3',
  operation: 'DeleteBucketCors',
  case: 'bucket without CORS',
  run: async (c, scope) => outcome(async () => c.s3.send(new DeleteBucketCorsCommand({ Bucket: await bucket(c, scope) }))),
  expect: (answer) => expect(answer).toEqual({ status: 204 }),
});

differential({
  service: 's3',
  operation: 'GetBucketEncryption',
  case: 'new bucket',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    return valueOrFailure(await attempt(async () => (await c.s3.send(new GetBucketEncryptionCommand({ Bucket: name }))).ServerSideEncryptionConfiguration));
  },
  // Every new bucket has had SSE-S3 since January 2023.
  expect: (answer) => expect(answer).toMatchObject({ Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] }),
});

differential({
  service: 's3',
  operation: 'PutBucketEncryption',
  case: 'SSE-KMS with the managed key and a bucket key',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    await c.s3.send(new PutBucketEncryptionCommand({ Bucket: name, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] } }));
    return (await c.s3.send(new GetBucketEncryptionCommand({ Bucket: name }))).ServerSideEncryptionConfiguration;
  },
});

differential({
  service: 's3',
  operation: 'GetPublicAccessBlock',
  case: 'new bucket',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    return valueOrFailure(await attempt(async () => (await c.s3.send(new GetPublicAccessBlockCommand({ Bucket: name }))).PublicAccessBlockConfiguration));
  },
  expect: (answer) => expect(answer).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }),
});

differential({
  service: 's3',
  operation: 'PutPublicAccessBlock',
  case: 'two flags off, read back',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    await c.s3.send(new PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false } }));
    return (await c.s3.send(new GetPublicAccessBlockCommand({ Bucket: name }))).PublicAccessBlockConfiguration;
  },
});

differential({
  service: 's3',
  operation: 'GetBucketOwnershipControls',
  case: 'new bucket',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    return valueOrFailure(await attempt(async () => (await c.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: name }))).OwnershipControls));
  },
  expect: (answer) => expect(answer).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] }),
});

differential({
  service: 's3',
  operation: 'PutBucketOwnershipControls',
  case: 'BucketOwnerPreferred read back',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    await c.s3.send(new PutBucketOwnershipControlsCommand({ Bucket: name, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }));
    return (await c.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: name }))).OwnershipControls;
  },
});

differential({
  service: 's3',
  operation: 'GetBucketTagging',
  case: 'no tags',
  run: async (c, scope) => outcome(async () => c.s3.send(new GetBucketTaggingCommand({ Bucket: await bucket(c, scope) }))),
  expect: (answer) => expect(answer).toEqual({ error: 'NoSuchTagSet', status: 404 }),
});

differential({
  service: 's3',
  operation: 'PutBucketTagging',
  case: 'tags read back, then deleted',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    await c.s3.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: [{ Key: 'gtctl:project', Value: 'demo' }, { Key: 'team', Value: '' }] } }));
    const read = (await c.s3.send(new GetBucketTaggingCommand({ Bucket: name }))).TagSet?.map((t) => `${t.Key}=${t.Value}`).sort();
    const deleted = await outcome(() => c.s3.send(new DeleteBucketTaggingCommand({ Bucket: name })));
    const after = await outcome(() => c.s3.send(new GetBucketTaggingCommand({ Bucket: name })));
    return { read, deleted, after };
  },
  expect: (answer) => expect(answer).toMatchObject({ deleted: { status: 204 }, after: { error: 'NoSuchTagSet' } }),
});

differential({
  service: 's3',
  operation: 'DeleteBucketTagging',
  case: 'missing bucket',
  run: async (c, scope) => outcome(() => c.s3.send(new DeleteBucketTaggingCommand({ Bucket: scope.name('missing') }))),
  expect: (answer) => expect(answer).toEqual({ error: 'NoSuchBucket', status: 404 }),
});

differential({
  service: 's3',
  operation: 'GetBucketVersioning',
  case: 'never configured, Enabled, Suspended',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    const status = async () => (await c.s3.send(new GetBucketVersioningCommand({ Bucket: name }))).Status ?? '(none)';
    const never = await status();
    await c.s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
    const enabled = await status();
    await c.s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Suspended' } }));
    return { never, enabled, suspended: await status() };
  },
  expect: (answer) => expect(answer).toEqual({ never: '(none)', enabled: 'Enabled', suspended: 'Suspended' }),
});

differential({
  service: 's3',
  operation: 'PutBucketVersioning',
  case: 'missing bucket',
  run: async (c, scope) => outcome(() => c.s3.send(new PutBucketVersioningCommand({ Bucket: scope.name('missing'), VersioningConfiguration: { Status: 'Enabled' } }))),
  expect: (answer) => expect(answer).toEqual({ error: 'NoSuchBucket', status: 404 }),
});

differential({
  service: 's3',
  operation: 'GetBucketEncryption',
  case: 'missing bucket',
  run: async (c, scope) => outcome(() => c.s3.send(new GetBucketEncryptionCommand({ Bucket: scope.name('missing') }))),
  expect: (answer) => expect(answer).toEqual({ error: 'NoSuchBucket', status: 404 }),
});
