// Lint of input manifests kept in the repository (bucket objects ending in .manifest/.jsonl), checked against
// the manifest rules of aws-facts §5.1 and, when a job uses the manifest, against what its task type needs.
import path from 'node:path';
import { BUILT_IN_TASK_TYPES, MAX_DATASET_OBJECTS } from '../core/catalog.js';
import type { Diagnostic, Severity } from '../core/diagnostics.js';
import type { LabelingJob } from '../core/model.js';
import { problem, valueAt, type SpecTree } from './loaded.js';

const MAX_OBJECT_CHARS = 100_000;
const MAX_VALUE_CHARS = 20_000;
const MAX_SEGMENTATION_OBJECTS = 20_000;
/** Past this many problems in one manifest, the rest are summarized: one broken generator makes thousands. */
const MAX_REPORTED = 20;

export function isManifestKey(key: string): boolean {
  return /\.(manifest|jsonl)$/i.test(key);
}

type Report = (line: number, code: string, message: string, hint: string, severity?: Severity) => void;

export function lintManifests(tree: SpecTree): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const bucket of tree.buckets) {
    const written = valueAt(bucket.doc, ['spec', 'objects']);
    if (!Array.isArray(written)) continue;
    written.forEach((object: { key: string; content?: string; file?: string }, index) => {
      if (!isManifestKey(object.key)) return;
      const resolved = bucket.value.objects.find((o) => o.key === object.key);
      if (!resolved) return;
      const uri = `s3://${bucket.value.name}/${object.key}`;
      const job = tree.jobs.find((j) => 'manifest' in j.value.input && j.value.input.manifest === uri)?.value;
      const report: Report =
        object.file !== undefined
          ? (line, code, message, hint, severity = 'error') =>
              out.push({ severity, code, message, hint, file: path.join(path.dirname(bucket.doc.file), object.file!), line, column: 1 })
          : (line, code, message, hint, severity = 'error') => {
              const at = ['spec', 'objects', index, 'content'];
              out.push({ ...problem(bucket.doc, at, code, `manifest line ${line}: ${message}`, hint, severity), ...bucket.doc.locateLine(at, line) });
            };
      lintManifest(Buffer.from(resolved.bodyBase64, 'base64').toString('utf8'), job, report);
    });
  }
  return out;
}

/** Checks one JSON Lines manifest; `job` (when a job uses it) adds the task type's key and size rules. */
export function lintManifest(text: string, job: LabelingJob | undefined, report: Report): void {
  const expected = job && job.task.type !== 'custom' ? BUILT_IN_TASK_TYPES[job.task.type] : undefined;
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  let reported = 0;
  let objects = 0;
  const limited: Report = (...args) => {
    reported++;
    if (reported <= MAX_REPORTED) report(...args);
  };
  lines.forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === '') {
      limited(n, 'manifest-json', 'empty line', 'Each line must hold one JSON object; remove the empty line.');
      return;
    }
    objects++;
    if (line.length > MAX_OBJECT_CHARS)
      limited(n, 'manifest-size', `the object is ${line.length} characters long; at most ${MAX_OBJECT_CHARS} allowed`, 'Shorten the object or split its data.');
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      limited(n, 'manifest-json', `not valid JSON (${(error as Error).message})`, 'Each line must be one complete JSON object, with no line breaks inside it.');
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      limited(n, 'manifest-json', 'not a JSON object', 'Each line must be a JSON object such as {"source": "..."}.');
      return;
    }
    lintObject(value as Record<string, unknown>, n, expected, limited);
  });
  if (objects === 0) report(1, 'manifest-size', 'the manifest has no objects', 'Add one JSON object per line.');
  const max = job?.task.type === 'semantic-segmentation' ? MAX_SEGMENTATION_OBJECTS : MAX_DATASET_OBJECTS;
  if (objects > max) report(max + 1, 'manifest-size', `the manifest has ${objects} objects; a job takes at most ${max}`, 'Split the data across several jobs.');
  if (reported > MAX_REPORTED) report(lines.length, 'manifest-json', `${reported - MAX_REPORTED} more problems in this manifest are not shown`, 'Fix the ones above first; they often share a cause.');
}

function lintObject(object: Record<string, unknown>, line: number, expected: (typeof BUILT_IN_TASK_TYPES)[keyof typeof BUILT_IN_TASK_TYPES] | undefined, report: Report): void {
  for (const [key, value] of Object.entries(object)) {
    if (key.startsWith('$')) report(line, 'manifest-attribute', `attribute "${key}" starts with "$"`, 'Attribute names must not start with "$"; rename it.');
    const size = (typeof value === 'string' ? value : JSON.stringify(value)).length;
    if (size > MAX_VALUE_CHARS) report(line, 'manifest-size', `attribute "${key}" is ${size} characters long; at most ${MAX_VALUE_CHARS} allowed`, 'Shorten the value.');
  }
  const hasSource = 'source' in object;
  const hasRef = 'source-ref' in object;
  if (hasSource === hasRef) {
    report(line, 'manifest-source', hasSource ? 'has both "source" and "source-ref"' : 'has neither "source" nor "source-ref"', 'Give exactly one: "source" for inline text, "source-ref" for the S3 URI of a file such as an image.');
    return;
  }
  if (hasRef && !/^s3:\/\/[^/]+\/.+/.test(String(object['source-ref'])))
    report(line, 'manifest-source', `"source-ref" is not an S3 object URI: ${JSON.stringify(object['source-ref'])}`, 'Write it as s3://bucket/key.');
  if (hasSource && typeof object.source === 'string' && object.source.startsWith('s3://'))
    report(line, 'manifest-source-uri', `"source" holds an S3 URI (${object.source}); workers would be shown the URI, not the file's text`, 'Put the text itself in "source", use "source-ref" for files, or let gtctl build the manifest with input.fromPrefix.', 'warning');
  if (expected && (hasSource ? 'source' : 'source-ref') !== expected.inputKey)
    report(line, 'manifest-wrong-key', `uses "${hasSource ? 'source' : 'source-ref'}" but the job's task type needs "${expected.inputKey}"`, expected.inputKey === 'source' ? 'Text tasks take the text inline in "source".' : 'Image tasks take the S3 URI of the image in "source-ref".');
}
