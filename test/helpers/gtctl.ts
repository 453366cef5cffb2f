// The world an integration test runs in: a sandbox on a free loopback port (one per test file, emptied before each
// test), spec trees written to a temporary directory, and the BUILT CLI (`node dist/cli/main.js`, rebuilt by
// test/helpers/fresh-dist.ts when stale) run as a user runs it, in a child process pointed at the sandbox. Children
// run asynchronously: the sandbox answers from this very process, so a blocking spawnSync would deadlock it.
//
// Every output of every command is kept; after the file's last test, none may contain the app client secret or a
// temporary password seen during the file (design §3). `useSandbox()` registers the hooks that do all of this.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ListWorkteamsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { applyPlan } from '../../src/app/apply.js';
import { plan as makePlan } from '../../src/app/plan.js';
import { silentReporter } from '../../src/report/reporter.js';
import { startSandbox, type FaultRule, type RealismUpdate, type RequestLogEntry, type Sandbox } from '../../src/sandbox/index.js';
import { DEFAULT_CONSISTENCY_MS, DEFAULT_SEED, defaultVariants } from '../../src/sandbox/realism.js';
import type { LabelRequest, PendingTask } from '../../src/sandbox/service.js';
import { projectDoc, workforceDoc, yamlOf, type Docs, type SpecDoc } from './specs.js';

// The SDK's notice that it will need Node 22 is for whoever upgrades gtctl (the CLI silences it the same way).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'dist/cli/main.js');
export const REGION = 'us-east-1';
/** The project name the base tree uses (the ownership tag value and the managed-user attribute). */
export const PROJECT = 'labeling';

export interface Run {
  code: number | null;
  /** The signal that ended the process (SIGKILL for an interrupted apply), else null. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running command: kill it, or wait for it. */
export interface Running {
  child: ChildProcess;
  done: Promise<Run>;
}

export interface LiveUser {
  email: string;
  username: string;
  enabled: boolean;
  status: string;
  /** `custom:gtctl_project`, the mark of a user gtctl manages. */
  managedBy?: string;
}

export interface OutboxEntry {
  time: string;
  pool: string;
  to: string;
  subject: string;
  message: string;
  kind: 'invitation' | 'resend';
}

export interface SignOut {
  time: string;
  pool: string;
  username: string;
  cause: 'global-sign-out' | 'disable';
}

// The operations that change something; everything else gtctl calls is a read (Describe*, List*, Get*).
const WRITE = /^(Create|Update|Delete|Add|Admin(Create|Add|Remove|Disable|Enable|Delete|Update|UserGlobalSignOut)|Tag|Untag|Stop|Put)/;

export function isWrite(entry: Pick<RequestLogEntry, 'operation'>): boolean {
  return WRITE.test(entry.operation);
}

/** The write calls among log entries, as `service.Operation`. */
export function writeCalls(entries: readonly RequestLogEntry[]): string[] {
  return entries.filter(isWrite).map((e) => `${e.service}.${e.operation}`);
}

/** `service.Operation` -> count: what a test compares when only the number of calls matters. */
export function tally(entries: readonly RequestLogEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) out[`${e.service}.${e.operation}`] = (out[`${e.service}.${e.operation}`] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The Project and managed Workforce most trees start from; `policies` sets `unlistedUsers`. */
export function base(project: Record<string, unknown> = {}): SpecDoc[] {
  return [projectDoc({ name: PROJECT, spec: project }), workforceDoc()];
}

export interface World {
  /** The sandbox's base URL, what AWS_ENDPOINT_URL is set to. */
  url: string;
  /** Real SDK clients on the sandbox, for arranging drift and reading back (retrying through quota throttles). */
  cognito: CognitoIdentityProviderClient;
  sageMaker: SageMakerClient;
  /** Path-style, like gtctl's own S3 client on the sandbox. */
  s3: S3Client;
  /** Writes a spec tree into a new directory and returns its path. */
  specs(docs: Docs): Promise<string>;
  /** Runs `gtctl ARGS` to the end. */
  gtctl(...args: string[]): Promise<Run>;
  /** Starts `gtctl ARGS` without waiting. */
  start(...args: string[]): Running;
  /** Runs `gtctl ARGS` to the end with these variables added to its environment (`undefined` removes one). */
  gtctlWith(env: Record<string, string | undefined>, ...args: string[]): Promise<Run>;
  /** A secret the test made up (an OIDC client secret): no output of the file may contain it either. */
  secret(value: string): void;
  /** The sandbox's whole state (`GET /_sandbox/state`), as the test's own eyes: secrets included. */
  state(): Promise<SandboxStateView>;
  /** `gtctl apply -d DIR --auto-approve`, which must succeed. */
  apply(dir: string): Promise<Run>;
  /**
   * The arrange step of most tests, in this process (the app functions the CLI calls, minus a process start): writes
   * the tree, plans and applies it; every change must succeed. Returns the tree's directory.
   */
  arrange(docs: Docs): Promise<string>;
  /** The changes a plan of DIR would list (`action address`), planned in this process: the cheap convergence check. */
  changes(dir: string): Promise<string[]>;
  /** `gtctl plan --json --detailed-exitcode -d DIR`: exit code (0 none, 2 changes, 1 error) and the parsed document. */
  planJson(dir: string): Promise<{ code: number | null; plan: PlanDocument; stderr: string }>;
  /** SageMaker status transitions (Initializing -> Active) take this long on the sandbox clock from now on. */
  transitionMs(ms: number): Promise<void>;
  /** Changes the sandbox's realism (`POST /_sandbox/realism`); `reset` restores the file's. */
  realism(update: RealismUpdate): Promise<void>;
  /**
   * Runs `arrange` on an ideal sandbox: what a console user set up long ago has settled (no consistency windows
   * left), so a test's arranging calls need no waits of their own.
   */
  settled<T>(arrange: () => Promise<T>): Promise<T>;
  /** Empties the sandbox as before each test (for property runs, several per test). */
  reset(): Promise<void>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  faults(rules: FaultRule[]): Promise<void>;
  advanceClock(ms: number): Promise<void>;
  outbox(): Promise<OutboxEntry[]>;
  /** A worker's open tasks of a job (`[]` unless the job is InProgress), through the workers stand-in. */
  tasks(job: string, worker: string): Promise<PendingTask[]>;
  /** Answers tasks as `worker` (a member of the job's team); the sandbox consolidates and completes the job. */
  label(job: string, worker: string, answers: LabelRequest['answers']): Promise<{ accepted: number; jobStatus: string }>;
  signOuts(): Promise<SignOut[]>;
  signIn(userPoolId: string, username: string): Promise<unknown>;
  /** The id of the one user pool in the sandbox (fails when there is not exactly one). */
  poolId(): Promise<string>;
  users(userPoolId: string): Promise<LiveUser[]>;
  /** E-mails of a group's members, sorted. */
  groupMembers(userPoolId: string, group: string): Promise<string[]>;
  /** A user made "in the console": no gtctl attribute. */
  consoleUser(userPoolId: string, email: string): Promise<void>;
  teamNames(): Promise<string[]>;
}

/** The parts of `GET /_sandbox/state` tests read. */
export interface SandboxStateView {
  sagemaker: { regions: Record<string, { workforces: Record<string, { oidc?: Record<string, unknown>; cidrs: string[] }> }> };
}

export interface PlanDocument {
  formatVersion: number;
  project: string;
  region: string;
  account: string;
  changes: Array<{ address: string; action: string; diff: Array<{ path: string; before?: unknown; after?: unknown }>; reasons: string[]; dependsOn: string[] }>;
  summary: Record<string, number>;
}

/**
 * The sandbox and temporary directory of one test file; registers its hooks. Cognito quotas stay on at AWS's rates
 * (gtctl must pace itself under them) unless `quotas` says otherwise. SageMaker status transitions (a new workforce's
 * Initializing -> Active) are immediate unless `transitionMs` asks for the sandbox's own 500 ms.
 */
/**
 * The realism every test file runs under unless it says otherwise: the sandbox's defaults (rough as AWS), with the
 * seed from GTCTL_TEST_SEED when set, except undelivered invitations (aws-evidence A6), which would make the tests
 * that count e-mails and calls exactly depend on the draw: realism.test.ts plays those, and the fault suite.
 */
export function testRealism(): RealismUpdate {
  const seed = process.env['GTCTL_TEST_SEED'];
  return { ideal: false, seed: seed ? Number(seed) : DEFAULT_SEED, consistencyMs: DEFAULT_CONSISTENCY_MS, codeDeliveryFailureRate: 0, variants: defaultVariants() };
}

export function useSandbox(options: { quotas?: { enabled?: boolean; scale?: number }; transitionMs?: number; realism?: RealismUpdate } = {}): World {
  const outputs: string[] = [];
  const secrets = new Set<string>();
  let sandbox: Sandbox | undefined;
  let tmp = '';
  let trees = 0;
  let cognito: CognitoIdentityProviderClient | undefined;
  let sageMaker: SageMakerClient | undefined;
  let s3: S3Client | undefined;

  const admin = async <T>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${world.url}/_sandbox/${route}`, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /_sandbox/${route}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };

  const env = (): NodeJS.ProcessEnv => {
    // Nothing of the developer's own AWS setup may leak in: the sandbox is the only AWS these commands see.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && k !== 'NO_COLOR' && k !== 'FORCE_COLOR'));
    return {
      ...inherited,
      AWS_ENDPOINT_URL: world.url,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: REGION,
      AWS_EC2_METADATA_DISABLED: 'true',
      NO_COLOR: '1',
    };
  };

  const start = (...args: string[]): Running => startWith({}, ...args);
  const startWith = (extra: Record<string, string | undefined>, ...args: string[]): Running => {
    const merged: NodeJS.ProcessEnv = { ...env(), ...extra };
    for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
    const child = spawn(process.execPath, [CLI, ...args], { cwd: tmp, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const done = new Promise<Run>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => {
        outputs.push(stdout, stderr);
        resolve({ code, signal, stdout, stderr });
      });
    });
    return { child, done };
  };

  const list = async <T>(page: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> => {
    const out: T[] = [];
    let token: string | undefined;
    do {
      const { items, next } = await page(token);
      out.push(...(items ?? []));
      token = next;
    } while (token);
    return out;
  };

  const world: World = {
    get url() {
      return sandbox!.url;
    },
    get cognito() {
      return cognito!;
    },
    get sageMaker() {
      return sageMaker!;
    },
    get s3() {
      return s3!;
    },
    async specs(docs) {
      const dir = path.join(tmp, `tree-${++trees}`);
      const files = Array.isArray(docs) ? docs.map((doc, i) => [`${i}.yaml`, yamlOf(doc)] as const) : Object.entries(docs).map(([file, content]) => [file, typeof content === 'string' ? content : yamlOf(...content)] as const);
      await mkdir(dir, { recursive: true });
      for (const [file, text] of files) await writeFile(path.join(dir, file), text);
      return dir;
    },
    gtctl: (...args) => start(...args).done,
    start,
    gtctlWith: (extra, ...args) => startWith(extra, ...args).done,
    secret: (value) => void secrets.add(value),
    state: () => admin<SandboxStateView>('GET', 'state'),
    async apply(dir) {
      const run = await world.gtctl('apply', '-d', dir, '--auto-approve');
      if (run.code !== 0) throw new Error(`apply exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
      return run;
    },
    async arrange(docs) {
      const dir = await world.specs(docs);
      const options = { region: REGION, endpoint: world.url };
      const { plan, ports } = await makePlan(dir, options, silentReporter());
      const { counts } = await applyPlan(plan, ports, silentReporter());
      expect(counts, 'the arranged tree applies cleanly').toEqual({ done: plan.changes.length, failed: 0, skipped: 0, deferred: 0 });
      return dir;
    },
    async changes(dir) {
      const { plan } = await makePlan(dir, { region: REGION, endpoint: world.url }, silentReporter());
      return actions(plan);
    },
    async planJson(dir) {
      const run = await world.gtctl('plan', '-d', dir, '--json', '--detailed-exitcode');
      let plan: PlanDocument;
      try {
        plan = JSON.parse(run.stdout) as PlanDocument;
      } catch {
        throw new Error(`plan --json printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
      }
      return { code: run.code, plan, stderr: run.stderr };
    },
    transitionMs: async (transitionMs) => void (await admin('POST', 'sagemaker/settings', { transitionMs })),
    realism: async (update) => void (await admin('POST', 'realism', update)),
    async settled(arrange) {
      const before = (await (await fetch(`${world.url}/_sandbox/realism`)).json()) as { ideal: boolean };
      await world.realism({ ideal: true });
      try {
        return await arrange();
      } finally {
        await world.realism({ ideal: before.ideal });
      }
    },
    async reset() {
      await admin('POST', 'reset', {});
      await admin('DELETE', 'faults');
      await world.realism(options.realism ?? testRealism());
      // SageMaker status transitions take 500 ms of sandbox time unless a file asks otherwise; most files need not wait.
      await world.transitionMs(options.transitionMs ?? 0);
      await world.clearRequests();
    },
    requests: () => admin<RequestLogEntry[]>('GET', 'requests'),
    clearRequests: async () => void (await admin('DELETE', 'requests')),
    faults: async (rules) => void (await admin('POST', 'faults', { rules })),
    advanceClock: async (advanceMs) => void (await admin('POST', 'clock', { advanceMs })),
    outbox: () => admin<OutboxEntry[]>('POST', 'cognito/outbox', {}),
    tasks: (job, worker) => admin('POST', `sagemaker/tasks?region=${REGION}`, { job, worker }),
    label: (job, worker, answers) => admin('POST', `sagemaker/label?region=${REGION}`, { job, worker, answers }),
    signOuts: () => admin<SignOut[]>('POST', 'cognito/sign-outs', {}),
    signIn: (userPoolId, username) => admin('POST', 'cognito/sign-in', { userPoolId, username }),
    async poolId() {
      const pools = (await world.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? [];
      expect(pools.map((p) => p.Name)).toHaveLength(1);
      return pools[0]!.Id!;
    },
    async users(userPoolId) {
      const users = await list(async (PaginationToken) => {
        const r = await world.cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken }));
        return { items: r.Users, next: r.PaginationToken };
      });
      return users
        .map((u) => {
          const attr = (name: string) => u.Attributes?.find((a) => a.Name === name)?.Value;
          const managedBy = attr('custom:gtctl_project');
          return { email: attr('email') ?? '', username: u.Username!, enabled: u.Enabled ?? true, status: u.UserStatus ?? '', ...(managedBy ? { managedBy } : {}) };
        })
        .sort((a, b) => (a.email < b.email ? -1 : 1));
    },
    async groupMembers(userPoolId, group) {
      const users = await list(async (NextToken) => {
        const r = await world.cognito.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, NextToken }));
        return { items: r.Users, next: r.NextToken };
      });
      return users.map((u) => u.Attributes?.find((a) => a.Name === 'email')?.Value ?? u.Username!).sort();
    },
    async consoleUser(userPoolId, email) {
      await world.cognito.send(
        new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: email, UserAttributes: [{ Name: 'email', Value: email }], MessageAction: 'SUPPRESS' }),
      );
    },
    async teamNames() {
      const teams = (await world.sageMaker.send(new ListWorkteamsCommand({ MaxResults: 100 }))).Workteams ?? [];
      return teams.map((t) => t.WorkteamName!).sort();
    },
  };

  /** The app client secrets and temporary passwords that exist now: what no output may contain. */
  const collectSecrets = async (): Promise<void> => {
    for (const pool of (await world.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? []) {
      for (const c of (await world.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: pool.Id!, MaxResults: 60 }))).UserPoolClients ?? []) {
        const secret = (await world.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.Id!, ClientId: c.ClientId! }))).UserPoolClient?.ClientSecret;
        if (secret) secrets.add(secret);
      }
    }
    for (const mail of await world.outbox()) {
      const password = /temporary password <b>([^<]+)<\/b>/.exec(mail.message)?.[1];
      if (password) secrets.add(password);
    }
  };

  beforeAll(async () => {
    // What the in-process arrange step's SDK clients read (the children get the same through env()).
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true' });
    delete process.env.AWS_PROFILE;
    tmp = await mkdtemp(path.join(tmpdir(), 'gtctl-it-'));
    sandbox = await startSandbox({ port: 0, realism: options.realism ?? testRealism(), ...(options.quotas ? { quotas: options.quotas } : {}) });
    const config = {
      region: REGION,
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      // The tests' own calls share the Cognito quota with gtctl and are not paced: let the SDK ride out a throttle.
      maxAttempts: 10,
    };
    cognito = new CognitoIdentityProviderClient(config);
    sageMaker = new SageMakerClient(config);
    s3 = new S3Client({ ...config, forcePathStyle: true });
  });

  beforeEach(() => world.reset());

  afterEach(async () => {
    await collectSecrets();
  });

  afterAll(async () => {
    try {
      // Saved plans are output too: read every file the commands wrote next to the spec trees.
      const files = tmp ? await Promise.all((await readdir(tmp, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => readFile(path.join(e.parentPath, e.name), 'utf8'))) : [];
      for (const output of [...outputs, ...files]) for (const secret of secrets) expect(output.includes(secret), 'an output contains a secret').toBe(false);
    } finally {
      cognito?.destroy();
      sageMaker?.destroy();
      s3?.destroy();
      await sandbox?.close();
      if (tmp) await rm(tmp, { recursive: true, force: true });
    }
  });

  return world;
}

/** Polls `probe` until it answers something other than undefined. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A plan's changes as `action address`, in plan order: what most assertions compare. */
export function actions(plan: Pick<PlanDocument, 'changes'>): string[] {
  return plan.changes.map((c) => `${c.action} ${c.address}`);
}

/** Waits until no new request-log entry arrives for `quietMs` (calls a killed process had in flight finish). */
export async function quiet(w: World, quietMs: number): Promise<void> {
  let count = -1;
  await waitFor(
    'the sandbox to go quiet',
    async () => {
      const now = (await w.requests()).length;
      if (now === count) return true;
      count = now;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      return undefined;
    },
    60_000,
  );
}
