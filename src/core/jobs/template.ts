// The worker task template gtctl writes for a built-in type (Liquid HTML with the type's crowd element).
import type { LabelingJob } from '../model.js';

/** The template's text, or undefined when the type uses a built-in human task UI (named entity recognition). */
export function workerTemplate(_job: LabelingJob): string | undefined {
  throw new Error('not written yet');
}
