import type { Project } from '../../core/model.js';
import { s3Location } from '../../core/s3-uri.js';
import type { ProjectDocument } from '../written.js';

/** The project used when the tree has no Project document. */
export const DEFAULT_PROJECT_NAME = 'default';

export function normalizeProject(written: ProjectDocument | undefined): Project {
  const spec = written?.spec ?? {};
  const project: Project = {
    name: written?.metadata.name ?? DEFAULT_PROJECT_NAME,
    ...(spec.region ? { region: spec.region } : {}),
    ...(spec.accountId ? { accountId: spec.accountId } : {}),
    policies: { unlistedUsers: spec.policies?.unlistedUsers ?? 'keep' },
    tags: spec.tags ?? {},
  };
  const lock = spec.lock ? s3Location(spec.lock) : undefined;
  return lock && lock.key ? { ...project, lock } : project;
}
