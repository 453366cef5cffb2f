#!/usr/bin/env node
// What AWS's roughness costs an apply: `gtctl apply` of the seed scenario (specs/even-odd: pool, domain, client,
// workforce, team, 3 invitations, bucket with objects, job) on a fresh realistic sandbox and on an --ideal one, RUNS
// times each (seeds 1..RUNS), median wall time. The difference is what gtctl's waits and retries add: ideally about
// the consistency windows themselves (DEFAULT_CONSISTENCY_MS, 300 ms; a domain CREATING for twice that).
// Run `npm run build` first.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { median, root } from './harness.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const RUNS = Number(process.env.RUNS ?? 5);
const { startSandbox } = await import(path.join(root, 'dist/sandbox/index.js'));

function apply(env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/cli/main.js'), 'apply', '-d', path.join(root, 'specs/even-odd'), '--auto-approve'], { env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const medians = {};
for (const ideal of [false, true]) {
  const times = [];
  for (let seed = 1; seed <= RUNS; seed++) {
    const sandbox = await startSandbox({ realism: { ideal, seed } });
    const env = { ...process.env, AWS_ENDPOINT_URL: sandbox.url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', NO_COLOR: '1' };
    const started = performance.now();
    const run = await apply(env);
    times.push(performance.now() - started);
    await sandbox.close();
    if (run.code !== 0) throw new Error(`gtctl apply exited ${run.code}:\n${run.out}`);
  }
  medians[ideal ? 'ideal' : 'realistic'] = median(times);
}
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`gtctl apply of specs/even-odd, median of ${RUNS}: realistic ${s(medians.realistic)}, ideal ${s(medians.ideal)}; waits and retries add ${s(medians.realistic - medians.ideal)}`);
