// A resolved value together with the document it came from, so rules can point at what the user wrote.
import type { Diagnostic } from '../core/diagnostics.js';
import type { Bucket, LabelingJob, Member, Project, Team, Workforce } from '../core/model.js';
import { formatPath, type Path, type SpecDocument } from './documents.js';
import type { Kind } from './kinds.js';

export interface Loaded<T> {
  doc: SpecDocument;
  value: T;
}

/** Every document that passed the schema, normalized, grouped by kind in file order. */
export interface SpecTree {
  projects: Loaded<Project>[];
  workforces: Loaded<Workforce>[];
  teams: Loaded<Team>[];
  members: Loaded<Member>[];
  buckets: Loaded<Bucket>[];
  jobs: Loaded<LabelingJob>[];
  /**
   * Documents of a known kind and name that failed the schema. Their values are not in the tree, but they are
   * declared: a rule must not report a reference to one as unknown (the schema diagnostics already say what is wrong).
   */
  invalid: Array<{ kind: Kind; name: string }>;
}

/** Reading a value of a document by path: rules look at what was written, not only at the resolved value. */
export function valueAt(doc: SpecDocument, path: Path): unknown {
  let value: unknown = doc.value;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** A diagnostic pointing at the value at `path` in `doc`. */
export function problem(
  doc: SpecDocument,
  path: Path,
  code: string,
  message: string,
  hint: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  return { severity, code, message, hint, file: doc.file, ...doc.locate(path), path: formatPath(path) };
}
