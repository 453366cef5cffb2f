// The apply lock (Project `spec.lock`) for people: apply's note while it waits for the lock, and `gtctl unlock`'s
// lines. Who holds it and since when are described by app/lock.ts, which also words the `lock-held` error.
import { describeHolder, describeSince, lockUri, type LockHolder, type LockLocation } from '../app/lock.js';
import type { Style } from './style.js';

/** Apply, once, when it starts waiting: `timeout` as the user wrote it (`--lock-timeout`). */
export function lockWaitNote(location: LockLocation, holder: LockHolder | undefined, timeout: string, style: Style): string {
  return style.dim(`the lock ${lockUri(location)} is held by ${holder ? describeHolder(holder) : 'another apply'}; waiting up to ${timeout}\n`);
}

/** Unlock's first line: whether the lock is held, by whom and since when. */
export function lockState(location: LockLocation, holder: LockHolder | undefined, nowMs: number): string {
  if (!holder) return `${lockUri(location)} is not held; nothing to unlock\n`;
  return `${lockUri(location)} is held by ${describeHolder(holder)} since ${describeSince(holder, nowMs)}\n`;
}

/** The question unlock asks before deleting (the prompt adds `[y/N]`). */
export function unlockQuestion(style: Style): string {
  return `${style.bold('Delete the lock?')} Only if that apply is no longer running.`;
}

export function lockDeleted(location: LockLocation): string {
  return `deleted the lock ${lockUri(location)}\n`;
}
