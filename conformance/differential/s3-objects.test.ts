// S3 objects: manifests, templates, gtctl's state and lock objects (conditional writes), listing.
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import { bucket } from './fixtures.js';
import { attempt, conformanceSuite, outcome } from './harness.js';

const { differential } = conformanceSuite();

differential({
  service: 's3',
  operation: 'PutObject',
  case: 'text with a content type and metadata',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    const put = await c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'manifests/input.manifest', Body: '{"source":"a"}\n', ContentType: 'application/x-ndjson', Metadata: { 'gtctl-project': 'demo' } }));
    return { ETag: put.ETag, VersionId: put.VersionId, ServerSideEncryption: put.ServerSideEncryption };
  },
  expect: (answer) => expect(answer).toMatchObject({ ETag: '<md5>' }),
});

differential({
  service: 's3',
  operation: 'PutObject',
  case: 'If-None-Match * on an existing key',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    const write = () => outcome(() => c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'state/lock', Body: 'holder-1', ContentType: 'text/plain', IfNoneMatch: '*' })));
    const first = await write();
    const second = await write();
    const body = await (await c.s3.send(new GetObjectCommand({ Bucket: name, Key: 'state/lock' }))).Body?.transformToString('utf-8');
    return { first, second, body };
  },
  expect: (answer) => expect(answer).toEqual({ first: { status: 200 }, second: { error: 'PreconditionFailed', status: 412 }, body: 'holder-1' }),
});

differential({
  service: 's3',
  operation: 'PutObject',
  case: 'If-Match with the current ETag, then a stale one',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    const { ETag } = await c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'state.json', Body: '{"v":1}' }));
    const matching = await outcome(() => c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'state.json', Body: '{"v":2}', IfMatch: ETag })));
    const stale = await outcome(() => c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'state.json', Body: '{"v":3}', IfMatch: ETag })));
    const body = await (await c.s3.send(new GetObjectCommand({ Bucket: name, Key: 'state.json' }))).Body?.transformToString('utf-8');
    return { matching, stale, body };
  },
  expect: (answer) => expect(answer).toEqual({ matching: { status: 200 }, stale: { error: 'PreconditionFailed', status: 412 }, body: '{"v":2}' }),
});

differential({
  service: 's3',
  operation: 'PutObject',
  case: 'If-Match on a missing key',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    return outcome(() => c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'nothing', Body: 'x', IfMatch: '"0123456789abcdef0123456789abcdef"' })));
  },
  expect: (answer) => expect(answer).toEqual({ error: 'NoSuchKey', status: 404 }),
});

differential({
  service: 's3',
  operation: 'PutObject',
  case: 'missing bucket',
  run: async (c, scope) => outcome(() => c.s3.send(new PutObjectCommand({ Bucket: scope.name('missing'), Key: 'a', Body: 'a' }))),
  expect: (answer) => expect(answer).toEqual({ error: 'NoSuchBucket', status: 404 }),
});

differential({
  service: 's3',
  operation: 'GetObject',
  case: 'body, type and metadata read back',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    await c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'templates/task.liquid.html', Body: '<crowd-form></crowd-form>', ContentType: 'text/html', Metadata: { 'Gtctl-Hash': 'abc' } }));
    const got = await c.s3.send(new GetObjectCommand({ Bucket: name, Key: 'templates/task.liquid.html' }));
    return { body: await got.Body?.transformToString('utf-8'), ContentType: got.ContentType, ContentLength: got.ContentLength, Metadata: got.Metadata, ETag: got.ETag };
  },
  expect: (answer) => expect(answer).toMatchObject({ body: '<crowd-form></crowd-form>', Metadata: { 'gtctl-hash': 'abc' } }),
});

differential({
  service: 's3',
  operation: 'GetObject',
  case: 'missing key, missing bucket',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    const key = await outcome(() => c.s3.send(new GetObjectCommand({ Bucket: name, Key: 'nothing' })));
    const missingBucket = await outcome(() => c.s3.send(new GetObjectCommand({ Bucket: scope.name('missing'), Key: 'nothing' })));
    return { key, bucket: missingBucket };
  },
  expect: (answer) => expect(answer).toEqual({ key: { error: 'NoSuchKey', status: 404 }, bucket: { error: 'NoSuchBucket', status: 404 } }),
});

differential({
  service: 's3',
  operation: 'HeadObject',
  case: 'existing and missing key',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    await c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'a.json', Body: '{}', ContentType: 'application/json', Metadata: { 'gtctl-digest': 'd1' } }));
    const head = await attempt(() => c.s3.send(new HeadObjectCommand({ Bucket: name, Key: 'a.json' })));
    const missing = await outcome(() => c.s3.send(new HeadObjectCommand({ Bucket: name, Key: 'nothing' })));
    return { head: 'ok' in head ? { ETag: head.ok.ETag, ContentType: head.ok.ContentType, ContentLength: head.ok.ContentLength, Metadata: head.ok.Metadata } : head, missing };
  },
  expect: (answer) => expect(answer).toMatchObject({ missing: { error: 'NotFound', status: 404 } }),
});

differential({
  service: 's3',
  operation: 'DeleteObject',
  case: 'existing key, then the same again',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    await c.s3.send(new PutObjectCommand({ Bucket: name, Key: 'a', Body: 'a' }));
    const first = await outcome(() => c.s3.send(new DeleteObjectCommand({ Bucket: name, Key: 'a' })));
    const again = await outcome(() => c.s3.send(new DeleteObjectCommand({ Bucket: name, Key: 'a' })));
    const left = (await c.s3.send(new ListObjectsV2Command({ Bucket: name }))).KeyCount;
    return { first, again, left };
  },
  expect: (answer) => expect(answer).toEqual({ first: { status: 204 }, again: { status: 204 }, left: 0 }),
});

differential({
  service: 's3',
  operation: 'DeleteObject',
  case: 'missing bucket',
  run: async (c, scope) => outcome(() => c.s3.send(new DeleteObjectCommand({ Bucket: scope.name('missing'), Key: 'a' }))),
  expect: (answer) => expect(answer).toEqual({ error: 'NoSuchBucket', status: 404 }),
});

differential({
  service: 's3',
  operation: 'ListObjectsV2',
  case: 'MaxKeys 2 pages with ContinuationToken under a prefix',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    for (const key of ['data/a', 'data/b', 'data/c', 'data/d', 'data/e', 'other/x']) await c.s3.send(new PutObjectCommand({ Bucket: name, Key: key, Body: key }));
    const pages: { keys: string[]; KeyCount: number | undefined; IsTruncated: boolean | undefined; token: boolean }[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await c.s3.send(new ListObjectsV2Command({ Bucket: name, Prefix: 'data/', MaxKeys: 2, ContinuationToken }));
      pages.push({ keys: (page.Contents ?? []).map((o) => `${o.Key} ${o.Size}`), KeyCount: page.KeyCount, IsTruncated: page.IsTruncated, token: page.NextContinuationToken !== undefined });
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken && pages.length < 10);
    return pages;
  },
  expect: (answer) => expect((answer as unknown[]).length).toBe(3),
});

differential({
  service: 's3',
  operation: 'ListObjectsV2',
  case: 'empty bucket, missing bucket',
  run: async (c, scope) => {
    const name = await bucket(c, scope);
    const page = await c.s3.send(new ListObjectsV2Command({ Bucket: name, Prefix: '', MaxKeys: 1000 }));
    const missing = await outcome(() => c.s3.send(new ListObjectsV2Command({ Bucket: scope.name('missing') })));
    return { empty: { KeyCount: page.KeyCount, IsTruncated: page.IsTruncated, Contents: page.Contents ?? [] }, missing };
  },
  expect: (answer) => expect(answer).toMatchObject({ empty: { KeyCount: 0 }, missing: { error: 'NoSuchBucket', status: 404 } }),
});
