// Builders for job-input tests: the seed scenario's job, changed only where a test says so. Excluded from the build
// like every test-support.ts.
import type { LabelingJob, TaskType } from '../model.js';

export const BUCKET = 'custom-sagemaker-bucket-s3-feature-engineering123';

type JobOverrides = Partial<Omit<LabelingJob, 'task'>> & { task?: Partial<LabelingJob['task']> };

/** `text-analysis-job-creation` as in the design's seed specs. */
export function aJob(overrides: JobOverrides = {}): LabelingJob {
  const { task, ...rest } = overrides;
  return {
    name: 'text-analysis-job-creation',
    workforce: { type: 'private', team: 'Image-Classification-Testing-Team' },
    roleArn: 'arn:aws:iam::000000000000:role/AmazonSageMaker-ExecutionRole-20250818T084167',
    input: { fromPrefix: `s3://${BUCKET}/Input/` },
    output: `s3://${BUCKET}/Output/`,
    labelAttributeName: 'text-analysis-job-creation',
    task: {
      type: 'text-classification',
      title: 'Odd or even',
      description: 'The expected output would be to notice if a number is odd or even.',
      keywords: [],
      labels: ['Odd Number', 'Even Number'],
      instructions: { short: 'Select Even Number if the number is divisible by 2.', examples: { good: [], bad: [] } },
      ...task,
    },
    workers: { perObject: 1, taskTimeLimitSeconds: 300, taskAvailabilitySeconds: 864_000, maxConcurrentTasks: 1000, contentClassifiers: [] },
    state: 'running',
    autoLabeling: false,
    tags: {},
    adopt: false,
    ...rest,
  };
}

export const aJobOfType = (type: TaskType, task: Partial<LabelingJob['task']> = {}): LabelingJob => aJob({ task: { type, ...task } });
