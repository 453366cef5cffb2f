// The managed execution role (`roleArn: managed`): created with the first job that uses it, its inline policy
// rewritten in place as jobs come and go (always the policy today's jobs need, core/execution-role.ts), and deleted
// once no job of the specs uses it. A role of that name that this project does not own is never touched: blocked.
import { address } from '../address.js';
import { executionPolicy, MANAGED_POLICY_NAME, MANAGED_ROLE, MANAGED_ROLE_PATH, managedRoleArn, managedRoleName, trustPolicy, type RoleJob } from '../execution-role.js';
import { checkManifest } from '../jobs/manifest-check.js';
import { plannedText, resolveJob, type JobWorld } from '../jobs/resolve.js';
import type { LiveState } from '../live.js';
import type { Bucket, LabelingJob, Project } from '../model.js';
import type { FieldDiff, RoleChange } from '../plan.js';
import type { KindPlan } from './kind-plan.js';
import { desiredTags, ownershipOf } from './ownership.js';
import { same, tagDiffs } from './values.js';

/** IAM's quota on a role's inline policies together, whitespace excluded (IAM and AWS STS quotas). */
const MAX_INLINE_POLICY_CHARS = 10_240;

/** What the role serves: each managed job's request, manifest and the sequence files it names, as far as known. */
function roleJobs(jobs: readonly LabelingJob[], buckets: readonly Bucket[], world: JobWorld): RoleJob[] {
  return jobs.map((job) => {
    const { request, manifest, uploads } = resolveJob(job, world);
    const refs = (manifest ? checkManifest(manifest, undefined).sourceRefs : []).filter((ref) => ref.endsWith('.json'));
    return {
      request,
      ...(manifest !== undefined ? { manifest } : {}),
      ...('fromPrefix' in job.input ? { fromPrefix: job.input.fromPrefix } : {}),
      ...('fromJob' in job.input ? { fromJob: job.input.fromJob } : {}),
      sequences: refs.flatMap((uri) => plannedText(uri, uploads, buckets) ?? world.manifests[uri] ?? []),
    };
  });
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

interface Statement {
  Sid?: string;
  [member: string]: unknown;
}

/**
 * The policy's differences statement by statement (`policy.<Sid>`), so that a reviewer sees which grant a new job
 * adds rather than two whole documents. A live policy gtctl cannot read as statements differs as a whole.
 */
function policyDiffs(before: unknown, after: unknown): FieldDiff[] {
  const statements = (doc: unknown): Map<string, Statement> | undefined => {
    const list = (doc as { Statement?: unknown } | undefined)?.Statement;
    return Array.isArray(list) && list.every((st: Statement) => typeof st?.Sid === 'string') ? new Map(list.map((st: Statement) => [st.Sid!, st])) : undefined;
  };
  const was = before === undefined ? new Map<string, Statement>() : statements(before);
  const now = statements(after);
  if (!was || !now) return [{ path: 'policy', before, after }];
  const sids = [...new Set([...was.keys(), ...now.keys()])];
  return sids.flatMap((sid) => {
    const [b, a] = [was.get(sid), now.get(sid)];
    if (same(b, a)) return [];
    const strip = (st: Statement | undefined) => (st ? Object.fromEntries(Object.entries(st).filter(([k]) => k !== 'Sid')) : undefined);
    return [{ path: `policy.${sid}`, ...(b ? { before: strip(b) } : {}), ...(a ? { after: strip(a) } : {}) }];
  });
}

export function planExecutionRole(jobs: readonly LabelingJob[], buckets: readonly Bucket[], project: Project, live: LiveState, world: JobWorld): KindPlan {
  const managed = jobs.filter((j) => j.roleArn === MANAGED_ROLE);
  const name = managedRoleName(project);
  const base = { kind: 'role' as const, address: address.role(name), name, path: MANAGED_ROLE_PATH, arn: managedRoleArn(live.account, project), policyName: MANAGED_POLICY_NAME, dependsOn: [] };
  const current = live.executionRole;
  const owner = current ? ownershipOf(current.tags, project.name) : undefined;
  if (managed.length === 0) {
    if (!current || owner !== 'ours') return { changes: [], noOps: 0 };
    return { changes: [{ ...base, action: 'delete', tags: {}, diff: [{ path: 'role', before: current.arn }], reasons: ['no job of the specs uses the managed execution role any more'] }], noOps: 0 };
  }
  const tags = desiredTags(project, {});
  const trust = JSON.stringify(trustPolicy(live.account));
  const policy = JSON.stringify(executionPolicy(roleJobs(managed, buckets, world), live.region, live.account));
  const wanted: RoleChange = { ...base, action: 'create', trustPolicy: trust, policy, tags, diff: [], reasons: [] };
  if (policy.replace(/\s/g, '').length > MAX_INLINE_POLICY_CHARS)
    return { changes: [{ ...wanted, action: 'blocked', blockedBy: 'policy-too-large', reasons: [`the policy its ${managed.length} jobs need is ${policy.length} characters, over IAM's ${MAX_INLINE_POLICY_CHARS} for a role's inline policies: give some jobs their own roleArn, or keep their data under fewer prefixes`] }], noOps: 0 };
  if (!current)
    return { changes: [{ ...wanted, diff: policyDiffs(undefined, parsed(policy)), reasons: [`create the execution role for ${managed.length} job(s), with the least privilege they need`] }], noOps: 0 };
  if (owner !== 'ours')
    return {
      changes: [{ ...wanted, action: 'blocked', blockedBy: owner === 'other-project' ? 'other-project' : 'not-managed', reasons: [`role ${current.arn} exists but is ${owner === 'other-project' ? 'owned by another project' : 'not managed by gtctl'}: gtctl changes no role it does not own; rename the project or delete that role`] }],
      noOps: 0,
    };
  const diff: FieldDiff[] = [];
  if (!same(parsed(current.trustPolicy), parsed(trust))) diff.push({ path: 'trustPolicy', before: parsed(current.trustPolicy), after: parsed(trust) });
  const livePolicy = current.policies[MANAGED_POLICY_NAME];
  if (livePolicy === undefined || !same(parsed(livePolicy), parsed(policy))) diff.push(...policyDiffs(livePolicy === undefined ? undefined : parsed(livePolicy), parsed(policy)));
  diff.push(...tagDiffs(current.tags, tags).diff);
  if (diff.length === 0) return { changes: [], noOps: 1 };
  const moved = [...new Set(diff.map((d) => d.path.split('.')[0]))];
  return { changes: [{ ...wanted, action: 'update', diff, reasons: [`${moved.join(', ')} changed: the jobs' needs moved`] }], noOps: 0 };
}
