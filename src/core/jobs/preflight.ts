// Checks made at plan time, before anything is written: a job whose input would make it fail is blocked with why.
//
// The manifest rules are those of the spec-time lint (manifest-check.ts), with two differences that follow from a
// job about to be created: every problem blocks (an S3 URI in a text task's `source` is only a warning in the lint,
// where the manifest may not be used by a text job yet), and a custom task's manifest is not held to a key, since
// its own Lambda and template decide what a line means.
//
// CORS: the labeling portal loads images from the browser, so every bucket that holds a built-in image task's
// `source-ref` objects needs a rule allowing GET from the portal (aws-facts §8.1), or those tasks fail. A bucket the
// specs declare is judged by its desired rules; another by its live rules. When neither is known (`corsOf` gives
// undefined: the bucket is not declared and its configuration could not be read) the job is blocked too: gtctl
// cannot show the tasks will work, and the fix (declaring the bucket, or letting gtctl read it) is the user's.
// Custom tasks are not checked: gtctl cannot know how their template uses the objects.
//
// Video frame and 3D point cloud tools do more from the browser: they read the frames and write their work in
// progress, so the input buckets and the output bucket need the `ground-truth-video` rule (GET, HEAD and PUT, any
// header; aws-facts §8.1). Their sequence files are checked too, where gtctl has their text (the specs keep them, or
// gtctl writes them): those elsewhere in S3 would cost one read each, and Ground Truth itself reports them.
import { BUILT_IN_TASK_TYPES, frameTypeOf, GROUND_TRUTH_REGIONS } from '../catalog.js';
import type { Bucket, CorsRule, LabelingJob } from '../model.js';
import { checkManifest, type ManifestProblem } from './manifest-check.js';
import { sequenceProblems } from './sequences.js';
import { parseS3Uri } from '../s3-uri.js';

export interface PreflightContext {
  /** The CORS rules a bucket will have after apply (desired if declared, else live), or undefined if unknown. */
  corsOf(bucket: string): readonly CorsRule[] | undefined;
  /** The text an S3 object will have after apply, when the specs declare it or gtctl writes it. */
  textOf(uri: string): string | undefined;
}

/** Problems of single lines shown before the rest are counted: one broken generator makes thousands. */
export const MAX_LINE_REASONS = 5;

/** Problems with the job's input manifest text (undefined: the manifest does not exist), as reasons for the plan. */
export function preflight(job: LabelingJob, manifest: string | undefined, context: PreflightContext): string[] {
  // A streaming job's objects are published later, one by one: nothing about them is known at plan time.
  if ('stream' in job.input) return [];
  if (manifest === undefined) return [missingManifest(job)];
  const type = job.task.type === 'custom' ? undefined : BUILT_IN_TASK_TYPES[job.task.type];
  const check = checkManifest(manifest, job);
  // The lint's `manifest-source-uri` is kept for text tasks only: for others, `manifest-wrong-key` says it better.
  const lines = check.lines.filter((p) => p.code !== 'manifest-source-uri' || type?.inputKey === 'source');
  const reasons = lines.slice(0, MAX_LINE_REASONS).map(lineReason);
  if (lines.length > MAX_LINE_REASONS) {
    const more = lines.length - MAX_LINE_REASONS;
    reasons.push(`and ${more} more problem${more === 1 ? '' : 's'} in the input manifest: fix the ones above first, they often share a cause`);
  }
  for (const problem of check.whole) reasons.push(check.objects === 0 && 'fromPrefix' in job.input ? emptyPrefix(job.input.fromPrefix) : `input manifest: ${problem.message}. ${problem.hint}`);
  const frames = frameTypeOf(job.task.type);
  if (frames) {
    reasons.push(...sequenceReasons(check.sourceRefs, frames.data, context));
    for (const bucket of frameToolBuckets(job, check.sourceRefBuckets)) {
      const rules = context.corsOf(bucket);
      if (rules === undefined || !rules.some(allowsFrameTool))
        reasons.push(
          `bucket ${bucket} is read and written by the ${job.task.type} tool in the workers' browsers, but ${rules === undefined ? 'its CORS configuration is unknown (the specs do not declare it and it could not be read)' : 'no CORS rule allows GET, HEAD and PUT with any header from the labeling portal'}, so the tasks would fail: give the bucket \`cors: ground-truth-video\``,
        );
    }
  } else if (type?.inputKey === 'source-ref') {
    for (const bucket of check.sourceRefBuckets) {
      const rules = context.corsOf(bucket);
      if (rules === undefined)
        reasons.push(
          `bucket ${bucket} holds images of this job, but its CORS configuration is unknown (the specs do not declare it and it could not be read): declare the bucket with \`cors: ground-truth\`, or let gtctl read it (s3:GetBucketCors); without that rule the tasks fail`,
        );
      else if (!rules.some(allowsLabelingPortal))
        reasons.push(
          `bucket ${bucket} holds images of this job but no CORS rule lets the labeling portal GET them, so the tasks would fail: give the bucket \`cors: ground-truth\` (GET from origin *)`,
        );
    }
  }
  return reasons;
}

/**
 * The buckets whose CORS rules the pre-flight of `job` judges, as far as the specs tell: for a built-in image task,
 * its `fromPrefix` bucket, or the `source-ref` buckets of its manifest when the specs keep it (a manifest read from
 * S3 names its own, which the live read adds). The plan reads those the specs do not declare.
 */
export function imageBucketsOf(job: LabelingJob, buckets: readonly Bucket[]): string[] {
  if (job.task.type === 'custom' || BUILT_IN_TASK_TYPES[job.task.type].inputKey !== 'source-ref') return [];
  const declared = 'manifest' in job.input ? declaredManifestBuckets(job.input.manifest, buckets) : [];
  if (frameTypeOf(job.task.type)) return frameToolBuckets(job, declared);
  if ('fromPrefix' in job.input) return [parseS3Uri(job.input.fromPrefix).bucket];
  // A chained job's images are its source job's: that job's pre-flight judged their bucket.
  return declared;
}

/** The `source-ref` buckets of a manifest the specs keep; none for one read from S3 (the live read finds its own). */
function declaredManifestBuckets(uri: string, buckets: readonly Bucket[]): string[] {
  const { bucket, key } = parseS3Uri(uri);
  const object = buckets.find((b) => b.name === bucket)?.objects.find((o) => o.key === key);
  return object ? checkManifest(Buffer.from(object.bodyBase64, 'base64').toString('utf8'), undefined).sourceRefBuckets : [];
}

/** The buckets a video frame or point cloud tool works in: where the data is, and the output bucket. */
function frameToolBuckets(job: LabelingJob, sourceRefBuckets: readonly string[]): string[] {
  const input = 'fromPrefix' in job.input ? [parseS3Uri(job.input.fromPrefix).bucket] : 'manifest' in job.input ? [parseS3Uri(job.input.manifest).bucket] : [];
  return [...new Set([...input, ...sourceRefBuckets, parseS3Uri(job.output).bucket])].sort();
}

/** Problems of the sequence files gtctl can read, the first few of them. */
function sequenceReasons(sourceRefs: readonly string[], data: 'video-sequence' | 'point-cloud-sequence' | 'point-cloud-frame', context: PreflightContext): string[] {
  if (data === 'point-cloud-frame') return [];
  const problems = sourceRefs.flatMap((uri) => {
    const text = context.textOf(uri);
    return text === undefined ? [] : sequenceProblems(text, data).map((p) => `sequence file ${uri}: ${p}`);
  });
  return problems.length > MAX_LINE_REASONS ? [...problems.slice(0, MAX_LINE_REASONS), `and ${problems.length - MAX_LINE_REASONS} more problems in sequence files`] : problems;
}

/**
 * The rule video frame and 3D point cloud tools need (the `ground-truth-video` preset): GET, HEAD and PUT, any
 * request header, from an origin that covers the labeling portal.
 */
export function allowsFrameTool(rule: CorsRule): boolean {
  const methods = new Set(rule.allowedMethods.map((m) => m.toUpperCase()));
  return ['GET', 'HEAD', 'PUT'].every((m) => methods.has(m)) && rule.allowedHeaders.includes('*') && allowsLabelingPortal(rule);
}

function missingManifest(job: LabelingJob): string {
  if ('manifest' in job.input)
    return `the input manifest ${job.input.manifest} does not exist: upload it (or keep it in git as an object of its Bucket), or let gtctl build it with input.fromPrefix`;
  if ('fromPrefix' in job.input) return `the input prefix ${job.input.fromPrefix} could not be listed: check that its bucket exists and gtctl may list it`;
  return `the output manifest of job ${'fromJob' in job.input ? job.input.fromJob : ''} could not be read: check that gtctl may read its output location`;
}

function emptyPrefix(prefix: string): string {
  return `the input prefix ${prefix} holds no data objects (folder markers, and text files with no text, do not count): upload the data, or correct input.fromPrefix`;
}

function lineReason(problem: ManifestProblem): string {
  const where = problem.object !== undefined ? `input manifest line ${problem.line} (${problem.object})` : `input manifest line ${problem.line}`;
  return `${where}: ${problem.message}. ${problem.hint}`;
}

/**
 * A rule the labeling portal's image requests match: GET, from any origin (`*`) or an origin pattern that covers a
 * portal (`https://<id>.labeling.<region>.sagemaker.aws`; S3 allows one `*` wildcard in an origin).
 */
export function allowsLabelingPortal(rule: CorsRule): boolean {
  if (!rule.allowedMethods.some((m) => m.toUpperCase() === 'GET')) return false;
  return rule.allowedOrigins.some((origin) => {
    const pattern = new RegExp(`^${origin.split('*').map(escapeRegExp).join('.*')}$`, 'i');
    return GROUND_TRUTH_REGIONS.some((region) => pattern.test(`https://a1b2c3d4e5.labeling.${region}.sagemaker.aws`));
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
