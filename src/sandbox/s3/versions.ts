// The versions of each key (aws-evidence A9; S3 user guide, "Retaining multiple versions of objects"). The current
// object of a key lives in `bucket.objects`, so GET, HEAD and ListObjectsV2 find it directly; every older version
// and every delete marker lives in `bucket.history`, newest first. These helpers keep that split true through writes
// and deletes under any versioning status.
import { randomBytes } from 'node:crypto';
import type { BucketRecord, DeleteMarkerRecord, VersionRecord } from './state.js';

/** The id S3 reports for a version: objects written before versioning was configured are the `null` version. */
export function versionIdOf(version: VersionRecord): string {
  return version.versionId ?? 'null';
}

export function isDeleteMarker(version: VersionRecord): version is DeleteMarkerRecord {
  return 'deleteMarker' in version;
}

/** The version id a new write gets: a fresh one when Enabled, `null` when Suspended, none when never configured. */
export function versionOfNewWrite(bucket: BucketRecord): { versionId?: string } {
  if (bucket.versioning === undefined) return {};
  return { versionId: bucket.versioning === 'Enabled' ? randomBytes(24).toString('base64url') : 'null' };
}

/** Every version of a key, newest first: the first is the latest. */
export function versionsOf(bucket: BucketRecord, key: string): VersionRecord[] {
  const current = bucket.objects[key];
  const older = bucket.history?.[key] ?? [];
  return current ? [current, ...older] : older;
}

/** Every key with at least one version or delete marker, in no order. */
export function keysWithVersions(bucket: BucketRecord): string[] {
  return [...new Set([...Object.keys(bucket.objects), ...Object.keys(bucket.history ?? {})])];
}

/** The delete marker that is the latest version of a key, if it is one. */
export function latestDeleteMarker(bucket: BucketRecord, key: string): DeleteMarkerRecord | undefined {
  if (bucket.objects[key]) return undefined;
  const latest = bucket.history?.[key]?.[0];
  return latest && isDeleteMarker(latest) ? latest : undefined;
}

export function findVersion(bucket: BucketRecord, key: string, versionId: string): VersionRecord | undefined {
  return versionsOf(bucket, key).find((version) => versionIdOf(version) === versionId);
}

/**
 * Makes `version` (an object or a delete marker) the latest version of the key. A `null` version replaces the key's
 * previous `null` version, as S3 does when versioning is Suspended or was never configured; any other current object
 * becomes noncurrent.
 */
export function addVersion(bucket: BucketRecord, key: string, version: VersionRecord): void {
  if (versionIdOf(version) === 'null') removeVersion(bucket, key, 'null');
  const current = bucket.objects[key];
  if (current) {
    olderVersions(bucket, key).unshift(current);
    delete bucket.objects[key];
  }
  if (isDeleteMarker(version)) olderVersions(bucket, key).unshift(version);
  else bucket.objects[key] = version;
  tidy(bucket, key);
}

/**
 * Removes exactly one version or delete marker of a key; undefined when the key has no such version. When the latest
 * is gone and the next newest is an object, that object is current again (removing a delete marker undeletes).
 */
export function removeVersion(bucket: BucketRecord, key: string, versionId: string): VersionRecord | undefined {
  const current = bucket.objects[key];
  let removed: VersionRecord | undefined;
  if (current && versionIdOf(current) === versionId) {
    removed = current;
    delete bucket.objects[key];
  } else {
    const older = bucket.history?.[key] ?? [];
    const at = older.findIndex((version) => versionIdOf(version) === versionId);
    if (at >= 0) removed = older.splice(at, 1)[0];
  }
  tidy(bucket, key);
  return removed;
}

function olderVersions(bucket: BucketRecord, key: string): VersionRecord[] {
  bucket.history ??= {};
  return (bucket.history[key] ??= []);
}

// Restores the split: a key's latest object is in `objects`; keys with no older versions have no history entry.
function tidy(bucket: BucketRecord, key: string): void {
  const older = bucket.history?.[key];
  if (older === undefined) return;
  const next = older[0];
  if (!bucket.objects[key] && next !== undefined && !isDeleteMarker(next)) {
    bucket.objects[key] = next;
    older.shift();
  }
  if (older.length === 0) delete bucket.history![key];
}
