// Fingerprints of what a plan read: apply re-reads live state and refuses a saved plan if any of them moved.
import { createHash } from 'node:crypto';
import { address } from './address.js';
import { userEmail, type LiveState } from './live.js';
import { canonical } from './diff/values.js';

export const ABSENT = 'absent';

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function hash(value: unknown): string {
  return digest(canonical(value));
}

/**
 * One hash per live object, by address; `addresses` (those the plan changes) that are not live get ABSENT, so an
 * object appearing in the meantime also makes the plan stale.
 */
export function fingerprintLive(live: LiveState, addresses: Iterable<string>, teamOfGroup: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (live.workforce) out[address.workforce(live.workforce.name)] = hash({ workforce: live.workforce, userPool: live.userPool });
  for (const team of live.teams) out[address.team(team.name)] = hash(team);
  for (const user of live.users) {
    const email = userEmail(user);
    // A fixed field order instead of canonical JSON: there can be a hundred thousand users.
    if (email) out[address.member(email)] = digest(JSON.stringify([user.username, email, user.displayName, user.enabled, user.status, user.modifiedAt, user.managedBy]));
  }
  // One fingerprint per team's group (its sorted usernames), not one per membership: any member added or removed
  // out of band moves it. Keyed `members/<team>`, which is no plan address.
  for (const [group, usernames] of Object.entries(live.groupMembers)) {
    const team = teamOfGroup.get(group);
    if (team) out[`members/${team}`] = digest([...usernames].sort().join('\n'));
  }
  // Buckets with their settings and whether they hold objects (a delete planned on an empty bucket); objects by
  // content; jobs by what they were created with and their tags, not by status or counters, which move on their
  // own while workers label and would make every saved plan of an account with a running job stale.
  for (const bucket of live.buckets) out[address.bucket(bucket.name)] = hash(bucket);
  for (const [path, object] of Object.entries(live.objects)) {
    const slash = path.indexOf('/');
    out[address.object(path.slice(0, slash), path.slice(slash + 1))] = hash(object);
  }
  for (const job of live.jobs) out[address.job(job.name)] = hash(job.request);
  if (live.executionRole) out[address.role(live.executionRole.name)] = hash(live.executionRole);
  for (const addr of addresses) out[addr] ??= ABSENT;
  // The default sort compares UTF-16 code units, the order used everywhere else, and is much faster than a comparator.
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]!]));
}

/** Addresses whose fingerprint differs between the saved plan and a fresh read (both directions). */
export function staleAddresses(saved: Readonly<Record<string, string>>, fresh: Readonly<Record<string, string>>): string[] {
  const keys = new Set([...Object.keys(saved), ...Object.keys(fresh)]);
  return [...keys].filter((k) => (saved[k] ?? ABSENT) !== (fresh[k] ?? ABSENT)).sort();
}
