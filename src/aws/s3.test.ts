// The S3 port against the sandbox: buckets in two Regions, every configuration read and written in model terms, the
// 404s that mean "none", objects with gtctl's metadata, pagination. What the sandbox cannot answer (another
// account's bucket, AWS's 301 with x-amz-bucket-region) is played by a few lines of HTTP server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GtctlError } from '../core/errors.js';
import type { CorsRule } from '../core/model.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { createAwsPorts } from './clients.js';
import type { AwsPorts } from './ports.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let sandbox: Sandbox;
let aws: AwsPorts;
let counter = 0;
const unique = (hint: string) => `${hint}-${process.pid}-${++counter}`;

beforeAll(async () => {
  sandbox = await startSandbox({ quotas: { enabled: false }, realism: { ideal: true } });
  aws = createAwsPorts({ region: 'us-east-1', endpoint: sandbox.url, credentials });
});
afterAll(() => sandbox.close());

/** A port of its own, so that its call counts and Region cache start empty. */
const freshPort = (region = 'us-east-1') => createAwsPorts({ region, endpoint: sandbox.url, credentials });

/** The SDK itself, for setting up what the port then reads. */
const sdkClient = (region: string) => new S3Client({ region, endpoint: sandbox.url, forcePathStyle: true, credentials, maxAttempts: 1 });

async function failure(promise: Promise<unknown>): Promise<GtctlError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GtctlError);
  return error as GtctlError;
}

describe('buckets', () => {
  it('a missing bucket has no Region; a new one has S3’s defaults, read as the model says', async () => {
    const name = unique('defaults');
    expect(await aws.s3.bucketRegion(name)).toBeUndefined();
    await aws.s3.createBucket(name, 'us-east-1');
    expect(await aws.s3.bucketRegion(name)).toBe('us-east-1');
    expect({
      tags: await aws.s3.getTags(name),
      cors: await aws.s3.getCors(name),
      encryption: await aws.s3.getEncryption(name),
      publicAccessBlock: await aws.s3.getPublicAccessBlock(name),
      objectOwnership: await aws.s3.getObjectOwnership(name),
      versioning: await aws.s3.getVersioning(name),
      objects: await aws.s3.listObjects(name, ''),
    }).toEqual({
      tags: {},
      cors: [],
      encryption: { algorithm: 'AES256' },
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      objectOwnership: 'BucketOwnerEnforced',
      versioning: 'Off',
      objects: [],
    });
  });

  it('creating a bucket that is already ours succeeds, in us-east-1 (200) and elsewhere (BucketAlreadyOwnedByYou)', async () => {
    const east = unique('again-east');
    const west = unique('again-west');
    await aws.s3.createBucket(east, 'us-east-1');
    await aws.s3.createBucket(east, 'us-east-1');
    await aws.s3.createBucket(west, 'eu-west-1');
    await freshPort().s3.createBucket(west, 'eu-west-1');
    expect(await freshPort().s3.bucketRegion(west)).toBe('eu-west-1');
  });

  it('refuses to "create" a bucket of ours that is in another Region', async () => {
    const name = unique('moved');
    await aws.s3.createBucket(name, 'eu-west-1');
    const error = await failure(freshPort().s3.createBucket(name, 'us-east-2'));
    expect(error).toMatchObject({ code: 'bucket-region', source: 'user', message: expect.stringContaining('already exists in eu-west-1') });
  });

  it('sends no LocationConstraint in us-east-1 and the Region elsewhere (the sandbox refuses both mistakes)', async () => {
    const port = freshPort('eu-west-1');
    await port.s3.createBucket(unique('east'), 'us-east-1');
    await port.s3.createBucket(unique('north'), 'eu-north-1');
    expect(port.calls()).toEqual({ 's3.CreateBucket': 2 });
  });

  it('reads an eu-west-1 bucket through a port configured for us-east-1, with a client of eu-west-1', async () => {
    const name = unique('ireland');
    const eu = sdkClient('eu-west-1');
    await eu.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    await eu.send(new PutObjectCommand({ Bucket: name, Key: 'Input/1.txt', Body: '42' }));
    eu.destroy();
    const port = freshPort('us-east-1');
    expect(await port.s3.bucketRegion(name)).toBe('eu-west-1');
    // The sandbox's 301 carries no x-amz-bucket-region (AWS's does): the port asks GetBucketLocation instead.
    expect(port.calls()).toEqual({ 's3.GetBucketLocation': 1, 's3.HeadBucket': 1 });
    expect(await port.s3.listObjects(name, 'Input/')).toEqual([{ key: 'Input/1.txt', size: 2 }]);
    await port.s3.putTags(name, { 'gtctl:project': 'p' });
    expect(await port.s3.getTags(name)).toEqual({ 'gtctl:project': 'p' });
    expect(await port.s3.getObjectText(name, 'Input/1.txt')).toBe('42');
    // Found once, then cached.
    await port.s3.bucketRegion(name);
    expect(port.calls()['s3.HeadBucket']).toBe(1);
  });

  it('lists the account’s buckets with their Regions, which spares a HeadBucket per bucket afterwards', async () => {
    const east = unique('listed-east');
    const west = unique('listed-west');
    await aws.s3.createBucket(east, 'us-east-1');
    await aws.s3.createBucket(west, 'eu-west-1');
    const port = freshPort();
    const listed = await port.s3.listBuckets();
    expect(listed).toContainEqual({ name: east, region: 'us-east-1' });
    expect(listed).toContainEqual({ name: west, region: 'eu-west-1' });
    expect(await port.s3.bucketRegion(west)).toBe('eu-west-1');
    expect(await port.s3.getVersioning(west)).toBe('Off');
    expect(port.calls()).toEqual({ 's3.GetBucketVersioning': 1, 's3.ListBuckets': 1 });
  });

  it('deletes an empty bucket only; a bucket with objects is BucketNotEmpty', async () => {
    const name = unique('delete');
    await aws.s3.createBucket(name, 'eu-west-1');
    await aws.s3.putObject(name, 'a.txt', new TextEncoder().encode('a'), { contentType: 'text/plain' });
    expect(await failure(aws.s3.deleteBucket(name))).toMatchObject({ code: 'aws-error', awsCode: 'BucketNotEmpty', source: 'aws' });
    const empty = unique('delete-empty');
    await aws.s3.createBucket(empty, 'eu-west-1');
    await aws.s3.deleteBucket(empty);
    expect(await aws.s3.bucketRegion(empty)).toBeUndefined();
  });

  it('a call on a bucket that does not exist fails as S3 says', async () => {
    expect(await failure(aws.s3.getTags(unique('nowhere')))).toMatchObject({ code: 'aws-error', awsCode: 'NoSuchBucket', source: 'aws' });
  });
});

describe('bucket configuration', () => {
  const portal: CorsRule = { allowedMethods: ['GET'], allowedOrigins: ['*'], allowedHeaders: [], exposeHeaders: ['Access-Control-Allow-Origin'] };
  const video: CorsRule = { id: 'video', allowedMethods: ['GET', 'HEAD', 'PUT'], allowedOrigins: ['*'], allowedHeaders: ['*'], exposeHeaders: ['Access-Control-Allow-Origin'], maxAgeSeconds: 3000 };

  it('writes and reads CORS; no rules deletes the configuration', async () => {
    const name = unique('cors');
    await aws.s3.createBucket(name, 'eu-west-1');
    await aws.s3.putCors(name, [portal, video]);
    expect(await aws.s3.getCors(name)).toEqual([portal, video]);
    const port = freshPort();
    await port.s3.putCors(name, []);
    expect(await port.s3.getCors(name)).toEqual([]);
    expect(port.calls()).toMatchObject({ 's3.DeleteBucketCors': 1, 's3.GetBucketCors': 1 });
    await port.s3.putCors(name, []); // deleting what is not there is fine
  });

  it('writes and reads encryption: SSE-KMS with and without a key, and back to SSE-S3', async () => {
    const name = unique('encryption');
    await aws.s3.createBucket(name, 'us-east-1');
    const kms = { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:us-east-1:000000000000:key/1234', bucketKey: true } as const;
    await aws.s3.putEncryption(name, kms);
    expect(await aws.s3.getEncryption(name)).toEqual(kms);
    await aws.s3.putEncryption(name, { algorithm: 'aws:kms', kmsKeyId: '', bucketKey: false });
    expect(await aws.s3.getEncryption(name)).toEqual({ algorithm: 'aws:kms', kmsKeyId: '', bucketKey: false });
    await aws.s3.putEncryption(name, { algorithm: 'AES256' });
    expect(await aws.s3.getEncryption(name)).toEqual({ algorithm: 'AES256' });
  });

  it('writes and reads the public access block, ownership and versioning', async () => {
    const name = unique('settings');
    await aws.s3.createBucket(name, 'us-east-1');
    const block = { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: false };
    await aws.s3.putPublicAccessBlock(name, block);
    await aws.s3.putObjectOwnership(name, 'BucketOwnerPreferred');
    await aws.s3.putVersioning(name, 'Enabled');
    expect([await aws.s3.getPublicAccessBlock(name), await aws.s3.getObjectOwnership(name), await aws.s3.getVersioning(name)]).toEqual([
      block,
      'BucketOwnerPreferred',
      'Enabled',
    ]);
    await aws.s3.putVersioning(name, 'Suspended');
    expect(await aws.s3.getVersioning(name)).toBe('Suspended');
  });

  it('a bucket without a public access block reads as undefined', async () => {
    const name = unique('no-block');
    await aws.s3.createBucket(name, 'us-east-1');
    await fetch(`${sandbox.url}/${name}?publicAccessBlock`, { method: 'DELETE' }); // unsigned: any Region
    expect(await aws.s3.getPublicAccessBlock(name)).toBeUndefined();
  });

  it('replaces the tag set, and an empty one removes the tags', async () => {
    const name = unique('tags');
    await aws.s3.createBucket(name, 'us-east-1');
    await aws.s3.putTags(name, { 'gtctl:project': 'labeling', team: 'a' });
    await aws.s3.putTags(name, { 'gtctl:project': 'labeling' });
    expect(await aws.s3.getTags(name)).toEqual({ 'gtctl:project': 'labeling' });
    await aws.s3.putTags(name, {});
    expect(await aws.s3.getTags(name)).toEqual({});
  });
});

describe('objects', () => {
  let name: string;
  beforeAll(async () => {
    name = unique('objects');
    await aws.s3.createBucket(name, 'eu-west-1');
  });

  it('puts an object with its content type and gtctl’s hash, and heads it', async () => {
    const body = new TextEncoder().encode('Select Even Number…');
    await aws.s3.putObject(name, 'instructions/short.html', body, { contentType: 'text/html', metadata: { 'gtctl-sha256': 'ab12' } });
    const head = await aws.s3.headObject(name, 'instructions/short.html');
    expect(head).toEqual({ etag: expect.stringMatching(/^[0-9a-f]{32}$/), metadata: { 'gtctl-sha256': 'ab12' } });
    expect(await aws.s3.getObjectText(name, 'instructions/short.html')).toBe('Select Even Number…');
  });

  it('a missing object (or bucket) heads and reads as undefined', async () => {
    expect(await aws.s3.headObject(name, 'nothing-here')).toBeUndefined();
    expect(await aws.s3.getObjectText(name, 'nothing-here')).toBeUndefined();
    expect(await aws.s3.getObjectText(unique('no-bucket'), 'x')).toBeUndefined();
  });

  it('lists every object under a prefix across pages, in key order; a limit stops after one page', async () => {
    const listed = unique('listed');
    await aws.s3.createBucket(listed, 'us-east-1');
    const keys = Array.from({ length: 1003 }, (_, i) => `Input/${String(i).padStart(4, '0')}.txt`);
    const client = sdkClient('us-east-1');
    for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((Key) => client.send(new PutObjectCommand({ Bucket: listed, Key, Body: 'x' }))));
    await client.send(new PutObjectCommand({ Bucket: listed, Key: 'Other/1.txt', Body: 'y' }));
    client.destroy();
    const port = freshPort();
    const objects = await port.s3.listObjects(listed, 'Input/');
    expect(objects.map((o) => o.key)).toEqual(keys);
    expect(port.calls()['s3.ListObjectsV2']).toBe(2);
    expect(await port.s3.listObjects(listed, '', 1)).toEqual([{ key: 'Input/0000.txt', size: 1 }]);
    expect(port.calls()['s3.ListObjectsV2']).toBe(3);
  });
});

describe('against AWS’s own answers', () => {
  // HEAD answers S3 gives that the sandbox cannot: 403 for another account's bucket, 301 naming the Region.
  let server: Server;
  let url: string;
  const signedRegions: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      signedRegions.push(/Credential=[^/]+\/\d+\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? '');
      const bucket = (request.url ?? '').split(/[/?]/)[1];
      if (request.method === 'HEAD' && bucket === 'theirs') return void response.writeHead(403).end();
      if (request.method === 'HEAD' && bucket === 'elsewhere' && !request.headers.authorization?.includes('/eu-west-1/'))
        return void response.writeHead(301, { 'x-amz-bucket-region': 'eu-west-1' }).end();
      if (request.method === 'GET' && (request.url ?? '').includes('tagging'))
        return void response.writeHead(200, { 'content-type': 'application/xml' }).end('<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>');
      response.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('another account’s bucket (403 to HeadBucket) is the user’s error, naming it', async () => {
    const port = createAwsPorts({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 });
    const error = await failure(port.s3.bucketRegion('theirs'));
    expect(error).toMatchObject({ code: 'bucket-not-yours', source: 'user', message: expect.stringContaining('"theirs" exists but is owned by another account') });
  });

  it('takes the Region from the 301’s x-amz-bucket-region and calls that Region from then on', async () => {
    const port = createAwsPorts({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 });
    signedRegions.length = 0;
    expect(await port.s3.bucketRegion('elsewhere')).toBe('eu-west-1');
    expect(await port.s3.getTags('elsewhere')).toEqual({ k: 'v' });
    expect(signedRegions).toEqual(['us-east-1', 'eu-west-1']);
    expect(port.calls()).toEqual({ 's3.GetBucketTagging': 1, 's3.HeadBucket': 1 });
  });
});

describe('endpoint from the environment', () => {
  afterEach(() => void vi.unstubAllEnvs());

  it('uses path-style addressing when AWS_ENDPOINT_URL_S3 names an endpoint (a localhost name has no bucket subdomains)', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_S3', `http://localhost:${sandbox.port}`);
    vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', undefined);
    const port = createAwsPorts({ region: 'us-east-1', credentials });
    const name = unique('from-env');
    await port.s3.createBucket(name, 'us-east-1');
    await port.s3.putObject(name, 'k', new Uint8Array([1]), { contentType: 'application/octet-stream' });
    expect(await port.s3.listObjects(name, '')).toEqual([{ key: 'k', size: 1 }]);
  });
});
