import { describe, expect, it } from 'vitest';
import { bucketDoc, check, run } from '../../../test/helpers/specs.js';
import { bucketNameProblem, bucketNamesValid, objectsHaveOneSource } from './buckets.js';

describe('bucketNameProblem', () => {
  it.each([
    ['gtctl-data', undefined],
    ['data.example.com', undefined],
    ['my..bucket', 'must not contain two adjacent dots'],
    ['192.168.5.4', 'must not look like an IP address'],
    ['xn--bucket', 'must not start with "xn--"'],
    ['sthree-data', 'must not start with "sthree-"'],
    ['amzn-s3-demo-bucket', 'must not start with "amzn-s3-demo-"'],
    ['data-s3alias', 'must not end with "-s3alias"'],
    ['data--ol-s3', 'must not end with "--ol-s3"'],
    ['data.mrap', 'must not end with ".mrap"'],
    ['data--x-s3', 'must not end with "--x-s3"'],
  ])('%s: %s', (name, problem) => {
    expect(bucketNameProblem(name)).toBe(problem);
  });
});

describe('bucketNamesValid', () => {
  it('accepts a plain name', () => {
    expect(check(bucketNamesValid, [bucketDoc()])).toEqual([]);
  });

  it('reports a name S3 rejects, at the name', () => {
    const [d] = run(bucketNamesValid, [bucketDoc({ name: 'xn--bucket' })]);
    expect(d).toMatchObject({ severity: 'error', code: 'invalid-bucket-name', path: 'metadata.name', message: 'bucket name "xn--bucket" must not start with "xn--"' });
  });

  it('warns about dots, which break TLS with virtual-hosted-style requests', () => {
    expect(check(bucketNamesValid, [bucketDoc({ name: 'data.example.com' })])).toEqual(['warning bucket-name-dots metadata.name']);
  });
});

describe('objectsHaveOneSource', () => {
  it('accepts objects with content or a file, and distinct keys', () => {
    const objects = [{ key: 'a.txt', content: 'a' }, { key: 'b.txt', file: 'b.txt' }];
    expect(check(objectsHaveOneSource, [bucketDoc({ spec: { objects } })], { files: { 'b.txt': 'b' } })).toEqual([]);
  });

  it('reports an object with both content and file, at the file', () => {
    const objects = [{ key: 'a.txt', content: 'a', file: 'a.txt' }];
    expect(check(objectsHaveOneSource, [bucketDoc({ spec: { objects } })], { files: { 'a.txt': 'a' } })).toEqual(['error object-source spec.objects[0].file']);
  });

  it('reports an object with neither, at the object', () => {
    expect(check(objectsHaveOneSource, [bucketDoc({ spec: { objects: [{ key: 'a.txt' }] } })])).toEqual(['error object-source spec.objects[0]']);
  });

  it('reports a key declared twice in one bucket, at the second', () => {
    const objects = [{ key: 'a.txt', content: 'a' }, { key: 'b.txt', content: 'b' }, { key: 'a.txt', content: 'c' }];
    const [d, ...rest] = run(objectsHaveOneSource, [bucketDoc({ spec: { objects } })]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'duplicate-object-key', path: 'spec.objects[2].key', message: 'object key "a.txt" is declared twice in this bucket (also objects[0])' });
  });

  it('allows one key in two buckets', () => {
    const objects = [{ key: 'a.txt', content: 'a' }];
    expect(check(objectsHaveOneSource, [bucketDoc({ spec: { objects } }), bucketDoc({ name: 'other-data', spec: { objects } })])).toEqual([]);
  });
});
