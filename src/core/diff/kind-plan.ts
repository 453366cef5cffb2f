import type { Change } from '../plan.js';

/** What each kind's differ returns: the changes, and how many paired objects needed none. */
export interface KindPlan {
  changes: Change[];
  noOps: number;
}
