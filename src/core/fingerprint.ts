// Fingerprints of what a plan read: apply re-reads live state and refuses a saved plan if any of them moved.
import { createHash } from 'node:crypto';
import { address } from './address.js';
import { userEmail, type LiveState } from './live.js';
import { canonical } from './diff/values.js';

export const ABSENT = 'absent';

function hash(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex').slice(0, 16);
}

/**
 * One hash per live object, by address; `addresses` (those the plan changes) that are not live get ABSENT, so an
 * object appearing in the meantime also makes the plan stale.
 */
export function fingerprintLive(live: LiveState, addresses: Iterable<string>, teamOfGroup: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (live.workforce) out[address.workforce(live.workforce.name)] = hash({ workforce: live.workforce, userPool: live.userPool });
  for (const team of live.teams) out[address.team(team.name)] = hash(team);
  const byUsername = new Map(live.users.map((u) => [u.username, u]));
  for (const user of live.users) {
    const email = userEmail(user);
    if (email) out[address.member(email)] = hash(user);
  }
  for (const [group, usernames] of Object.entries(live.groupMembers)) {
    const team = teamOfGroup.get(group);
    if (!team) continue;
    for (const username of usernames) {
      const user = byUsername.get(username);
      out[address.membership(team, (user && userEmail(user)) ?? username)] = 'member';
    }
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
  for (const addr of addresses) out[addr] ??= ABSENT;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Addresses whose fingerprint differs between the saved plan and a fresh read (both directions). */
export function staleAddresses(saved: Readonly<Record<string, string>>, fresh: Readonly<Record<string, string>>): string[] {
  const keys = new Set([...Object.keys(saved), ...Object.keys(fresh)]);
  return [...keys].filter((k) => (saved[k] ?? ABSENT) !== (fresh[k] ?? ABSENT)).sort();
}
