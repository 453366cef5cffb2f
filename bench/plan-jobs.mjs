#!/usr/bin/env node
// `gtctl plan` on an account with many labeling jobs and buckets, against the sandbox: wall time, the AWS calls it
// makes by operation (from the sandbox request log) next to what read-buckets.ts and read-jobs.ts say they make,
// and whether the plan of the converged tree is empty.
//
// The account is built as gtctl builds it: a spec tree of one managed workforce, one team, BUCKETS buckets and JOBS
// text-classification jobs, each job reading a small manifest kept in git as an object of its bucket (so every job
// is tagged and configured exactly as gtctl makes them), applied once with `gtctl apply --auto-approve`, Cognito
// quotas off. Then, quotas on at AWS's rates, `gtctl plan --json --detailed-exitcode` runs RUNS times on the same
// tree; the table shows the median wall time and the calls of one run (every run makes the same calls).
//
// The CLI runs in its own process (asynchronously: this process's sandbox must answer). Run `npm run build` first.
// JOBS, BUCKETS and RUNS change the sizes; LATENCY_MS delays every AWS call while measuring (default 0: the sandbox
// answers in a few ms, AWS in tens to hundreds), which shows how much of the read runs concurrently. INPUT=prefix
// gives each job `input.fromPrefix` on a folder of PER_JOB text objects instead of a manifest: gtctl then reads
// every object's text on every plan, jobs created long ago included.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectExit, LOG_CAPACITY, median, startBench, tally } from './harness.mjs';

const JOBS = Number(process.env.JOBS ?? 200);
const BUCKETS = Number(process.env.BUCKETS ?? 20);
const RUNS = Number(process.env.RUNS ?? 3);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 0);
const PREFIX_INPUT = process.env.INPUT === 'prefix';
const PER_JOB = PREFIX_INPUT ? Number(process.env.PER_JOB ?? 2) : 1;
const PROJECT = 'bench';

const bucketName = (b) => `gtctl-bench-${String(b).padStart(3, '0')}`;
const jobName = (j) => `bench-job-${String(j).padStart(4, '0')}`;
const bucketOf = (j) => j % BUCKETS;


function writeSpecs() {
  mkdirSync(path.join(specs, 'buckets'), { recursive: true });
  mkdirSync(path.join(specs, 'jobs'), { recursive: true });
  writeFileSync(
    path.join(specs, 'project.yaml'),
    [
      `apiVersion: gtctl/v1\nkind: Project\nmetadata: { name: ${PROJECT} }\nspec:\n  region: us-east-1\n  accountId: "000000000000"\n`,
      `apiVersion: gtctl/v1\nkind: Workforce\nmetadata: { name: default }\nspec:\n  cognito: { userPool: managed, domain: gtctl-bench }\n`,
      `apiVersion: gtctl/v1\nkind: Team\nmetadata: { name: labelers }\nspec:\n  members: [ann@example.com, bob@example.com]\n`,
    ].join('---\n'),
  );
  for (let b = 0; b < BUCKETS; b++) {
    const objects = [];
    for (let j = b; j < JOBS; j += BUCKETS) {
      if (PREFIX_INPUT) for (let k = 0; k < PER_JOB; k++) objects.push(`    - { key: data/${jobName(j)}/${k}.txt, content: "${j + k}" }\n`);
      else objects.push(`    - key: manifests/${jobName(j)}.manifest\n      content: |\n        {"source":"${j}"}\n        {"source":"${j + 1}"}\n`);
    }
    writeFileSync(
      path.join(specs, 'buckets', `${bucketName(b)}.yaml`),
      `apiVersion: gtctl/v1\nkind: Bucket\nmetadata: { name: ${bucketName(b)} }\nspec:\n  cors: ground-truth\n  objects:\n${objects.join('') || '    []\n'}`,
    );
  }
  const jobs = [];
  for (let j = 0; j < JOBS; j++) {
    const bucket = bucketName(bucketOf(j));
    jobs.push(
      [
        'apiVersion: gtctl/v1',
        'kind: LabelingJob',
        `metadata: { name: ${jobName(j)} }`,
        'spec:',
        '  team: labelers',
        '  roleArn: arn:aws:iam::000000000000:role/labeling',
        PREFIX_INPUT ? `  input: { fromPrefix: "s3://${bucket}/data/${jobName(j)}/" }` : `  input: { manifest: "s3://${bucket}/manifests/${jobName(j)}.manifest" }`,
        `  output: s3://${bucket}/output/`,
        '  task:',
        '    type: text-classification',
        `    title: Odd or even ${j}`,
        '    description: Is the number odd or even?',
        '    labels: [Odd, Even]',
        '',
      ].join('\n'),
    );
  }
  // 20 jobs a file, as a team might keep them.
  for (let f = 0; f * 20 < JOBS; f++) writeFileSync(path.join(specs, 'jobs', `jobs-${String(f).padStart(3, '0')}.yaml`), jobs.slice(f * 20, (f + 1) * 20).join('---\n'));
}

const bench = await startBench('gtctl-bench-jobs-');
const specs = path.join(bench.work, 'specs');
const { admin } = bench;
/** The built CLI in its own process: wall time, exit code, output. */
const gtctl = (...args) => bench.gtctl(args);

/**
 * The calls the read should make for B buckets, J jobs and their declared objects (a manifest each, or PER_JOB texts
 * under a prefix each), by the call counts stated in read-buckets.ts and read-jobs.ts; the workforce, team and caller
 * identity reads are a constant.
 */
function expectedCalls() {
  const perBucket = ['GetBucketTagging', 'GetBucketCors', 'GetBucketEncryption', 'GetPublicAccessBlock', 'GetBucketOwnershipControls', 'GetBucketVersioning', 'ListObjectsV2'];
  return {
    's3.ListBuckets': Math.max(1, Math.ceil(BUCKETS / 10_000)),
    ...Object.fromEntries(perBucket.map((op) => [`s3.${op}`, BUCKETS])),
    's3.HeadObject': JOBS * PER_JOB,
    ...(PREFIX_INPUT ? { 's3.ListObjectsV2': BUCKETS + JOBS, 's3.GetObject': JOBS * PER_JOB } : {}),
    'sagemaker.ListLabelingJobs': Math.max(1, Math.ceil(JOBS / 100)),
    'sagemaker.DescribeLabelingJob': JOBS,
  };
}


let failed = false;
try {
  writeSpecs();
  await admin('POST', 'sagemaker/settings', { transitionMs: 0 });
  const inputs = PREFIX_INPUT ? `each on a prefix of ${PER_JOB} text objects` : 'each on a manifest object';
  console.log(`Seeding: gtctl apply of ${BUCKETS} buckets, ${JOBS} labeling jobs (${inputs}), a workforce and a team...`);
  const seed = await gtctl('apply', '-d', specs, '--auto-approve');
  expectExit(seed, [0], 'the seeding apply');
  console.log(`  ${seed.stdout.trim().split('\n').at(-1)} (${(seed.ms / 1000).toFixed(1)} s wall)`);

  await admin('POST', 'quotas', { enabled: true, scale: 1 });
  if (LATENCY_MS > 0) await admin('POST', 'faults', { rules: [{ operation: '*', latencyMs: LATENCY_MS }] });
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    await admin('DELETE', 'requests');
    const run = await gtctl('plan', '-d', specs, '--json', '--detailed-exitcode');
    expectExit(run, [0, 2], 'plan');
    const log = await admin('GET', 'requests');
    if (log.length >= LOG_CAPACITY) throw new Error('the request log overflowed: the counts would be short');
    const plan = JSON.parse(run.stdout);
    // The CLI's own report of the read (stderr): the part of the wall time spent reading live state.
    const read = /Read live state: \d+ AWS calls? in ([\d.]+) (ms|s)\b/.exec(run.stderr);
    const readMs = read ? Number(read[1]) * (read[2] === 's' ? 1000 : 1) : NaN;
    runs.push({ ms: run.ms, readMs, code: run.code, calls: tally(log), total: log.length, errors: log.filter((e) => e.error).length, plan });
  }
  await admin('DELETE', 'faults');

  const last = runs.at(-1);
  const expected = expectedCalls();
  const rows = [...new Set([...Object.keys(last.calls), ...Object.keys(expected)])].sort().map((op) => [op, last.calls[op] ?? 0, expected[op] ?? '']);
  const pad = (s, n) => String(s).padEnd(n);
  const padL = (s, n) => String(s).padStart(n);
  console.log(`\ngtctl plan: ${JOBS} existing jobs (${inputs}), ${BUCKETS} buckets (${JOBS * PER_JOB} objects), 1 team${LATENCY_MS ? `, +${LATENCY_MS} ms per AWS call` : ''}; ${RUNS} run(s)`);
  console.log(`  ${pad('operation', 36)} ${padL('calls', 6)} ${padL('expected', 9)}`);
  for (const [op, n, e] of rows) console.log(`  ${pad(op, 36)} ${padL(n, 6)} ${padL(e, 9)}${e !== '' && n !== e ? '  <-- differs' : ''}`);
  console.log(`  ${pad('total', 36)} ${padL(last.total, 6)}`);
  const perObject = (last.total / (JOBS + BUCKETS)).toFixed(2);
  const walls = runs.map((r) => (r.ms / 1000).toFixed(2));
  console.log(`\n  wall time (median of ${RUNS}):     ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} s   (runs: ${walls.join(', ')} s)`);
  console.log(`  of which reading live state:    ${(median(runs.map((r) => r.readMs)) / 1000).toFixed(2)} s   (the rest: Node start-up, loading, planning)`);
  console.log(`  calls per job or bucket:        ${perObject}`);
  console.log(`  calls answered with an error:   ${last.errors}`);
  const empty = runs.every((r) => r.code === 0 && r.plan.changes.length === 0);
  console.log(`  plan empty:                     ${empty ? 'yes' : `NO (${last.plan.changes.map((c) => `${c.action} ${c.address}`).slice(0, 5).join(', ')}...)`}`);
  console.log(`  summary:                        ${JSON.stringify(last.plan.summary)}`);
  if (!empty || rows.some(([, n, e]) => e !== '' && n !== e)) failed = true;
} finally {
  await bench.close();
}
process.exitCode = failed ? 1 : 0;
