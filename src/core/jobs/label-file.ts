// The label category configuration file (aws-facts §3.4).
import type { LabelingJob } from '../model.js';

/** The file's JSON text, or undefined when the job has no labels (a custom task may have none). */
export function labelCategoryFile(_job: LabelingJob): string | undefined {
  throw new Error('not written yet');
}
