// The way back, for `gtctl import`: the resolved values core/import.ts reads from AWS as the documents a user would
// write, each by its kind's writer (`write*` in kinds/, the inverse of the normalizer beside it). Import's comments
// move from the resolved field they are about to where the document writes that field. Pure;
// report/spec-writer.ts lays the documents out as YAML files.
import type { ImportComment, Imported, ImportedTree } from '../core/import.js';
import type { Path } from './documents.js';
import { writeBucket } from './kinds/bucket.js';
import { writeLabelingJob } from './kinds/labeling-job.js';
import { writeProject } from './kinds/project.js';
import { writeTeam } from './kinds/team.js';
import { writeWorkforce } from './kinds/workforce.js';
import type { BucketDocument, LabelingJobDocument, ProjectDocument, TeamDocument, WorkforceDocument } from './written.js';

/** A comment beside the value at `path` inside the document (`[]`: above the document). */
export interface WrittenComment {
  path: Path;
  text: string;
}

export interface CommentedDocument<D> {
  document: D;
  comments: WrittenComment[];
}

/** The imported tree as documents, in its order. */
export interface WrittenTree {
  project: CommentedDocument<ProjectDocument>;
  workforce?: CommentedDocument<WorkforceDocument>;
  teams: CommentedDocument<TeamDocument>[];
  buckets: CommentedDocument<BucketDocument>[];
  jobs: CommentedDocument<LabelingJobDocument>[];
}

/** Resolved fields a kind writes elsewhere than under `spec` by the same path (`name` is `metadata.name`). */
const WORKFORCE_PATHS: Readonly<Record<string, Path>> = {
  'identity.userPoolId': ['spec', 'cognito', 'userPool'],
  'identity.clientSecretEnv': ['spec', 'oidc', 'clientSecretEnv'],
};
const BUCKET_PATHS: Readonly<Record<string, Path>> = { publicAccessBlock: ['spec', 'blockPublicAccess'] };

export function writeImportedTree(tree: ImportedTree): WrittenTree {
  return {
    project: commented(tree.project, writeProject),
    ...(tree.workforce ? { workforce: commented(tree.workforce, writeWorkforce, WORKFORCE_PATHS) } : {}),
    teams: tree.teams.map((team) => commented(team, writeTeam)),
    buckets: tree.buckets.map((bucket) => commented(bucket, writeBucket, BUCKET_PATHS)),
    jobs: tree.jobs.map((job) => commented(job, writeLabelingJob)),
  };
}

function commented<T, D>(imported: Imported<T>, write: (value: T) => D, paths: Readonly<Record<string, Path>> = {}): CommentedDocument<D> {
  return { document: write(imported.value), comments: imported.comments.map((comment) => ({ path: writtenPath(comment, paths), text: comment.text })) };
}

function writtenPath({ field }: ImportComment, paths: Readonly<Record<string, Path>>): Path {
  if (field.length === 0) return [];
  if (field.length === 1 && field[0] === 'name') return ['metadata', 'name'];
  return paths[field.join('.')] ?? ['spec', ...field];
}
