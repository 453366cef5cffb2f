// Shared by the provider tests: a sandbox, gtctl's own ports pointed at it, the unmodified SDK clients for setting
// up what a test reads (src/sandbox/sagemaker/test-support.ts), read targets that name only what a test cares
// about, and an apply runtime whose waits move the sandbox clock instead of sleeping.
import { createAwsPorts } from '../aws/clients.js';
import type { AwsPorts } from '../aws/ports.js';
import type { PlanContext, ReadTargets } from '../core/plan.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { world, type World } from '../sandbox/sagemaker/test-support.js';
import type { ApplyRuntime } from './runtime.js';

export const PROJECT = 'labeling';
export const REGION = 'us-east-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface ProviderWorld {
  sandbox: Sandbox;
  /** SDK clients of REGION (and `eu` for eu-west-1), for arranging state. */
  w: World;
  eu: World;
  close(): Promise<void>;
}

export async function providerWorld(): Promise<ProviderWorld> {
  const sandbox = await startSandbox({ quotas: { enabled: false }, realism: { ideal: true } });
  const w = world(sandbox, REGION);
  const eu = world(sandbox, 'eu-west-1');
  return {
    sandbox,
    w,
    eu,
    async close() {
      await w.close();
      await eu.close();
      await sandbox.close();
    },
  };
}

/** gtctl's ports for REGION; a new set per test keeps call counts apart. */
export function portsFor(sandbox: Sandbox): AwsPorts {
  return createAwsPorts({ region: REGION, endpoint: sandbox.url, credentials });
}

/** Read targets with nothing to read but what `parts` names. */
export function targets(parts: Partial<ReadTargets> = {}): ReadTargets {
  return { groupTeams: {}, buckets: [], objects: [], prefixes: [], manifests: [], jobs: [], ...parts };
}

/** A runtime for executors; each unanswered wait moves the sandbox clock by one status transition (500 ms). */
export function runtimeFor(aws: AwsPorts, w: World, context: Partial<PlanContext> = {}): ApplyRuntime & { waits: string[] } {
  const waits: string[] = [];
  return {
    ports: aws,
    project: PROJECT,
    region: REGION,
    context: { read: targets(), ...context },
    env: {},
    waits,
    emailLimit: { reached: false },
    async waitUntil(what, done) {
      waits.push(what);
      for (let attempt = 0; attempt < 20; attempt++) {
        if (await done()) return;
        await w.advance(500);
      }
      throw new Error(`still waiting for ${what}`);
    },
  };
}
