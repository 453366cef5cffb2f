import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bucketDoc, load } from '../../../test/helpers/specs.js';
import { contentTypeFor, CORS_PRESETS, writtenCors } from './bucket.js';

function bucketOf(spec: Record<string, unknown>, files: Record<string, string> = {}) {
  const result = load([bucketDoc({ spec })], { files });
  expect(result.diagnostics).toEqual([]);
  return result.desired!.buckets[0]!;
}

describe('normalizeBucket', () => {
  it('fills every default: Ground Truth CORS, SSE-S3, all public access blocked, owner-enforced, no versioning', () => {
    expect(bucketOf({})).toEqual({
      name: 'gtctl-data',
      cors: [{ allowedMethods: ['GET'], allowedOrigins: ['*'], allowedHeaders: [], exposeHeaders: ['Access-Control-Allow-Origin'] }],
      encryption: { algorithm: 'AES256' },
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      objectOwnership: 'BucketOwnerEnforced',
      versioning: false,
      tags: {},
      adopt: false,
      objects: [],
    });
  });

  it('takes a bucket written without spec', () => {
    const result = load([{ apiVersion: 'gtctl/v1', kind: 'Bucket', metadata: { name: 'gtctl-data' } }]);
    expect(result.diagnostics).toEqual([]);
    expect(result.desired!.buckets[0]!.cors).toEqual(CORS_PRESETS['ground-truth']);
  });

  it('expands the CORS presets', () => {
    expect(bucketOf({ cors: 'ground-truth-video' }).cors).toEqual([
      { allowedMethods: ['GET', 'HEAD', 'PUT'], allowedOrigins: ['*'], allowedHeaders: ['*'], exposeHeaders: ['Access-Control-Allow-Origin'], maxAgeSeconds: 3000 },
    ]);
    expect(bucketOf({ cors: 'none' }).cors).toEqual([]);
  });

  it('completes written CORS rules', () => {
    expect(bucketOf({ cors: [{ allowedMethods: ['PUT'], allowedOrigins: ['https://example.com'], maxAgeSeconds: 0 }] }).cors).toEqual([
      { allowedMethods: ['PUT'], allowedOrigins: ['https://example.com'], allowedHeaders: [], exposeHeaders: [], maxAgeSeconds: 0 },
    ]);
  });

  it('uses a KMS key with a bucket key unless told otherwise', () => {
    expect(bucketOf({ encryption: { kmsKeyId: 'alias/labeling' } }).encryption).toEqual({ algorithm: 'aws:kms', kmsKeyId: 'alias/labeling', bucketKey: true });
    expect(bucketOf({ encryption: { kmsKeyId: 'alias/labeling', bucketKey: false } }).encryption).toEqual({ algorithm: 'aws:kms', kmsKeyId: 'alias/labeling', bucketKey: false });
  });

  it('reads blockPublicAccess as all four settings, or each one with the rest on', () => {
    expect(bucketOf({ blockPublicAccess: false }).publicAccessBlock).toEqual({ blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false });
    expect(bucketOf({ blockPublicAccess: { blockPublicPolicy: false } }).publicAccessBlock).toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: false,
      restrictPublicBuckets: true,
    });
  });

  it('reads objects from content or a file, hashes them, guesses the content type, and sorts them by key', () => {
    const objects = [
      { key: 'z/2.txt', content: '19' },
      { key: 'a/photo.JPG', file: 'photo.jpg' },
      { key: 'a/data.bin', content: 'x', contentType: 'text/plain' },
    ];
    const bucket = bucketOf({ objects }, { 'photo.jpg': 'jpeg bytes' });
    expect(bucket.objects.map(({ key, contentType }) => [key, contentType])).toEqual([
      ['a/data.bin', 'text/plain'],
      ['a/photo.JPG', 'image/jpeg'],
      ['z/2.txt', 'text/plain'],
    ]);
    expect(bucket.objects[2]).toEqual({ key: 'z/2.txt', bodyBase64: Buffer.from('19').toString('base64'), sha256: createHash('sha256').update('19').digest('hex'), contentType: 'text/plain' });
    expect(Buffer.from(bucket.objects[1]!.bodyBase64, 'base64').toString()).toBe('jpeg bytes');
  });

  it('reports a missing file at the file it names, and leaves the object out', () => {
    const result = load([bucketDoc({ spec: { objects: [{ key: 'a.txt', file: 'missing.txt' }] } })]);
    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['file-not-found spec.objects[0].file']);
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['input.manifest', 'application/jsonlines'],
    ['data.jsonl', 'application/jsonlines'],
    ['template.liquid', 'text/html'],
    ['labels.json', 'application/json'],
    ['image.PNG', 'image/png'],
    ['no-extension', 'application/octet-stream'],
    ['dir.d/file', 'application/octet-stream'],
  ])('%s: %s', (key, type) => {
    expect(contentTypeFor(key)).toBe(type);
  });
});

describe('writtenCors', () => {
  it.each(Object.entries(CORS_PRESETS))('names the %s preset', (name, rules) => {
    expect(writtenCors(rules)).toBe(name);
  });

  it('writes other rules out, without empty lists', () => {
    expect(writtenCors([{ allowedMethods: ['GET'], allowedOrigins: ['https://example.com'], allowedHeaders: [], exposeHeaders: [], maxAgeSeconds: 60 }])).toEqual([
      { allowedMethods: ['GET'], allowedOrigins: ['https://example.com'], maxAgeSeconds: 60 },
    ]);
  });
});
