// Use case: unlock. The tree's apply lock (Project `spec.lock`) and who holds it, and a way to break it.
import { GtctlError } from '../core/errors.js';
import { connected } from './plan.js';
import { readLock, type LockHolder, type LockLocation } from './lock.js';
import type { AwsOptions } from './session.js';

/** `gtctl unlock`: the lock and its holder (undefined: not held). */
export async function findLock(directory: string, options: AwsOptions): Promise<{ location: LockLocation; holder: LockHolder | undefined; breakLock: () => Promise<void> }> {
  const { desired, ports } = await connected(directory, options);
  const location = desired.project.lock;
  if (!location) throw new GtctlError('no-lock', 'the Project names no lock (spec.lock), so there is nothing to unlock', 'user', 'Set `lock: s3://bucket/key` in the Project spec to make applies lock.');
  const holder = await readLock(ports.s3, location);
  return { location, holder, breakLock: () => ports.s3.deleteObject(location.bucket, location.key) };
}
