// The object store: writing, reading and removing object records in a bucket. PutObject, DeleteObject and
// DeleteObjects go through here, and so do the other sandbox services, which read manifests and label files and
// write output manifests "as a service principal would" through the first three exports.
import { randomBytes } from 'node:crypto';
import { SANDBOX_ACCOUNT } from '../service.js';
import type { Checksum } from './checksums.js';
import { md5Hex } from './checksums.js';
import type { BucketRecord, DeleteMarkerRecord, ObjectRecord, S3State } from './state.js';
import { addVersion, isDeleteMarker, removeVersion, versionOfNewWrite } from './versions.js';

export function getObject(state: S3State, bucket: string, key: string): { body: Buffer; contentType?: string } | undefined {
  const record = state.buckets[bucket]?.objects[key];
  return record && { body: objectBody(record), contentType: record.headers['content-type'] };
}

/**
 * Writes (or overwrites) an object, as a service principal would; false when the bucket does not exist.
 * `now` should be the caller's `ctx.now()`; without it the real clock dates the object (the simulated clock offset
 * lives outside the S3 state this function is given).
 */
export function putObject(state: S3State, bucket: string, key: string, body: Buffer, contentType?: string, now?: Date): boolean {
  const record = state.buckets[bucket];
  if (!record) return false;
  const headers = { 'content-type': contentType ?? DEFAULT_CONTENT_TYPE };
  storeObject(record, key, body, { headers, metadata: {}, storageClass: 'STANDARD' }, (now ?? new Date()).getTime());
  return true;
}

/** The bucket's region, or undefined when there is no such bucket. */
export function bucketRegion(state: S3State, bucket: string): string | undefined {
  return state.buckets[bucket]?.region;
}

/** What S3 stores as Content-Type when the writer sends none. */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

export interface ObjectWrite {
  headers: Record<string, string>;
  metadata: Record<string, string>;
  storageClass: string;
  /** Per-object encryption from the request; the bucket's default encryption otherwise. */
  encryption?: ObjectRecord['encryption'];
  checksum?: Checksum;
}

export function storeObject(bucket: BucketRecord, key: string, body: Buffer, write: ObjectWrite, nowMs: number): ObjectRecord {
  const encryption = write.encryption ?? {
    algorithm: bucket.encryption.SSEAlgorithm,
    ...(bucket.encryption.KMSMasterKeyID !== undefined && { kmsKeyId: bucket.encryption.KMSMasterKeyID }),
    bucketKeyEnabled: bucket.encryption.BucketKeyEnabled,
  };
  const kms = encryption.algorithm !== 'AES256';
  const record: ObjectRecord = {
    body: body.toString('base64'),
    // AWS documents that the ETag of an SSE-KMS object is not the MD5 of its data; clients must not rely on it.
    etag: `"${kms ? randomBytes(16).toString('hex') : md5Hex(body)}"`,
    size: body.length,
    lastModifiedMs: toTheSecond(nowMs),
    headers: write.headers,
    metadata: write.metadata,
    storageClass: write.storageClass,
    // UNCONFIRMED: AWS names the account's aws/s3 managed key by its key ARN; the sandbox has no KMS, so the alias.
    encryption: kms && encryption.kmsKeyId === undefined ? { ...encryption, kmsKeyId: awsManagedKey(bucket.region) } : encryption,
    ...(write.checksum !== undefined && { checksum: write.checksum }),
    ...versionOfNewWrite(bucket),
  };
  addVersion(bucket, key, record);
  return record;
}

// S3 reports Last-Modified to the second.
function toTheSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export function objectBody(record: ObjectRecord): Buffer {
  return Buffer.from(record.body, 'base64');
}

/** What a delete reports: whether it created or removed a delete marker, and that marker's or version's id. */
export interface DeleteOutcome {
  deleteMarker?: true;
  versionId?: string;
}

/**
 * Removes a key as DeleteObject does. With a version id, exactly that version or delete marker goes (a version the
 * bucket does not hold is nothing to delete). Without one, a bucket whose versioning was never configured forgets the
 * object; any other gets a delete marker as the key's latest version (`null` when Suspended, replacing the null
 * version), and the object it hides stays behind as a noncurrent version.
 */
export function removeObject(bucket: BucketRecord, key: string, nowMs: number, versionId?: string): DeleteOutcome {
  if (versionId !== undefined) {
    const removed = removeVersion(bucket, key, versionId);
    return { ...(removed && isDeleteMarker(removed) && { deleteMarker: true }), versionId };
  }
  if (bucket.versioning === undefined) {
    delete bucket.objects[key];
    return {};
  }
  const marker: DeleteMarkerRecord = { deleteMarker: true, versionId: versionOfNewWrite(bucket).versionId!, lastModifiedMs: toTheSecond(nowMs) };
  addVersion(bucket, key, marker);
  return { deleteMarker: true, versionId: marker.versionId };
}

function awsManagedKey(region: string): string {
  return `arn:aws:kms:${region}:${SANDBOX_ACCOUNT}:alias/aws/s3`;
}
