// Carrying out a bucket change. Create makes the bucket, tags it at once (the ownership tag is what makes a re-run
// after an interruption see the bucket as ours rather than as a name clash), then sets every setting; update sets
// only the parts the plan names, one at a time; delete removes a bucket the plan found empty (S3 refuses one that
// is not).
import { GtctlError } from '../core/errors.js';
import type { Bucket } from '../core/model.js';
import type { BucketChange, BucketPart } from '../core/plan.js';
import type { ApplyRuntime } from './runtime.js';

export async function executeBucket(change: BucketChange, runtime: ApplyRuntime): Promise<void> {
  const { s3 } = runtime.ports;
  switch (change.action) {
    case 'create': {
      const bucket = desired(change);
      await s3.createBucket(change.name, change.region);
      // A new bucket is not usable at once (aws-evidence E1): wait until HeadBucket sees it, as Terraform does; the
      // configuration writes' own lag behind that is the retry policy's (src/aws/retry-policy.ts).
      await runtime.waitUntil(`bucket ${change.name} to exist`, () => s3.bucketExists(change.name));
      await s3.putTags(change.name, change.tags);
      // A new bucket has no CORS and no versioning: only asked-for values need a call.
      const parts = change.parts.filter((p) => p !== 'tags' && !(p === 'cors' && bucket.cors.length === 0) && !(p === 'versioning' && !bucket.versioning));
      return setParts(change, bucket, parts, runtime);
    }
    case 'update':
      return setParts(change, desired(change), change.parts, runtime);
    case 'delete':
      await s3.deleteBucket(change.name);
      return;
    case 'stop':
    case 'blocked':
      throw new GtctlError('unsupported-change', `cannot ${change.action} ${change.address}`, 'internal');
  }
}

function desired(change: BucketChange): Bucket {
  if (!change.bucket) throw new GtctlError('unsupported-change', `${change.action} ${change.address} carries no bucket`, 'internal');
  return change.bucket;
}

/**
 * One after another: S3 answers 409 OperationAborted to configuration writes racing on one bucket (aws-evidence
 * E1), and a few sequential calls cost less than the retries a race would bring.
 */
async function setParts(change: BucketChange, bucket: Bucket, parts: readonly BucketPart[], runtime: ApplyRuntime): Promise<void> {
  for (const part of parts) await setPart(change, bucket, part, runtime);
}

async function setPart(change: BucketChange, bucket: Bucket, part: BucketPart, runtime: ApplyRuntime): Promise<void> {
  const { s3 } = runtime.ports;
  switch (part) {
    case 'cors':
      return s3.putCors(change.name, bucket.cors);
    case 'encryption':
      return s3.putEncryption(change.name, bucket.encryption);
    case 'publicAccessBlock':
      return s3.putPublicAccessBlock(change.name, bucket.publicAccessBlock);
    case 'objectOwnership':
      return s3.putObjectOwnership(change.name, bucket.objectOwnership);
    case 'versioning':
      // Versioning once enabled can only be suspended (aws-facts §8; the diff treats Suspended as off).
      return s3.putVersioning(change.name, bucket.versioning ? 'Enabled' : 'Suspended');
    case 'tags':
      return s3.putTags(change.name, change.tags);
  }
}
