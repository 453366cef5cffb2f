import type { ImportedTeam } from '../../core/import.js';
import type { Team } from '../../core/model.js';
import type { TeamDocument } from '../written.js';
import { writtenDocument, writtenTags } from './envelope.js';

/** Members here are the team's own list; Member documents naming the team are added when the tree is assembled. */
export function normalizeTeam(written: TeamDocument): Team {
  const spec = written.spec ?? {};
  const name = written.metadata.name;
  return {
    name,
    description: spec.description ?? name,
    members: [...(spec.members ?? [])].sort(),
    userGroup: spec.userGroup ?? name,
    oidcGroups: [...(spec.oidcGroups ?? [name])].sort(),
    ...(spec.notificationTopicArn ? { notificationTopicArn: spec.notificationTopicArn } : {}),
    presignedUrlSourceIp: spec.presignedUrlSourceIp ?? false,
    tags: spec.tags ?? {},
    adopt: written.metadata.adopt ?? false,
  };
}

/**
 * The inverse of normalizeTeam. Of the member fields, only the one for where the members live (`identity`) is
 * written: a Cognito team's list even when empty, since it is authoritative; an OIDC team's groups unless just the
 * team's name. The description is always written: what import says about the members sits beside it.
 */
export function writeTeam(team: ImportedTeam): TeamDocument {
  const { name, identity, oidcGroups } = team;
  return writtenDocument(
    'Team',
    name,
    {
      description: team.description,
      ...(identity === 'cognito' ? { members: [...team.members], ...(team.userGroup !== name ? { userGroup: team.userGroup } : {}) } : {}),
      ...(identity === 'oidc' && !(oidcGroups.length === 1 && oidcGroups[0] === name) ? { oidcGroups: [...oidcGroups] } : {}),
      ...(team.notificationTopicArn ? { notificationTopicArn: team.notificationTopicArn } : {}),
      ...(team.presignedUrlSourceIp ? { presignedUrlSourceIp: true } : {}),
      ...writtenTags(team.tags),
    },
    team.adopt,
  );
}
