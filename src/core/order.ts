// Dependencies between changes and the plan's deterministic order: dependency level, then kind, then address.
import { KIND_ORDER } from './address.js';
import type { Change } from './plan.js';

/**
 * Fills `dependsOn` from the rules that tie kinds together:
 * - a created team or invited member needs the workforce (and its user pool) first, and so does a changed member
 *   (marking an adopted user as managed needs the custom attribute the workforce change may add to the pool);
 * - a new membership needs its team and its member first;
 * - a team is deleted after its members are removed, and a user after their memberships;
 * - an object waits for its bucket, and a new job for its team, its buckets and the objects written to them.
 * Dependencies on addresses the plan does not change are dropped: they are already in place.
 */
export function linkDependencies(changes: readonly Change[]): Change[] {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const workforce = changes.find((c) => c.kind === 'workforce' && c.action !== 'blocked');
  const removalsOf = (match: (c: Change) => boolean) => changes.filter((c) => c.kind === 'membership' && c.action === 'delete' && match(c)).map((c) => c.address);
  return changes.map((change) => {
    const deps = new Set(change.dependsOn);
    if (workforce && (change.kind === 'team' || change.kind === 'member') && change.action === 'create') deps.add(workforce.address);
    if (workforce && change.kind === 'member' && change.action === 'update') deps.add(workforce.address);
    if (change.kind === 'membership' && change.action === 'create') {
      for (const needed of [`team/${change.team}`, `member/${change.email}`]) {
        const dep = byAddress.get(needed);
        if (dep && (dep.action === 'create' || dep.action === 'update')) deps.add(needed);
      }
      if (workforce && deps.size === 0) deps.add(workforce.address);
    }
    if (change.kind === 'team' && change.action === 'delete') for (const a of removalsOf((c) => c.kind === 'membership' && c.team === change.address.slice('team/'.length))) deps.add(a);
    if (change.kind === 'member' && change.action === 'delete') for (const a of removalsOf((c) => c.kind === 'membership' && c.email === change.email)) deps.add(a);
    if (change.kind === 'object') deps.add(`bucket/${change.bucket}`);
    if (change.kind === 'job' && change.action === 'create') {
      const buckets = new Set(change.dependsOn.filter((d) => d.startsWith('bucket/')).map((d) => d.slice('bucket/'.length)));
      for (const c of changes) if (c.kind === 'object' && buckets.has(c.bucket)) deps.add(c.address);
      // A job of the managed role waits for the role, and for the policy its inputs need.
      for (const c of changes) if (c.kind === 'role' && c.action !== 'delete' && change.request?.RoleArn === c.arn) deps.add(c.address);
      if (workforce) deps.add(workforce.address);
    }
    return { ...change, dependsOn: [...deps].filter((d) => byAddress.has(d)).sort() };
  });
}

/** Level = longest chain of dependencies below a change (0 for none). Unknown dependencies are ignored. */
function levels(changes: readonly Change[]): Map<string, number> {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const memo = new Map<string, number>();
  const visit = (addr: string, path: Set<string>): number => {
    const known = memo.get(addr);
    if (known !== undefined) return known;
    if (path.has(addr)) throw new Error(`dependency cycle through ${addr}`);
    path.add(addr);
    const change = byAddress.get(addr);
    const level = change ? Math.max(-1, ...change.dependsOn.filter((d) => byAddress.has(d)).map((d) => visit(d, path))) + 1 : 0;
    path.delete(addr);
    memo.set(addr, level);
    return level;
  };
  for (const c of changes) visit(c.address, new Set());
  return memo;
}

export function orderChanges(changes: readonly Change[]): Change[] {
  const level = levels(changes);
  return [...changes].sort(
    (a, b) =>
      level.get(a.address)! - level.get(b.address)! ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      (a.address < b.address ? -1 : a.address > b.address ? 1 : 0),
  );
}
