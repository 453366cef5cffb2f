// Object access other sandbox services need (SageMaker reads manifests and label files, writes output manifests).
// Placeholder signatures: the S3 implementation replaces the bodies, never the signatures.
import type { S3State } from './state.js';

export function getObject(_state: S3State, _bucket: string, _key: string): { body: Buffer; contentType?: string } | undefined {
  return undefined;
}

/** Writes (or overwrites) an object, as a service principal would; false when the bucket does not exist. */
export function putObject(_state: S3State, _bucket: string, _key: string, _body: Buffer, _contentType?: string): boolean {
  return false;
}

/** The bucket's region, or undefined when there is no such bucket. */
export function bucketRegion(_state: S3State, _bucket: string): string | undefined {
  return undefined;
}
