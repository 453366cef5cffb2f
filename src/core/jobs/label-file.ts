// The label category configuration file (aws-facts §3.4).
import { BUILT_IN_TASK_TYPES } from '../catalog.js';
import type { LabelingJob } from '../model.js';
import { fullInstructionsHtml } from './instructions.js';

/** The file's only document version. */
export const LABEL_FILE_VERSION = '2018-11-28';

interface LabelCategoryFile {
  'document-version': typeof LABEL_FILE_VERSION;
  labels: Array<{ label: string }>;
  /** Named entity recognition: its built-in UI shows these to workers (HTML allowed). */
  instructions?: { shortInstruction: string; fullInstruction: string };
}

/**
 * The file's JSON text, or undefined when the job has no labels (a custom task may have none). Labels keep the
 * spec's order (it is the order workers see, and output class indexes follow it); the text is two-space indented
 * with a final newline, so that the same job always gives the same bytes and so the same content address.
 */
export function labelCategoryFile(job: LabelingJob): string | undefined {
  if (job.task.labels.length === 0) return undefined;
  const file: LabelCategoryFile = {
    'document-version': LABEL_FILE_VERSION,
    labels: job.task.labels.map((label) => ({ label })),
  };
  const { type } = job.task;
  if (type !== 'custom' && BUILT_IN_TASK_TYPES[type].requiresInstructions) {
    // The spec rules require both; each stands in for the other rather than sending AWS an empty string.
    const short = job.task.instructions.short ?? job.task.instructions.full ?? '';
    file.instructions = { shortInstruction: short, fullInstruction: fullInstructionsHtml(job) ?? short };
  }
  return `${JSON.stringify(file, null, 2)}\n`;
}
