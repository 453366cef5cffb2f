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

/** A streaming job's topics: its input, and the output topic any job may name. */
function topicsOf(job: LabelingJob): Array<{ path: string[]; arn: string }> {
  return [
    ...('stream' in job.input ? [{ path: ['spec', 'input', 'stream', 'snsTopicArn'], arn: job.input.stream.snsTopicArn }] : []),
    ...(job.outputTopicArn ? [{ path: ['spec', 'outputTopicArn'], arn: job.outputTopicArn }] : []),
  ];
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
    for (const { path, arn } of topicsOf(job.value)) {
      const topicRegion = arn.split(':')[3];
      if (topicRegion !== region)
        out.push(problem(job.doc, path, 'region-mismatch', `SNS topic ${arn} is in ${topicRegion}, but the job runs in ${region}`, 'A streaming job reads and writes topics of its own Region; use a topic in the project\'s Region.'));
    }
  }
  return out;
};
