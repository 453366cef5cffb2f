import type { Diagnostic } from '../../core/diagnostics.js';
import { GROUND_TRUTH_REGIONS, hasGroundTruth } from '../../core/catalog.js';
import type { LabelingJob } from '../../core/model.js';
import { inputUriOf } from '../../core/jobs/task.js';
import { problem } from '../loaded.js';
import type { Rule } from './rule.js';

export const regionHasGroundTruth: Rule = (tree) =>
  tree.projects.flatMap(({ doc, value }) =>
    value.region && !hasGroundTruth(value.region)
      ? [problem(doc, ['spec', 'region'], 'unsupported-region', `Ground Truth is not available in ${value.region}`, `Use one of: ${GROUND_TRUTH_REGIONS.join(', ')}.`)]
      : [],
  );

export function bucketOf(uri: string): string {
  return uri.replace(/^s3:\/\//, '').split('/')[0]!;
}

/** A chained job's input is its source job's output, checked as that job's. */
function jobLocations(job: LabelingJob): Array<{ path: string[]; uri: string }> {
  const input = inputUriOf(job);
  return [...(input ? [{ path: ['spec', 'input', input.field], uri: input.uri }] : []), { path: ['spec', 'output'], uri: job.output }];
}

/** Input data and output must be in the job's Region (aws-facts §5.1). */
export const jobBucketsInJobRegion: Rule = (tree, { region }) => {
  if (!region) return [];
  const bucketRegions = new Map(tree.buckets.map((b) => [b.value.name, b.value.region ?? region]));
  const out: Diagnostic[] = [];
  for (const job of tree.jobs) {
    for (const { path, uri } of jobLocations(job.value)) {
      const bucketRegion = bucketRegions.get(bucketOf(uri));
      if (bucketRegion && bucketRegion !== region)
        out.push(problem(job.doc, path, 'region-mismatch', `bucket "${bucketOf(uri)}" is declared in ${bucketRegion}, but the job runs in ${region}`, 'Ground Truth reads input and writes output only in its own Region; use a bucket in the project\'s Region.'));
    }
  }
  return out;
};
