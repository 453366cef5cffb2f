// One operation at a time for a service whose rules check state and then act on it across awaits (SageMaker over
// its backends: one workforce per Region, 25 teams, unique job names). Node runs one request's synchronous code at
// a time, but an await inside an operation would let another request check the same state before the first acts.
import type { AdminRouteSet } from '../service.js';

/** Runs a service's operation or admin route in that service's turn when it asks for one (`oneAtATime`). */
export type InTurn = <T>(service: AdminRouteSet, work: () => T | Promise<T>) => Promise<T>;

export class Turns {
  private last: Promise<unknown> = Promise.resolve();

  /** Runs `work` after every earlier `run` has finished, whether it succeeded or failed. */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.last.then(work);
    this.last = result.catch(() => undefined);
    return result;
  }
}
