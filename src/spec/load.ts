// Spec files -> desired state: parse, schema, normalize, rules. Every problem is collected, none thrown.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { frameTypeOf } from '../core/catalog.js';
import type { DesiredState, LabelingJob, Member, Project } from '../core/model.js';
import { parseSpecFile, type SpecDocument } from './documents.js';
import { findSpecFiles } from './find-spec-files.js';
import { normalizeBucket } from './kinds/bucket.js';
import { normalizeLabelingJob } from './kinds/labeling-job.js';
import { normalizeMember } from './kinds/member.js';
import { normalizeProject } from './kinds/project.js';
import { normalizeTeam } from './kinds/team.js';
import { normalizeWorkforce } from './kinds/workforce.js';
import type { Kind } from './kinds.js';
import type { SpecTree } from './loaded.js';
import { lintManifests } from './manifests.js';
import { teamMembership } from './membership.js';
import { RULES, type RuleContext } from './rules/index.js';
import { checkSchema, type TypedDocument } from './schema.js';
import { referencedFilesOnDisk, type ReferencedFiles } from './referenced-files.js';
import type {
  BucketDocument,
  LabelingJobDocument,
  MemberDocument,
  ProjectDocument,
  TeamDocument,
  WorkforceDocument,
} from './written.js';

export interface LoadOptions {
  /** `--region`: used when the Project does not name one. */
  region?: string;
  files?: ReferencedFiles;
}

export interface LoadResult {
  /** Present only when there is no error. */
  desired?: DesiredState;
  diagnostics: Diagnostic[];
  files: string[];
  /** Documents that passed the schema, per kind. */
  counts: Record<Kind, number>;
}

export async function loadSpecs(directory: string, options: LoadOptions = {}): Promise<LoadResult> {
  const files = await findSpecFiles(directory);
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  return loadSpecTexts(files.map((file, i) => ({ file: path.relative(process.cwd(), file) || file, text: texts[i]! })), options);
}

/** The I/O-free part of loading (but for `file:` references), for tests and callers with texts in hand. */
export function loadSpecTexts(sources: ReadonlyArray<{ file: string; text: string }>, options: LoadOptions = {}): LoadResult {
  const { tree, context, counts, diagnostics } = loadTree(sources, options);
  for (const rule of RULES) diagnostics.push(...rule(tree, context));
  diagnostics.push(...lintManifests(tree));
  const sorted = sortDiagnostics(diagnostics);
  return {
    ...(hasErrors(sorted) ? {} : { desired: desiredState(tree, options.region) }),
    diagnostics: sorted,
    files: sources.map((s) => s.file),
    counts,
  };
}

/** Parse, schema and normalize: the tree and context the rules see, and the problems found on the way there. */
export function loadTree(
  sources: ReadonlyArray<{ file: string; text: string }>,
  options: LoadOptions = {},
): { tree: SpecTree; context: RuleContext; counts: Record<Kind, number>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const typed: TypedDocument[] = [];
  const invalid: SpecTree['invalid'] = [];
  for (const { file, text } of sources) {
    const parsed = parseSpecFile(file, text);
    diagnostics.push(...parsed.diagnostics);
    for (const doc of parsed.documents) {
      const checked = checkSchema(doc);
      diagnostics.push(...checked.diagnostics);
      if (checked.typed) typed.push(checked.typed);
      else if (checked.declared) invalid.push(checked.declared);
    }
  }
  const { tree, diagnostics: normalizing } = normalize(typed, invalid, options.files ?? referencedFilesOnDisk);
  diagnostics.push(...normalizing);
  const project = tree.projects[0]?.value;
  const context = { region: project?.region ?? options.region, accountId: project?.accountId };
  const counts = { Project: 0, Workforce: 0, Bucket: 0, Team: 0, Member: 0, LabelingJob: 0 } satisfies Record<Kind, number>;
  for (const t of typed) counts[t.kind]++;
  return { tree, context, counts, diagnostics };
}

function normalize(typed: readonly TypedDocument[], invalid: SpecTree['invalid'], files: ReferencedFiles): { tree: SpecTree; diagnostics: Diagnostic[] } {
  const of = <T>(kind: Kind) => typed.filter((t) => t.kind === kind).map((t) => ({ doc: t.doc, written: t.doc.value as T }));
  const diagnostics: Diagnostic[] = [];
  const withDiagnostics = <T>(doc: SpecDocument, result: { value: T; diagnostics: Diagnostic[] }) => {
    diagnostics.push(...result.diagnostics);
    return { doc, value: result.value };
  };
  const projects = of<ProjectDocument>('Project').map(({ doc, written }) => ({ doc, value: normalizeProject(written) }));
  const projectName = projects[0]?.value.name ?? normalizeProject(undefined).name;
  const tree: SpecTree = {
    projects,
    workforces: of<WorkforceDocument>('Workforce').map(({ doc, written }) => ({ doc, value: normalizeWorkforce(written, projectName) })),
    teams: of<TeamDocument>('Team').map(({ doc, written }) => ({ doc, value: normalizeTeam(written) })),
    members: of<MemberDocument>('Member').map(({ doc, written }) => ({ doc, value: normalizeMember(written) })),
    buckets: of<BucketDocument>('Bucket').map(({ doc, written }) => withDiagnostics(doc, normalizeBucket(written, doc, files))),
    jobs: of<LabelingJobDocument>('LabelingJob').map(({ doc, written }) => withDiagnostics(doc, normalizeLabelingJob(written, doc, files))),
    invalid,
  };
  return { tree, diagnostics };
}

/** Joins the per-kind values: team membership is the union of team lists and Member documents. */
function desiredState(tree: SpecTree, region: string | undefined): DesiredState {
  const project = tree.projects[0]?.value ?? normalizeProject(undefined);
  const membership = teamMembership(tree);
  const members = new Map<string, Member>();
  for (const { value } of tree.members) members.set(value.email, value);
  for (const [team, emails] of membership) {
    for (const email of emails) {
      const member = members.get(email) ?? { email, teams: [], disabled: false };
      members.set(email, { ...member, teams: [...new Set([...member.teams, team])].sort() });
    }
  }
  const byName = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  const resolvedRegion = project.region ?? region;
  return {
    project: resolvedRegion ? { ...project, region: resolvedRegion } : project,
    ...(tree.workforces[0] ? { workforce: tree.workforces[0].value } : {}),
    teams: tree.teams.map((t) => ({ ...t.value, members: membership.get(t.value.name) ?? [] })).sort(byName((t) => t.name)),
    members: [...members.values()].sort(byName((m) => m.email)),
    buckets: tree.buckets.map((b) => b.value).sort(byName((b) => b.name)),
    jobs: tree.jobs.map((j) => withExecutionRole(withAuditedLabels(j.value, tree), project)).sort(byName((j) => j.name)),
  };
}

/** A job that names no role takes the Project's `executionRole`. */
function withExecutionRole(job: LabelingJob, project: Project): LabelingJob {
  return job.roleArn || !project.executionRole ? job : { ...job, roleArn: project.executionRole };
}

/** A chained adjustment of video frame or point cloud labels adjusts its source's: it names their attribute. */
function withAuditedLabels(job: LabelingJob, tree: SpecTree): LabelingJob {
  const { frames } = job.task;
  if (!frames || frames.auditLabelAttributeName || !frameTypeOf(job.task.type)?.adjustment || !('fromJob' in job.input)) return job;
  const from = job.input.fromJob.toLowerCase();
  const source = tree.jobs.find((j) => j.value.name.toLowerCase() === from)?.value;
  return source ? { ...job, task: { ...job.task, frames: { ...frames, auditLabelAttributeName: source.labelAttributeName } } } : job;
}
