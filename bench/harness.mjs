// The shared harness of the bench scripts: the sandbox in this process, its admin API, the built CLI in its own
// process (wall time, exit code, output, peak RSS), and the request-log arithmetic. Run `npm run build` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, CognitoIdentityProviderClient, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListWorkteamsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';

// The SDK's notice about future Node versions would land in the middle of the tables.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LOG_CAPACITY = 10_000; // the sandbox keeps the latest 10,000 requests
export const PAGE = 60; // Cognito's largest page, which gtctl asks for
export const WRITES = new Set(['AdminCreateUser', 'AdminAddUserToGroup', 'AdminRemoveUserFromGroup', 'AdminUserGlobalSignOut', 'AdminUpdateUserAttributes', 'AdminDisableUser', 'AdminEnableUser', 'AdminDeleteUser']);

/**
 * A sandbox (quotas off), a work directory, and the helpers bound to them; `close()` ends both. Realistic like
 * AWS (consistency windows, conflicts, undelivered e-mails) unless BENCH_IDEAL=1: run both to see what the waits and
 * retries cost. (Benchmarks invite through SES: Cognito's default sender stops at 50 a day.)
 */
export async function startBench(prefix = 'gtctl-bench-') {
  const { startSandbox } = await import(path.join(root, 'dist/sandbox/index.js'));
  const work = mkdtempSync(path.join(tmpdir(), prefix));
  const rssHook = path.join(work, 'rss.mjs');
  writeFileSync(rssHook, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.GTCTL_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");
  const sandbox = await startSandbox({ quotas: { enabled: false }, realism: { ideal: process.env.BENCH_IDEAL === '1' } });
  const env = { ...process.env, AWS_ENDPOINT_URL: sandbox.url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', NO_COLOR: '1' };

  async function admin(method, route, body) {
    const response = await fetch(`${sandbox.url}/_sandbox/${route}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (!response.ok) throw new Error(`${method} /_sandbox/${route}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  /** The built CLI in its own process (asynchronously: this process's sandbox must answer); peak RSS in kB. */
  async function gtctl(args, extraEnv = {}) {
    const rssFile = path.join(work, 'rss.txt');
    rmSync(rssFile, { force: true });
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', pathToFileURL(rssHook).href, path.join(root, 'dist/cli/main.js'), ...args], { cwd: root, env: { ...env, ...extraEnv, GTCTL_BENCH_RSS_FILE: rssFile } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    const ms = performance.now() - started;
    let rssKb;
    try {
      rssKb = Number(readFileSync(rssFile, 'utf8'));
    } catch {
      rssKb = undefined;
    }
    return { code, ms, stdout, stderr, rssKb };
  }

  /** The request log since it was last cleared; refuses a log that overflowed (its counts would be short). */
  async function requestLog() {
    const log = await admin('GET', 'requests');
    if (log.length >= LOG_CAPACITY) throw new Error('the request log overflowed: the counts would be short');
    return log;
  }

  async function close() {
    await sandbox.close();
    rmSync(work, { recursive: true, force: true });
  }
  return { sandbox, env, work, admin, gtctl, requestLog, close };
}

export function expectExit(run, codes, what) {
  if (!codes.includes(run.code)) throw new Error(`${what} exited ${run.code}\n${run.stderr.slice(-4000)}\n${run.stdout.slice(-4000)}`);
}

/** Runs `task(i)` for i in [0, n), `concurrency` at a time. */
export async function pool(n, concurrency, task) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n) await task(next++);
  }));
}

/** `service.Operation` -> calls, sorted. */
export function tally(log) {
  const calls = {};
  for (const e of log) calls[`${e.service}.${e.operation}`] = (calls[`${e.service}.${e.operation}`] ?? 0) + 1;
  return Object.fromEntries(Object.entries(calls).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Calls by operation, throttles, and the read and write phases' spans, from the sandbox request log. */
export function summarize(log) {
  const calls = {};
  for (const e of log) calls[e.operation] = (calls[e.operation] ?? 0) + 1;
  const time = (e) => Date.parse(e.time);
  const firstWrite = log.findIndex((e) => WRITES.has(e.operation));
  const reads = firstWrite < 0 ? log : log.slice(0, firstWrite);
  const writes = firstWrite < 0 ? [] : log.slice(firstWrite);
  const span = (entries) => (entries.length ? time(entries.at(-1)) - time(entries[0]) : 0);
  return {
    total: log.length,
    calls: Object.fromEntries(Object.entries(calls).sort(([a], [b]) => (a < b ? -1 : 1))),
    throttled: log.filter((e) => e.error === 'TooManyRequestsException').length,
    errors: log.filter((e) => e.error && e.error !== 'TooManyRequestsException').length,
    readMs: span(reads),
    writeMs: span(writes),
    truncated: log.length >= LOG_CAPACITY,
  };
}

/** The shortest time Cognito's quotas (times `scale`) allow for these calls: per category calls / rate; categories overlap. */
export async function quotaBoundMs(calls, scale = 1) {
  const { CATEGORY_RPS, COGNITO_OPERATION_CATEGORY } = await import(path.join(root, 'dist/sandbox/quotas.js'));
  const perCategory = {};
  for (const [operation, n] of Object.entries(calls)) {
    const category = COGNITO_OPERATION_CATEGORY[operation];
    if (category) perCategory[category] = (perCategory[category] ?? 0) + n / (CATEGORY_RPS[category] * scale);
  }
  return Math.max(0, ...Object.values(perCategory)) * 1000;
}

/** Median of a few numbers. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Seeds users and memberships through the SDK as gtctl would have made them (e-mail username, the managed
 * attribute), into the one managed pool and the groups of the teams gtctl created: much faster than an apply paced
 * at Cognito's quotas. `teamsOf(i)` gives user i's team indexes; `members[t]` collects each team's e-mails.
 */
export async function seedManagedUsers({ endpoint, project, users, concurrency, userEmail, teamName, teamsOf, members }) {
  const sdkConfig = { region: 'us-east-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  const cognito = new CognitoIdentityProviderClient(sdkConfig);
  const sageMaker = new SageMakerClient(sdkConfig);
  try {
    const [{ UserPools }, { Workteams }] = await Promise.all([cognito.send(new ListUserPoolsCommand({ MaxResults: 60 })), sageMaker.send(new ListWorkteamsCommand({ MaxResults: 100 }))]);
    if (UserPools?.length !== 1) throw new Error(`expected the one managed user pool, found ${UserPools?.length}`);
    const UserPoolId = UserPools[0].Id;
    const groupOf = new Map(Workteams.map((w) => [w.WorkteamName, w.MemberDefinitions[0].CognitoMemberDefinition.UserGroup]));
    await pool(users, concurrency, async (i) => {
      const Username = userEmail(i);
      const UserAttributes = [{ Name: 'email', Value: Username }, { Name: 'email_verified', Value: 'true' }, { Name: 'custom:gtctl_project', Value: project }];
      await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username, UserAttributes, MessageAction: 'SUPPRESS' }));
      for (const t of teamsOf(i)) {
        await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName: groupOf.get(teamName(t)) }));
        members[t].push(Username);
      }
    });
  } finally {
    cognito.destroy();
    sageMaker.destroy();
  }
}
