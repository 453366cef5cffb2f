// Use case: import. Reads what exists in the account (the workforce, every team with its group's members, every
// labeling job with its label category file, the buckets named or used by jobs) and turns it into a spec tree:
// core/import.ts reads it as resolved values, spec/write.ts writes them as documents, report/spec-writer.ts lays
// those out as files. Writing never overwrites a file unless asked: all targets are checked before the first is
// written.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GtctlError } from '../core/errors.js';
import { buildImportedTree, type ImportedTree } from '../core/import.js';
import type { ReadTargets } from '../core/plan.js';
import { manifestUriOf } from '../core/jobs/request.js';
import { s3Location } from '../core/s3-uri.js';
import { readLiveState } from '../providers/read-live.js';
import { readJobs } from '../providers/read-jobs.js';
import { specFiles, type SpecFile } from '../report/spec-writer.js';
import { writeImportedTree } from '../spec/write.js';
import { checkAccount, connect, resolveRegion, type AwsOptions } from './session.js';

export const IMPORT_PARTS = ['teams', 'members', 'buckets', 'jobs'] as const;
export type ImportPart = (typeof IMPORT_PARTS)[number];

export interface ImportOptions extends AwsOptions {
  /** The Project name of the tree (the ownership tag value). */
  project: string;
  include: readonly ImportPart[];
  /** Buckets to import besides those jobs use. */
  buckets: readonly string[];
}

export interface ImportResult {
  account: string;
  region: string;
  tree: ImportedTree;
  files: SpecFile[];
}

export async function importAccount(options: ImportOptions): Promise<ImportResult> {
  const region = resolveRegion(undefined, options);
  const ports = await connect(region, options);
  const account = await checkAccount(ports, undefined);
  const include = new Set(options.include);

  // Jobs first: their manifests and outputs name the buckets to read.
  const { jobNames, jobs } = include.has('jobs') ? await readJobs(ports.sageMaker, { jobs: (await ports.sageMaker.listLabelingJobs()).flatMap((j) => j.LabelingJobName ?? []) }) : { jobNames: [], jobs: [] };
  const jobBuckets = jobs.flatMap((j) => [manifestUriOf(j.request), j.request.OutputConfig.S3OutputPath].flatMap((uri) => (uri === undefined ? [] : (s3Location(uri)?.bucket ?? []))));
  const wantedBuckets = include.has('buckets') ? [...new Set([...options.buckets, ...jobBuckets])].sort() : [];
  // Only the account's own buckets: reading another account's (a job may read from one) would fail the import.
  const own = new Set(wantedBuckets.length ? (await ports.s3.listBuckets()).map((b) => b.name) : []);
  const notOwn = wantedBuckets.filter((b) => !own.has(b));

  const teams = include.has('teams') ? await ports.sageMaker.listWorkteams() : [];
  const groups = include.has('members') ? teams.flatMap((t) => t.MemberDefinitions?.flatMap((d) => d.CognitoMemberDefinition?.UserGroup ?? []) ?? []) : [];
  const read: ReadTargets = {
    groupTeams: Object.fromEntries(groups.map((g) => [g, g])),
    buckets: wantedBuckets.filter((b) => own.has(b)),
    objects: [],
    prefixes: [],
    manifests: [],
    imageBuckets: [],
    jobs: [],
  };
  const live = await readLiveState(ports, { account, region, project: options.project, read });
  const labelFiles = Object.fromEntries(
    (await Promise.all(
      [...new Set(jobs.flatMap((j) => j.request.LabelCategoryConfigS3Uri ?? []))].map(async (uri) => {
        const at = s3Location(uri);
        // A label file we may not read only costs the job its `labels` (the writer says so beside it).
        const text = at ? await ports.s3.getObjectText(at.bucket, at.key).catch(() => undefined) : undefined;
        return [uri, text] as const;
      }),
    )).flatMap(([uri, text]) => (text !== undefined ? [[uri, text]] : [])),
  );
  const tree = buildImportedTree({
    live: {
      ...live,
      teams: include.has('teams') ? live.teams : [],
      // Buckets this project already owns come with the read; only those asked for are imported.
      buckets: live.buckets.filter((b) => read.buckets.includes(b.name)),
      jobNames,
      jobs,
    },
    project: options.project,
    labelFiles,
    membersRead: include.has('members'),
  });
  const warnings = [...tree.warnings, ...notOwn.map((b) => `bucket "${b}" is not in this account (or does not exist): not imported`)];
  const result = { ...tree, warnings: warnings.sort() };
  return { account, region, tree: result, files: specFiles(writeImportedTree(result)) };
}

/** Writes the files under `directory`; refuses before writing any when one exists and `force` is not set. */
export async function writeSpecTree(directory: string, files: readonly SpecFile[], force: boolean): Promise<string[]> {
  const targets = files.map((f) => ({ ...f, full: path.join(directory, f.path) }));
  if (!force) {
    const existing = (await Promise.all(targets.map(async (t) => ((await stat(t.full).catch(() => undefined)) ? t.full : undefined)))).filter((p): p is string => p !== undefined);
    if (existing.length) {
      throw new GtctlError('file-exists', `${existing.length === 1 ? 'file exists' : 'files exist'}: ${existing.join(', ')}; nothing was written`, 'user', 'Pass --force to overwrite them, or --out another directory.');
    }
  }
  for (const t of targets) {
    await mkdir(path.dirname(t.full), { recursive: true });
    await writeFile(t.full, t.text);
  }
  return targets.map((t) => t.full);
}
