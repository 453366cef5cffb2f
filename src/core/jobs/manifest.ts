// Input manifests gtctl builds from a prefix, and the content-addressed keys of every file gtctl writes for a job.
//
// Content addressing is what keeps re-plans stable: the same template, label file or manifest always lands at the
// same URI, so an unchanged job plans as no-op, and a changed input shows as a changed URI in the job's request.
import { createHash } from 'node:crypto';
import type { LabelingJob } from '../model.js';
import { inputKeyOf } from './task.js';

/**
 * The attribute that keeps, on each line of a text manifest gtctl builds, the S3 URI of the object whose text became
 * `source`. Ground Truth copies unknown attributes to the output manifest unchanged (aws-facts §5.1), so every label
 * can be traced back to its file. The `-ref` ending follows SageMaker's convention for attributes holding an S3 URI.
 */
export const SOURCE_URI_ATTRIBUTE = 'gtctl-source-ref';

/**
 * One line per object under the prefix, in key order: text tasks inline the text (`source`), image and video tasks
 * `source-ref`. (Video frame jobs take sequence files instead: resolve.ts writes one per folder, sequences.ts.)
 *
 * Left out, so that what workers get is only the data:
 * - "folder" keys ending in `/` (the zero-byte objects the S3 console creates for folders);
 * - what jobs write: the job's output folder `<output><job>/`, gtctl's files `<output>gtctl/`, and the whole output
 *   location when it lies inside the input prefix. Otherwise results and gtctl's own manifest would feed back into
 *   the next manifest, and no re-plan would ever be stable;
 * - for text tasks, objects whose text is empty or only white space: there is nothing to label.
 * Text is kept exactly as stored (no trimming): the content address must follow the files.
 *
 * `objects` are the bucket's keys (full keys, not relative to the prefix) with, for text tasks, each one's `text`.
 */
export function buildManifest(job: LabelingJob, bucket: string, objects: ReadonlyArray<{ key: string; text?: string }>): string {
  const inputKey = inputKeyOf(job);
  const lines: string[] = [];
  for (const object of dataObjects(job, bucket, objects)) {
    const uri = `s3://${bucket}/${object.key}`;
    if (inputKey === 'source') {
      // Text that could not be read (the object went between listing and reading): a line without `source`, which
      // the manifest check reports against the object's URI rather than a silently shorter manifest.
      if (object.text === undefined) lines.push(JSON.stringify({ [SOURCE_URI_ATTRIBUTE]: uri }));
      else if (object.text.trim() === '') continue;
      else lines.push(JSON.stringify({ source: object.text, [SOURCE_URI_ATTRIBUTE]: uri }));
    } else {
      lines.push(JSON.stringify({ [inputKey]: uri }));
    }
  }
  return jsonLines(lines);
}

/** The objects under a prefix that are data to label, in key order: without folder markers and what jobs write. */
export function dataObjects<T extends { key: string }>(job: LabelingJob, bucket: string, objects: readonly T[]): T[] {
  const skipped = outputPrefixes(job, bucket);
  return [...objects]
    .sort((a, b) => compare(a.key, b.key))
    .filter((object) => !object.key.endsWith('/') && !skipped.some((prefix) => object.key.startsWith(prefix)));
}

/** JSON Lines text: each line ends with a newline. */
export function jsonLines(lines: readonly string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}

export type JobFileKind = 'template' | 'labels' | 'manifest' | 'sequence';

const EXTENSIONS: Readonly<Record<JobFileKind, string>> = { template: 'liquid.html', labels: 'json', manifest: 'manifest', sequence: 'json' };

/** `<output>gtctl/<job>/<kind>-<first 16 hex of sha256>.<ext>`: the same content always has the same URI. */
export function contentAddressedUri(job: LabelingJob, kind: JobFileKind, body: string): string {
  const digest = createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 16);
  return `${withSlash(job.output)}gtctl/${job.name}/${kind}-${digest}.${EXTENSIONS[kind]}`;
}

function withSlash(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** Key prefixes in `bucket` that hold what jobs write rather than data to label (see buildManifest). */
function outputPrefixes(job: LabelingJob, bucket: string): string[] {
  const output = location(withSlash(job.output));
  if (!output || output.bucket !== bucket) return [];
  const prefixes = [`${output.key}${job.name}/`, `${output.key}gtctl/`];
  const input = 'fromPrefix' in job.input ? location(job.input.fromPrefix) : undefined;
  if (input && input.bucket === bucket && output.key.length > input.key.length && output.key.startsWith(input.key)) prefixes.push(output.key);
  return prefixes;
}

function location(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?([\s\S]*)$/.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
