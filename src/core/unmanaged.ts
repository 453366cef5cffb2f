// What lives in the account that no spec declares (`plan --show-unmanaged`): teams, pool users, labeling jobs and
// buckets, each with its owner when it carries one, so that a team sees what is left outside git. Pure: the live
// read brings the account's bucket and job lists (`LiveState.inventory`) only when asked.
import { OWNERSHIP_TAG, invitationStatus, userEmail, type InvitationStatus, type LiveState } from './live.js';
import type { DesiredState } from './model.js';

export interface UndeclaredObject {
  name: string;
  /** The gtctl project its ownership tag names; absent when nothing owns it (unmanaged). */
  owner?: string;
}

export interface UndeclaredUser {
  email: string;
  status: InvitationStatus;
  /** The project that manages the user (custom attribute); absent when none does. */
  managedBy?: string;
}

export interface UndeclaredJob extends UndeclaredObject {
  /** The job's status (InProgress, Completed, ...). */
  status: string;
}

export interface Unmanaged {
  teams: UndeclaredObject[];
  users: UndeclaredUser[];
  jobs: UndeclaredJob[];
  buckets: UndeclaredObject[];
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const ownerOf = (owner: string | undefined) => (owner !== undefined ? { owner } : {});

export function unmanagedObjects(desired: DesiredState, live: LiveState): Unmanaged {
  const teams = new Set(desired.teams.map((t) => t.name));
  const emails = new Set(desired.members.map((m) => m.email.toLowerCase()));
  const jobs = new Set(desired.jobs.map((j) => j.name.toLowerCase()));
  const buckets = new Set(desired.buckets.map((b) => b.name));
  return {
    teams: live.teams.filter((t) => !teams.has(t.name)).map((t) => ({ name: t.name, ...ownerOf(t.tags[OWNERSHIP_TAG]) })).sort(byName),
    users: live.users
      .flatMap((u) => {
        const email = userEmail(u) ?? u.username;
        if (emails.has(email.toLowerCase())) return [];
        return [{ email, status: invitationStatus(u), ...(u.managedBy !== undefined ? { managedBy: u.managedBy } : {}) }];
      })
      .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0)),
    jobs: (live.inventory?.jobs ?? []).filter((j) => !jobs.has(j.name.toLowerCase())).map((j) => ({ name: j.name, status: j.status, ...ownerOf(j.owner) })).sort(byName),
    buckets: (live.inventory?.buckets ?? []).filter((b) => !buckets.has(b.name)).map((b) => ({ name: b.name, ...ownerOf(b.owner) })).sort(byName),
  };
}
