// Builders for spec documents and trees: each builder gives a small valid document, so a test states only what
// differs (`jobDoc({ spec: { team: 'reviewers' } })`). Documents are plain objects written out as YAML, one file
// per call unless the test names the files.
import path from 'node:path';
import { stringify } from 'yaml';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import type { Path, SpecDocument } from '../../src/spec/documents.js';
import { loadSpecTexts, loadTree, type LoadOptions, type LoadResult } from '../../src/spec/load.js';
import type { Rule, RuleContext } from '../../src/spec/rules/index.js';
import { problem, type SpecTree } from '../../src/spec/loaded.js';
import type { ReferencedFiles } from '../../src/spec/referenced-files.js';

export interface SpecDoc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [key: string]: unknown };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/** `spec` is merged into the defaults (objects deeply, lists replaced; `undefined` removes a field). */
export interface Overrides {
  name?: string;
  spec?: Record<string, unknown>;
}

export const ROLE_ARN = 'arn:aws:iam::000000000000:role/labeling';

// `*Doc` names: these are documents as written; src/core/test-support.ts's `aTeam`, `aBucket`... build resolved models.
export const projectDoc = (o: Overrides = {}) => build('Project', 'labeling', { region: 'us-east-1' }, o);
export const workforceDoc = (o: Overrides = {}) => build('Workforce', 'default', { cognito: { userPool: 'managed', domain: 'labeling-portal' } }, o);
export const teamDoc = (o: Overrides = {}) => build('Team', 'labelers', { members: ['ann@example.com', 'bob@example.com'] }, o);
export const memberDoc = (o: Overrides = {}) => build('Member', 'carol@example.com', { teams: ['labelers'] }, o);
export const bucketDoc = (o: Overrides = {}) => build('Bucket', 'gtctl-data', {}, o);
export const jobDoc = (o: Overrides = {}) =>
  build(
    'LabelingJob',
    'odd-even',
    {
      team: 'labelers',
      roleArn: ROLE_ARN,
      input: { fromPrefix: 's3://gtctl-data/input/' },
      output: 's3://gtctl-data/output/',
      task: { type: 'text-classification', title: 'Odd or even', description: 'Is the number odd or even?', labels: ['Odd', 'Even'] },
    },
    o,
  );

/** `n` teams named team-01, team-02, ... */
export const teams = (n: number): SpecDoc[] => Array.from({ length: n }, (_, i) => teamDoc({ name: `team-${String(i + 1).padStart(2, '0')}` }));

function build(kind: string, name: string, spec: Record<string, unknown>, o: Overrides): SpecDoc {
  return { apiVersion: 'gtctl/v1', kind, metadata: { name: o.name ?? name }, spec: merge(spec, o.spec ?? {}) };
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const earlier = out[key];
    if (value === undefined) delete out[key];
    else if (isRecord(value) && isRecord(earlier)) out[key] = merge(earlier, value);
    else out[key] = value;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Documents as one multi-document YAML text. */
export function yamlOf(...docs: Array<SpecDoc | string>): string {
  return docs.map((d) => (typeof d === 'string' ? d : stringify(d, { lineWidth: 0 }))).join('---\n');
}

/** Documents one file each (`specs/0.yaml`...), or file name -> documents or raw YAML text (under `specs/`). */
export type Docs = ReadonlyArray<SpecDoc> | Record<string, ReadonlyArray<SpecDoc | string> | string>;

export interface TreeOptions extends Omit<LoadOptions, 'files'> {
  /** Files that `file:` and `template:` name, relative to the spec files' directory (`specs/`). */
  files?: Record<string, string>;
}

function sourcesOf(docs: Docs) {
  if (Array.isArray(docs)) return docs.map((doc, i) => ({ file: `specs/${i}.yaml`, text: yamlOf(doc) }));
  return Object.entries(docs).map(([file, content]) => ({ file: `specs/${file}`, text: typeof content === 'string' ? content : yamlOf(...content) }));
}

function optionsOf(options: TreeOptions): LoadOptions {
  const { files, ...rest } = options;
  return { ...rest, files: filesInMemory(files ?? {}) };
}

/** `file:` references answered from memory, with the loader's own not-found diagnostic shape. */
export function filesInMemory(files: Record<string, string>): ReferencedFiles {
  return {
    read(doc: SpecDocument, at: Path, relative: string) {
      const key = path.posix.normalize(path.posix.join(path.posix.relative('specs', path.posix.dirname(doc.file)), relative));
      const body = files[key];
      if (body !== undefined) return { body: Buffer.from(body, 'utf8') };
      return { diagnostic: problem(doc, at, 'file-not-found', `file "${relative}" does not exist`, 'Add the file.') };
    },
  };
}

/** The whole loader on documents (one file each) or on named files: `load({ 'a.yaml': [teamDoc()] })`. */
export function load(docs: Docs, options: TreeOptions = {}): LoadResult {
  return loadSpecTexts(sourcesOf(docs), optionsOf(options));
}

/** What a rule sees: the tree after parse, schema and normalize. Throws if the documents are not schema-valid. */
export function specTree(docs: Docs, options: TreeOptions = {}): { tree: SpecTree; context: RuleContext } {
  const { tree, context, diagnostics } = loadTree(sourcesOf(docs), optionsOf(options));
  if (diagnostics.length > 0) throw new Error(`the builders made an invalid tree:\n${diagnostics.map(brief).join('\n')}`);
  return { tree, context };
}

/** One rule on documents: its diagnostics as `severity code path`. */
export function check(rule: Rule, docs: Docs, options: TreeOptions = {}): string[] {
  const { tree, context } = specTree(docs, options);
  return codes(rule(tree, context));
}

/** One rule on documents: its diagnostics in full. */
export function run(rule: Rule, docs: Docs, options: TreeOptions = {}): Diagnostic[] {
  const { tree, context } = specTree(docs, options);
  return rule(tree, context);
}

/** `file:line:col severity code path`: enough to tell diagnostics apart in an assertion. */
export function brief(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}${d.path ? ` ${d.path}` : ''}`;
}

/** `severity code path` of every diagnostic: what most tests compare (positions are the corpus's business). */
export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.severity} ${d.code}${d.path ? ` ${d.path}` : ''}`);
}
