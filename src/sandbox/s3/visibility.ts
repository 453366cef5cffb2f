// A new bucket is not usable at once (aws-evidence E1): S3's front ends learn of it over a consistency window. Until
// `visibleAtMs` none knows it, so every call on it but CreateBucket answers NoSuchBucket (ListBuckets lists it at
// once); until `settledAtMs` some still do not, so a configuration write may land on one that answers NoSuchBucket
// even after HeadBucket succeeded (why Terraform retries every configuration Put on NoSuchBucket). Played only while
// realistic: an ideal sandbox stamps no windows and ignores those it finds.
import type { RequestContext } from '../service.js';
import type { BucketRecord } from './state.js';

/** The chance that a configuration write meets a lagging front end before the bucket has settled. */
const LAGGING_FRONT_END = 0.5;

/** The windows of a bucket created now: visible after one consistency window, settled after another. */
export function newBucketWindows(ctx: RequestContext): Pick<BucketRecord, 'visibleAtMs' | 'settledAtMs'> {
  if (!ctx.realism.on) return {};
  const visibleAtMs = ctx.now().getTime() + ctx.realism.window();
  return { visibleAtMs, settledAtMs: visibleAtMs + ctx.realism.window() };
}

export function notYetVisible(bucket: BucketRecord, ctx: RequestContext): boolean {
  return ctx.realism.on && bucket.visibleAtMs !== undefined && ctx.now().getTime() < bucket.visibleAtMs;
}

/** Whether this configuration write reaches a front end that does not know the bucket yet (a seeded draw). */
export function frontEndLags(bucket: BucketRecord, ctx: RequestContext): boolean {
  return bucket.settledAtMs !== undefined && ctx.now().getTime() < bucket.settledAtMs && ctx.realism.chance(LAGGING_FRONT_END);
}
