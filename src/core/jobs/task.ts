// What a job's task type means for its data, whether built-in or custom.
import { BUILT_IN_TASK_TYPES } from '../catalog.js';
import type { LabelingJob } from '../model.js';

/** The manifest key each data object needs; a custom task's template reads `source-ref` (an S3 URI per object). */
export function inputKeyOf(job: LabelingJob): 'source' | 'source-ref' {
  return job.task.type === 'custom' ? 'source-ref' : BUILT_IN_TASK_TYPES[job.task.type].inputKey;
}
