// Checks made at plan time, before anything is written: a job whose input would make it fail is blocked with why.
import type { CorsRule, LabelingJob } from '../model.js';

export interface PreflightContext {
  /** The CORS rules a bucket will have after apply (desired if declared, else live), or undefined if unknown. */
  corsOf(bucket: string): readonly CorsRule[] | undefined;
}

/** Problems with the job's input manifest text (undefined: the manifest does not exist), as reasons for the plan. */
export function preflight(_job: LabelingJob, _manifest: string | undefined, _context: PreflightContext): string[] {
  throw new Error('not written yet');
}
