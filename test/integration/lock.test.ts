// The apply lock (Project spec.lock): two applies at once never interleave their writes; a stale lock blocks apply
// until `gtctl unlock --force`.
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { base, isWrite, useSandbox } from '../helpers/gtctl.js';

const world = useSandbox();
const LOCK = { Bucket: 'gtctl-locks', Key: 'labeling/apply.lock' };

async function lockedTree(): Promise<string> {
  // A lock bucket made long ago: settled, not a new bucket's consistency window (aws-evidence E1).
  await world.settled(() => world.s3.send(new CreateBucketCommand({ Bucket: LOCK.Bucket })));
  return world.specs(base({ lock: `s3://${LOCK.Bucket}/${LOCK.Key}` }));
}

/** The successful writes as `service.Operation`; the tree has no Bucket, so S3 object writes are the lock's. */
async function writes(): Promise<string[]> {
  return (await world.requests()).filter((e) => isWrite(e) && e.status < 300 && e.operation !== 'CreateBucket').map((e) => `${e.service}.${e.operation}`);
}

describe('apply lock', () => {
  it('two applies at once: one applies, the other fails on the held lock; no interleaving', async () => {
    const dir = await lockedTree();
    await world.clearRequests();
    const [a, b] = await Promise.all([world.gtctl('apply', '-d', dir, '--auto-approve'), world.gtctl('apply', '-d', dir, '--auto-approve')]);
    const [won, lost] = a.code === 0 ? [a, b] : [b, a];
    expect(won.code, won.stderr).toBe(0);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toMatch(/lock-held: the account is locked by `gtctl apply[^`]*` \(project labeling\) on .+ pid \d+ since \d{4}-\d\d-\d\dT[\d:.]+Z \(\d+s ago\)/);
    expect(lost.stderr).toContain('gtctl unlock');
    const log = await writes();
    expect(log[0]).toBe('s3.PutObject');
    expect(log.at(-1)).toBe('s3.DeleteObject');
    expect(log.slice(1, -1).some((w) => w.startsWith('s3.'))).toBe(false);
    expect(log.length).toBeGreaterThan(2);
    expect((await world.requests()).some((e) => e.operation === 'PutObject' && e.status === 412)).toBe(true);
    // Released: nothing left behind.
    await expect(world.s3.send(new GetObjectCommand(LOCK))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('with --lock-timeout the second waits, then finds nothing to do; writes do not interleave', async () => {
    const dir = await lockedTree();
    await world.clearRequests();
    const [a, b] = await Promise.all([
      world.gtctl('apply', '-d', dir, '--auto-approve', '--lock-timeout', '1m'),
      world.gtctl('apply', '-d', dir, '--auto-approve', '--lock-timeout', '1m'),
    ]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const waited = a.stderr.includes('waiting up to 1m') ? a : b;
    expect(waited.stderr).toContain('is held by `gtctl apply');
    expect(waited.stdout).toMatch(/no changes|nothing to do|up to date/i);
    const log = await writes();
    // Lock, the first apply's writes, release; then lock and release with nothing between.
    expect(log.slice(-2)).toEqual(['s3.PutObject', 's3.DeleteObject']);
    const first = log.slice(0, -2);
    expect(first[0]).toBe('s3.PutObject');
    expect(first.at(-1)).toBe('s3.DeleteObject');
    expect(first.slice(1, -1).some((w) => w.startsWith('s3.'))).toBe(false);
  });

  it('a stale lock blocks apply with a clear message until `gtctl unlock --force`', async () => {
    const dir = await lockedTree();
    const stale = { owner: 'dead-beef', host: 'ci-runner-7', pid: 4242, startedAt: new Date(Date.now() - 3_600_000).toISOString(), project: 'labeling', command: 'gtctl apply --auto-approve' };
    await world.s3.send(new PutObjectCommand({ ...LOCK, Body: JSON.stringify(stale) }));
    const blocked = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('the account is locked by `gtctl apply --auto-approve` (project labeling) on ci-runner-7 pid 4242 since');
    expect(blocked.stderr).toMatch(/\(1h(0m)?\d*s? ago\)|\(1h ago\)|\(1h0m\d+s ago\)|\(59m\d+s ago\)/);
    expect((await world.requests()).filter((e) => isWrite(e) && e.status < 300 && e.service !== 's3')).toEqual([]);
    // No terminal and no --force: refused, the lock stays.
    const asked = await world.gtctl('unlock', '-d', dir);
    expect(asked.code).toBe(1);
    expect(asked.stdout).toContain('is held by `gtctl apply --auto-approve` (project labeling) on ci-runner-7 pid 4242');
    expect(asked.stderr).toContain('--force');
    const unlocked = await world.gtctl('unlock', '-d', dir, '--force');
    expect(unlocked.code, unlocked.stderr).toBe(0);
    expect(unlocked.stdout).toContain(`deleted the lock s3://${LOCK.Bucket}/${LOCK.Key}`);
    await world.apply(dir);
    expect((await world.gtctl('unlock', '-d', dir, '--force')).stdout).toContain('is not held');
  });
});
