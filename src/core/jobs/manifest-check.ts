// The rules of an input manifest (aws-facts §5.1), checked once for two callers: the spec-time lint of manifests kept
// in the repository (src/spec/manifests.ts, which shows them as diagnostics at their file and line) and the plan-time
// preflight of the manifest a job will read (preflight.ts, which turns them into the job's blocking reasons).
// Callers decide how many problems to show; this file finds them all.
import { BUILT_IN_TASK_TYPES, frameTypeOf, MAX_DATASET_OBJECTS, type FrameType } from '../catalog.js';
import type { Severity } from '../diagnostics.js';
import type { LabelingJob } from '../model.js';
import { SOURCE_URI_ATTRIBUTE } from './manifest.js';
import { pointCloudFrameProblems } from './sequences.js';

const MAX_OBJECT_CHARS = 100_000;
const MAX_VALUE_CHARS = 20_000;
/** Semantic segmentation jobs take at most this many objects, and the quota cannot be raised (aws-facts §5.1). */
export const MAX_SEGMENTATION_OBJECTS = 20_000;

export type ManifestProblemCode =
  | 'manifest-json'
  | 'manifest-size'
  | 'manifest-attribute'
  | 'manifest-source'
  | 'manifest-source-uri'
  | 'manifest-wrong-key'
  | 'manifest-sequence'
  | 'manifest-frame';

export interface ManifestProblem {
  /** 1-based line of the manifest. */
  line: number;
  code: ManifestProblemCode;
  message: string;
  /** What to do about it. */
  hint: string;
  /**
   * As the spec lint shows it: `manifest-source-uri` is a warning there (the manifest may not be used by a text job
   * yet). Preflight blocks on every problem it keeps, whatever this says.
   */
  severity: Severity;
  /** The S3 object the line stands for (`source-ref`, or the attribute gtctl adds to text lines), when known. */
  object?: string;
}

export interface ManifestCheck {
  /** Problems of single lines, in line order (several per line possible). */
  lines: ManifestProblem[];
  /** Problems of the manifest as a whole: no objects, too many for the job. */
  whole: ManifestProblem[];
  /** Data objects: non-empty lines. */
  objects: number;
  /** Lines in the text, a final newline not counting as the start of another. */
  lineCount: number;
  /** Distinct buckets named by well-formed `source-ref` values, sorted. */
  sourceRefBuckets: string[];
  /** The well-formed `source-ref` values, in line order. */
  sourceRefs: string[];
}

/** The most objects a job of this type takes. */
export function maxObjectsOf(job: LabelingJob | undefined): number {
  return job?.task.type === 'semantic-segmentation' ? MAX_SEGMENTATION_OBJECTS : MAX_DATASET_OBJECTS;
}

/** Checks one JSON Lines manifest; `job` (when a job reads it) adds its task type's key and size rules. */
export function checkManifest(text: string, job: LabelingJob | undefined): ManifestCheck {
  const expected = job && job.task.type !== 'custom' ? BUILT_IN_TASK_TYPES[job.task.type].inputKey : undefined;
  const frames = job && frameTypeOf(job.task.type)?.data;
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const problems: ManifestProblem[] = [];
  const buckets = new Set<string>();
  const sourceRefs: string[] = [];
  let objects = 0;
  lines.forEach((line, i) => {
    const n = i + 1;
    const add = (code: ManifestProblemCode, message: string, hint: string, object?: string, severity: Severity = 'error') =>
      problems.push({ line: n, code, message, hint, severity, ...(object !== undefined ? { object } : {}) });
    if (line.trim() === '') {
      add('manifest-json', 'empty line', 'Each line must hold one JSON object; remove the empty line.');
      return;
    }
    objects++;
    if (line.length > MAX_OBJECT_CHARS)
      add('manifest-size', `the object is ${line.length} characters long; at most ${MAX_OBJECT_CHARS} allowed`, 'Shorten the object or split its data.');
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      add('manifest-json', `not valid JSON (${(error as Error).message})`, 'Each line must be one complete JSON object, with no line breaks inside it.');
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      add('manifest-json', 'not a JSON object', 'Each line must be a JSON object such as {"source": "..."}.');
      return;
    }
    const object = value as Record<string, unknown>;
    const ref = object['source-ref'];
    const location = typeof ref === 'string' ? s3Object(ref) : undefined;
    if (location) {
      buckets.add(location.bucket);
      sourceRefs.push(ref as string);
    }
    const uri = typeof ref === 'string' ? ref : typeof object[SOURCE_URI_ATTRIBUTE] === 'string' ? (object[SOURCE_URI_ATTRIBUTE] as string) : undefined;
    const addHere: Add = (code, message, hint, severity) => add(code, message, hint, uri, severity);
    checkObject(object, location !== undefined, expected, addHere);
    if (frames && location) checkFrameObject(object, location.key, frames, addHere);
  });
  const whole: ManifestProblem[] = [];
  const wholeProblem = (line: number, message: string, hint: string): ManifestProblem => ({ line, code: 'manifest-size', message, hint, severity: 'error' });
  if (objects === 0) whole.push(wholeProblem(1, 'the manifest has no objects', 'Add one JSON object per line.'));
  const max = maxObjectsOf(job);
  if (objects > max) whole.push(wholeProblem(max + 1, `the manifest has ${objects} objects; a job takes at most ${max}`, 'Split the data across several jobs.'));
  return { lines: problems, whole, objects, lineCount: lines.length, sourceRefBuckets: [...buckets].sort(), sourceRefs };
}

type Add = (code: ManifestProblemCode, message: string, hint: string, severity?: Severity) => void;

function checkObject(object: Record<string, unknown>, refIsS3Object: boolean, expected: 'source' | 'source-ref' | undefined, add: Add): void {
  for (const [key, value] of Object.entries(object)) {
    if (key.startsWith('$')) add('manifest-attribute', `attribute "${key}" starts with "$"`, 'Attribute names must not start with "$"; rename it.');
    const size = (typeof value === 'string' ? value : JSON.stringify(value)).length;
    if (size > MAX_VALUE_CHARS) add('manifest-size', `attribute "${key}" is ${size} characters long; at most ${MAX_VALUE_CHARS} allowed`, 'Shorten the value.');
  }
  const hasSource = 'source' in object;
  const hasRef = 'source-ref' in object;
  if (!hasSource && !hasRef && typeof object[SOURCE_URI_ATTRIBUTE] === 'string') {
    add('manifest-source', 'gtctl could not read the text of this object', 'Check that the object still exists and is readable, then plan again.');
    return;
  }
  if (hasSource === hasRef) {
    add('manifest-source', hasSource ? 'has both "source" and "source-ref"' : 'has neither "source" nor "source-ref"', 'Give exactly one: "source" for inline text, "source-ref" for the S3 URI of a file such as an image.');
    return;
  }
  if (hasRef && !refIsS3Object) add('manifest-source', `"source-ref" is not an S3 object URI: ${JSON.stringify(object['source-ref'])}`, 'Write it as s3://bucket/key.');
  if (hasSource && typeof object.source === 'string' && object.source.startsWith('s3://'))
    add(
      'manifest-source-uri',
      `"source" holds an S3 URI (${object.source}); workers would be shown the URI, not the file's text`,
      'Put the text itself in "source", use "source-ref" for files, or let gtctl build the manifest with input.fromPrefix.',
      'warning',
    );
  const used = hasSource ? 'source' : 'source-ref';
  if (expected && used !== expected)
    add('manifest-wrong-key', `uses "${used}" but the job's task type needs "${expected}"`, expected === 'source' ? 'Text tasks take the text inline in "source".' : 'Image tasks take the S3 URI of the image in "source-ref".');
}

/** Video frame and 3D point cloud lines: a sequence file, or one point cloud with its metadata. */
function checkFrameObject(object: Record<string, unknown>, key: string, data: FrameType['data'], add: Add): void {
  if (data !== 'point-cloud-frame') {
    if (!key.toLowerCase().endsWith('.json'))
      add('manifest-sequence', `"source-ref" names ${key.split('/').pop()}, not a sequence file: this task type labels sequences of frames`, data === 'video-sequence' ? 'Point "source-ref" at a sequence file (.json listing the frames), or let gtctl write them with input.fromPrefix (one per folder of frames).' : 'Point "source-ref" at a point cloud sequence file (.json listing the frames).');
    return;
  }
  const metadata = object['source-ref-metadata'];
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) {
    add('manifest-frame', 'a point cloud frame needs "source-ref-metadata"', 'Add "source-ref-metadata": {"format": "binary/xyzi", "unix-timestamp": <capture time>}.');
    return;
  }
  for (const problem of pointCloudFrameProblems(metadata as Record<string, unknown>, '"source-ref-metadata"')) add('manifest-frame', problem, 'See the point cloud frame manifest in the Ground Truth developer guide.');
}

/** `s3://bucket/key` with a non-empty key, split; anything else (other schemes, a bare bucket) is undefined. */
export function s3Object(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/([\s\S]+)$/.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}
