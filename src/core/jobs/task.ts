// What a job's task type means for its data, whether built-in or custom.
import { BUILT_IN_TASK_TYPES } from '../catalog.js';
import type { LabelingJob } from '../model.js';

/** Where the spec says the input is: a manifest's or a prefix's S3 URI; none for a chained job (another job's output). */
export function inputUriOf(job: LabelingJob): { field: 'manifest' | 'fromPrefix'; uri: string } | undefined {
  if ('manifest' in job.input) return { field: 'manifest', uri: job.input.manifest };
  if ('fromPrefix' in job.input) return { field: 'fromPrefix', uri: job.input.fromPrefix };
  return undefined;
}

/** The manifest key each data object needs; a custom task's template reads `source-ref` (an S3 URI per object). */
export function inputKeyOf(job: LabelingJob): 'source' | 'source-ref' {
  return job.task.type === 'custom' ? 'source-ref' : BUILT_IN_TASK_TYPES[job.task.type].inputKey;
}
