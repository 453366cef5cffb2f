// Who owns a live object: this project, another project, or nobody (unmanaged). Only owned objects change.
import { OWNERSHIP_TAG } from '../live.js';
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
