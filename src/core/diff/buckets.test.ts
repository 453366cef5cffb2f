import { describe, expect, it } from 'vitest';
import { buildPlan } from '../build-plan.js';
import type { Bucket } from '../model.js';
import { aBucket, aLiveBucket, anObject, desiredState, liveState, NOW } from '../test-support.js';

const plan = (buckets: Bucket[], live: NonNullable<Parameters<typeof liveState>[0]>) =>
  buildPlan(desiredState({ workforce: null, buckets }), liveState({ workforce: null, userPool: null, ...live }), { now: NOW });
const actions = (p: ReturnType<typeof plan>) => p.changes.map((c) => `${c.action} ${c.address}`);

describe('planBuckets', () => {
  it('creates a bucket, then uploads its objects', () => {
    const p = plan([aBucket('data', { objects: [anObject('Input/1.txt', '42')] })], {});
    expect(actions(p)).toEqual(['create bucket/data', 'create object/data/Input/1.txt']);
    expect(p.changes[1]!.dependsOn).toEqual(['bucket/data']);
  });

  it('is a no-op when settings and objects match', () => {
    const object = anObject('a.txt', 'x');
    const p = plan([aBucket('data', { objects: [object] })], { buckets: [aLiveBucket('data')], objects: { 'data/a.txt': { sha256: object.sha256 } } });
    expect(p.changes).toEqual([]);
    expect(p.summary['no-op']).toBe(2);
  });

  it('repairs CORS removed out of band, touching only CORS', () => {
    const p = plan([aBucket('data')], { buckets: [aLiveBucket('data', { cors: [] })] });
    expect(p.changes).toMatchObject([{ action: 'update', address: 'bucket/data', parts: ['cors'] }]);
    expect(p.changes[0]!.diff.map((d) => d.path)).toEqual(['cors']);
  });

  it('uploads an object whose content changed; compares by MD5 when gtctl did not write it', () => {
    const object = anObject('a.txt', 'new');
    const p = plan([aBucket('data', { objects: [object] })], { buckets: [aLiveBucket('data')], objects: { 'data/a.txt': { etag: 'd41d8cd98f00b204e9800998ecf8427e' } } });
    expect(actions(p)).toEqual(['update object/data/a.txt']);
  });

  it('treats versioning "off" as satisfied by a suspended bucket', () => {
    expect(plan([aBucket('data')], { buckets: [aLiveBucket('data', { versioning: 'Suspended' })] }).changes).toEqual([]);
  });

  it('blocks a same-named bucket it does not own', () => {
    const p = plan([aBucket('data')], { buckets: [aLiveBucket('data', { tags: {} })] });
    expect(actions(p)).toEqual(['blocked bucket/data']);
  });

  it('deletes a managed bucket dropped from the specs only when it is empty', () => {
    expect(actions(plan([], { buckets: [aLiveBucket('old')] }))).toEqual(['delete bucket/old']);
    const full = plan([], { buckets: [aLiveBucket('old', { empty: false })] });
    expect(actions(full)).toEqual(['blocked bucket/old']);
    expect(full.changes[0]).toMatchObject({ blockedBy: 'bucket-not-empty', reasons: [expect.stringContaining('holds objects')] });
  });
});
