#!/usr/bin/env node
// `gtctl plan` and `gtctl apply` on a large workforce, against the sandbox enforcing Cognito's default request-rate
// quotas (scale 1), next to the quota-bound minimum time for the same calls (aws-facts §7.1).
//
// The account: a managed workforce, TEAMS teams and USERS users, each in two teams (default 25 teams, 10,000 users,
// 20,000 memberships). gtctl creates the workforce and the teams (quotas off); the users and memberships are seeded
// through the SDK, carrying gtctl's managed attribute, because gtctl paces its own Cognito calls at AWS's rates and
// would take a quarter of an hour. Then, with quotas on:
//   (a) `gtctl plan` on the converged tree: wall time, AWS calls by operation (from the sandbox request log), the
//       expected calls, and the quota-bound minimum (UserList calls / 30 per second);
//   (b) NEW_MEMBERS new members added to the specs (one team each) and `gtctl apply --auto-approve`: wall time, calls,
//       and the minimum: the read, then max(creates / 50, group adds / 25) since UserCreation and UserUpdate overlap.
// The CLI runs in its own process (asynchronously: this process's sandbox must answer); its peak RSS is measured
// there. Prints a table and writes bench/results-plan-members.json. Run `npm run build` first. USERS, TEAMS and
// NEW_MEMBERS change the sizes; LATENCY_MS delays every call while measuring (default 0: the sandbox answers in a
// few ms, AWS in tens to hundreds). The default run takes about two minutes on a 2-core machine.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectExit, LOG_CAPACITY, PAGE, quotaBoundMs as boundAt, root, seedManagedUsers, startBench, summarize } from './harness.mjs';

const USERS = Number(process.env.USERS ?? 10_000);
const TEAMS = Number(process.env.TEAMS ?? 25);
const NEW_MEMBERS = Number(process.env.NEW_MEMBERS ?? 1_000);
/** Added to every AWS call while measuring (a sandbox fault rule), to stand in for AWS's own response time. */
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 0);
const TEAMS_PER_USER = Math.min(2, TEAMS);
const PROJECT = 'bench';
const SEED_CONCURRENCY = 32;

const teamName = (t) => `team-${String(t + 1).padStart(2, '0')}`;
const userEmail = (i) => `worker${String(i).padStart(6, '0')}@example.com`;
const newEmail = (i) => `new${String(i).padStart(6, '0')}@example.com`;
/** The teams of seeded user i: spread evenly, TEAMS_PER_USER distinct teams each. */
const teamsOf = (i) => Array.from({ length: TEAMS_PER_USER }, (_, k) => (i + k * Math.max(1, Math.floor(TEAMS / TEAMS_PER_USER))) % TEAMS);

const bench = await startBench('gtctl-bench-members-');
const specs = path.join(bench.work, 'specs');
const sandbox = bench.sandbox;
const admin = bench.admin;
/** The built CLI in its own process; wall time, exit code, output and peak RSS (kB). */
const gtctl = (...args) => bench.gtctl(args);

/** The spec tree; `members[t]` lists team t's e-mails. */
function writeSpecs(members) {
  rmSync(specs, { recursive: true, force: true });
  mkdirSync(path.join(specs, 'teams'), { recursive: true });
  writeFileSync(path.join(specs, 'project.yaml'), `apiVersion: gtctl/v1\nkind: Project\nmetadata: { name: ${PROJECT} }\nspec:\n  region: us-east-1\n  accountId: "000000000000"\n`);
  writeFileSync(
    path.join(specs, 'workforce.yaml'),
    `apiVersion: gtctl/v1\nkind: Workforce\nmetadata: { name: default }\nspec:\n  cognito: { userPool: managed, domain: gtctl-bench }\n  invitation: { organizationName: Bench, contactEmail: bench@example.com }\n  email: { sesSourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/bench@example.com' }\n`,
  );
  for (let t = 0; t < TEAMS; t++) {
    const list = members[t].length ? `  members:\n${members[t].map((e) => `    - ${e}\n`).join('')}` : '';
    writeFileSync(path.join(specs, 'teams', `${teamName(t)}.yaml`), `apiVersion: gtctl/v1\nkind: Team\nmetadata: { name: ${teamName(t)} }\nspec:\n  description: Bench team ${t + 1}\n${list}`);
  }
}

/** The shortest time Cognito's default quotas allow for these calls (harness.mjs); computed before it is shown. */
const bounds = new Map();
const quotaBoundMs = (calls) => bounds.get(JSON.stringify(calls));
async function bound(calls) {
  bounds.set(JSON.stringify(calls), await boundAt(calls, 1));
  return calls;
}

/** The quota-bound calls a read of the converged account needs: ListUsers and ListUsersInGroup at 60 users a page. */
function expectedListCalls(teamSizes) {
  return {
    ListUsers: Math.max(1, Math.ceil(USERS / PAGE)),
    ListUsersInGroup: teamSizes.reduce((n, size) => n + Math.max(1, Math.ceil(size / PAGE)), 0),
  };
}

const results = { config: { users: USERS, teams: TEAMS, memberships: USERS * TEAMS_PER_USER, newMembers: NEW_MEMBERS, latencyMs: LATENCY_MS, quotaScale: 1, cpus: (await import('node:os')).availableParallelism() } };
let failed = false;
try {
  // 1. The workforce and the teams, through gtctl, quotas off and no status transition delay.
  const seedStarted = performance.now();
  await admin('POST', 'sagemaker/settings', { transitionMs: 0 });
  const members = Array.from({ length: TEAMS }, () => []);
  writeSpecs(members);
  expectExit(await gtctl('apply', '-d', specs, '--auto-approve'), [0], 'gtctl apply (workforce and teams)');

  // 2. Users and memberships, through the SDK, as gtctl would have made them (managed attribute, e-mail username).
  await seedManagedUsers({ endpoint: sandbox.url, project: PROJECT, users: USERS, concurrency: SEED_CONCURRENCY, userEmail, teamName, teamsOf, members });
  writeSpecs(members);
  results.seedMs = performance.now() - seedStarted;

  // (a) plan on the converged tree, quotas at AWS's defaults. A quota change refills every bucket.
  if (LATENCY_MS > 0) await admin('POST', 'faults', { rules: [{ operation: '*', latencyMs: LATENCY_MS }] });
  await admin('POST', 'quotas', { enabled: true, scale: 1 });
  await admin('DELETE', 'requests');
  const plan = await gtctl('plan', '-d', specs, '--detailed-exitcode');
  expectExit(plan, [0], 'gtctl plan --detailed-exitcode on the seeded account (2 = it is not converged)');
  const planLog = summarize(await admin('GET', 'requests'));
  const planExpected = await bound(expectedListCalls(members.map((m) => m.length)));
  results.plan = { wallMs: plan.ms, peakRssKb: plan.rssKb, ...planLog, expectedCalls: planExpected, quotaBoundMs: quotaBoundMs(planExpected) };

  // (b) NEW_MEMBERS new members, one team each, applied.
  for (let i = 0; i < NEW_MEMBERS; i++) members[i % TEAMS].push(newEmail(i));
  writeSpecs(members);
  await admin('POST', 'quotas', { enabled: true, scale: 1 });
  await admin('DELETE', 'requests');
  const apply = await gtctl('apply', '-d', specs, '--auto-approve');
  expectExit(apply, [0], 'gtctl apply (new members)');
  const applyLog = summarize(await admin('GET', 'requests'));
  const writeExpected = await bound({ AdminCreateUser: NEW_MEMBERS, AdminAddUserToGroup: NEW_MEMBERS });
  results.apply = {
    wallMs: apply.ms,
    peakRssKb: apply.rssKb,
    ...applyLog,
    expectedCalls: { ...planExpected, ...writeExpected },
    readBoundMs: quotaBoundMs(planExpected),
    writeBoundMs: quotaBoundMs(writeExpected),
    quotaBoundMs: quotaBoundMs(planExpected) + quotaBoundMs(writeExpected),
  };
} catch (error) {
  console.error(`bench/plan-members.mjs: ${error.stack ?? error}`);
  failed = true;
} finally {
  await bench.close();
}

if (!failed) {
  const { plan, apply } = results;
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const n = (x) => (x === undefined ? '' : x.toLocaleString('en-US'));
  const mb = (kb) => (kb ? `${Math.round(kb / 1024)} MB` : 'n/a');
  const SHOWN = ['ListUsers', 'ListUsersInGroup', 'AdminCreateUser', 'AdminAddUserToGroup'];
  const rows = [];
  const row = (what, measured, minimum = '', ratio = '') => rows.push([what, measured, minimum, ratio]);
  const callRows = (r) => {
    row('  AWS calls', n(r.total));
    for (const op of SHOWN) if (r.calls[op] !== undefined || r.expectedCalls[op] !== undefined) row(`    ${op}`, n(r.calls[op] ?? 0), n(r.expectedCalls[op] ?? 0));
    row('    other (listed below)', n(Object.entries(r.calls).reduce((sum, [op, c]) => sum + (SHOWN.includes(op) ? 0 : c), 0)));
    row('  TooManyRequestsException', n(r.throttled), '0');
    if (r.errors) row('  other error answers', n(r.errors), '0');
    row('  peak RSS of the CLI', mb(r.peakRssKb));
  };
  const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : '');
  row(`gtctl plan (no changes)`, s(plan.wallMs), s(plan.quotaBoundMs), ratio(plan.wallMs, plan.quotaBoundMs));
  row('  read phase (request log)', s(plan.readMs), s(plan.quotaBoundMs), ratio(plan.readMs, plan.quotaBoundMs));
  callRows(plan);
  row(`gtctl apply (+${n(NEW_MEMBERS)} members)`, s(apply.wallMs), s(apply.quotaBoundMs), ratio(apply.wallMs, apply.quotaBoundMs));
  row('  read phase (request log)', s(apply.readMs), s(apply.readBoundMs), ratio(apply.readMs, apply.readBoundMs));
  row('  write phase (request log)', s(apply.writeMs), s(apply.writeBoundMs), ratio(apply.writeMs, apply.writeBoundMs));
  callRows(apply);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...[['', 'measured', 'minimum', 'ratio'], ...rows].map((r) => r[c].length)));
  const format = (r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ');
  console.log(`plan-members: ${n(USERS)} users in ${n(TEAMS)} teams (${n(results.config.memberships)} memberships); apply adds ${n(NEW_MEMBERS)} members, one team each`);
  console.log(`seeded in ${s(results.seedMs)} (quotas off); measured with Cognito's default quotas (sandbox scale 1)${LATENCY_MS ? ` and ${LATENCY_MS} ms added to every call` : ''}`);
  console.log('minimum = calls / quota rate per category (UserList 30/s, UserCreation 50/s, UserUpdate 25/s); categories overlap, the read comes first');
  console.log(format(['', 'measured', 'minimum', 'ratio']));
  for (const r of rows) console.log(format(r));
  const others = (r) => Object.entries(r.calls).filter(([op]) => !SHOWN.includes(op)).map(([op, c]) => `${op} ${c}`).join(', ');
  console.log(`other calls, plan: ${others(plan)}`);
  console.log(`other calls, apply: ${others(apply)}`);
  if (plan.truncated || apply.truncated) console.log(`note: the request log holds only the latest ${n(LOG_CAPACITY)} calls; counts above are truncated`);
  const out = path.join(root, 'bench/results-plan-members.json');
  writeFileSync(out, `${JSON.stringify({ ...results, time: new Date().toISOString() }, null, 2)}\n`);
  console.log(`figures written to ${path.relative(root, out)}`);
}
process.exitCode = failed ? 1 : 0;
