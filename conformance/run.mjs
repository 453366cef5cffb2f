#!/usr/bin/env node
// `npm run conformance -- --target sandbox|moto|aws [--out DIR] [--account ID]`: the conformance suite (README,
// "Conformance"). It runs conformance/**/*.test.ts with vitest against the target and writes DIR/report.json and
// DIR/report.md: every scenario and differential case, pass or fail, and for differential cases both answers.
//   sandbox  everything on a gtctl sandbox
//   moto     Cognito, S3, STS, SNS and IAM on a moto_server started here on a free port; SageMaker on a sandbox over it
//            (skipped, in one line, when moto_server is not on PATH)
//   aws      a real account: only with GTCTL_CONFORMANCE_AWS=1 and --account naming it; every name carries a run
//            prefix and is deleted again, also on failure
// Run after `npm run build` (the npm script does both): the scenarios drive dist/cli/main.js.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { target: { type: 'string' }, out: { type: 'string' }, account: { type: 'string' } } });
const target = values.target;
const fail = (message) => {
  console.error(`conformance: ${message}`);
  process.exit(1);
};
if (!['sandbox', 'moto', 'aws'].includes(target ?? '')) fail('--target must be sandbox, moto or aws');
const out = path.resolve(values.out ?? path.join(root, 'conformance-report', target));

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** moto_server on a free loopback port, once it answers. */
async function startMoto() {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; waited < 30_000; waited += 200) {
    if (child.exitCode !== null) fail(`moto_server exited at start:\n${stderr}`);
    const up = await fetch(`${url}/moto-api/`).then(() => true, () => false);
    if (up) return { url, stop: () => child.kill('SIGTERM') };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  fail(`moto_server did not answer on ${url} within 30 s`);
}

const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !(target !== 'aws' && k.startsWith('AWS_')))),
  GTCTL_CONFORMANCE_TARGET: target,
  GTCTL_CONFORMANCE_PREFIX: `gtc-${randomBytes(3).toString('hex')}`,
  GTCTL_CONFORMANCE_ANSWERS: path.join(out, 'answers.jsonl'),
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
let moto;
if (target === 'moto') {
  if (!onPath('moto_server')) {
    console.log("conformance --target moto: skipped, moto_server is not on PATH (pip install 'moto[server]' to run it)");
    process.exit(0);
  }
  moto = await startMoto();
  Object.assign(env, { GTCTL_CONFORMANCE_ENDPOINT: moto.url, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' });
}
if (target === 'aws') {
  if (process.env.GTCTL_CONFORMANCE_AWS !== '1') fail('--target aws runs in a real account: set GTCTL_CONFORMANCE_AWS=1 and pass --account ID');
  if (!/^\d{12}$/.test(values.account ?? '')) fail('--target aws needs --account with the 12-digit id of the account to use');
  env.GTCTL_CONFORMANCE_ACCOUNT = values.account;
}
if (target !== 'aws') Object.assign(env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' });

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const vitestJson = path.join(out, 'vitest.json');
console.log(`conformance --target ${target}${moto ? ` (moto_server on ${moto.url})` : ''}: report in ${path.relative(process.cwd(), out) || '.'}`);
const vitest = spawn(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'conformance/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  { cwd: root, env, stdio: 'inherit' },
);
const code = await new Promise((resolve) => vitest.on('close', resolve));
moto?.stop();

// --- the report ---------------------------------------------------------------------------------------------------
const results = existsSync(vitestJson) ? JSON.parse(readFileSync(vitestJson, 'utf8')) : { testResults: [] };
const tests = results.testResults.flatMap((file) =>
  file.assertionResults.map((t) => ({
    file: path.relative(root, file.name),
    name: [...t.ancestorTitles, t.title].join(' > '),
    status: t.status,
    durationMs: Math.round(t.duration ?? 0),
    ...(t.failureMessages?.length ? { failure: t.failureMessages.join('\n').split('\n').slice(0, 6).join('\n') } : {}),
  })),
);
const answersFile = env.GTCTL_CONFORMANCE_ANSWERS;
const recorded = existsSync(answersFile)
  ? readFileSync(answersFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
  : [];
const answers = recorded.filter((r) => r.kind === 'differential');
const probes = recorded.filter((r) => r.kind === 'probe');
const count = (list, key) => list.reduce((acc, item) => ({ ...acc, [item[key]]: (acc[item[key]] ?? 0) + 1 }), {});
const report = { target, at: new Date().toISOString(), passed: code === 0, counts: count(tests, 'status'), verdicts: count(answers, 'verdict'), tests, differential: answers, evidence: probes };
writeFileSync(path.join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);

const cell = (value) => (value === undefined ? '' : `\`${JSON.stringify(value)}\``.replaceAll('|', '\\|').replaceAll('\n', ' '));
const md = [
  `# Conformance report: ${target}`,
  '',
  `${report.at}. ${code === 0 ? 'Passed' : 'FAILED'}: tests ${JSON.stringify(report.counts)}, differential verdicts ${JSON.stringify(report.verdicts)}.`,
  '',
  '## Tests',
  '',
  '| File | Test | Result | ms |',
  '| --- | --- | --- | ---: |',
  ...tests.map((t) => `| ${t.file} | ${t.name.replaceAll('|', '\\|')} | ${t.status}${t.failure ? `: ${t.failure.split('\n')[0].replaceAll('|', '\\|')}` : ''} | ${t.durationMs} |`),
  '',
  '## Differential cases (reference: an ideal gtctl sandbox)',
  '',
  `| Service | Operation | Case | Verdict | Sandbox | ${target} |`,
  '| --- | --- | --- | --- | --- | --- |',
  ...answers.map((a) => `| ${a.service} | ${a.operation} | ${a.case.replaceAll('|', '\\|')} | ${a.verdict}${a.knownId ? ` (${a.knownId})` : ''} | ${cell(a.reference)} | ${cell(a.target)} |`),
  '',
  ...(probes.length
    ? ['## The open questions of aws-evidence §5', '', '| Question | Answer |', '| --- | --- |', ...probes.map((p) => `| ${p.question} | ${cell(p.answer)} |`), '']
    : []),
].join('\n');
writeFileSync(path.join(out, 'report.md'), md);
console.log(`conformance --target ${target}: ${code === 0 ? 'passed' : 'FAILED'}; ${tests.length} tests ${JSON.stringify(report.counts)}, ${answers.length} differential answers ${JSON.stringify(report.verdicts)}; ${path.join(path.relative(process.cwd(), out), 'report.md')}`);
process.exit(code ?? 1);
