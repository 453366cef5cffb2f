// Fault tolerance, over many seeded runs against the sandbox: (a) every operation throttled 20% of the time, failing
// with a 5xx 5% of the time and slowed (more for some operations: latency spikes), apply re-run until it succeeds;
// (b) apply SIGKILLed at a seeded point (after N write calls reached the sandbox), then re-applied. Each run starts
// from an emptied sandbox holding a managed workforce plus what someone made in the console (users gtctl does not
// manage, a team of its own, with members); the specs only add teams and members, under any unlistedUsers policy.
// Afterwards: the plan is empty, nothing outside the plan was removed, disabled or deleted (the plan removes nothing,
// so the request log holds no such call at all, and the console's users and team are as they were), and nobody was
// invited twice.
//
// GTCTL_FAULT_RUNS sets the runs per scenario (5 in CI, 50+ nightly); GTCTL_FAULT_SEED the first seed.
import {
  AdminAddUserToGroupCommand,
  CreateGroupCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateWorkteamCommand, DescribeWorkteamCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import type { FaultRule, RequestLogEntry } from '../../src/sandbox/index.js';
import { memberDoc, teamDoc, type SpecDoc } from '../helpers/specs.js';
import { base, PROJECT, quiet, useSandbox, waitFor, type World } from '../helpers/gtctl.js';
import { mulberry32 } from '../../src/sandbox/realism.js';

const world = useSandbox();

const RUNS = Number(process.env.GTCTL_FAULT_RUNS ?? 5);
const FIRST_SEED = Number(process.env.GTCTL_FAULT_SEED ?? 1);

const EMAILS = ['ana', 'ben', 'cai', 'dee', 'eli', 'fay', 'gus', 'hal'].map((n) => `${n}@example.com`);
const TEAMS = ['alpha', 'bravo', 'charlie'];
const CONSOLE_USERS = ['zed@example.com', 'yan@example.com', 'xia@example.com'];
const CONSOLE_TEAM = 'console-team';
const CONSOLE_GROUP = 'console-group';
/** Calls that take access away or delete: the plan has none, so none may appear in the log. */
const DESTRUCTIVE = new Set(['AdminRemoveUserFromGroup', 'AdminDeleteUser', 'AdminDisableUser', 'DeleteGroup', 'DeleteWorkteam', 'DeleteUserPool', 'DeleteWorkforce']);

/** The run's seed decides the specs, the faults and the kill point (the sandbox's own PRNG). */
const prng = mulberry32;

interface Tree {
  dir: string;
  docs: SpecDoc[];
  /** Group -> member e-mails, sorted. */
  groups: Record<string, string[]>;
  /** Every e-mail the specs list. */
  listed: string[];
}

function treeOf(random: () => number): Omit<Tree, 'dir'> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const subset = <T>(items: readonly T[], p: number): T[] => items.filter(() => random() < p);
  const teams = TEAMS.slice(0, 1 + Math.floor(random() * TEAMS.length)).map((name) => ({ name, members: subset(EMAILS, 0.4) }));
  const members = subset(EMAILS, 0.2).map((email) => ({ email, teams: subset(teams.map((t) => t.name), 0.5) }));
  const policy = pick(['keep', 'disable', 'delete']);
  const groups = Object.fromEntries(teams.map((t) => [t.name, [...new Set([...t.members, ...members.filter((m) => m.teams.includes(t.name)).map((m) => m.email)])].sort()]));
  return {
    docs: [
      ...base({ policies: { unlistedUsers: policy } }),
      ...teams.map((t) => teamDoc({ name: t.name, spec: { members: t.members } })),
      ...members.map((m) => memberDoc({ name: m.email, spec: { teams: m.teams } })),
    ],
    groups,
    listed: [...new Set([...teams.flatMap((t) => t.members), ...members.map((m) => m.email)])].sort(),
  };
}

async function setFaults(w: World, rules: FaultRule[], seed: number): Promise<void> {
  const res = await fetch(`${w.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ rules, seed }), headers: { 'content-type': 'application/json' } });
  if (!res.ok) throw new Error(`POST /_sandbox/faults: ${res.status} ${await res.text()}`);
}

/** A fresh account: the managed workforce gtctl made, plus console users and a console team gtctl must never touch. */
async function startingAccount(w: World): Promise<string> {
  await w.reset();
  await w.arrange(base());
  const pool = await w.poolId();
  const clientId = (await w.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: pool, MaxResults: 60 }))).UserPoolClients![0]!.ClientId!;
  // Made in the console long ago: settled.
  await w.settled(async () => {
    for (const email of CONSOLE_USERS) await w.consoleUser(pool, email);
    await w.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: CONSOLE_GROUP }));
    for (const email of CONSOLE_USERS.slice(0, 2)) await w.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: email, GroupName: CONSOLE_GROUP }));
    await w.sageMaker.send(
      new CreateWorkteamCommand({
        WorkteamName: CONSOLE_TEAM,
        WorkforceName: 'default',
        Description: 'made in the console',
        MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: pool, UserGroup: CONSOLE_GROUP, ClientId: clientId } }],
      }),
    );
  });
  await w.clearRequests();
  return pool;
}


/** Applies until an apply succeeds (a failed call fails its change; the next apply picks it up). */
async function applyUntilConverged(w: World, dir: string, attempts: number, context: string): Promise<void> {
  const outputs: string[] = [];
  for (let i = 0; i < attempts; i++) {
    const run = await w.gtctl('apply', '-d', dir, '--auto-approve');
    expect(run.stderr, `${context}: no internal error`).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)/i);
    if (run.code === 0) return;
    expect(run.code, `${context}: apply exits 0 or 1\n${run.stdout}\n${run.stderr}`).toBe(1);
    outputs.push(run.stdout + run.stderr);
  }
  throw new Error(`${context}: apply never succeeded in ${attempts} attempts:\n${outputs.join('\n----\n')}`);
}

/** What every run must end with, the faults cleared. */
async function checkConverged(w: World, pool: string, tree: Tree, log: readonly RequestLogEntry[], context: string): Promise<void> {
  await setFaults(w, [], 0);
  const final = await w.planJson(tree.dir);
  expect(final.code, `${context}: final plan --detailed-exitcode\n${JSON.stringify(final.plan.changes)}\n${final.stderr}`).toBe(0);

  // Nothing outside the plan (which removes nothing) was removed, disabled or deleted; not even tried.
  const destructive = log.filter((e) => DESTRUCTIVE.has(e.operation)).map((e) => `${e.operation} ${e.status}`);
  expect(destructive, `${context}: destructive calls`).toEqual([]);

  // Live state equals the specs, read back through the SDK.
  expect(await w.teamNames(), context).toEqual([...Object.keys(tree.groups), CONSOLE_TEAM].sort());
  for (const [group, members] of Object.entries(tree.groups)) expect(await w.groupMembers(pool, group), `${context}: group ${group}`).toEqual(members);
  const users = await w.users(pool);
  const managed = users.filter((u) => u.managedBy === PROJECT);
  expect(managed.map((u) => u.email).sort(), `${context}: managed users`).toEqual(tree.listed);
  expect(managed.filter((u) => !u.enabled).map((u) => u.email), `${context}: disabled managed users`).toEqual([]);

  // The console's users and team are as they were.
  const console = users.filter((u) => u.managedBy === undefined);
  expect(console.map((u) => `${u.email} ${u.enabled}`).sort(), `${context}: console users`).toEqual(CONSOLE_USERS.map((e) => `${e} true`).sort());
  expect(await w.groupMembers(pool, CONSOLE_GROUP), `${context}: console group`).toEqual(CONSOLE_USERS.slice(0, 2).sort());
  const team = (await w.sageMaker.send(new DescribeWorkteamCommand({ WorkteamName: CONSOLE_TEAM }))).Workteam!;
  expect(team.Description, context).toBe('made in the console');

  // Nobody got two e-mails, and only listed members got one: the invitation, or its resend when the first delivery
  // failed (aws-evidence A6); no invitation expired.
  const invitations = (await w.outbox()).map((m) => m.to).sort();
  expect(invitations, `${context}: outbox`).toEqual(tree.listed);
  // No resource was created twice.
  const created = (op: string) => log.filter((e) => e.operation === op && e.status === 200).length;
  expect(created('CreateWorkteam'), `${context}: CreateWorkteam`).toBeLessThanOrEqual(Object.keys(tree.groups).length);
  expect(created('CreateUserPool') + created('CreateWorkforce'), `${context}: pool and workforce re-created`).toBe(0);
}

const seeds = Array.from({ length: RUNS }, (_, i) => FIRST_SEED + i);
const perRunMs = 45_000;

describe('fault tolerance', () => {
  it(`(a) throttling 20%, 5xx 5% and latency spikes on every operation: re-applied, apply converges (${RUNS} runs)`, { timeout: RUNS * perRunMs }, async () => {
    for (const seed of seeds) {
      const random = prng(seed);
      const pool = await startingAccount(world);
      const tree = { ...treeOf(random), dir: '' };
      tree.dir = await world.specs(tree.docs);
      const rates = { throttleRate: 0.2, failRate: 0.05 };
      // Latency spikes: a few operations answer much slower than the rest.
      const spiky = ['AdminCreateUser', 'AdminAddUserToGroup', 'CreateWorkteam', 'ListUsers', 'ListWorkteams', 'GetCallerIdentity'].filter(() => random() < 0.4);
      await setFaults(world, [{ operation: '*', latencyMs: 5, ...rates }, ...spiky.map((operation) => ({ operation, latencyMs: 50 + Math.floor(random() * 150), ...rates }))], seed);
      await applyUntilConverged(world, tree.dir, 8, `seed ${seed}`);
      const log = await world.requests();
      expect(log.some((e) => e.error !== undefined), `seed ${seed}: faults were injected`).toBe(true);
      await checkConverged(world, pool, tree, log, `seed ${seed}`);
    }
  });

  it(`(b) SIGKILL at a seeded point of apply, then re-applied: apply converges (${RUNS} runs)`, { timeout: RUNS * perRunMs }, async () => {
    for (const seed of seeds) {
      const random = prng(seed * 7919);
      const pool = await startingAccount(world);
      const tree = { ...treeOf(random), dir: '' };
      tree.dir = await world.specs(tree.docs);
      // Each team and member is at least one write; kill after 1..that many writes reached the sandbox.
      const writes = Object.keys(tree.groups).length * 2 + tree.listed.length * 2;
      const killAfter = 1 + Math.floor(random() * writes);
      const latencyMs = 40 + Math.floor(random() * 120);
      await setFaults(world, [{ operation: '*', latencyMs }], seed);
      const running = world.start('apply', '-d', tree.dir, '--auto-approve');
      let exited = false;
      void running.done.then(() => (exited = true));
      await waitFor(`${killAfter} writes`, async () => {
        if (exited) return true;
        const log = await world.requests();
        return log.filter((e) => /^(Create|Update|Add|Admin|Tag|Put)/.test(e.operation)).length >= killAfter ? true : undefined;
      });
      if (!exited) running.child.kill('SIGKILL');
      const first = await running.done;
      if (first.signal !== 'SIGKILL') expect(first.code, `seed ${seed}: apply that ran to the end\n${first.stdout}\n${first.stderr}`).toBe(0);
      await quiet(world, latencyMs * 3 + 100);
      await setFaults(world, [], seed);
      await applyUntilConverged(world, tree.dir, 3, `seed ${seed} (killed after ${killAfter} writes)`);
      await checkConverged(world, pool, tree, await world.requests(), `seed ${seed} (killed after ${killAfter} writes)`);
    }
  });
});
