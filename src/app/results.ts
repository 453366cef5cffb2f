// Use case: results. A job's output manifest, summarized: label distribution, disagreement, failures, location.
import { GtctlError } from '../core/errors.js';
import { parseS3Uri } from '../core/s3-uri.js';
import { summarizeOutput, type OutputSummary } from '../core/jobs/results.js';
import { checkAccount, connect, loadDesired, resolveRegion, type AwsOptions } from './session.js';

export async function results(directory: string, jobName: string, options: AwsOptions): Promise<OutputSummary> {
  const { desired } = await loadDesired(directory, options);
  const job = desired.jobs.find((j) => j.name.toLowerCase() === jobName.toLowerCase());
  if (!job) {
    throw new GtctlError('unknown-job', `no LabelingJob named "${jobName}" in the specs`, 'user', `Use one of: ${desired.jobs.map((j) => j.name).join(', ') || '(none declared)'}.`);
  }
  const region = resolveRegion(desired.project.region, options);
  const ports = await connect(region, options);
  await checkAccount(ports, desired.project.accountId);
  const live = await ports.sageMaker.describeLabelingJob(job.name);
  if (!live) throw new GtctlError('job-not-found', `labeling job ${job.name} does not exist in ${region}`, 'user', 'Create it with `gtctl apply`.');
  const uri = live.LabelingJobOutput?.OutputDatasetS3Uri;
  if (!uri) {
    throw new GtctlError('no-output-yet', `labeling job ${job.name} has no output manifest yet (status ${live.LabelingJobStatus ?? 'unknown'})`, 'user', 'Ground Truth writes it as workers finish tasks; check `gtctl status` and try again later.');
  }
  const { bucket, key } = parseS3Uri(uri);
  const text = await ports.s3.getObjectText(bucket, key);
  if (text === undefined) throw new GtctlError('no-output-yet', `the output manifest ${uri} does not exist yet`, 'user', 'Try again once the job has written its output.');
  return summarizeOutput(job.name, job.labelAttributeName, text, job.workers.perObject, { labels: [...job.task.labels], output: uri });
}
