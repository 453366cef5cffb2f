// Carrying out a job change. Create uploads the files the job reads (template, label category file, built manifest),
// creates the job, and waits until it has left Initializing: that is when Ground Truth has read its inputs, and a
// job that fails then is reported as this change's failure, with AWS's reason. Stop asks for the stop and waits until
// the job says Stopping. AWS has no waiters for labeling jobs (aws-facts §3.1): runtime.waitUntil polls.
import { createHash } from 'node:crypto';
import type { DescribeLabelingJobCommandOutput } from '@aws-sdk/client-sagemaker';
import { isAwsError } from '../aws/errors.js';
import { GtctlError } from '../core/errors.js';
import { OWNERSHIP_TAG } from '../core/live.js';
import type { JobChange, JobUpload } from '../core/plan.js';
import { SHA256_METADATA } from './names.js';
import type { ApplyRuntime } from './runtime.js';
import { s3Location } from '../core/s3-uri.js';
import { describeWithTags } from './read-jobs.js';

/** Statuses of a job that no longer runs, whatever stopped it. */
const NOT_RUNNING = new Set(['Stopping', 'Stopped', 'Completed', 'Failed']);

export async function executeJob(change: JobChange, runtime: ApplyRuntime): Promise<void> {
  switch (change.action) {
    case 'create':
      return createJob(change, runtime);
    case 'stop':
      await retag(change, runtime);
      return stopJob(change, runtime);
    case 'update':
      // Tags are all AWS lets change on a job (adopting one adds the ownership tag).
      return retag(change, runtime);
    case 'delete':
    case 'blocked':
      // Jobs cannot be deleted in AWS: the plan never asks for it.
      throw new GtctlError('unsupported-change', `cannot ${change.action} ${change.address}`, 'internal');
  }
}

async function createJob(change: JobChange, runtime: ApplyRuntime): Promise<void> {
  const { sageMaker } = runtime.ports;
  const request = change.request;
  if (!request) throw new GtctlError('unsupported-change', `create ${change.address} carries no request`, 'internal');
  await Promise.all(change.uploads.map((upload) => uploadFile(upload, runtime)));
  try {
    await sageMaker.createLabelingJob(request);
  } catch (error) {
    if (!isAwsError(error, 'ResourceInUse')) throw error;
    // Ours already, from an apply interrupted after this call: carry on to the wait, so that a re-run converges.
    const existing = await describeWithTags(sageMaker, request.LabelingJobName);
    if (existing?.Tags?.find((t) => t.Key === OWNERSHIP_TAG)?.Value !== runtime.project) {
      throw new GtctlError(
        'job-name-taken',
        `a labeling job named "${existing?.LabelingJobName ?? request.LabelingJobName}" already exists and is not this project's`,
        'user',
        'Labeling job names are unique in the Region in any letter case and never reusable: give the job another name in the spec.',
        { cause: error },
      );
    }
  }
  await waitUntilStarted(request.LabelingJobName, runtime);
}

async function retag(change: JobChange, runtime: ApplyRuntime): Promise<void> {
  const { sageMaker } = runtime.ports;
  const tags = Object.entries(change.tags ?? {});
  if (tags.length === 0 && !change.removeTags?.length) return;
  if (!change.arn) throw new GtctlError('unsupported-change', `${change.action} ${change.address} carries no job ARN`, 'internal');
  if (change.removeTags?.length) await sageMaker.deleteTags(change.arn, change.removeTags);
  if (tags.length > 0) await sageMaker.addTags(change.arn, tags.map(([Key, Value]) => ({ Key, Value })));
}

async function uploadFile(upload: JobUpload, runtime: ApplyRuntime): Promise<void> {
  const at = s3Location(upload.uri);
  if (!at || at.key === '') throw new GtctlError('unsupported-change', `cannot upload to ${upload.uri}: not an s3://bucket/key URI`, 'internal');
  const body = Buffer.from(upload.bodyBase64, 'base64');
  await runtime.ports.s3.putObject(at.bucket, at.key, body, {
    contentType: upload.contentType,
    metadata: { [SHA256_METADATA]: createHash('sha256').update(body).digest('hex') },
  });
}

async function waitUntilStarted(name: string, runtime: ApplyRuntime): Promise<void> {
  await runtime.waitUntil(`labeling job ${name} to start`, async () => {
    // Undefined right after creation is possible where reads lag writes: ask again.
    const job = await runtime.ports.sageMaker.describeLabelingJob(name);
    if (job?.LabelingJobStatus === 'Failed') throw failed(name, job);
    return job !== undefined && job.LabelingJobStatus !== 'Initializing';
  });
}

function failed(name: string, job: DescribeLabelingJobCommandOutput): GtctlError {
  const reason = job.FailureReason ?? 'no reason given';
  // Ground Truth prefixes problems with the job's inputs, role or settings with ClientError: the user's to fix.
  return new GtctlError(
    'job-failed',
    `labeling job ${name} failed: ${reason}`,
    reason.startsWith('ClientError') ? 'user' : 'aws',
    'A job name can never be used again: fix the cause, then give the job a new name in the spec.',
  );
}

async function stopJob(change: JobChange, runtime: ApplyRuntime): Promise<void> {
  const { sageMaker } = runtime.ports;
  try {
    await sageMaker.stopLabelingJob(change.name);
  } catch (error) {
    // Stopping a job that no longer runs is refused; if it stopped (an earlier, interrupted apply) or ended
    // meanwhile, there is nothing left to do.
    if (!isAwsError(error, 'ValidationException')) throw error;
    const job = await sageMaker.describeLabelingJob(change.name);
    if (job?.LabelingJobStatus !== undefined && NOT_RUNNING.has(job.LabelingJobStatus)) return;
    throw error;
  }
  await runtime.waitUntil(`labeling job ${change.name} to stop`, async () => {
    const status = (await sageMaker.describeLabelingJob(change.name))?.LabelingJobStatus;
    return status !== undefined && NOT_RUNNING.has(status);
  });
}
