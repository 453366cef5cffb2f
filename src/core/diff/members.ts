// Members (Cognito users) and memberships (a user in a team's group). Membership is authoritative for teams we
// own; users are invited, updated, and handled by `policies.unlistedUsers` only when gtctl manages them.
import { address } from '../address.js';
import { invitationStatus, userEmail, type LiveState, type LiveUser } from '../live.js';
import type { Member, Project, Team } from '../model.js';
import type { FieldDiff, MemberChange, MemberStep, MembershipChange } from '../plan.js';
import type { KindPlan } from './kind-plan.js';

const DAY_MS = 86_400_000;

export interface MemberInputs {
  members: readonly Member[];
  /** Desired teams whose membership gtctl decides (created now or owned); blocked teams are left out. */
  teams: readonly Team[];
  /** Teams being deleted: their live members are removed first. */
  deletedTeams: ReadonlyArray<{ name: string; userGroup: string }>;
  project: Project;
  live: LiveState;
  /** Epoch ms, from the caller's clock: decides whether a temporary password has expired. */
  now: number;
}

export function planMembers(inputs: MemberInputs): KindPlan {
  const { members, project, live, now } = inputs;
  const byEmail = usersByEmail(live.users);
  const wanted = new Set(members.map((m) => m.email.toLowerCase()));
  const changes: MemberChange[] = [];
  let noOps = 0;
  for (const member of members) {
    const user = byEmail.get(member.email.toLowerCase());
    const base = { address: address.member(member.email), kind: 'member' as const, email: member.email, member, dependsOn: [] };
    if (!user) {
      const steps: MemberStep[] = member.disabled ? ['invite', 'disable'] : ['invite'];
      changes.push({
        ...base,
        action: 'create',
        diff: [{ path: 'email', after: member.email }, ...(member.displayName ? [{ path: 'displayName', after: member.displayName }] : []), { path: 'status', after: member.disabled ? 'disabled' : 'invited' }],
        reasons: [member.disabled ? 'create the user, disabled (no invitation is usable until enabled)' : 'invite by e-mail'],
        steps,
      });
      continue;
    }
    const { steps, diff, reasons } = memberUpdates(member, user, project, live, now);
    if (steps.length === 0) noOps++;
    else changes.push({ ...base, action: 'update', username: user.username, diff, reasons, steps });
  }
  for (const user of live.users) {
    const email = userEmail(user);
    if (!email || wanted.has(email.toLowerCase()) || user.managedBy !== project.name) continue;
    const policy = project.policies.unlistedUsers;
    const base = { address: address.member(email), kind: 'member' as const, email, username: user.username, dependsOn: [] };
    const why = `not in any spec (policies.unlistedUsers: ${policy})`;
    if (policy === 'delete') changes.push({ ...base, action: 'delete', diff: [{ path: 'status', before: invitationStatus(user) }], reasons: [why], steps: ['delete'] });
    else if (policy === 'disable' && user.enabled) changes.push({ ...base, action: 'update', diff: [{ path: 'status', before: invitationStatus(user), after: 'disabled' }], reasons: [why], steps: ['disable'] });
    else noOps++;
  }
  return { changes, noOps };
}

function memberUpdates(member: Member, user: LiveUser, project: Project, live: LiveState, now: number): { steps: MemberStep[]; diff: FieldDiff[]; reasons: string[] } {
  const steps: MemberStep[] = [];
  const diff: FieldDiff[] = [];
  const reasons: string[] = [];
  // A user another gtctl project manages is that project's to change; this one only decides its own teams.
  if (user.managedBy !== undefined && user.managedBy !== project.name) return { steps, diff, reasons };
  if (user.managedBy === undefined) {
    steps.push('adopt');
    diff.push({ path: 'managedBy', after: project.name });
    reasons.push('existing user: record as managed by gtctl');
  }
  if (member.disabled === user.enabled) {
    steps.push(member.disabled ? 'disable' : 'enable');
    diff.push({ path: 'status', before: invitationStatus(user), after: member.disabled ? 'disabled' : 'enabled' });
    reasons.push(member.disabled ? 'disabled: true' : 're-enable');
  }
  if (member.displayName !== undefined && member.displayName !== user.displayName) {
    steps.push('set-display-name');
    diff.push({ path: 'displayName', before: user.displayName, after: member.displayName });
    reasons.push('display name changed');
  }
  const validityMs = (live.userPool?.temporaryPasswordValidityDays ?? 7) * DAY_MS;
  // Not only when the user is enabled now: a user re-enabled by this change (the `enable` step runs first) needs the
  // fresh invitation as much. Expiry is judged from when gtctl sent the invitation (it records it: AWS does not, and
  // UserLastModifiedDate moves with any change, A8); only for users gtctl never invited, the last-modified date.
  if (!member.disabled && user.status === 'FORCE_CHANGE_PASSWORD') {
    if (user.invitedAt === null) {
      steps.push('resend-invitation');
      diff.push({ path: 'invitation', before: 'not sent', after: 'sent' });
      reasons.push('the invitation was not sent (the e-mail limit held it back): send it');
    } else {
      const sentAt = user.invitedAt ?? user.modifiedAt;
      if (now - sentAt > validityMs) {
        steps.push('resend-invitation');
        diff.push({ path: 'invitation', before: 'expired', after: 'sent again' });
        reasons.push(`the temporary password expired ${new Date(sentAt + validityMs).toISOString().slice(0, 10)}: send the invitation again`);
      }
    }
  }
  return { steps, diff, reasons };
}

export function planMemberships(inputs: MemberInputs): KindPlan {
  const { live } = inputs;
  const byUsername = new Map(live.users.map((u) => [u.username, u]));
  const byEmail = usersByEmail(live.users);
  const changes: MembershipChange[] = [];
  let noOps = 0;
  const liveEmails = (group: string) =>
    (live.groupMembers[group] ?? []).map((username) => {
      const user = byUsername.get(username);
      return { username, email: (user && userEmail(user)) ?? username };
    });
  for (const team of inputs.teams) {
    const current = liveEmails(team.userGroup);
    const currentKeys = new Set(current.map((m) => m.email.toLowerCase()));
    const wanted = new Set(team.members.map((e) => e.toLowerCase()));
    for (const email of team.members) {
      if (currentKeys.has(email.toLowerCase())) {
        noOps++;
        continue;
      }
      const username = byEmail.get(email.toLowerCase())?.username;
      changes.push({
        address: address.membership(team.name, email),
        kind: 'membership',
        action: 'create',
        team: team.name,
        email,
        userGroup: team.userGroup,
        ...(username ? { username } : {}),
        diff: [],
        reasons: [`add to team ${team.name}`],
        dependsOn: [],
      });
    }
    for (const { username, email } of current) {
      if (!wanted.has(email.toLowerCase())) changes.push(removal(team.name, team.userGroup, email, username, `not in team ${team.name} in the specs: remove and sign out`));
    }
  }
  for (const team of inputs.deletedTeams) {
    for (const { username, email } of liveEmails(team.userGroup)) changes.push(removal(team.name, team.userGroup, email, username, `team ${team.name} is deleted: remove and sign out`));
  }
  return { changes, noOps };
}

function removal(team: string, userGroup: string, email: string, username: string, reason: string): MembershipChange {
  return { address: address.membership(team, email), kind: 'membership', action: 'delete', team, email, userGroup, username, diff: [], reasons: [reason], dependsOn: [] };
}

function usersByEmail(users: readonly LiveUser[]): Map<string, LiveUser> {
  const map = new Map<string, LiveUser>();
  for (const user of users) {
    const email = userEmail(user);
    if (email) map.set(email.toLowerCase(), user);
  }
  return map;
}
