#!/usr/bin/env node
// `npm run bench`: the whole suite in one run (< 5 minutes on a 2-core machine), one table of figure / bound / ratio,
// and bench/results.json. Every figure sits next to the bound it cannot beat, so a regression shows as a ratio.
//
//   1. One account: a managed workforce, TEAMS teams, USERS users in two teams each, BUCKETS buckets, JOBS jobs.
//      gtctl applies the workforce, teams, buckets and jobs (quotas off); users and memberships are seeded through
//      the SDK with gtctl's managed attribute. Then `gtctl plan` with Cognito's default quotas (scale 1), without and
//      with LATENCY_MS per call: calls, wall time, peak RSS, next to UserList calls / 30 per second.
//   2. `gtctl apply` of NEW_MEMBERS new members (invites + memberships), then of their removal, with the sandbox's
//      quotas AND gtctl's pacing scaled by SCALE (GTCTL_COGNITO_RATE_SCALE), next to the scaled quota-bound minimum.
//   3. The pure diff (dist/core/build-plan.js) in process for 10k..100k members: CPU time and growth per 10x.
//   4. CLI start-up: `gtctl --version` and `gtctl validate -d specs/even-odd`, next to `node -e 0`.
// Sizes: USERS, TEAMS, JOBS, BUCKETS, NEW_MEMBERS, LATENCY_MS, SCALE, DIFF_SIZES (comma-separated).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expectExit, median, PAGE, quotaBoundMs, root, seedManagedUsers, startBench, summarize } from './harness.mjs';

const USERS = Number(process.env.USERS ?? 10_000);
const TEAMS = Number(process.env.TEAMS ?? 25);
const JOBS = Number(process.env.JOBS ?? 200);
const BUCKETS = Number(process.env.BUCKETS ?? 20);
const NEW_MEMBERS = Number(process.env.NEW_MEMBERS ?? 1_000);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const SCALE = Number(process.env.SCALE ?? 10);
const DIFF_SIZES = (process.env.DIFF_SIZES ?? '10000,25000,50000,100000').split(',').map(Number);
const PROJECT = 'bench';
const SEED_CONCURRENCY = 32;
const suiteStarted = performance.now();

const teamName = (t) => `team-${String(t + 1).padStart(2, '0')}`;
const userEmail = (i) => `worker${String(i).padStart(6, '0')}@example.com`;
const newEmail = (i) => `new${String(i).padStart(6, '0')}@example.com`;
const bucketName = (b) => `gtctl-bench-${String(b).padStart(3, '0')}`;
const jobName = (j) => `bench-job-${String(j).padStart(4, '0')}`;
const teamsOf = (i) => [i % TEAMS, (i + Math.max(1, Math.floor(TEAMS / 2))) % TEAMS];

const rows = []; // [figure, measured, bound, ratio]
const results = { config: { users: USERS, teams: TEAMS, memberships: USERS * 2, jobs: JOBS, buckets: BUCKETS, newMembers: NEW_MEMBERS, latencyMs: LATENCY_MS, quotaScale: SCALE, cpus: availableParallelism(), node: process.version } };
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const msf = (ms) => `${ms.toFixed(0)} ms`;
const n = (x) => x.toLocaleString('en-US');
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : '');
const row = (figure, measured = '', bound = '', r = '') => rows.push([figure, measured, bound, r]);

// ---- 1 and 2: the account, against the sandbox ----------------------------------------------------------------------
const bench = await startBench('gtctl-bench-run-');
const specs = path.join(bench.work, 'specs');

function writeSpecs(members) {
  rmSync(specs, { recursive: true, force: true });
  for (const d of ['teams', 'buckets', 'jobs']) mkdirSync(path.join(specs, d), { recursive: true });
  writeFileSync(path.join(specs, 'project.yaml'), `apiVersion: gtctl/v1\nkind: Project\nmetadata: { name: ${PROJECT} }\nspec:\n  region: us-east-1\n  accountId: "000000000000"\n`);
  writeFileSync(path.join(specs, 'workforce.yaml'), `apiVersion: gtctl/v1\nkind: Workforce\nmetadata: { name: default }\nspec:\n  cognito: { userPool: managed, domain: gtctl-bench }\n  invitation: { organizationName: Bench, contactEmail: bench@example.com }\n  email: { sesSourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/bench@example.com' }\n`);
  for (let t = 0; t < TEAMS; t++) {
    const list = members[t].length ? `  members:\n${members[t].map((e) => `    - ${e}\n`).join('')}` : '';
    writeFileSync(path.join(specs, 'teams', `${teamName(t)}.yaml`), `apiVersion: gtctl/v1\nkind: Team\nmetadata: { name: ${teamName(t)} }\nspec:\n  description: Bench team ${t + 1}\n${list}`);
  }
  for (let b = 0; b < BUCKETS; b++) {
    const objects = [];
    for (let j = b; j < JOBS; j += BUCKETS) objects.push(`    - key: manifests/${jobName(j)}.manifest\n      content: |\n        {"source":"${j}"}\n        {"source":"${j + 1}"}\n`);
    writeFileSync(path.join(specs, 'buckets', `${bucketName(b)}.yaml`), `apiVersion: gtctl/v1\nkind: Bucket\nmetadata: { name: ${bucketName(b)} }\nspec:\n  cors: ground-truth\n  objects:\n${objects.join('') || '    []\n'}`);
  }
  const jobs = [];
  for (let j = 0; j < JOBS; j++) {
    const bucket = bucketName(j % BUCKETS);
    jobs.push(
      ['apiVersion: gtctl/v1', 'kind: LabelingJob', `metadata: { name: ${jobName(j)} }`, 'spec:', `  team: ${teamName(0)}`, '  roleArn: arn:aws:iam::000000000000:role/labeling', `  input: { manifest: "s3://${bucket}/manifests/${jobName(j)}.manifest" }`, `  output: s3://${bucket}/output/`, '  task:', '    type: text-classification', `    title: Odd or even ${j}`, '    description: Is the number odd or even?', '    labels: [Odd, Even]', ''].join('\n'),
    );
  }
  for (let f = 0; f * 20 < JOBS; f++) writeFileSync(path.join(specs, 'jobs', `jobs-${String(f).padStart(3, '0')}.yaml`), jobs.slice(f * 20, (f + 1) * 20).join('---\n'));
}

/** The UserList calls a read of the account needs: ListUsers and ListUsersInGroup at 60 users a page. */
results.notes = 'write calls by operation: applyAdd.writes, applyRemove.writes';
const listCalls = (members) => ({ ListUsers: Math.max(1, Math.ceil(new Set(members.flat()).size / PAGE)), ListUsersInGroup: members.reduce((k, m) => k + Math.max(1, Math.ceil(m.length / PAGE)), 0) });

let failed = false;
try {
  // Seed.
  let t0 = performance.now();
  const { admin, gtctl, requestLog } = bench;
  await admin('POST', 'sagemaker/settings', { transitionMs: 0 });
  const members = Array.from({ length: TEAMS }, () => []);
  writeSpecs(members);
  expectExit(await gtctl(['apply', '-d', specs, '--auto-approve'], { GTCTL_COGNITO_RATE_SCALE: '100' }), [0], 'gtctl apply (workforce, teams, buckets, jobs)');
  await seedManagedUsers({ endpoint: bench.sandbox.url, project: PROJECT, users: USERS, concurrency: SEED_CONCURRENCY, userEmail, teamName, teamsOf, members });
  writeSpecs(members);
  results.seedMs = performance.now() - t0;

  // 1. plan, quotas at AWS's defaults, without and with latency.
  const listed = listCalls(members);
  const planBound = await quotaBoundMs(listed, 1);
  for (const latency of [0, LATENCY_MS]) {
    await admin('DELETE', 'faults');
    if (latency > 0) await admin('POST', 'faults', { rules: [{ operation: '*', latencyMs: latency }] });
    await admin('POST', 'quotas', { enabled: true, scale: 1 });
    await admin('DELETE', 'requests');
    const plan = await gtctl(['plan', '-d', specs, '--detailed-exitcode']);
    expectExit(plan, [0], `gtctl plan (latency ${latency} ms; 2 = not converged)`);
    const log = summarize(await requestLog());
    const key = latency ? 'planLatency' : 'plan';
    results[key] = { latencyMs: latency, wallMs: plan.ms, peakRssKb: plan.rssKb, ...log, expectedListCalls: listed, quotaBoundMs: planBound };
    const userList = (log.calls.ListUsers ?? 0) + (log.calls.ListUsersInGroup ?? 0);
    const label = latency ? `plan, +${latency} ms per call` : 'plan';
    row(`${label}: wall time`, s(plan.ms), s(planBound), ratio(plan.ms, planBound));
    row(`${label}: AWS calls (UserList of them)`, `${n(log.total)} (${n(userList)})`, `${n(listed.ListUsers + listed.ListUsersInGroup)} UserList`, ratio(userList, listed.ListUsers + listed.ListUsersInGroup));
    if (!latency) row(`${label}: peak RSS of the CLI`, plan.rssKb ? `${Math.round(plan.rssKb / 1024)} MB` : 'n/a');
    row(`${label}: throttled / other errors`, `${log.throttled} / ${log.errors}`, '0 / 0');
  }
  await admin('DELETE', 'faults');

  // 2. apply of NEW_MEMBERS new members, then of their removal; quotas and gtctl's pacing both scaled by SCALE.
  for (const phase of ['add', 'remove']) {
    if (phase === 'add') for (let i = 0; i < NEW_MEMBERS; i++) members[i % TEAMS].push(newEmail(i));
    else for (let t = 0; t < TEAMS; t++) members[t] = members[t].filter((e) => !e.startsWith('new'));
    const before = phase === 'add' ? listed : listCalls(members.map((m, t) => [...m, ...Array.from({ length: NEW_MEMBERS }, (_, i) => i).filter((i) => i % TEAMS === t).map(newEmail)]));
    writeSpecs(members);
    await admin('POST', 'quotas', { enabled: true, scale: SCALE });
    await admin('DELETE', 'requests');
    const apply = await gtctl(['apply', '-d', specs, '--auto-approve'], { GTCTL_COGNITO_RATE_SCALE: String(SCALE) });
    expectExit(apply, [0], `gtctl apply (${phase} ${NEW_MEMBERS} members)`);
    const log = summarize(await requestLog());
    const writes = Object.fromEntries(Object.entries(log.calls).filter(([op]) => op.startsWith('Admin')));
    const minimal = phase === 'add' ? { AdminCreateUser: NEW_MEMBERS, AdminAddUserToGroup: NEW_MEMBERS } : { AdminRemoveUserFromGroup: NEW_MEMBERS, AdminUserGlobalSignOut: NEW_MEMBERS }; // a removed member is signed out too
    const readBound = await quotaBoundMs(before, SCALE);
    const writeBound = await quotaBoundMs(minimal, SCALE);
    const bound = readBound + writeBound;
    results[phase === 'add' ? 'applyAdd' : 'applyRemove'] = { wallMs: apply.ms, peakRssKb: apply.rssKb, ...log, writes, minimalWrites: minimal, readBoundMs: readBound, writeBoundMs: writeBound, quotaBoundMs: bound };
    const label = phase === 'add' ? `apply +${n(NEW_MEMBERS)} members (quotas x${SCALE})` : `apply -${n(NEW_MEMBERS)} members (quotas x${SCALE})`;
    row(`${label}: wall time`, s(apply.ms), s(bound), ratio(apply.ms, bound));
    row(`${label}: write phase`, s(log.writeMs), s(writeBound), ratio(log.writeMs, writeBound));
    const wrote = Object.values(writes).reduce((a, b) => a + b, 0);
    const least = Object.values(minimal).reduce((a, b) => a + b, 0);
    row(`${label}: write calls`, n(wrote), n(least), ratio(wrote, least));
    row(`${label}: throttled / other errors`, `${log.throttled} / ${log.errors}`, '0 / 0');
  }
} catch (error) {
  console.error(`bench/run.mjs: ${error.stack ?? error}`);
  failed = true;
} finally {
  await bench.close();
}

// ---- 3: the pure diff, in process -------------------------------------------------------------------------------------
if (!failed) {
  try {
    const ts = (await import('typescript')).default;
    // The core test builders (not in dist/): transpiled on the fly, their imports pointed at dist/.
    const source = readFileSync(path.join(root, 'src/core/test-support.ts'), 'utf8');
    let js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    js = js.replace(/from '\.\/([\w/-]+)\.js'/g, (_, m) => `from '${pathToFileURL(path.join(root, 'dist/core', `${m}.js`)).href}'`);
    const supportFile = path.join(root, 'bench', '.test-support.tmp.mjs');
    writeFileSync(supportFile, js);
    const t = await import(pathToFileURL(supportFile).href);
    rmSync(supportFile, { force: true });
    const { buildPlan } = await import(path.join(root, 'dist/core/build-plan.js'));
    const states = (size) => {
      const names = Array.from({ length: TEAMS }, (_, k) => teamName(k));
      const desiredMembers = names.map(() => []);
      const liveMembers = Object.fromEntries(names.map((g) => [g, []]));
      const users = [];
      for (let i = 0; i < size; i++) {
        const email = userEmail(i);
        const [a, b] = teamsOf(i);
        // 1% of the members are new (in the specs only), 1% gone (live only): the diff has work to do.
        if (i % 100 !== 1) users.push(t.aLiveUser(email, { username: `id-${email}` }));
        if (i % 100 !== 2) { desiredMembers[a].push(email); desiredMembers[b].push(email); }
        if (i % 100 !== 1) { liveMembers[names[a]].push(`id-${email}`); liveMembers[names[b]].push(`id-${email}`); }
      }
      const desired = t.desiredState({ teams: names.map((g, k) => t.aTeam(g, { members: desiredMembers[k] })) });
      const live = { ...t.liveState({ teams: names.map((g) => t.aLiveTeam(g)), users }), groupMembers: liveMembers };
      return { desired, live };
    };
    // Warm-up (JIT) on the smallest size.
    { const { desired, live } = states(DIFF_SIZES[0]); buildPlan(desired, live, { now: t.NOW }); }
    const diff = [];
    for (const size of DIFF_SIZES) {
      const { desired, live } = states(size);
      const before = process.cpuUsage();
      const plan = buildPlan(desired, live, { now: t.NOW });
      const cpu = process.cpuUsage(before);
      diff.push({ members: size, cpuMs: (cpu.user + cpu.system) / 1000, changes: plan.changes.length });
    }
    results.diff = diff;
    const first = diff[0];
    for (const d of diff) {
      const linear = first.cpuMs * (d.members / first.members);
      row(`pure diff, ${n(d.members)} members (${n(d.members * 2)} memberships): CPU`, msf(d.cpuMs), `${msf(linear)} linear`, ratio(d.cpuMs, linear));
    }
    const last = diff.at(-1);
    const perTen = (last.cpuMs / first.cpuMs) ** (1 / Math.log10(last.members / first.members));
    results.diffGrowthPer10x = perTen;
    row(`pure diff: growth per 10x members`, `x${perTen.toFixed(1)}`, 'x10 (linear)', ratio(perTen, 10));
  } catch (error) {
    console.error(`bench/run.mjs (diff): ${error.stack ?? error}`);
    failed = true;
  }
}

// ---- 4: start-up -----------------------------------------------------------------------------------------------------------
if (!failed) {
  const time = (args) => {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    return performance.now() - start;
  };
  const node = median(Array.from({ length: 7 }, () => time(['-e', '0'])));
  const version = median(Array.from({ length: 7 }, () => time(['dist/cli/main.js', '--version'])));
  const validate = median(Array.from({ length: 7 }, () => time(['dist/cli/main.js', 'validate', '-d', 'specs/even-odd'])));
  results.startup = { nodeMs: node, versionMs: version, validateMs: validate };
  row('start-up: gtctl --version (median of 7)', msf(version), `${msf(node)} node -e 0`, ratio(version, node));
  row('start-up: gtctl validate specs/even-odd', msf(validate), `${msf(node)} node -e 0`, ratio(validate, node));
}

results.totalMs = performance.now() - suiteStarted;
results.time = new Date().toISOString();
if (rows.length) {
  const head = ['figure', 'measured', 'bound', 'ratio'];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...[head, ...rows].map((r) => r[c].length)));
  const format = (r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ');
  console.log(`gtctl bench: ${n(USERS)} users in ${n(TEAMS)} teams (${n(USERS * 2)} memberships), ${n(JOBS)} jobs, ${n(BUCKETS)} buckets; ${results.config.cpus} CPUs, Node ${process.version}`);
  console.log(`bounds: plan = UserList calls / 30 per s (Cognito's default quota); apply = read + writes at Cognito's quotas x${SCALE}`);
  console.log(`  (sandbox quota scale ${SCALE} and GTCTL_COGNITO_RATE_SCALE=${SCALE}: UserList ${30 * SCALE}/s, UserCreation ${50 * SCALE}/s, UserUpdate ${25 * SCALE}/s); diff = linear from the smallest size; start-up = bare Node`);
  console.log(format(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('   '));
  for (const r of rows) console.log(format(r));
  console.log(`total: ${s(results.totalMs)} (seeding ${s(results.seedMs ?? 0)})`);
  const out = path.join(root, 'bench/results.json');
  writeFileSync(out, `${JSON.stringify({ ...results, table: rows }, null, 2)}\n`);
  console.log(`figures written to ${path.relative(root, out)}`);
}
process.exitCode = failed ? 1 : 0;
