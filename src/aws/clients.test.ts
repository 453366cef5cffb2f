// How the clients are built: STS through the sandbox, one logical call counted however many attempts it takes,
// credentials from the default chain, and the SDK loaded only when a port is first called.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GtctlError } from '../core/errors.js';
import { startSandbox, type RequestLogEntry, type Sandbox } from '../sandbox/index.js';
import { createAwsPorts } from './clients.js';
import { DEFAULT_MAX_ATTEMPTS } from './config.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let sandbox: Sandbox;

beforeAll(async () => void (sandbox = await startSandbox({ quotas: { enabled: false }, realism: { ideal: true } })));
afterAll(() => sandbox.close());

async function admin(method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sandbox.url}/_sandbox/${route}`, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return response.json();
}

describe('the retry policy in the clients', () => {
  it("keeps the SDK from retrying Cognito's daily e-mail limit (it would, as throttling): one attempt, then the error", async () => {
    const rough = await startSandbox({ quotas: { enabled: false }, realism: { codeDeliveryFailureRate: 0 } });
    try {
      const aws = createAwsPorts({ region: 'us-east-1', endpoint: rough.url, credentials });
      const pool = (await aws.cognito.createUserPool({ PoolName: 'limited', UsernameAttributes: ['email'] })).Id!;
      const invite = (i: number) => aws.cognito.adminCreateUser({ UserPoolId: pool, Username: `w${i}@example.com`, DesiredDeliveryMediums: ['EMAIL'] });
      for (let i = 0; i < 50; i++) await invite(i);
      await fetch(`${rough.url}/_sandbox/requests`, { method: 'DELETE' });
      const error = await invite(50).then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'aws-error', awsCode: 'LimitExceededException', message: expect.stringContaining('Exceeded daily email limit') });
      const log = (await (await fetch(`${rough.url}/_sandbox/requests`)).json()) as RequestLogEntry[];
      expect(log.filter((e) => e.operation === 'AdminCreateUser')).toHaveLength(1);
    } finally {
      await rough.close();
    }
  });

  it('retries a new bucket\'s configuration write until the bucket is visible everywhere (aws-evidence E1)', async () => {
    const rough = await startSandbox({ quotas: { enabled: false }, realism: { seed: 2, consistencyMs: 200 } });
    try {
      const aws = createAwsPorts({ region: 'us-east-1', endpoint: rough.url, credentials });
      await aws.s3.createBucket('fresh-bucket', 'us-east-1');
      await aws.s3.putTags('fresh-bucket', { team: 'data' });
      expect(await aws.s3.getTags('fresh-bucket')).toEqual({ team: 'data' });
      const log = (await (await fetch(`${rough.url}/_sandbox/requests`)).json()) as RequestLogEntry[];
      expect(log.filter((e) => e.operation === 'PutBucketTagging').map((e) => e.error ?? 'ok').at(-1)).toBe('ok');
      expect(log.some((e) => e.operation === 'PutBucketTagging' && e.error === 'NoSuchBucket')).toBe(true);
    } finally {
      await rough.close();
    }
  });
});

describe('createAwsPorts', () => {
  it('asks STS who is calling', async () => {
    const aws = createAwsPorts({ region: 'eu-west-1', endpoint: sandbox.url, credentials });
    expect(await aws.sts.callerIdentity()).toEqual({ account: '000000000000', arn: expect.stringMatching(/^arn:aws:(iam|sts)::000000000000:/) });
    expect(aws.calls()).toEqual({ 'sts.GetCallerIdentity': 1 });
  });

  it(`counts a call once however many attempts it takes (${DEFAULT_MAX_ATTEMPTS} by default), failures included`, async () => {
    const aws = createAwsPorts({ region: 'us-east-1', endpoint: sandbox.url, credentials });
    await admin('DELETE', 'requests');
    await admin('POST', 'faults', { rules: [{ operation: 'GetCallerIdentity', failRate: 1 }] });
    try {
      const error = await aws.sts.callerIdentity().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(GtctlError);
      expect(error).toMatchObject({ code: 'aws-error', awsCode: 'InternalFailure', source: 'aws', message: expect.stringMatching(/^sts GetCallerIdentity failed: /) });
    } finally {
      await admin('DELETE', 'faults');
    }
    const log = (await admin('GET', 'requests')) as RequestLogEntry[];
    expect(log.filter((entry) => entry.operation === 'GetCallerIdentity')).toHaveLength(DEFAULT_MAX_ATTEMPTS);
    expect(aws.calls()).toEqual({ 'sts.GetCallerIdentity': 1 });
  });

  it('keys calls by service and operation, sorted, and hands out copies', async () => {
    const aws = createAwsPorts({ region: 'us-east-1', endpoint: sandbox.url, credentials });
    await aws.sageMaker.listWorkteams();
    await aws.sageMaker.describeWorkforce('default');
    await aws.cognito.listUserPools();
    await aws.sts.callerIdentity();
    const calls = aws.calls();
    expect(Object.keys(calls)).toEqual(['cognito-idp.ListUserPools', 'sagemaker.DescribeWorkforce', 'sagemaker.ListWorkteams', 'sts.GetCallerIdentity']);
    calls['sts.GetCallerIdentity'] = 99;
    expect(aws.calls()['sts.GetCallerIdentity']).toBe(1);
  });

  it('refuses bad Cognito rates when built, before any call', () => {
    expect(() => createAwsPorts({ region: 'us-east-1', cognitoRates: { UserList: 0 } })).toThrow(GtctlError);
  });
});

describe('credentials', () => {
  afterEach(() => void vi.unstubAllEnvs());

  it('without any, fail as the user’s error, saying how to provide them or use the sandbox', async () => {
    // An empty default chain: no variables, no config files, no instance metadata.
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'])
      vi.stubEnv(name, undefined);
    vi.stubEnv('AWS_CONFIG_FILE', path.join(tmpdir(), 'gtctl-no-such-config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(tmpdir(), 'gtctl-no-such-credentials'));
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    const aws = createAwsPorts({ region: 'us-east-1', endpoint: sandbox.url, profile: 'labeling' });
    const error = await aws.sts.callerIdentity().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(GtctlError);
    expect(error).toMatchObject({ code: 'aws-credentials', awsCode: 'CredentialsProviderError', source: 'user', message: expect.stringMatching(/^sts GetCallerIdentity failed: /) });
    expect((error as GtctlError).hint).toMatch(/profile "labeling".*--endpoint http:\/\/127\.0\.0\.1:4566/s);
    expect(aws.calls()).toEqual({ 'sts.GetCallerIdentity': 1 });
  });
});

describe('loading the SDK', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(file);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'test-support.ts' ? [file] : [];
    });

  it('only src/aws/clients.ts loads SDK code, and only with a dynamic import; everything else imports types', () => {
    const offenders: string[] = [];
    for (const file of sources(path.join(root, 'src'))) {
      const relative = path.relative(root, file);
      if (relative.startsWith(path.join('src', 'sandbox'))) continue; // the sandbox is tested through the SDK clients
      const text = readFileSync(file, 'utf8');
      if (/^\s*(import|export)\s+(?!type\b)[^;]*?from\s+['"]@aws-sdk\//m.test(text)) offenders.push(`${relative}: static value import`);
      if (/(?<!typeof\s+)import\(\s*['"]@aws-sdk\//.test(text) && relative !== path.join('src', 'aws', 'clients.ts'))
        offenders.push(`${relative}: dynamic import`);
    }
    expect(offenders).toEqual([]);
  });

  it('importing clients.js and building the ports loads no @aws-sdk module; the first call of a port does', () => {
    // src/aws and what it imports, transpiled to a temporary directory (no build needed), run in a child process
    // whose module resolver refuses every @aws-sdk/ specifier.
    const out = mkdtempSync(path.join(tmpdir(), 'gtctl-aws-lazy-'));
    try {
      const files = [...sources(path.join(root, 'src', 'aws')), path.join(root, 'src', 'core', 'errors.ts')];
      for (const file of files) {
        const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
        });
        const target = path.join(out, path.relative(path.join(root, 'src'), file)).replace(/\.ts$/, '.js');
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, outputText);
      }
      writeFileSync(path.join(out, 'package.json'), '{"type":"module"}');
      symlinkSync(path.join(root, 'node_modules'), path.join(out, 'node_modules'));
      const hook = `export async function resolve(specifier, context, next) {
        if (specifier.startsWith('@aws-sdk/')) throw new Error('SDK loaded: ' + specifier);
        return next(specifier, context);
      }`;
      const script = `
        import { register } from 'node:module';
        register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
        const { createAwsPorts } = await import('./aws/clients.js');
        const aws = createAwsPorts({ region: 'us-east-1' });
        console.log('built: ' + JSON.stringify(aws.calls()));
        await aws.sts.callerIdentity().catch((e) => console.log(e.message));`;
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: out, encoding: 'utf8' });
      expect(output.trim().split('\n')).toEqual(['built: {}', 'SDK loaded: @aws-sdk/client-sts']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
