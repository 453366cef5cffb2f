// plan(): desired state + live state -> Plan. Pure: the clock arrives as an argument.
import { planBuckets } from './diff/buckets.js';
import { jobWorld, planJobs } from './diff/jobs.js';
import { planMembers, planMemberships } from './diff/members.js';
import { ownershipOf } from './diff/ownership.js';
import { planExecutionRole } from './diff/roles.js';
import { planTeams } from './diff/teams.js';
import { planWorkforce } from './diff/workforce.js';
import type { KindPlan } from './diff/kind-plan.js';
import { MANAGED_ROLE, managedRoleName } from './execution-role.js';
import { fingerprintLive } from './fingerprint.js';
import type { LiveState } from './live.js';
import { imageBucketsOf } from './jobs/preflight.js';
import { inputKeyOf } from './jobs/task.js';
import type { DesiredState } from './model.js';
import { linkDependencies, orderChanges } from './order.js';
import { emptySummary, type Change, type Plan, type PlanContext, type ReadTargets } from './plan.js';

export interface PlanOptions {
  /** Epoch ms. */
  now: number;
}

export function buildPlan(desired: DesiredState, live: LiveState, options: PlanOptions): Plan {
  const { project } = desired;
  const oidc = desired.workforce?.identity.type === 'oidc' || (!desired.workforce && live.workforce?.oidc !== undefined);
  const workforce = planWorkforce(desired.workforce, project, live);
  const teams = planTeams(desired.teams, project, live, oidc);
  const blockedTeams = new Set(teams.changes.filter((c) => c.action === 'blocked').map((c) => c.address));
  const deleted = teams.changes.flatMap((c) => (c.kind === 'team' && c.action === 'delete' && c.live?.userGroup ? [{ name: c.address.slice('team/'.length), userGroup: c.live.userGroup }] : []));
  // OIDC workforces keep their people in the identity provider: there are no Cognito users or groups to manage.
  const people: KindPlan[] = oidc
    ? []
    : (() => {
        const inputs = {
          members: desired.members,
          teams: desired.teams.filter((t) => !blockedTeams.has(`team/${t.name}`)),
          deletedTeams: deleted,
          project,
          live,
          now: options.now,
        };
        return [planMembers(inputs), planMemberships(inputs)];
      })();
  const role = planExecutionRole(desired.jobs, desired.buckets, project, live, jobWorld(project, desired.buckets, live));
  const parts = [workforce, teams, ...people, planBuckets(desired.buckets, project, live), role, planJobs(desired.jobs, desired.buckets, project, live)];
  const changes = orderChanges(linkDependencies(parts.flatMap((p) => p.changes).map((c) => needsWorkforce(c, desired, live))));
  const summary = emptySummary();
  for (const c of changes) summary[c.action]++;
  summary['no-op'] = parts.reduce((n, p) => n + p.noOps, 0);
  const read = readTargets(desired);
  return {
    formatVersion: 1,
    project: project.name,
    region: live.region,
    account: live.account,
    changes,
    summary,
    context: { read, ...contextOf(live, oidc), ...(project.lock ? { lock: project.lock } : {}) },
    fingerprints: fingerprintLive(live, changes.map((c: Change) => c.address), teamOfGroup(live, project.name, read)),
    ...costOf(changes),
    ...waitingOf(parts),
  };
}

function waitingOf(parts: readonly KindPlan[]): Pick<Plan, 'waiting'> {
  const waiting = parts.flatMap((p) => p.waiting ?? []).sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return waiting.length ? { waiting } : {};
}

/** The plan's public jobs and what their tasks cost together. */
function costOf(changes: readonly Change[]): Pick<Plan, 'cost'> {
  const costs = changes.flatMap((c) => (c.kind === 'job' && c.cost ? [c.cost] : []));
  // Summed in tenths of a cent: sums of binary fractions of a dollar drift.
  return costs.length ? { cost: { jobs: costs.length, totalUsd: costs.reduce((sum, c) => sum + Math.round(c.totalUsd * 1000), 0) / 1000 } } : {};
}

/** Teams and people need the Region's private workforce: with none live and none in the specs, say so now. */
function needsWorkforce(change: Change, desired: DesiredState, live: LiveState): Change {
  if (desired.workforce || live.workforce || change.action !== 'create') return change;
  if (change.kind !== 'team' && change.kind !== 'member' && change.kind !== 'membership') return change;
  return { ...change, action: 'blocked', blockedBy: 'no-workforce', reasons: [`${live.region} has no private workforce to put it in: declare a Workforce in the specs`] } as Change;
}

function chainsOf(desired: DesiredState): Pick<ReadTargets, 'chains'> {
  const chains = desired.jobs.flatMap((j) => ('fromJob' in j.input ? [{ job: j.name, from: j.input.fromJob }] : []));
  return chains.length ? { chains } : {};
}

/** What the live read must cover for these specs; saved with the plan so that apply can read the same again. */
export function readTargets(desired: DesiredState): ReadTargets {
  const identity = desired.workforce?.identity;
  const declaredObjects = new Set(desired.buckets.flatMap((b) => b.objects.map((o) => `s3://${b.name}/${o.key}`)));
  const declaredBuckets = new Set(desired.buckets.map((b) => b.name));
  return {
    ...(identity?.type === 'cognito-managed' ? { managedPoolName: identity.poolName } : {}),
    ...(identity?.type === 'cognito-existing' ? { userPoolId: identity.userPoolId, clientId: identity.clientId } : {}),
    groupTeams: Object.fromEntries(desired.teams.map((t) => [t.userGroup, t.name]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))),
    buckets: desired.buckets.map((b) => b.name),
    objects: desired.buckets.flatMap((b) => b.objects.map((o) => `${b.name}/${o.key}`)),
    prefixes: uniqueSorted(desired.jobs.flatMap((j) => ('fromPrefix' in j.input ? [j.input.fromPrefix] : []))).map((uri) => ({
      uri,
      withText: desired.jobs.some((j) => 'fromPrefix' in j.input && j.input.fromPrefix === uri && inputKeyOf(j) === 'source'),
      jobs: desired.jobs.filter((j) => 'fromPrefix' in j.input && j.input.fromPrefix === uri).map((j) => j.name),
    })),
    manifests: uniqueSorted(desired.jobs.flatMap((j) => ('manifest' in j.input && !declaredObjects.has(j.input.manifest) ? [j.input.manifest] : []))),
    imageBuckets: uniqueSorted(desired.jobs.flatMap((j) => imageBucketsOf(j, desired.buckets))).filter((b) => !declaredBuckets.has(b)),
    jobs: desired.jobs.map((j) => j.name),
    ...(desired.jobs.some((j) => j.workforce.type === 'vendor') ? { vendorTeams: true } : {}),
    // Read while anything says `managed`: so a role no job uses any more is found, and deleted.
    ...(desired.project.executionRole || desired.jobs.some((j) => j.roleArn === MANAGED_ROLE) ? { executionRole: managedRoleName(desired.project) } : {}),
    ...chainsOf(desired),
  };
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** Which team each read group belongs to: desired teams, and the live teams this project owns. */
export function teamOfGroup(live: LiveState, project: string, read: ReadTargets): Map<string, string> {
  const map = new Map<string, string>();
  for (const t of live.teams) if (t.userGroup && ownershipOf(t.tags, project) === 'ours') map.set(t.userGroup, t.name);
  for (const [group, team] of Object.entries(read.groupTeams)) map.set(group, team);
  return map;
}

function contextOf(live: LiveState, oidc: boolean): Omit<PlanContext, 'read'> {
  return {
    identity: oidc ? 'oidc' : 'cognito',
    ...(live.workforce ? { workforceName: live.workforce.name } : {}),
    ...(live.userPool ? { userPoolId: live.userPool.id } : {}),
    ...(live.userPool?.client ? { clientId: live.userPool.client.id } : live.workforce?.cognito ? { clientId: live.workforce.cognito.clientId } : {}),
  };
}
