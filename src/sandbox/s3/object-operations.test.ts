// Objects through the unmodified SDK client, with its default checksum settings: a Buffer or string body travels
// with an x-amz-checksum-crc32 header, a stream body as aws-chunked with the checksum in a trailer.
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { bucketName, s3Client, sdkError, startS3Sandbox } from './test-support.js';

let sandbox: Sandbox;
let s3: ReturnType<typeof s3Client>;
let Bucket: string;
beforeAll(async () => {
  sandbox = await startS3Sandbox();
  s3 = s3Client(sandbox, 'eu-west-1');
  Bucket = bucketName('objects');
  await s3.send(new CreateBucketCommand({ Bucket }));
});
afterAll(() => sandbox.close());

const HELLO_MD5 = '"5d41402abc4b2a76b9719d911017c592"';
const put = (Key: string, input: Partial<PutObjectCommandInput> = {}) => s3.send(new PutObjectCommand({ Bucket, Key, Body: 'hello', ...input }));
const get = async (Key: string) => {
  const out = await s3.send(new GetObjectCommand({ Bucket, Key }));
  return { ...out, text: await out.Body!.transformToString() };
};
const stored = (Key: string) => Buffer.from(sandbox.state.s3.buckets[Bucket]!.objects[Key]!.body, 'base64');

describe('PutObject and GetObject', () => {
  it('store a Buffer body with its ETag (the MD5), type, metadata and verified CRC32', async () => {
    const out = await put('buffer.txt', { Body: Buffer.from('hello'), ContentType: 'text/plain', Metadata: { Team: 'odd-even' } });
    expect(out).toMatchObject({ ETag: HELLO_MD5, ChecksumCRC32: 'NhCmhg==', ServerSideEncryption: 'AES256' });
    const read = await get('buffer.txt');
    expect(read).toMatchObject({ text: 'hello', ContentType: 'text/plain', ContentLength: 5, ETag: HELLO_MD5, Metadata: { team: 'odd-even' } });
    expect(read.LastModified?.getMilliseconds()).toBe(0);
  });

  it('store a string body', async () => {
    await put('string.txt', { Body: 'forty-two' });
    expect((await get('string.txt')).text).toBe('forty-two');
  });

  it('decode an aws-chunked stream body to exactly the bytes sent, over many chunks', async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(4096 + i, i));
    const body = Buffer.concat(chunks);
    const out = await put('stream.bin', { Body: Readable.from(chunks), ContentLength: body.length });
    expect(out.ChecksumCRC32).toBeTruthy();
    expect(stored('stream.bin').equals(body)).toBe(true);
    const read = await s3.send(new GetObjectCommand({ Bucket, Key: 'stream.bin' }));
    expect(Buffer.from(await read.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  it('keep the object’s own Content-Encoding and drop the aws-chunked transfer token', async () => {
    await put('encoded.gz', { Body: Readable.from([Buffer.from('gz')]), ContentLength: 2, ContentEncoding: 'gzip' });
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'encoded.gz' }))).ContentEncoding).toBe('gzip');
  });

  it('store an empty body', async () => {
    await put('empty', { Body: Buffer.alloc(0) });
    expect(await get('empty')).toMatchObject({ text: '', ContentLength: 0, ETag: '"d41d8cd98f00b204e9800998ecf8427e"' });
  });

  it('return a stored SHA-256 checksum that the SDK validates on read', async () => {
    await put('sha.txt', { ChecksumAlgorithm: 'SHA256' });
    expect((await s3.send(new GetObjectCommand({ Bucket, Key: 'sha.txt', ChecksumMode: 'ENABLED' }))).ChecksumSHA256).toBe(
      'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=',
    );
  });

  it('keep keys with spaces, pluses, percent signs, unicode and line breaks apart', async () => {
    const keys = ['a b+c%20d', 'a+b c', 'täst/ünïcode 😀', 'line\r\nbreak'];
    for (const [i, Key] of keys.entries()) await put(Key, { Body: `#${i}` });
    for (const [i, Key] of keys.entries()) expect((await get(Key)).text).toBe(`#${i}`);
  });

  it('honour response-* overrides', async () => {
    await put('override.txt', { ContentType: 'text/plain' });
    const out = await s3.send(new GetObjectCommand({ Bucket, Key: 'override.txt', ResponseContentType: 'application/json', ResponseCacheControl: 'no-cache' }));
    expect([out.ContentType, out.CacheControl]).toEqual(['application/json', 'no-cache']);
  });

  it('keep a storage class other than STANDARD and report it', async () => {
    await put('cold.txt', { StorageClass: 'STANDARD_IA' });
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'cold.txt' }))).StorageClass).toBe('STANDARD_IA');
  });

  it.each([
    ['a checksum that does not match the body', { ChecksumCRC32: 'AAAAAA==' }, 'BadDigest'],
    ['a Content-MD5 that does not match the body', { ContentMD5: 'AAAAAAAAAAAAAAAAAAAAAA==' }, 'BadDigest'],
    ['a storage class outside the enum', { StorageClass: 'COLD' as 'STANDARD' }, 'InvalidStorageClass'],
    ['an encryption outside the enum', { ServerSideEncryption: 'ROT13' as 'AES256' }, 'InvalidArgument'],
    ['an ACL while ACLs are disabled', { ACL: 'public-read' as const }, 'AccessControlListNotSupported'],
    ['a KMS key without aws:kms', { SSEKMSKeyId: 'alias/labels' }, 'InvalidArgument'],
  ])('refuse %s', async (what, input, name) => {
    expect(await sdkError(put(what, input))).toEqual({ name, status: 400 });
    expect(sandbox.state.s3.buckets[Bucket]!.objects[what]).toBeUndefined();
  });

  it('take a per-object encryption over the bucket default', async () => {
    await put('kms.txt', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/labels' });
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'kms.txt' }));
    expect([head.ServerSideEncryption, head.SSEKMSKeyId]).toEqual(['aws:kms', 'alias/labels']);
  });

  it('take the bucket-owner-full-control ACL, the one ACLs-disabled buckets accept', async () => {
    expect(await put('acl', { ACL: 'bucket-owner-full-control' })).toMatchObject({ ETag: HELLO_MD5 });
    expect((await get('acl')).text).toBe('hello');
  });

  it('refuse a key longer than 1024 bytes', async () => {
    expect(await sdkError(put('é'.repeat(513)))).toEqual({ name: 'KeyTooLongError', status: 400 });
  });

  it('answer NoSuchKey for a missing key, NoSuchBucket for a missing bucket', async () => {
    expect(await sdkError(get('missing'))).toEqual({ name: 'NoSuchKey', status: 404 });
    expect(await sdkError(s3.send(new GetObjectCommand({ Bucket: bucketName('missing'), Key: 'k' })))).toEqual({ name: 'NoSuchBucket', status: 404 });
  });
});

describe('HeadObject', () => {
  it('answers the headers of GET, Content-Length included, without a body', async () => {
    await put('head.txt', { Body: 'twelve bytes', ContentType: 'text/plain' });
    expect(await s3.send(new HeadObjectCommand({ Bucket, Key: 'head.txt' }))).toMatchObject({ ContentLength: 12, ContentType: 'text/plain' });
  });

  it('answers 404 with no body for a missing key, which the SDK calls NotFound', async () => {
    expect(await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'missing' })))).toEqual({ name: 'NotFound', status: 404 });
  });
});

describe('conditional writes', () => {
  it('If-None-Match: * creates a key once, then answers 412 PreconditionFailed', async () => {
    await put('lock', { IfNoneMatch: '*' });
    expect(await sdkError(put('lock', { IfNoneMatch: '*', Body: 'other' }))).toEqual({ name: 'PreconditionFailed', status: 412 });
    expect((await get('lock')).text).toBe('hello');
  });

  it('If-Match replaces only the version with that ETag', async () => {
    const { ETag } = await put('state.json', { Body: 'v1' });
    const next = await put('state.json', { Body: 'v2', IfMatch: ETag });
    expect(await sdkError(put('state.json', { Body: 'v3', IfMatch: ETag }))).toEqual({ name: 'PreconditionFailed', status: 412 });
    await put('state.json', { Body: 'v3', IfMatch: next.ETag!.replace(/"/g, '') });
    expect((await get('state.json')).text).toBe('v3');
  });

  it('If-Match on a missing key answers NoSuchKey', async () => {
    expect(await sdkError(put('never-written', { IfMatch: HELLO_MD5 }))).toEqual({ name: 'NoSuchKey', status: 404 });
  });

  it('If-None-Match with an ETag is not implemented by S3', async () => {
    expect(await sdkError(put('lock', { IfNoneMatch: HELLO_MD5 }))).toEqual({ name: 'NotImplemented', status: 501 });
  });
});

describe('conditional reads', () => {
  it('answer 304 when If-None-Match names the ETag or nothing changed since If-Modified-Since', async () => {
    const { ETag } = await put('cached.txt');
    expect(await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'cached.txt', IfNoneMatch: ETag })))).toMatchObject({ status: 304 });
    expect(await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'cached.txt', IfNoneMatch: ETag })))).toMatchObject({ status: 304 });
    const later = new Date(Date.now() + 60_000);
    expect(await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'cached.txt', IfModifiedSince: later })))).toMatchObject({ status: 304 });
  });

  it('answer 412 when If-Match names another ETag or the object changed since If-Unmodified-Since', async () => {
    await put('guarded.txt');
    expect(await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'guarded.txt', IfMatch: '"0"' })))).toEqual({ name: 'PreconditionFailed', status: 412 });
    const earlier = new Date(Date.now() - 3_600_000);
    expect(await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'guarded.txt', IfUnmodifiedSince: earlier })))).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    });
  });

  it('serve the object when the conditions hold', async () => {
    const { ETag } = await put('fresh.txt');
    const out = await s3.send(new GetObjectCommand({ Bucket, Key: 'fresh.txt', IfMatch: ETag, IfNoneMatch: '"other"' }));
    expect(await out.Body!.transformToString()).toBe('hello');
  });
});

describe('DeleteObject', () => {
  it('answers 204 whether or not the key exists', async () => {
    await put('doomed');
    expect((await s3.send(new DeleteObjectCommand({ Bucket, Key: 'doomed' }))).$metadata.httpStatusCode).toBe(204);
    expect((await s3.send(new DeleteObjectCommand({ Bucket, Key: 'doomed' }))).$metadata.httpStatusCode).toBe(204);
    expect(await sdkError(get('doomed'))).toEqual({ name: 'NoSuchKey', status: 404 });
  });

  it('deletes conditionally with If-Match', async () => {
    const { ETag } = await put('kept');
    expect(await sdkError(s3.send(new DeleteObjectCommand({ Bucket, Key: 'kept', IfMatch: '"0"' })))).toEqual({ name: 'PreconditionFailed', status: 412 });
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'kept', IfMatch: ETag }));
    expect(await sdkError(get('kept'))).toEqual({ name: 'NoSuchKey', status: 404 });
  });
});

describe('DeleteObjects', () => {
  it('deletes each key on its own, counting missing keys as deleted, and fails only mismatched ETags', async () => {
    await put('batch/1');
    await put('batch/2');
    const out = await s3.send(
      new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'batch/1' }, { Key: 'batch/missing' }, { Key: 'batch/2', ETag: '"0"' }] } }),
    );
    expect(out.Deleted).toEqual([{ Key: 'batch/1' }, { Key: 'batch/missing' }]);
    expect(out.Errors).toEqual([{ Key: 'batch/2', Code: 'PreconditionFailed', Message: expect.any(String) }]);
    expect(await sdkError(get('batch/1'))).toEqual({ name: 'NoSuchKey', status: 404 });
    expect((await get('batch/2')).text).toBe('hello');
  });

  it('reports only failures in Quiet mode', async () => {
    await put('quiet/1');
    const out = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'quiet/1' }], Quiet: true } }));
    expect(out.Deleted).toBeUndefined();
    expect(out.Errors).toBeUndefined();
    expect(await sdkError(get('quiet/1'))).toEqual({ name: 'NoSuchKey', status: 404 });
  });

  it('refuses more than 1000 keys', async () => {
    const Objects = Array.from({ length: 1001 }, (_, i) => ({ Key: `k${i}` }));
    expect(await sdkError(s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects } })))).toEqual({ name: 'MalformedXML', status: 400 });
  });
});

it('leaves state that survives JSON persistence unchanged', () => {
  expect(JSON.parse(JSON.stringify(sandbox.state.s3))).toStrictEqual(sandbox.state.s3);
});
