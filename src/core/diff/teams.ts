// Work teams: create (with their Cognito group), update what UpdateWorkteam and tags allow, delete only a team that
// is ours and gone from the specs; a same-named team we do not own is a clash that blocks.
import { address } from '../address.js';
import type { LiveState, LiveTeam } from '../live.js';
import type { Project, Team } from '../model.js';
import type { TeamChange } from '../plan.js';
import type { KindPlan } from './kind-plan.js';
import { desiredTags } from './ownership.js';
import { pairAndClaim } from './pairing.js';
import { fieldDiffs, tagDiffs } from './values.js';

const TEAM_FIELDS = ['description', 'notificationTopicArn', 'presignedUrlSourceIp'] as const;

export function planTeams(desired: readonly Team[], project: Project, live: LiveState, oidc: boolean): KindPlan {
  const liveGroups = new Set(live.groups);
  const { pairs, orphans } = pairAndClaim('team', desired, live.teams, project.name);
  const changes: TeamChange[] = [];
  let noOps = 0;
  for (const pair of pairs) {
    const team = pair.desired;
    const tags = desiredTags(project, team.tags);
    const base = { address: address.team(team.name), kind: 'team' as const, team, tags, dependsOn: [] };
    const current = pair.live;
    if (!current) {
      changes.push({
        ...base,
        action: 'create',
        diff: [
          { path: 'description', after: team.description },
          oidc ? { path: 'oidcGroups', after: team.oidcGroups } : { path: 'userGroup', after: team.userGroup },
          ...(team.notificationTopicArn ? [{ path: 'notificationTopicArn', after: team.notificationTopicArn }] : []),
        ],
        reasons: [
          oidc
            ? 'create the work team'
            : liveGroups.has(team.userGroup)
              ? `create the work team on the existing Cognito group "${team.userGroup}" (kept if the team is deleted)`
              : `create the work team and its Cognito group "${team.userGroup}"`,
        ],
        removeTags: [],
      });
      continue;
    }
    const live = { arn: current.arn, ...(current.userGroup ? { userGroup: current.userGroup } : {}) };
    if (pair.clash) {
      changes.push({ ...base, live, action: 'blocked', blockedBy: pair.clash.code, diff: [], reasons: [pair.clash.reason], removeTags: [] });
      continue;
    }
    const groupChange = oidc
      ? fieldDiffs(['oidcGroups'], { oidcGroups: [...current.oidcGroups].sort() }, { oidcGroups: team.oidcGroups })
      : fieldDiffs(['userGroup'], { userGroup: current.userGroup }, { userGroup: team.userGroup });
    if (!oidc && groupChange.length > 0) {
      changes.push({ ...base, live, action: 'blocked', blockedBy: 'immutable', diff: groupChange, reasons: [`the team is built on Cognito group "${current.userGroup}"; moving it to another group is not supported: give the team a new name`], removeTags: [] });
      continue;
    }
    const fields = fieldDiffs(TEAM_FIELDS, normalizeLive(current), team);
    const tagChanges = tagDiffs(current.tags, tags);
    const diff = [...fields, ...groupChange, ...tagChanges.diff];
    if (diff.length === 0) {
      noOps++;
      continue;
    }
    const reasons = [
      ...pair.claimed.lead,
      ...fields.map((d) => `${d.path} changed`),
      ...(groupChange.length ? ['identity provider groups changed'] : []),
      ...(pair.claimed.retagged(tagChanges.diff) ? ['tags changed'] : []),
    ];
    changes.push({ ...base, live, action: 'update', diff, reasons, removeTags: tagChanges.remove });
  }
  for (const current of orphans) {
    changes.push({
      address: address.team(current.name),
      kind: 'team',
      action: 'delete',
      live: { arn: current.arn, ...(current.userGroup ? { userGroup: current.userGroup } : {}) },
      diff: [{ path: 'description', before: current.description }],
      reasons: [current.userGroup ? `not in the specs: delete the work team, then its Cognito group "${current.userGroup}" if gtctl created it` : 'not in the specs: delete the work team'],
      dependsOn: [],
      tags: {},
      removeTags: [],
    });
  }
  return { changes, noOps };
}

/** AWS leaves unset optional fields out; the model's defaults fill them so that only real differences show. */
function normalizeLive(team: LiveTeam): Record<(typeof TEAM_FIELDS)[number], unknown> {
  return { description: team.description, notificationTopicArn: team.notificationTopicArn, presignedUrlSourceIp: team.presignedUrlSourceIp };
}
