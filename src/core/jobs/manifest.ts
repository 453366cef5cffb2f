// Input manifests gtctl builds from a prefix, and the content-addressed keys of every file gtctl writes for a job.
import type { LabelingJob } from '../model.js';

/** One line per object under the prefix, in key order: text tasks inline the text (`source`), image tasks `source-ref`. */
export function buildManifest(_job: LabelingJob, _bucket: string, _objects: ReadonlyArray<{ key: string; text?: string }>): string {
  throw new Error('not written yet');
}

/** `<output>gtctl/<job>/<kind>-<first 16 hex of sha256>.<ext>`: the same content always has the same URI. */
export function contentAddressedUri(_job: LabelingJob, _kind: 'template' | 'labels' | 'manifest', _body: string): string {
  throw new Error('not written yet');
}
