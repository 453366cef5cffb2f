// Use case: status. What is live for these specs: the workforce and its portal, each team with its members and
// their invitation status.
import { readTargets } from '../core/build-plan.js';
import { ownershipOf, type Ownership } from '../core/diff/ownership.js';
import { invitationStatus, userEmail, type InvitationStatus, type LiveJob } from '../core/live.js';
import { readLiveState } from '../providers/read-live.js';
import { checkAccount, connect, loadDesired, resolveRegion, type AwsOptions } from './session.js';

export interface StatusReport {
  project: string;
  account: string;
  region: string;
  workforce?: { name: string; status: string; portalUrl?: string; identity: 'cognito' | 'oidc'; userPool?: string };
  teams: Array<{
    name: string;
    /** `missing`: declared in the specs but not created yet. */
    state: 'managed' | 'unmanaged' | 'other-project' | 'missing';
    portalUrl?: string;
    members: Array<{ email: string; status: InvitationStatus | 'not invited' }>;
  }>;
  jobs: Array<{
    name: string;
    /** The job's LabelingJobStatus, or `not created`. */
    status: string;
    labelCounters?: LiveJob['labelCounters'];
    /** A streaming job: objects come through a topic, so "to go" means received and not labeled yet. */
    streaming?: true;
    failureReason?: string;
    outputManifest?: string;
  }>;
}

export async function status(directory: string, options: AwsOptions): Promise<StatusReport> {
  const { desired } = await loadDesired(directory, options);
  const region = resolveRegion(desired.project.region, options);
  const ports = await connect(region, options);
  const account = await checkAccount(ports, desired.project.accountId);
  const live = await readLiveState(ports, { account, region, project: desired.project.name, read: readTargets(desired) });
  const byUsername = new Map(live.users.map((u) => [u.username, u]));
  const byEmail = new Map(live.users.flatMap((u) => (userEmail(u) ? [[userEmail(u)!.toLowerCase(), u] as const] : [])));
  const project = desired.project.name;
  const teams: StatusReport['teams'] = desired.teams.map((team) => {
    const current = live.teams.find((t) => t.name === team.name);
    const members = new Map<string, InvitationStatus | 'not invited'>();
    for (const username of live.groupMembers[team.userGroup] ?? []) {
      const user = byUsername.get(username);
      if (user) members.set(userEmail(user) ?? username, invitationStatus(user));
    }
    for (const email of team.members) if (![...members.keys()].some((e) => e.toLowerCase() === email.toLowerCase())) {
      const user = byEmail.get(email.toLowerCase());
      members.set(email, user ? invitationStatus(user) : 'not invited');
    }
    return {
      name: team.name,
      state: stateOf(current ? ownershipOf(current.tags, project) : undefined),
      ...(current?.subDomain ? { portalUrl: `https://${current.subDomain}` } : {}),
      members: [...members].map(([email, s]) => ({ email, status: s })).sort((a, b) => (a.email < b.email ? -1 : 1)),
    };
  });
  return {
    project,
    account,
    region,
    ...(live.workforce
      ? {
          workforce: {
            name: live.workforce.name,
            status: live.workforce.status,
            ...(live.workforce.subDomain ? { portalUrl: `https://${live.workforce.subDomain}` } : {}),
            identity: live.workforce.oidc ? 'oidc' : 'cognito',
            ...(live.workforce.cognito ? { userPool: live.workforce.cognito.userPool } : {}),
          },
        }
      : {}),
    teams,
    jobs: desired.jobs.map((job) => {
      const current = live.jobs.find((j) => j.name.toLowerCase() === job.name.toLowerCase());
      if (!current) return { name: job.name, status: 'not created' };
      return {
        name: current.name,
        status: current.status,
        labelCounters: current.labelCounters,
        ...('stream' in job.input ? { streaming: true as const } : {}),
        ...(current.failureReason ? { failureReason: current.failureReason } : {}),
        ...(current.outputManifest ? { outputManifest: current.outputManifest } : {}),
      };
    }),
  };
}

function stateOf(ownership: Ownership | undefined): StatusReport['teams'][number]['state'] {
  if (ownership === undefined) return 'missing';
  return ownership === 'ours' ? 'managed' : ownership;
}
