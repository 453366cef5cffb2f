import type { Team } from '../../core/model.js';
import type { TeamDocument } from '../written.js';

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
