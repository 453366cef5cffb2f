// ListObjectsV2 through the SDK with small pages, so continuation is always exercised; the paging rules themselves
// (`listPage`, `utf8Order`) unit-tested beside them.
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, type ListObjectsV2CommandInput } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { listPage } from './list.js';
import { utf8Order } from './paging.js';
import { bucketName, s3Client, sdkError, startS3Sandbox } from './test-support.js';

let sandbox: Sandbox;
let s3: ReturnType<typeof s3Client>;
let Bucket: string;

// Seven keys under `in/`: two roll up into `in/a/`, two into `in/b/`, three sit directly there; one more lies outside.
const KEYS = ['in/1.txt', 'in/2.txt', 'in/a/x.txt', 'in/a/y.txt', 'in/b/z.txt', 'in/b/zz.txt', 'in/c.txt', 'out/manifest.json'];

beforeAll(async () => {
  sandbox = await startS3Sandbox();
  s3 = s3Client(sandbox, 'eu-west-1');
  Bucket = bucketName('list');
  await s3.send(new CreateBucketCommand({ Bucket }));
  for (const Key of KEYS) await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
});
afterAll(() => sandbox.close());

/** Every page of a listing: its keys, common prefixes, count and truncation. */
async function pages(input: Omit<ListObjectsV2CommandInput, 'Bucket'>) {
  const out: Array<{ keys: string[]; prefixes: string[]; keyCount?: number; truncated?: boolean }> = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, ...input, ContinuationToken }));
    out.push({
      keys: (page.Contents ?? []).map((c) => c.Key!),
      prefixes: (page.CommonPrefixes ?? []).map((p) => p.Prefix!),
      keyCount: page.KeyCount,
      truncated: page.IsTruncated,
    });
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken !== undefined);
  return out;
}

describe('ListObjectsV2', () => {
  it('pages seven keys two at a time, rolling keys up at the delimiter, common prefixes counted', async () => {
    expect(await pages({ Prefix: 'in/', Delimiter: '/', MaxKeys: 2 })).toEqual([
      { keys: ['in/1.txt', 'in/2.txt'], prefixes: [], keyCount: 2, truncated: true },
      { keys: [], prefixes: ['in/a/', 'in/b/'], keyCount: 2, truncated: true },
      { keys: ['in/c.txt'], prefixes: [], keyCount: 1, truncated: false },
    ]);
  });

  it('continues past a common prefix that ended a page', async () => {
    expect(await pages({ Prefix: 'in/', Delimiter: '/', MaxKeys: 3 })).toEqual([
      { keys: ['in/1.txt', 'in/2.txt'], prefixes: ['in/a/'], keyCount: 3, truncated: true },
      { keys: ['in/c.txt'], prefixes: ['in/b/'], keyCount: 2, truncated: false },
    ]);
  });

  it('lists everything in order without a delimiter, 1000 a page by default', async () => {
    const [page, ...more] = await pages({});
    expect(page!.keys).toEqual(KEYS);
    expect(more).toEqual([]);
  });

  it('starts after StartAfter and echoes the request', async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'in/', StartAfter: 'in/b/z.txt', MaxKeys: 5 }));
    expect(page.Contents?.map((c) => c.Key)).toEqual(['in/b/zz.txt', 'in/c.txt']);
    expect(page).toMatchObject({ Name: Bucket, Prefix: 'in/', StartAfter: 'in/b/z.txt', MaxKeys: 5, KeyCount: 2, IsTruncated: false });
    expect(page.Delimiter).toBeUndefined();
  });

  it('describes each object as HeadObject would', async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'out/', FetchOwner: true }));
    expect(page.Contents).toEqual([
      {
        Key: 'out/manifest.json',
        LastModified: expect.any(Date),
        ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
        ChecksumAlgorithm: ['CRC32'],
        ChecksumType: 'FULL_OBJECT',
        Size: 'out/manifest.json'.length,
        StorageClass: 'STANDARD',
        Owner: { ID: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
    ]);
  });

  it('answers max-keys 0 with an empty, complete page', async () => {
    expect(await pages({ MaxKeys: 0 })).toEqual([{ keys: [], prefixes: [], keyCount: 0, truncated: false }]);
  });

  it('url-encodes keys and prefixes when asked, leaving slashes', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'enc/a b+c.txt', Body: 'x' }));
    const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'enc/', EncodingType: 'url' }));
    expect([page.Prefix, page.EncodingType, page.Contents?.[0]?.Key]).toEqual(['enc/', 'url', 'enc/a+b%2Bc.txt']);
  });

  it('refuses a continuation token it did not issue', async () => {
    expect(await sdkError(s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: 'bm90LWEtdG9rZW4=' })))).toEqual({ name: 'InvalidArgument', status: 400 });
  });

  it('refuses an unknown encoding type', async () => {
    expect(await sdkError(s3.send(new ListObjectsV2Command({ Bucket, EncodingType: 'base64' as 'url' })))).toEqual({ name: 'InvalidArgument', status: 400 });
  });

  it('answers NoSuchBucket for a missing bucket', async () => {
    expect(await sdkError(s3.send(new ListObjectsV2Command({ Bucket: bucketName('missing') })))).toEqual({ name: 'NoSuchBucket', status: 404 });
  });
});

describe('utf8Order', () => {
  it('orders by code point, as UTF-8 bytes do, not by UTF-16 unit', () => {
    // U+FF5E (3 UTF-8 bytes) sorts before U+1F600 (4 bytes, a surrogate pair in UTF-16); plain comparison says otherwise.
    expect(['😀', '～', 'z', 'a/b', 'a'].sort(utf8Order)).toEqual(['a', 'a/b', 'z', '～', '😀']);
  });
});

describe('listPage', () => {
  const sorted = ['a', 'b/1', 'b/2', 'c'];

  it('never returns more than maxKeys items and names the last one for the next page', () => {
    expect(listPage(sorted, { prefix: '', delimiter: '/', maxKeys: 2 })).toEqual({ keys: ['a'], commonPrefixes: ['b/'], truncated: true, next: 'b/' });
  });

  it('skips the keys under a common prefix the previous page ended on', () => {
    expect(listPage(sorted, { prefix: '', delimiter: '/', maxKeys: 2, marker: 'b/' })).toEqual({ keys: ['c'], commonPrefixes: [], truncated: false });
  });

  it('is not truncated when the page holds exactly what is left', () => {
    expect(listPage(sorted, { prefix: 'b/', delimiter: '', maxKeys: 2 })).toEqual({ keys: ['b/1', 'b/2'], commonPrefixes: [], truncated: false });
  });
});
