// The differential harness: one small program of SDK calls runs against the reference (a fresh, ideal sandbox in
// this process) and against the target the runner names (moto, AWS, or nobody when the target is the sandbox
// itself), each answer is normalized to what both can be expected to agree on, and the two are compared. A
// difference is a failure unless known-differences.ts lists it, with who is right. Every case records both answers
// in GTCTL_CONFORMANCE_ANSWERS, so a run against AWS settles the unknowns the known table names.
//
// Contract for a case's program: it gets the clients of one side and a scope; everything it creates is named with
// `scope.name()` (so it carries the run prefix AWS cleanup relies on) and registered with `scope.defer()`, which
// runs in reverse order after the program, also when it failed. It returns plain data: normalize() then strips
// what differs by nature (ids, dates, account ids, ETags).
import { appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import { CognitoIdentityProviderClient, DeleteUserPoolCommand, DeleteUserPoolDomainCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DeleteBucketCommand, DeleteObjectCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { IAMClient } from '@aws-sdk/client-iam';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { knownDifference, type KnownDifference } from './known-differences.js';

export type TargetName = 'sandbox' | 'moto' | 'aws';
// SNS is not a service gtctl calls: the sandbox serves it for streaming jobs, and moto is its oracle too. IAM: the
// execution roles gtctl manages and simulates.
export type Service = 'cognito-idp' | 's3' | 'sts' | 'sns' | 'iam';

export interface Env {
  target: TargetName;
  endpoint: string | undefined;
  answers: string | undefined;
  prefix: string;
  region: string;
}

export function conformanceEnv(): Env {
  const target = process.env['GTCTL_CONFORMANCE_TARGET'] ?? 'sandbox';
  if (target !== 'sandbox' && target !== 'moto' && target !== 'aws') throw new Error(`GTCTL_CONFORMANCE_TARGET must be sandbox, moto or aws, not "${target}"`);
  const endpoint = process.env['GTCTL_CONFORMANCE_ENDPOINT'] || undefined;
  if (target === 'moto' && endpoint === undefined) throw new Error('GTCTL_CONFORMANCE_TARGET=moto needs GTCTL_CONFORMANCE_ENDPOINT (the moto_server URL)');
  // A real account is shared: without a prefix a case could not tell its own pools and buckets from anyone's.
  const prefix = process.env['GTCTL_CONFORMANCE_PREFIX'] ?? (target === 'aws' ? undefined : 'gtc-local');
  if (prefix === undefined) throw new Error('GTCTL_CONFORMANCE_TARGET=aws needs GTCTL_CONFORMANCE_PREFIX');
  return {
    target,
    endpoint: target === 'moto' ? endpoint : undefined,
    answers: process.env['GTCTL_CONFORMANCE_ANSWERS'] || undefined,
    prefix: prefix.toLowerCase(),
    region: process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
  };
}

export interface Clients {
  /** Which server these clients talk to: cases branch on it only to read account-wide lists. */
  side: 'reference' | 'target';
  kind: TargetName;
  region: string;
  cognito: CognitoIdentityProviderClient;
  s3: S3Client;
  sts: STSClient;
  sns: SNSClient;
  iam: IAMClient;
}

function clients(side: Clients['side'], kind: TargetName, region: string, endpoint: string | undefined, local: boolean): Clients {
  // maxAttempts 1: a retried error would hide what the server answered first.
  const common = {
    region,
    maxAttempts: 1,
    ...(endpoint !== undefined && { endpoint }),
    // The reference never sees the runner's credentials, whatever they are.
    ...(local && { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
  };
  return {
    side,
    kind,
    region,
    cognito: new CognitoIdentityProviderClient(common),
    // Path style for any custom endpoint (wire.md); string bodies are not streamed, so no aws-chunked framing.
    s3: new S3Client({ ...common, forcePathStyle: endpoint !== undefined }),
    sts: new STSClient(common),
    sns: new SNSClient(common),
    iam: new IAMClient(common),
  };
}

/** What a case's program gets besides the clients. */
export interface Scope {
  /** A name unique to this case and role, starting with the run prefix; lower case, ≤ 40 characters (bucket-safe). */
  name(role: string): string;
  /** An e-mail address whose local part is `name(role)`. */
  email(role: string): string;
  /** Runs after the program, newest first, whether or not it failed; a cleanup failure is reported, not thrown. */
  defer(cleanup: () => Promise<unknown>): void;
}

export interface DifferentialCase<A> {
  service: Service;
  operation: string;
  case: string;
  run(c: Clients, scope: Scope): Promise<A>;
  /** What AWS documents about the answer, checked on the reference whatever the target (throws to fail). */
  expect?(answer: unknown): void;
}

interface Sides {
  reference: Clients;
  target: Clients | undefined;
}

/**
 * For one test file: starts the reference sandbox before its cases and builds the target's clients, closes them
 * after; `differential(spec)` declares a case on those sides.
 */
export function conformanceSuite(): { env: Env; differential: <A>(spec: DifferentialCase<A>) => void } {
  const env = conformanceEnv();
  let sandbox: Sandbox | undefined;
  let current: Sides | undefined;
  beforeAll(async () => {
    // Ideal and unthrottled: timing noise and quotas are the realism tests' subject, not this comparison's.
    sandbox = await startSandbox({ realism: { ideal: true }, quotas: { enabled: false } });
    current = {
      reference: clients('reference', 'sandbox', env.region, sandbox.url, true),
      target: env.target === 'sandbox' ? undefined : clients('target', env.target, env.region, env.endpoint, false),
    };
  });
  afterAll(async () => {
    for (const c of [current?.reference, current?.target]) c && [c.cognito, c.s3, c.sts, c.sns, c.iam].forEach((client) => client.destroy());
    await sandbox?.close();
  });
  const sides = () => {
    if (!current) throw new Error('conformanceSuite(): the sides exist only inside a test');
    return current;
  };
  return { env, differential: (spec) => differential(sides, env, spec) };
}

async function runSide<A>(c: Clients, env: Env, spec: DifferentialCase<A>): Promise<unknown> {
  const tag = createHash('sha256').update(`${spec.service}/${spec.operation}/${spec.case}`).digest('hex').slice(0, 6);
  const cleanups: (() => Promise<unknown>)[] = [];
  const scope: Scope = {
    name: (role) => `${env.prefix}-${tag}-${role}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40),
    email: (role) => `${scope.name(role)}@example.com`,
    defer: (cleanup) => void cleanups.push(cleanup),
  };
  try {
    return normalize(await spec.run(c, scope), env);
  } catch (error) {
    // A call the program did not expect to fail did: that failure is the side's answer (a server answer only;
    // anything else, a bug in the case, still fails the test).
    return { programFailed: failureOf(error) };
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => console.warn(`cleanup after ${spec.operation} "${spec.case}" on ${c.kind}: ${String(error)}`));
    }
  }
}

export type Verdict = 'agree' | 'known' | 'differ';

/** Declares one test: runs the case on both sides, compares, records, and fails only on an unlisted difference. */
function differential<A>(sides: () => Sides, env: Env, spec: DifferentialCase<A>): void {
  it(`${spec.operation}: ${spec.case}`, async () => {
    const { reference, target } = sides();
    const referenceAnswer = await runSide(reference, env, spec);
    spec.expect?.(referenceAnswer);
    const targetAnswer = target ? await runSide(target, env, spec) : referenceAnswer;
    const same = stableJson(referenceAnswer) === stableJson(targetAnswer);
    const known = same ? undefined : knownDifference(env.target, spec.service, spec.operation, spec.case);
    const verdict: Verdict = same ? 'agree' : known ? 'known' : 'differ';
    record(env, { kind: 'differential', service: spec.service, operation: spec.operation, case: spec.case, reference: referenceAnswer, target: targetAnswer, verdict, ...(known && { knownId: known.id }) });
    if (verdict === 'differ') {
      throw new Error(
        `${spec.service} ${spec.operation} "${spec.case}": the sandbox and ${env.target} answer differently\n` +
          `  sandbox: ${stableJson(referenceAnswer)}\n  ${env.target}: ${stableJson(targetAnswer)}\n` +
          `Decide who is right; if it is not the sandbox's to fix now, list it in known-differences.ts.`,
      );
    }
  });
}

// One line per write: the files of the suite run in parallel processes appending to the same file.
function record(env: Env, entry: Record<string, unknown> & { knownId?: KnownDifference['id'] }): void {
  if (env.answers === undefined) return;
  appendFileSync(env.answers, `${JSON.stringify({ ...entry, targetKind: env.target })}\n`);
}

// ---- Answers -------------------------------------------------------------------------------------------------

/** A failure as comparable: the error's name (S3: its code) and HTTP status; messages differ by wording. */
export interface Failure {
  error: string;
  status: number | undefined;
}

export function failureOf(error: unknown): Failure {
  if (typeof error !== 'object' || error === null) throw error;
  const e = error as { name?: unknown; Code?: unknown; $metadata?: { httpStatusCode?: number } };
  // Not an answer of the server (a bug in the case, a refused connection): the test must fail on it.
  if (e.$metadata === undefined) throw error;
  return { error: String(e.Code ?? e.name), status: e.$metadata.httpStatusCode };
}

/** The call's result as `{ ok }`, or its failure as `{ error, status }`. */
export async function attempt<T>(call: () => Promise<T>): Promise<{ ok: T } | Failure> {
  try {
    return { ok: await call() };
  } catch (error) {
    return failureOf(error);
  }
}

/** `'ok'` for a success whose value carries nothing comparable, else the failure. */
export const okOrFailure = <T>(answer: { ok: T } | Failure): 'ok' | Failure => ('ok' in answer ? 'ok' : answer);

/** The value of a success, else the failure. */
export const valueOrFailure = <T>(answer: { ok: T } | Failure): T | Failure => ('ok' in answer ? answer.ok : answer);

/** Just the status of a success (the body carries nothing comparable), or the failure. */
export async function outcome(call: () => Promise<{ $metadata: { httpStatusCode?: number } }>): Promise<{ status: number | undefined } | Failure> {
  try {
    return { status: (await call()).$metadata.httpStatusCode };
  } catch (error) {
    return failureOf(error);
  }
}

const POOL_ID = /\b[a-z]{2}(?:-gov)?-[a-z]+-\d_[0-9A-Za-z]+\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const ARN_ACCOUNT = /^(arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:)\d{12}(:)/;

/**
 * Strips what differs between servers by nature: `$metadata` (request ids, attempts), dates (to `<date>`), pool ids,
 * UUIDs, the account id inside ARNs, ETags (kept only as "an MD5" or "something else"), and the run prefix (so the
 * recorded answers of two runs compare). Everything else is kept as the case chose it.
 */
export function normalize(value: unknown, env: Env): unknown {
  if (value instanceof Date) return '<date>';
  if (Array.isArray(value)) return value.map((v) => normalize(v, env));
  if (typeof value === 'string') {
    return value
      .replace(ARN_ACCOUNT, '$1<account>$2')
      .replace(POOL_ID, '<pool-id>')
      .replace(UUID, '<uuid>')
      .split(env.prefix)
      .join('<prefix>');
  }
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$metadata' || v === undefined) continue;
    if (key === 'ETag' && typeof v === 'string') out[key] = /^"[0-9a-f]{32}"$/.test(v) ? '<md5>' : '<etag>';
    else out[key] = normalize(v, env);
  }
  return out;
}

/** JSON with object keys sorted: equal answers print the same. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- Cleanup helpers shared by the files ------------------------------------------------------------------------

/** Deletes a pool, its domain first (Cognito refuses a pool that still has one). */
export async function deletePool(c: Clients, userPoolId: string): Promise<void> {
  const pool = await c.cognito.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId })).catch(() => undefined);
  const domain = pool?.UserPool?.Domain;
  if (domain) await c.cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: domain }));
  if (pool) await c.cognito.send(new DeleteUserPoolCommand({ UserPoolId: userPoolId }));
}

/** Empties a bucket of every version and delete marker, then deletes it; a bucket that is not there is fine. */
export async function deleteBucket(c: Clients, bucket: string): Promise<void> {
  for (;;) {
    const page = await c.s3.send(new ListObjectVersionsCommand({ Bucket: bucket })).catch((error: unknown) => {
      if (failureOf(error).status === 404) return undefined;
      throw error;
    });
    if (!page) return;
    const entries = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])];
    if (entries.length === 0) break;
    for (const { Key, VersionId } of entries) await c.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key, VersionId }));
  }
  await c.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}
