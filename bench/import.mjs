#!/usr/bin/env node
// `gtctl import` of a large console-made account, against the sandbox: wall time, the AWS calls it makes by operation
// (from the sandbox request log), and the plan of the imported tree (its calls, and whether it is adoption only).
//
// The account is built as a console user builds it, untagged, straight through the SDK with Cognito quotas off: a
// user pool with an app client and a domain, a workforce on them, TEAMS teams each with its Cognito group, USERS
// users spread over the teams (user i in team i mod TEAMS), and JOBS text-classification jobs, each with its own
// template, label file and manifest objects in one bucket. Then, quotas on at AWS's default rates, `gtctl import
// --out DIR` runs once and `gtctl plan --json --detailed-exitcode -d DIR` once on what it wrote.
//
// The CLI runs in its own process (asynchronously: this process's sandbox must answer). Run `npm run build` first.
// USERS, TEAMS and JOBS change the sizes (defaults 5000, 25, 100).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateLabelingJobCommand, CreateWorkforceCommand, CreateWorkteamCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startSandbox } = await import(path.join(root, 'dist/sandbox/index.js'));
const { builtInLambdas } = await import(path.join(root, 'dist/core/catalog.js'));

const USERS = Number(process.env.USERS ?? 5000);
const TEAMS = Number(process.env.TEAMS ?? 25);
const JOBS = Number(process.env.JOBS ?? 100);
const REGION = 'us-east-1';
const BUCKET = 'console-labeling-data';
const ROLE_ARN = 'arn:aws:iam::000000000000:role/labeling';
const LOG_CAPACITY = 10_000; // the sandbox keeps the latest 10,000 requests
const CONCURRENCY = 16;

const teamName = (t) => `team-${String(t).padStart(2, '0')}`;
const groupName = (t) => `group-${String(t).padStart(2, '0')}`;
const email = (u) => `worker-${String(u).padStart(5, '0')}@example.com`;
const jobName = (j) => `console-job-${String(j).padStart(3, '0')}`;

const work = mkdtempSync(path.join(tmpdir(), 'gtctl-bench-import-'));
const out = path.join(work, 'specs');
const sandbox = await startSandbox({ quotas: { enabled: false } });
const env = { ...process.env, AWS_ENDPOINT_URL: sandbox.url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: REGION, NO_COLOR: '1' };
const config = { region: REGION, endpoint: sandbox.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 10 };
const cognito = new CognitoIdentityProviderClient(config);
const sageMaker = new SageMakerClient(config);
const s3 = new S3Client({ ...config, forcePathStyle: true });

async function admin(method, route, body) {
  const response = await fetch(`${sandbox.url}/_sandbox/${route}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!response.ok) throw new Error(`${method} /_sandbox/${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Runs `task(i)` for i in [0, n), CONCURRENCY at a time. */
async function each(n, task) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, n) }, async () => {
    while (next < n) await task(next++);
  }));
}

/** The built CLI in its own process: wall time, exit code, output. */
async function gtctl(...args) {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'dist/cli/main.js'), ...args], { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  return { code, ms: performance.now() - started, stdout, stderr };
}

function expectExit(run, codes, what) {
  if (!codes.includes(run.code)) throw new Error(`${what} exited ${run.code}\n${run.stderr.slice(-4000)}\n${run.stdout.slice(-4000)}`);
}

/** `service.Operation` -> calls, sorted. */
function tally(log) {
  const calls = {};
  for (const e of log) calls[`${e.service}.${e.operation}`] = (calls[`${e.service}.${e.operation}`] ?? 0) + 1;
  return Object.fromEntries(Object.entries(calls).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The request log since it was last cleared; refuses a log that overflowed (its counts would be short). */
async function requestLog() {
  const log = await admin('GET', 'requests');
  if (log.length >= LOG_CAPACITY) throw new Error('the request log overflowed: the counts would be short');
  return log;
}

async function seed() {
  const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'console-workers', UsernameAttributes: ['email'], UsernameConfiguration: { CaseSensitive: false } }));
  const UserPoolId = pool.UserPool.Id;
  const client = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId,
      ClientName: 'portal',
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code', 'implicit'],
      AllowedOAuthScopes: ['email', 'openid', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://portal.example.com/oauth2/idpresponse'],
      LogoutURLs: ['https://portal.example.com/logout'],
    }),
  );
  const ClientId = client.UserPoolClient.ClientId;
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain: 'console-workers' }));
  await sageMaker.send(new CreateWorkforceCommand({ WorkforceName: 'default', CognitoConfig: { UserPool: UserPoolId, ClientId } }));
  const teamArns = [];
  for (let t = 0; t < TEAMS; t++) {
    await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: groupName(t) }));
    const team = await sageMaker.send(
      new CreateWorkteamCommand({ WorkteamName: teamName(t), Description: `Console team ${t}`, MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: UserPoolId, ClientId, UserGroup: groupName(t) } }] }),
    );
    teamArns.push(team.WorkteamArn);
  }
  await each(USERS, async (u) => {
    await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username: email(u), UserAttributes: [{ Name: 'email', Value: email(u) }], MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email(u), GroupName: groupName(u % TEAMS) }));
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const lambdas = builtInLambdas('text-classification', REGION);
  await each(JOBS, async (j) => {
    const job = jobName(j);
    const put = (Key, Body) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
    await put(`${job}/template.liquid.html`, `<crowd-form><crowd-classifier name="category" categories="{{ task.input.labels | to_json | escape }}" header="Odd or even (${j})?"><classification-target>{{ task.input.taskObject }}</classification-target></crowd-classifier></crowd-form>\n`);
    await put(`${job}/labels.json`, JSON.stringify({ 'document-version': '2018-11-28', labels: [{ label: 'Odd' }, { label: 'Even' }] }));
    await put(`${job}/numbers.manifest`, `{"source":"${j}"}\n{"source":"${j + 1}"}\n`);
    await sageMaker.send(
      new CreateLabelingJobCommand({
        LabelingJobName: job,
        LabelAttributeName: job,
        RoleArn: ROLE_ARN,
        LabelCategoryConfigS3Uri: `s3://${BUCKET}/${job}/labels.json`,
        InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://${BUCKET}/${job}/numbers.manifest` } } },
        OutputConfig: { S3OutputPath: `s3://${BUCKET}/out/` },
        HumanTaskConfig: {
          WorkteamArn: teamArns[j % TEAMS],
          UiConfig: { UiTemplateS3Uri: `s3://${BUCKET}/${job}/template.liquid.html` },
          PreHumanTaskLambdaArn: lambdas.pre,
          TaskTitle: `Odd or even ${j}`,
          TaskDescription: 'Say whether the number is odd or even',
          NumberOfHumanWorkersPerDataObject: 1 + (j % 3),
          TaskTimeLimitInSeconds: 300,
          TaskAvailabilityLifetimeInSeconds: 864_000,
          MaxConcurrentTaskCount: 1000,
          AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: lambdas.consolidation },
        },
      }),
    );
  });
}

function printCalls(title, calls, total) {
  const pad = (s, n) => String(s).padEnd(n);
  const padL = (s, n) => String(s).padStart(n);
  console.log(`\n${title}`);
  console.log(`  ${pad('operation', 40)} ${padL('calls', 6)}`);
  for (const [op, n] of Object.entries(calls)) console.log(`  ${pad(op, 40)} ${padL(n, 6)}`);
  console.log(`  ${pad('total', 40)} ${padL(total, 6)}`);
}

let failed = false;
try {
  await admin('POST', 'sagemaker/settings', { transitionMs: 0 });
  console.log(`Seeding (SDK, quotas off): a workforce, ${TEAMS} teams with their groups, ${USERS} users, ${JOBS} text-classification jobs in one bucket...`);
  const seeding = performance.now();
  await seed();
  console.log(`  ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

  await admin('POST', 'quotas', { enabled: true, scale: 1 });
  await admin('DELETE', 'requests');
  const imported = await gtctl('import', '--out', out, '--project', 'console', '--region', REGION);
  expectExit(imported, [0], 'import');
  const importLog = await requestLog();
  const files = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.yaml')).length;
  printCalls(`gtctl import: ${USERS} users in ${TEAMS} teams, ${JOBS} jobs, 1 bucket; Cognito quotas at AWS's rates`, tally(importLog), importLog.length);
  console.log(`\n  wall time:                      ${(imported.ms / 1000).toFixed(2)} s`);
  const errors = importLog.filter((e) => e.error);
  console.log(`  calls answered with an error:   ${errors.length}${errors.length ? ` (${Object.entries(tally(errors)).map(([op, n]) => `${op} ${n}`).join(', ')}: S3 answers a bucket without tags or CORS rules with an error)` : ''}`);
  console.log(`  files written:                  ${files}`);

  await admin('DELETE', 'requests');
  const planned = await gtctl('plan', '-d', out, '--json', '--detailed-exitcode');
  expectExit(planned, [0, 2], 'plan of the imported tree');
  const planLog = await requestLog();
  const plan = JSON.parse(planned.stdout);
  const changes = plan.changes.filter((c) => c.action !== 'no-op');
  // Adoption: an update adding the ownership tag (the workforce also gives its pool the managed-member attribute),
  // and members marked as managed. Anything else (a create, a delete, a blocked job) is not.
  const adoptionOnly = changes.every((c) => {
    const paths = (c.diff ?? []).map((d) => d.path);
    if (c.address.startsWith('member/')) return paths.every((p) => /managedBy|customAttributes|gtctl_project/.test(p));
    return c.action === 'update' && paths.every((p) => p === 'tags.gtctl:project' || (c.address.startsWith('workforce/') && p === 'userPool.customAttributes'));
  });
  printCalls('gtctl plan of the imported tree', tally(planLog), planLog.length);
  console.log(`\n  wall time:                      ${(planned.ms / 1000).toFixed(2)} s`);
  const byKind = {};
  for (const c of changes) byKind[`${c.action} ${c.address.split('/')[0]}`] = (byKind[`${c.action} ${c.address.split('/')[0]}`] ?? 0) + 1;
  console.log(`  changes:                        ${JSON.stringify(byKind)}`);
  console.log(`  only adoption:                  ${adoptionOnly ? 'yes' : `NO (${changes.filter((c) => c.action !== 'update').slice(0, 5).map((c) => `${c.action} ${c.address}`).join(', ')}...)`}`);
  if (!adoptionOnly) failed = true;
} finally {
  cognito.destroy();
  sageMaker.destroy();
  s3.destroy();
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
