#!/usr/bin/env node
// `npm run demo`: the quick start, against the embedded sandbox (no AWS account needed). Starts the sandbox
// in-process on a free loopback port and runs, as a user would, validate, plan, apply, plan again and status on
// specs/even-odd. Run after `npm run build` (the npm script does both).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startSandbox } = await import(path.join(root, 'dist/sandbox/index.js'));
const specs = 'specs/even-odd';

const sandbox = await startSandbox();
const env = { ...process.env, AWS_ENDPOINT_URL: sandbox.url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
console.log(`gtctl demo: a sandbox AWS is listening on ${sandbox.url} (account 000000000000)`);

/** Runs the CLI in its own process, as a user would; asynchronously, so that this process's sandbox can answer. */
async function gtctl(...args) {
  console.log(`\n$ gtctl ${args.join(' ')}`);
  const child = spawn(process.execPath, [path.join(root, 'dist/cli/main.js'), ...args], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise((resolve) => child.on('close', resolve));
  console.log(`[exit ${code}]`);
  return code;
}

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
} finally {
  await sandbox.close();
}
console.log(failed ? '\nThe demo did not go as expected (see the exit codes above).' : '\nDone: the sandbox now holds the workforce, the team and its three invited workers.');
process.exitCode = failed ? 1 : 0;
