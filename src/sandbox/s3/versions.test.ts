// Object versions and delete markers (aws-evidence A9) through the unmodified SDK client: S3's semantics, the same
// whether the sandbox is realistic or ideal (these tests run it ideal, as the other behaviour tests do).
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type BucketVersioningStatus,
  type ListObjectVersionsCommandInput,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { bucketName, s3Client, sdkError, sdkErrorHeaders, startS3Sandbox } from './test-support.js';

let sandbox: Sandbox;
let s3: ReturnType<typeof s3Client>;
beforeAll(async () => {
  sandbox = await startS3Sandbox();
  s3 = s3Client(sandbox, 'eu-west-1');
});
afterAll(() => sandbox.close());

async function bucketWith(status?: BucketVersioningStatus): Promise<string> {
  const Bucket = bucketName('versions');
  await s3.send(new CreateBucketCommand({ Bucket }));
  if (status) await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: status } }));
  return Bucket;
}

const put = async (Bucket: string, Key: string, Body: string) => (await s3.send(new PutObjectCommand({ Bucket, Key, Body }))).VersionId;
const text = async (Bucket: string, Key: string, VersionId?: string) =>
  (await s3.send(new GetObjectCommand({ Bucket, Key, VersionId }))).Body!.transformToString();

/** Every version and delete marker as [key, version id, latest?], paging with the markers the SDK hands back. */
async function allVersions(Bucket: string, input: Partial<ListObjectVersionsCommandInput> = {}) {
  const listed: Array<[string, string, boolean, 'version' | 'marker']> = [];
  let markers: Partial<ListObjectVersionsCommandInput> = {};
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket, ...input, ...markers }));
    listed.push(...(page.Versions ?? []).map((v) => [v.Key!, v.VersionId!, v.IsLatest!, 'version'] as [string, string, boolean, 'version']));
    listed.push(...(page.DeleteMarkers ?? []).map((m) => [m.Key!, m.VersionId!, m.IsLatest!, 'marker'] as [string, string, boolean, 'marker']));
    if (!page.IsTruncated) return listed;
    markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
  }
}

describe('a versioning-enabled bucket', () => {
  it('keeps every version, and a delete hides the key behind a delete marker', async () => {
    const Bucket = await bucketWith('Enabled');
    const first = await put(Bucket, 'k', 'one');
    const second = await put(Bucket, 'k', 'two');
    expect(await text(Bucket, 'k')).toBe('two');
    expect(await text(Bucket, 'k', first)).toBe('one');

    const deleted = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect(deleted.DeleteMarker).toBe(true);
    expect(deleted.VersionId).toBeTruthy();
    const get = () => s3.send(new GetObjectCommand({ Bucket, Key: 'k' }));
    expect(await sdkError(get())).toEqual({ name: 'NoSuchKey', status: 404 });
    expect(await sdkErrorHeaders(get())).toMatchObject({ 'x-amz-delete-marker': 'true', 'x-amz-version-id': deleted.VersionId });
    const head = () => s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }));
    expect(await sdkError(head())).toEqual({ name: 'NotFound', status: 404 });
    expect(await sdkErrorHeaders(head())).toMatchObject({ 'x-amz-delete-marker': 'true' });
    // The older versions are still there, each under its id.
    expect(await text(Bucket, 'k', second)).toBe('two');
    expect(await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: deleted.VersionId })))).toEqual({ name: 'MethodNotAllowed', status: 405 });
  });

  it('lists only keys whose latest version is an object, while ListObjectVersions shows every version and marker', async () => {
    const Bucket = await bucketWith('Enabled');
    const kept = await put(Bucket, 'kept', 'x');
    const old = await put(Bucket, 'gone', 'x');
    const { VersionId: marker } = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'gone' }));
    expect((await s3.send(new ListObjectsV2Command({ Bucket }))).Contents?.map((o) => o.Key)).toEqual(['kept']);

    const page = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    expect(page).toMatchObject({ Name: Bucket, IsTruncated: false, MaxKeys: 1000 });
    expect(page.DeleteMarkers).toEqual([
      { Key: 'gone', VersionId: marker, IsLatest: true, LastModified: expect.any(Date), Owner: { ID: expect.stringMatching(/^[0-9a-f]{64}$/) } },
    ]);
    expect(page.Versions).toEqual([
      {
        Key: 'gone', VersionId: old, IsLatest: false, LastModified: expect.any(Date), ETag: '"9dd4e461268c8034f5c8564e155c67a6"',
        ChecksumAlgorithm: ['CRC32'], ChecksumType: 'FULL_OBJECT', Size: 1, StorageClass: 'STANDARD',
        Owner: { ID: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
      expect.objectContaining({ Key: 'kept', VersionId: kept, IsLatest: true }),
    ]);
  });

  it('removes exactly the version or marker DeleteObject names; removing the marker brings the key back', async () => {
    const Bucket = await bucketWith('Enabled');
    const first = await put(Bucket, 'k', 'one');
    const second = await put(Bucket, 'k', 'two');
    const { VersionId: marker } = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));

    expect(await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: first }))).toMatchObject({ VersionId: first });
    expect(await allVersions(Bucket)).toEqual([['k', second, false, 'version'], ['k', marker, true, 'marker']]);
    expect(await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: marker }))).toMatchObject({ VersionId: marker, DeleteMarker: true });
    expect(await text(Bucket, 'k')).toBe('two');
  });

  it('reports delete markers made and removed by DeleteObjects', async () => {
    const Bucket = await bucketWith('Enabled');
    await put(Bucket, 'k', 'x');
    const made = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'k' }] } }));
    const marker = made.Deleted?.[0]?.DeleteMarkerVersionId;
    expect(made.Deleted).toEqual([{ Key: 'k', DeleteMarker: true, DeleteMarkerVersionId: expect.any(String) }]);
    const removed = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'k', VersionId: marker }] } }));
    expect(removed.Deleted).toEqual([{ Key: 'k', VersionId: marker, DeleteMarker: true, DeleteMarkerVersionId: marker }]);
    expect(await text(Bucket, 'k')).toBe('x');
  });
});

describe('a versioning-suspended bucket', () => {
  it('writes the null version, replacing the previous null version and keeping the Enabled ones', async () => {
    const Bucket = await bucketWith();
    await put(Bucket, 'k', 'before versioning');
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const enabled = await put(Bucket, 'k', 'enabled');
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    expect(await put(Bucket, 'k', 'suspended')).toBe('null');
    expect(await allVersions(Bucket)).toEqual([['k', 'null', true, 'version'], ['k', enabled, false, 'version']]);
    expect(await text(Bucket, 'k', 'null')).toBe('suspended');

    const deleted = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect(deleted).toMatchObject({ DeleteMarker: true, VersionId: 'null' });
    expect(await allVersions(Bucket)).toEqual([['k', enabled, false, 'version'], ['k', 'null', true, 'marker']]);
  });
});

describe('ListObjectVersions', () => {
  it('pages with max-keys, key-marker and version-id-marker, newest first within a key, filtered by prefix', async () => {
    const Bucket = await bucketWith('Enabled');
    const a = [await put(Bucket, 'in/a', '1'), await put(Bucket, 'in/a', '2'), await put(Bucket, 'in/a', '3')];
    const b = await put(Bucket, 'in/b', '1');
    await put(Bucket, 'out/c', '1');

    const first = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'in/', MaxKeys: 2 }));
    expect(first).toMatchObject({ Prefix: 'in/', MaxKeys: 2, IsTruncated: true, NextKeyMarker: 'in/a', NextVersionIdMarker: a[1] });
    expect(first.Versions?.map((v) => v.VersionId)).toEqual([a[2], a[1]]);
    expect(await allVersions(Bucket, { Prefix: 'in/', MaxKeys: 2 })).toEqual([
      ['in/a', a[2], true, 'version'],
      ['in/a', a[1], false, 'version'],
      ['in/a', a[0], false, 'version'],
      ['in/b', b, true, 'version'],
    ]);
    const afterKey = await s3.send(new ListObjectVersionsCommand({ Bucket, KeyMarker: 'in/a' }));
    expect(afterKey.Versions?.map((v) => v.Key)).toEqual(['in/b', 'out/c']);
  });

  it('lists objects written without versioning as the null version', async () => {
    const Bucket = await bucketWith();
    await put(Bucket, 'k', 'x');
    expect(await allVersions(Bucket)).toEqual([['k', 'null', true, 'version']]);
  });

  it('refuses a version-id marker without a key marker', async () => {
    const call = s3.send(new ListObjectVersionsCommand({ Bucket: await bucketWith(), VersionIdMarker: 'v' }));
    expect(await sdkError(call)).toEqual({ name: 'InvalidArgument', status: 400 });
  });
});

describe('DeleteBucket', () => {
  it('refuses a bucket holding versions or delete markers even when ListObjectsV2 is empty, then deletes it once none are left', async () => {
    const Bucket = await bucketWith('Enabled');
    const version = await put(Bucket, 'k', 'x');
    const { VersionId: marker } = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect((await s3.send(new ListObjectsV2Command({ Bucket }))).KeyCount).toBe(0);
    expect(await sdkError(s3.send(new DeleteBucketCommand({ Bucket })))).toEqual({ name: 'BucketNotEmpty', status: 409 });

    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: version }));
    // A delete marker alone still counts.
    expect(await sdkError(s3.send(new DeleteBucketCommand({ Bucket })))).toEqual({ name: 'BucketNotEmpty', status: 409 });
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: marker }));
    expect((await s3.send(new DeleteBucketCommand({ Bucket }))).$metadata.httpStatusCode).toBe(204);
  });
});

it('works on buckets without a history, as state saved before versions were kept holds them', async () => {
  const Bucket = await bucketWith('Enabled');
  await put(Bucket, 'k', 'x');
  expect(sandbox.state.s3.buckets[Bucket]).not.toHaveProperty('history');
  await put(Bucket, 'k', 'y');
  await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
  expect((await allVersions(Bucket)).map(([, , latest, kind]) => [latest, kind])).toEqual([[false, 'version'], [false, 'version'], [true, 'marker']]);
});

it('leaves state that survives JSON persistence unchanged', () => {
  expect(JSON.parse(JSON.stringify(sandbox.state.s3))).toStrictEqual(sandbox.state.s3);
});
