// What carrying out a change needs: the ports, the project, and its context: the plan's, plus what the changes it
// depends on made during this apply (a new workforce's pool and client ids), handed down by the executor.
import type { AwsPorts } from '../aws/ports.js';
import { GtctlError } from '../core/errors.js';
import type { PlanContext } from '../core/plan.js';

export interface ApplyRuntime {
  ports: AwsPorts;
  project: string;
  region: string;
  readonly context: Readonly<PlanContext>;
  env: NodeJS.ProcessEnv;
  /** Polls `done` until it answers true; AWS has no waiters for workforces (aws-facts §3.1). */
  waitUntil(what: string, done: () => Promise<boolean>): Promise<void>;
  /** Set once Cognito refused an invitation for the day's e-mail limit: the apply's later invitations wait too. */
  emailLimit: { reached: boolean };
}

/** What a change made that the changes depending on it need; a provider returns it, the executor hands it down. */
export type ChangeOutputs = Partial<Pick<PlanContext, 'userPoolId' | 'clientId' | 'workforceName'>>;

export function requirePool(runtime: ApplyRuntime): { userPoolId: string; clientId: string } {
  const { userPoolId, clientId } = runtime.context;
  if (!userPoolId || !clientId) {
    throw new GtctlError('no-user-pool', 'the workforce has no Cognito user pool and app client to work with', 'user', 'Declare a Workforce with `cognito:` in the specs, or create the workforce first.');
  }
  return { userPoolId, clientId };
}

/**
 * Polls with a growing interval (50 ms, then half as long again each time, up to 5 s) for at most `timeoutMs`: a
 * short consistency window costs about its own length, a long status transition a few polls a minute.
 */
export function poller(timeoutMs = 10 * 60_000): ApplyRuntime['waitUntil'] {
  return async (what, done) => {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 50; ; delay = Math.min(Math.round(delay * 1.5), 5_000)) {
      if (await done()) return;
      if (Date.now() + delay > deadline) throw new GtctlError('timeout', `timed out waiting for ${what}`, 'aws', 'Check the resource in the AWS console, then run apply again.');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  };
}

export function toTags(tags: Readonly<Record<string, string>>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
