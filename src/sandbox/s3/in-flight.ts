// S3 takes a moment over a configuration write (and over CreateBucket), and refuses a second one on the same bucket
// while the first is in flight: 409 OperationAborted (aws-evidence E1; Terraform retries CreateBucket and treats that
// message as retryable for every S3 call). Writes one after the other never conflict. Played only while realistic:
// an ideal sandbox answers at once and never refuses.
import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceError, type HttpResponse, type RequestContext } from '../service.js';
import { noSuchBucket, requireBucket } from './buckets.js';
import type { S3Call, S3Operation } from './call.js';
import type { S3State } from './state.js';
import { frontEndLags } from './visibility.js';

/** How long S3 takes over such a write, drawn anew each time. */
const PROCESSING_MS = { min: 5, max: 30 };

// The buckets with a write in flight, by state (a sandbox's; a reset starts a new one). Transient, so never persisted.
const busyBuckets = new WeakMap<S3State, Set<string>>();

/** Runs a write of the kind `S3Operation.inFlight` names: after its processing time, unless it conflicts. */
export async function runInFlight(kind: NonNullable<S3Operation['inFlight']>, run: S3Operation['run'], call: S3Call, ctx: RequestContext): Promise<HttpResponse> {
  if (!ctx.realism.on) return run(call, ctx);
  if (kind === 'configure' && frontEndLags(requireBucket(call, ctx), ctx)) throw noSuchBucket();
  const busy = busyBuckets.get(ctx.state.s3) ?? new Set<string>();
  busyBuckets.set(ctx.state.s3, busy);
  if (busy.has(call.bucket)) {
    throw new ServiceError('OperationAborted', 'A conflicting conditional operation is currently in progress against this resource. Please try again.', 409);
  }
  busy.add(call.bucket);
  try {
    await sleep(PROCESSING_MS.min + Math.round(ctx.realism.random() * (PROCESSING_MS.max - PROCESSING_MS.min)));
    // The write takes effect as it is answered, on the bucket as it is then.
    return run(call, ctx);
  } finally {
    busy.delete(call.bucket);
  }
}
