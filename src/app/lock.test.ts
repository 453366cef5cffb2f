import { describe, expect, it } from 'vitest';
import type { S3Port } from '../aws/ports.js';
import { acquireLock, readLock, releaseLock, withLock, type LockHolder } from './lock.js';

const LOC = { bucket: 'locks', key: 'gtctl/apply.lock' };

/** Just the object calls the lock makes, on a map; `log` records them. */
function fakeS3() {
  const objects = new Map<string, string>();
  const log: string[] = [];
  const s3 = {
    async putObjectIfAbsent(bucket: string, key: string, body: Uint8Array) {
      log.push(`put ${key}`);
      if (objects.has(`${bucket}/${key}`)) return false;
      objects.set(`${bucket}/${key}`, new TextDecoder().decode(body));
      return true;
    },
    async getObjectText(bucket: string, key: string) {
      return objects.get(`${bucket}/${key}`);
    },
    async deleteObject(bucket: string, key: string) {
      log.push(`delete ${key}`);
      objects.delete(`${bucket}/${key}`);
    },
  } as unknown as S3Port;
  return { s3, objects, log };
}

const holder = (over: Partial<LockHolder> = {}): LockHolder => ({ owner: 'other', host: 'ci-1', pid: 42, startedAt: '2024-05-01T10:00:00.000Z', project: 'labeling', command: 'gtctl apply', ...over });
const clock = (start = Date.parse('2024-05-01T10:03:00.000Z')) => {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => (t += ms) };
};

describe('apply lock', () => {
  it('takes a free lock with a JSON body naming the holder, and releases it', async () => {
    const { s3, objects } = fakeS3();
    const c = clock();
    const lock = await acquireLock(s3, LOC, { project: 'labeling', command: 'gtctl apply', now: c.now, identity: { host: 'me', pid: 7 } });
    const body = JSON.parse(objects.get('locks/gtctl/apply.lock')!) as LockHolder;
    expect(body).toEqual({ owner: lock.holder.owner, host: 'me', pid: 7, startedAt: '2024-05-01T10:03:00.000Z', project: 'labeling', command: 'gtctl apply' });
    expect(body.owner).toMatch(/^[0-9a-f-]{36}$/);
    await lock.release();
    expect(objects.size).toBe(0);
  });

  it('fails at once when held (timeout 0), naming the holder, its start and age', async () => {
    const { s3, objects } = fakeS3();
    objects.set('locks/gtctl/apply.lock', JSON.stringify(holder()));
    const c = clock();
    const error = await acquireLock(s3, LOC, { project: 'labeling', command: 'gtctl apply', now: c.now, sleep: c.sleep }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'lock-held', source: 'user' });
    expect((error as Error).message).toContain('the account is locked by `gtctl apply` (project labeling) on ci-1 pid 42 since 2024-05-01T10:00:00.000Z (3m ago)');
    expect((error as { hint: string }).hint).toContain('gtctl unlock');
    expect(JSON.parse(objects.get('locks/gtctl/apply.lock')!)).toEqual(holder());
  });

  it('waits up to the timeout, polling, and takes the lock once it is released', async () => {
    const { s3, objects, log } = fakeS3();
    objects.set('locks/gtctl/apply.lock', JSON.stringify(holder()));
    const c = clock();
    const waits: Array<LockHolder | undefined> = [];
    const sleep = async (ms: number) => {
      await c.sleep(ms);
      if (c.now() - Date.parse('2024-05-01T10:03:00.000Z') >= 4000) objects.clear();
    };
    const lock = await acquireLock(s3, LOC, { project: 'p', command: 'gtctl apply', timeoutMs: 30_000, pollMs: 1500, now: c.now, sleep, onWait: (h) => waits.push(h) });
    expect(waits).toEqual([holder()]);
    expect(log.filter((l) => l.startsWith('put'))).toHaveLength(4);
    expect(JSON.parse(objects.get('locks/gtctl/apply.lock')!).owner).toBe(lock.holder.owner);
  });

  it('gives up after the timeout', async () => {
    const { s3, objects } = fakeS3();
    objects.set('locks/gtctl/apply.lock', JSON.stringify(holder()));
    const c = clock();
    const error = await acquireLock(s3, LOC, { project: 'p', command: 'c', timeoutMs: 5000, pollMs: 2000, now: c.now, sleep: c.sleep }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'lock-held' });
    expect((error as Error).message).toContain('(waited 5s)');
    expect(c.now() - Date.parse('2024-05-01T10:03:00.000Z')).toBe(5000);
  });

  it('release leaves a lock that is no longer ours', async () => {
    const { s3, objects, log } = fakeS3();
    objects.set('locks/gtctl/apply.lock', JSON.stringify(holder({ owner: 'someone-else' })));
    await releaseLock(s3, LOC, 'mine');
    expect(log).toEqual([]);
    expect(objects.size).toBe(1);
    await releaseLock(s3, LOC, 'someone-else');
    expect(objects.size).toBe(0);
  });

  it('withLock releases when the work fails, and keeps the work error', async () => {
    const { s3, objects } = fakeS3();
    await expect(withLock(s3, LOC, { project: 'p', command: 'c' }, async () => {
      expect(objects.size).toBe(1);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(objects.size).toBe(0);
    expect(await withLock(undefined, undefined, { project: 'p', command: 'c' }, async () => 5)).toBe(5);
  });

  it('reads a body that is not gtctl JSON as an unknown holder', async () => {
    const { s3, objects } = fakeS3();
    objects.set('locks/gtctl/apply.lock', 'hello');
    expect(await readLock(s3, LOC)).toMatchObject({ owner: 'unknown' });
    const error = await acquireLock(s3, LOC, { project: 'p', command: 'c' }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('an unknown holder');
  });
});
