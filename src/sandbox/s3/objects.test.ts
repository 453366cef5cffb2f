// The object store as the other sandbox services use it (SageMaker reads manifests, writes output manifests).
import { describe, expect, it } from 'vitest';
import { bucketRegion, getObject, putObject, removeObject, storeObject } from './objects.js';
import { emptyS3State, newBucket, type S3State } from './state.js';

const NOW = new Date('2025-06-01T12:00:00.750Z');

function stateWith(bucket: string, region = 'us-west-2'): S3State {
  const state = emptyS3State();
  state.buckets[bucket] = newBucket(region, NOW.getTime(), 'BucketOwnerEnforced');
  return state;
}

describe('putObject / getObject', () => {
  it('write an object a GetObject would serve, dated by the clock given, to the second', () => {
    const state = stateWith('labels');
    expect(putObject(state, 'labels', 'out/manifest.jsonl', Buffer.from('{"source":"42"}\n'), 'application/jsonlines', NOW)).toBe(true);
    expect(getObject(state, 'labels', 'out/manifest.jsonl')).toEqual({ body: Buffer.from('{"source":"42"}\n'), contentType: 'application/jsonlines' });
    const record = state.buckets['labels']!.objects['out/manifest.jsonl']!;
    expect(record).toMatchObject({ size: 16, lastModifiedMs: Date.parse('2025-06-01T12:00:00Z'), encryption: { algorithm: 'AES256' } });
    expect(record.etag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('overwrite, and default the content type as S3 does', () => {
    const state = stateWith('labels');
    putObject(state, 'labels', 'k', Buffer.from('one'), 'text/plain', NOW);
    putObject(state, 'labels', 'k', Buffer.from('two'), undefined, NOW);
    expect(getObject(state, 'labels', 'k')).toEqual({ body: Buffer.from('two'), contentType: 'binary/octet-stream' });
  });

  it('report a missing bucket or key', () => {
    const state = stateWith('labels');
    expect(putObject(state, 'nope', 'k', Buffer.from('x'), undefined, NOW)).toBe(false);
    expect(getObject(state, 'nope', 'k')).toBeUndefined();
    expect(getObject(state, 'labels', 'missing')).toBeUndefined();
  });

  it('give writes to a versioned bucket a version id', () => {
    const state = stateWith('labels');
    state.buckets['labels']!.versioning = 'Enabled';
    putObject(state, 'labels', 'k', Buffer.from('x'), undefined, NOW);
    expect(state.buckets['labels']!.objects['k']!.versionId).toMatch(/^[\w-]{32}$/);
  });
});

describe('bucketRegion', () => {
  it('is the region the bucket was created in, or undefined', () => {
    const state = stateWith('labels', 'ap-northeast-1');
    expect(bucketRegion(state, 'labels')).toBe('ap-northeast-1');
    expect(bucketRegion(state, 'nope')).toBeUndefined();
  });
});

describe('storeObject', () => {
  it('takes the bucket default encryption, with an opaque ETag and the managed key under SSE-KMS', () => {
    const bucket = newBucket('eu-west-1', 0, 'BucketOwnerEnforced');
    bucket.encryption = { SSEAlgorithm: 'aws:kms', BucketKeyEnabled: true };
    const record = storeObject(bucket, 'k', Buffer.from('hello'), { headers: { 'content-type': 'text/plain' }, metadata: {}, storageClass: 'STANDARD' }, 0);
    expect(record.etag).not.toBe('"5d41402abc4b2a76b9719d911017c592"');
    expect(record.encryption).toEqual({ algorithm: 'aws:kms', bucketKeyEnabled: true, kmsKeyId: 'arn:aws:kms:eu-west-1:000000000000:alias/aws/s3' });
  });
});

describe('removeObject', () => {
  const write = { headers: { 'content-type': 'text/plain' }, metadata: {}, storageClass: 'STANDARD' };

  it('deletes outright in an unversioned bucket, missing keys included', () => {
    const bucket = newBucket('eu-west-1', 0, 'BucketOwnerEnforced');
    storeObject(bucket, 'k', Buffer.from('x'), write, 0);
    expect(removeObject(bucket, 'k', 0)).toEqual({});
    expect(removeObject(bucket, 'k', 0)).toEqual({});
    expect(bucket.objects).toEqual({});
    expect(bucket.history).toBeUndefined();
  });

  it('leaves a delete marker in a versioned bucket: a new id when Enabled, null when Suspended', () => {
    const bucket = newBucket('eu-west-1', 0, 'BucketOwnerEnforced');
    bucket.versioning = 'Enabled';
    const enabled = removeObject(bucket, 'k', NOW.getTime());
    expect(enabled).toEqual({ deleteMarker: true, versionId: expect.stringMatching(/^[\w-]{32}$/) });
    bucket.versioning = 'Suspended';
    expect(removeObject(bucket, 'k', NOW.getTime())).toEqual({ deleteMarker: true, versionId: 'null' });
    expect(bucket.history?.['k']).toEqual([
      { deleteMarker: true, versionId: 'null', lastModifiedMs: Date.parse('2025-06-01T12:00:00Z') },
      { deleteMarker: true, versionId: enabled.versionId, lastModifiedMs: Date.parse('2025-06-01T12:00:00Z') },
    ]);
  });

  it('keeps the object a delete marker hides, and removes exactly the version asked for', () => {
    const bucket = newBucket('eu-west-1', 0, 'BucketOwnerEnforced');
    bucket.versioning = 'Enabled';
    const { versionId } = storeObject(bucket, 'k', Buffer.from('x'), write, 0);
    expect(removeObject(bucket, 'k', 0, 'some-older-version')).toEqual({ versionId: 'some-older-version' });
    const marker = removeObject(bucket, 'k', 0);
    expect(bucket.objects['k']).toBeUndefined();
    expect(bucket.history?.['k']?.map((v) => v.versionId)).toEqual([marker.versionId, versionId]);
    // Removing the marker makes the object current again.
    expect(removeObject(bucket, 'k', 0, marker.versionId)).toEqual({ deleteMarker: true, versionId: marker.versionId });
    expect(bucket.objects['k']?.versionId).toBe(versionId);
    expect(removeObject(bucket, 'k', 0, versionId)).toEqual({ versionId });
    expect(bucket).toMatchObject({ objects: {}, history: {} });
  });
});

describe('storeObject in a versioned bucket', () => {
  const write = { headers: { 'content-type': 'text/plain' }, metadata: {}, storageClass: 'STANDARD' };

  it('keeps the previous version when Enabled; replaces only the null version when Suspended', () => {
    const bucket = newBucket('eu-west-1', 0, 'BucketOwnerEnforced');
    const unversioned = storeObject(bucket, 'k', Buffer.from('before versioning'), write, 0);
    bucket.versioning = 'Enabled';
    const enabled = storeObject(bucket, 'k', Buffer.from('enabled'), write, 0);
    expect(bucket.history?.['k']).toEqual([unversioned]);
    bucket.versioning = 'Suspended';
    const suspended = storeObject(bucket, 'k', Buffer.from('suspended'), write, 0);
    // The object written before versioning was the null version: the Suspended write replaced it.
    expect(bucket.objects['k']).toBe(suspended);
    expect(bucket.history?.['k']).toEqual([enabled]);
    storeObject(bucket, 'k', Buffer.from('suspended again'), write, 0);
    expect(bucket.history?.['k']).toEqual([enabled]);
  });
});
