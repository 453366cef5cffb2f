#!/usr/bin/env node
// `npm run demo`: the quick start, against the embedded sandbox (no AWS account needed). Starts the sandbox
// in-process on a free loopback port and runs, as a user would, validate, plan, apply, plan again and status on
// specs/even-odd; then three sandbox workers label the numbers (42 even, 19 and 21 odd), and status and results
// show the completed job and its labeled dataset. Run after `npm run build` (the npm script does both).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startSandbox } = await import(path.join(root, 'dist/sandbox/index.js'));
const specs = 'specs/even-odd';

const sandbox = await startSandbox();
const env = { ...process.env, AWS_ENDPOINT_URL: sandbox.url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
console.log(`gtctl demo: a sandbox AWS is listening on ${sandbox.url} (account 000000000000)`);

// The account's execution role, as the SageMaker console made it long ago: trusted by SageMaker, and allowed to read
// the job's inputs and write its output (gtctl checks that at plan time).
const { IAMClient, CreateRoleCommand, PutRolePolicyCommand } = await import('@aws-sdk/client-iam');
const iam = new IAMClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const consoleRole = 'AmazonSageMaker-ExecutionRole-20250818T084167';
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const access = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::*'] }] };
await iam.send(new CreateRoleCommand({ RoleName: consoleRole, AssumeRolePolicyDocument: JSON.stringify(trust) }));
await iam.send(new PutRolePolicyCommand({ RoleName: consoleRole, PolicyName: 'labeling-data', PolicyDocument: JSON.stringify(access) }));
iam.destroy();
// Made long ago: past the propagation window a new role has.
await fetch(`${sandbox.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 600_000 }) });

/** Runs the CLI in its own process, as a user would; asynchronously, so that this process's sandbox can answer. */
async function gtctl(...args) {
  console.log(`\n$ gtctl ${args.join(' ')}`);
  const child = spawn(process.execPath, [path.join(root, 'dist/cli/main.js'), ...args], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise((resolve) => child.on('close', resolve));
  console.log(`[exit ${code}]`);
  return code;
}

const job = 'text-analysis-job-creation';
// The manifest gtctl builds lists Input/1.txt (42), 2.txt (19) and 3.txt (21) in key order; one worker each.
const workers = [
  ['user1@gmail.com', 0, 'Even Number'],
  ['user2@gmail.com', 1, 'Odd Number'],
  ['user3@gmail.com', 2, 'Odd Number'],
];
const answers = mkdtempSync(path.join(tmpdir(), 'gtctl-demo-'));

let failed = false;
try {
  for (const args of [
    ['validate', '-d', specs],
    ['plan', '-d', specs],
    ['apply', '-d', specs, '--auto-approve'],
    ['plan', '-d', specs, '--detailed-exitcode'],
    ['status', '-d', specs],
  ]) {
    if ((await gtctl(...args)) !== 0) failed = true;
  }
  console.log('\n# The job runs once Ground Truth is ready; the sandbox moves its clock on instead of waiting.');
  await fetch(`${sandbox.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 60_000 }) });
  for (const [email, object, label] of workers) {
    const file = path.join(answers, `${email}.json`);
    writeFileSync(file, JSON.stringify([{ object, label }]));
    if ((await gtctl('sandbox', 'label', '--endpoint', sandbox.url, '--job', job, '--as', email, '--answers', file)) !== 0) failed = true;
  }
  for (const args of [
    ['status', '-d', specs],
    ['results', job, '-d', specs],
  ]) {
    if ((await gtctl(...args)) !== 0) failed = true;
  }
} finally {
  await sandbox.close();
  rmSync(answers, { recursive: true, force: true });
}
console.log(failed ? '\nThe demo did not go as expected (see the exit codes above).' : '\nDone: workforce, team, bucket and job created from specs/even-odd, the numbers labeled, the dataset written.');
process.exitCode = failed ? 1 : 0;
