// The apply lock (Project `spec.lock`): one S3 object that two applies on the same account cannot both create.
// Taking it is a PutObject with `If-None-Match: *` (aws-facts §8.4): S3 answers 412 when the key exists, so exactly
// one of two racing applies wins. The body names the holder, for the message the loser prints and for release.
//
// Release deletes the object only when it is still ours: read it, compare the owner id, then delete. DeleteObject
// takes no condition here, so a small race remains: if, between our read and our delete, someone runs
// `gtctl unlock --force` and a third apply takes the lock, our delete removes theirs. It needs a manual unlock in
// that window, which the hint reserves for dead applies.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { S3Port } from '../aws/ports.js';
import { GtctlError } from '../core/errors.js';
import { formatDuration } from '../spec/durations.js';

export interface LockLocation {
  bucket: string;
  key: string;
}

/** What the lock object holds (JSON). */
export interface LockHolder {
  /** A random id per apply: what release compares. */
  owner: string;
  host: string;
  pid: number;
  /** ISO 8601. */
  startedAt: string;
  project: string;
  command: string;
}

export interface LockOptions {
  project: string;
  command: string;
  /** How long to wait for a held lock, in ms; 0 (default) fails at once. */
  timeoutMs?: number;
  /** Between two attempts while waiting (default 1.5 s). */
  pollMs?: number;
  /** Told once when the lock is held and gtctl starts waiting. */
  onWait?: (holder: LockHolder | undefined, location: LockLocation) => void;
  /** Injected for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  identity?: { host: string; pid: number };
}

export interface HeldLock {
  holder: LockHolder;
  location: LockLocation;
  /** Deletes the lock if it is still ours; never throws for a lock that is gone or taken over. */
  release(): Promise<void>;
}

export const lockUri = (location: LockLocation): string => `s3://${location.bucket}/${location.key}`;

/** Reads the lock object: undefined when there is none; an unreadable body is reported with owner `unknown`. */
export async function readLock(s3: S3Port, location: LockLocation): Promise<LockHolder | undefined> {
  const text = await s3.getObjectText(location.bucket, location.key);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (parsed && typeof parsed === 'object' && typeof parsed.owner === 'string') {
      return {
        owner: parsed.owner,
        host: String(parsed.host ?? 'unknown host'),
        pid: Number(parsed.pid ?? 0),
        startedAt: String(parsed.startedAt ?? ''),
        project: String(parsed.project ?? ''),
        command: String(parsed.command ?? ''),
      };
    }
  } catch {
    // Not gtctl's JSON: fall through.
  }
  return { owner: 'unknown', host: 'unknown host', pid: 0, startedAt: '', project: '', command: '' };
}

/** `gtctl apply (project labeling) on ci-runner pid 4242`. */
export function describeHolder(holder: LockHolder): string {
  if (holder.owner === 'unknown') return 'an unknown holder (the lock object is not gtctl JSON)';
  const what = holder.command ? `\`${holder.command}\`` : 'gtctl';
  return `${what}${holder.project ? ` (project ${holder.project})` : ''} on ${holder.host} pid ${holder.pid}`;
}

/** `2024-05-01T10:00:00.000Z (3m12s ago)`, or `an unknown time`. */
export function describeSince(holder: LockHolder, nowMs: number): string {
  const started = Date.parse(holder.startedAt);
  if (Number.isNaN(started)) return 'an unknown time';
  const age = Math.max(0, Math.round((nowMs - started) / 1000));
  return `${holder.startedAt} (${formatDuration(age)} ago)`;
}

export function lockHeldError(holder: LockHolder | undefined, location: LockLocation, nowMs: number, waitedMs: number): GtctlError {
  const who = holder ? describeHolder(holder) : 'another apply';
  const since = holder ? describeSince(holder, nowMs) : 'an unknown time';
  const waited = waitedMs > 0 ? ` (waited ${formatDuration(Math.round(waitedMs / 1000))})` : '';
  return new GtctlError(
    'lock-held',
    `the account is locked by ${who} since ${since}${waited}; lock ${lockUri(location)}`,
    'user',
    'Wait for that apply to finish, or run `gtctl unlock` if it died (it leaves the lock behind). `--lock-timeout 5m` waits for it.',
  );
}

/** Takes the lock, waiting up to `timeoutMs` while another holder has it; throws `lock-held` when it cannot. */
export async function acquireLock(s3: S3Port, location: LockLocation, options: LockOptions): Promise<HeldLock> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = options.timeoutMs ?? 0;
  const pollMs = options.pollMs ?? 1500;
  const identity = options.identity ?? { host: hostname(), pid: process.pid };
  const start = now();
  let told = false;
  let vanished = 0;
  for (;;) {
    const holder: LockHolder = { owner: randomUUID(), host: identity.host, pid: identity.pid, startedAt: new Date(now()).toISOString(), project: options.project, command: options.command };
    const body = new TextEncoder().encode(`${JSON.stringify(holder, null, 2)}\n`);
    if (await s3.putObjectIfAbsent(location.bucket, location.key, body, { contentType: 'application/json' })) {
      return { holder, location, release: () => releaseLock(s3, location, holder.owner) };
    }
    // Held (or being taken right now): see by whom, then wait or give up. A lock released between the failed write
    // and this read reads as undefined: just try again.
    const current = await readLock(s3, location);
    if (current === undefined && vanished++ < 3) continue;
    const waited = now() - start;
    if (waited >= timeoutMs) throw lockHeldError(current, location, now(), waited);
    if (!told) {
      told = true;
      options.onWait?.(current, location);
    }
    await sleep(Math.min(pollMs, Math.max(0, timeoutMs - waited)));
  }
}

/** Deletes the lock when it still names `owner`. */
export async function releaseLock(s3: S3Port, location: LockLocation, owner: string): Promise<void> {
  const current = await readLock(s3, location);
  if (current?.owner !== owner) return;
  await s3.deleteObject(location.bucket, location.key);
}

/** Runs `work` holding the lock (when there is one), and releases it however `work` ends. */
export async function withLock<T>(s3: S3Port | undefined, location: LockLocation | undefined, options: LockOptions, work: () => Promise<T>): Promise<T> {
  if (!s3 || !location) return work();
  const lock = await acquireLock(s3, location, options);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // The work's error is the one to report; a failed release only leaves the lock behind for `gtctl unlock`.
    await lock.release().catch(() => undefined);
    throw error;
  }
  await lock.release();
  return result;
}
