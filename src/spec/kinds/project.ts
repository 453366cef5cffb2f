import type { Project, UnlistedUsersPolicy } from '../../core/model.js';
import { s3Location } from '../../core/s3-uri.js';
import type { ProjectDocument } from '../written.js';
import { writtenDocument, writtenTags } from './envelope.js';

/** The project used when the tree has no Project document. */
export const DEFAULT_PROJECT_NAME = 'default';

const DEFAULT_UNLISTED_USERS: UnlistedUsersPolicy = 'keep';

export function normalizeProject(written: ProjectDocument | undefined): Project {
  const spec = written?.spec ?? {};
  const project: Project = {
    name: written?.metadata.name ?? DEFAULT_PROJECT_NAME,
    ...(spec.region ? { region: spec.region } : {}),
    ...(spec.accountId ? { accountId: spec.accountId } : {}),
    ...(spec.executionRole ? { executionRole: spec.executionRole } : {}),
    policies: { unlistedUsers: spec.policies?.unlistedUsers ?? DEFAULT_UNLISTED_USERS },
    tags: spec.tags ?? {},
  };
  const lock = spec.lock ? s3Location(spec.lock) : undefined;
  return lock && lock.key ? { ...project, lock } : project;
}

/** The inverse of normalizeProject: the project as a user would write it, defaults left out. */
export function writeProject(project: Project): ProjectDocument {
  return writtenDocument('Project', project.name, {
    ...(project.region ? { region: project.region } : {}),
    ...(project.accountId ? { accountId: project.accountId } : {}),
    ...(project.executionRole ? { executionRole: project.executionRole } : {}),
    ...(project.policies.unlistedUsers !== DEFAULT_UNLISTED_USERS ? { policies: { unlistedUsers: project.policies.unlistedUsers } } : {}),
    ...writtenTags(project.tags),
    ...(project.lock ? { lock: `s3://${project.lock.bucket}/${project.lock.key}` } : {}),
  });
}
