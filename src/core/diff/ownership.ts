// Who owns a live object: this project, another project, or nobody (unmanaged). Only owned objects change.
import { OWNERSHIP_TAG, WORKFORCE_OWNERSHIP_TAG } from '../live.js';
import type { Project, Tags } from '../model.js';

export type Ownership = 'ours' | 'other-project' | 'unmanaged';

export function ownershipOf(tags: Tags, project: string): Ownership {
  const owner = tags[OWNERSHIP_TAG];
  if (owner === undefined) return 'unmanaged';
  return owner === project ? 'ours' : 'other-project';
}

/** The tags gtctl puts on what it creates: project-wide tags, the resource's own, and the ownership tag last. */
export function desiredTags(project: Project, own: Tags): Record<string, string> {
  return { ...project.tags, ...own, [OWNERSHIP_TAG]: project.name };
}

/**
 * What the plan may do with a paired live object: change it (`ours`), take it over (`adopt`: unmanaged, and the spec
 * says `metadata.adopt`), or nothing (a clash). Another project's object is never adopted.
 */
export type Claim = 'ours' | 'adopt' | Exclude<Ownership, 'ours'>;

export function claimOf(tags: Tags, project: string, adopt: boolean): Claim {
  const ownership = ownershipOf(tags, project);
  return ownership === 'unmanaged' && adopt ? 'adopt' : ownership;
}

/** The first reason of a change that adopts an object: the ownership tag it adds is the adoption. */
export function adoptReason(project: string): string {
  return `adopt: tag it as managed by project ${project}`;
}

/** Tag changes other than adding the ownership tag: an adoption's own tag needs no second reason. */
export function otherTagChanges(diff: readonly { path: string }[]): boolean {
  return diff.some((d) => d.path !== `tags.${OWNERSHIP_TAG}` && d.path !== `tags.${WORKFORCE_OWNERSHIP_TAG}`);
}

export function clashReason(kind: string, name: string, ownership: Exclude<Ownership, 'ours'>, tags: Tags, adopt = false): string {
  if (ownership === 'unmanaged')
    return `${kind} "${name}" already exists and is not managed by gtctl: rename it in the specs, or let gtctl manage it with \`metadata.adopt: true\` (or \`gtctl import\`)`;
  const owned = `${kind} "${name}" belongs to gtctl project "${tags[OWNERSHIP_TAG]}", not this one`;
  return adopt ? `${owned}; it is not adopted: adopt takes over only objects without the ${OWNERSHIP_TAG} tag` : owned;
}
