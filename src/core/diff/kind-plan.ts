import type { Change, WaitingJob } from '../plan.js';

/** What each kind's differ returns: the changes, how many paired objects needed none, and what waits. */
export interface KindPlan {
  changes: Change[];
  noOps: number;
  waiting?: WaitingJob[];
}
