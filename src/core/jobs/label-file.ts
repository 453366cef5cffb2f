// The label category configuration file (aws-facts §3.4), both ways: written for a job, and read back from a live
// job's file by import. Two formats: `document-version` 2018-11-28 (labels, and instructions for named entity
// recognition), and `documentVersion` 2020-03-01 for video frame and 3D point cloud types, which adds label
// category and frame attributes, the video annotation type and the audited label attribute
// (DG sms-label-cat-config-attributes).
import { BUILT_IN_TASK_TYPES, frameTypeOf } from '../catalog.js';
import type { FrameTask, LabelingJob, TaskAttribute, VideoAnnotationType } from '../model.js';
import { fullInstructionsHtml } from './instructions.js';

/** The classic file's only document version. */
export const LABEL_FILE_VERSION = '2018-11-28';
/** The video frame and 3D point cloud file's. */
export const FRAME_LABEL_FILE_VERSION = '2020-03-01';

export interface Instructions {
  shortInstruction: string;
  fullInstruction: string;
}

/** What the 2020-03-01 file's instructions may hold: each under this many characters (DG sms-label-cat-config-attributes). */
export const FRAME_INSTRUCTION_LIMITS = { shortInstruction: 255, fullInstruction: 2048 } as const;

interface LabelCategoryFile {
  'document-version': typeof LABEL_FILE_VERSION;
  labels: Array<{ label: string }>;
  /** Named entity recognition: its built-in UI shows these to workers (HTML allowed). */
  instructions?: Instructions;
}

interface FileAttribute {
  name: string;
  type: 'string' | 'number';
  description?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  isRequired?: boolean;
  editsAllowed?: 'none' | 'any';
}

interface FrameLabelCategoryFile {
  documentVersion: typeof FRAME_LABEL_FILE_VERSION;
  frameAttributes?: FileAttribute[];
  categoryGlobalAttributes?: FileAttribute[];
  labels: Array<{ label: string; categoryAttributes?: FileAttribute[]; editsAllowed?: 'none' | 'any' }>;
  annotationType?: string;
  instructions?: Instructions;
  auditLabelAttributeName?: string;
}

const ANNOTATION_TYPES: Readonly<Record<VideoAnnotationType, string>> = { 'bounding-box': 'BoundingBox', polyline: 'Polyline', polygon: 'Polygon', keypoint: 'Keypoint' };

/**
 * The file's JSON text, or undefined when the job has no labels (a custom task may have none). Labels keep the
 * spec's order (it is the order workers see, and output class indexes follow it); the text is two-space indented
 * with a final newline, so that the same job always gives the same bytes and so the same content address.
 */
export function labelCategoryFile(job: LabelingJob): string | undefined {
  if (job.task.labels.length === 0) return undefined;
  const { type } = job.task;
  const file = frameTypeOf(type) ? frameLabelFile(job, job.task.frames) : classicLabelFile(job);
  return `${JSON.stringify(file, null, 2)}\n`;
}

function classicLabelFile(job: LabelingJob): LabelCategoryFile {
  const file: LabelCategoryFile = { 'document-version': LABEL_FILE_VERSION, labels: job.task.labels.map((label) => ({ label })) };
  const { type } = job.task;
  // The spec rules require both; each stands in for the other rather than sending AWS an empty string.
  if (type !== 'custom' && BUILT_IN_TASK_TYPES[type].requiresInstructions) file.instructions = instructionsOf(job)!;
  return file;
}

function frameLabelFile(job: LabelingJob, frames: FrameTask | undefined): FrameLabelCategoryFile {
  const instructions = instructionsOf(job);
  return {
    documentVersion: FRAME_LABEL_FILE_VERSION,
    ...(frames?.frameAttributes.length ? { frameAttributes: frames.frameAttributes.map(fileAttribute) } : {}),
    ...(frames?.categoryAttributes.length ? { categoryGlobalAttributes: frames.categoryAttributes.map(fileAttribute) } : {}),
    labels: job.task.labels.map((label) => {
      const own = frames?.labels[label];
      return {
        label,
        ...(own?.categoryAttributes.length ? { categoryAttributes: own.categoryAttributes.map(fileAttribute) } : {}),
        ...(own?.editsAllowed ? { editsAllowed: own.editsAllowed } : {}),
      };
    }),
    ...(frames?.annotationType ? { annotationType: ANNOTATION_TYPES[frames.annotationType] } : {}),
    ...(instructions ? { instructions } : {}),
    ...(frames?.auditLabelAttributeName ? { auditLabelAttributeName: frames.auditLabelAttributeName } : {}),
  };
}

/** Both instructions, each standing in for a missing other; undefined when the job has none. */
export function instructionsOf(job: LabelingJob): Instructions | undefined {
  const full = fullInstructionsHtml(job);
  const short = job.task.instructions.short ?? job.task.instructions.full;
  return short === undefined ? undefined : { shortInstruction: short, fullInstruction: full ?? short };
}

function fileAttribute(a: TaskAttribute): FileAttribute {
  return {
    name: a.name,
    type: a.type,
    ...(a.description !== undefined ? { description: a.description } : {}),
    ...(a.enum ? { enum: [...a.enum] } : {}),
    ...(a.minimum !== undefined ? { minimum: a.minimum } : {}),
    ...(a.maximum !== undefined ? { maximum: a.maximum } : {}),
    ...(a.required ? { isRequired: true } : {}),
    ...(a.editsAllowed ? { editsAllowed: a.editsAllowed } : {}),
  };
}

/** What a label category file says, as far as gtctl writes it: for import, which reproduces a live job's task. */
export interface ReadLabelFile {
  labels: string[];
  instructions: { short?: string; full?: string };
  /** The 2020-03-01 format's settings. */
  frames?: FrameTask;
}

/** The file's content, or undefined when it is not a JSON object. Malformed entries are left out, not guessed at. */
export function readLabelFile(text: string | undefined): ReadLabelFile | undefined {
  let file: Partial<FrameLabelCategoryFile> & { labels?: unknown };
  try {
    file = JSON.parse(text ?? '') as typeof file;
  } catch {
    return undefined;
  }
  if (!file || typeof file !== 'object') return undefined;
  const entries = (Array.isArray(file.labels) ? file.labels : []).filter((l): l is FrameLabelCategoryFile['labels'][number] => typeof l?.label === 'string');
  const short = file.instructions?.shortInstruction;
  const full = file.instructions?.fullInstruction;
  const read: ReadLabelFile = {
    labels: entries.map((l) => l.label),
    instructions: { ...(typeof short === 'string' && short ? { short } : {}), ...(typeof full === 'string' && full ? { full } : {}) },
  };
  if (file.documentVersion !== FRAME_LABEL_FILE_VERSION) return read;
  const labels: FrameTask['labels'] = Object.fromEntries(
    entries
      .filter((l) => l.categoryAttributes?.length || l.editsAllowed)
      .map((l) => [l.label, { categoryAttributes: attributesOf(l.categoryAttributes), ...(l.editsAllowed ? { editsAllowed: l.editsAllowed } : {}) }]),
  );
  const annotationType = (Object.keys(ANNOTATION_TYPES) as VideoAnnotationType[]).find((t) => ANNOTATION_TYPES[t] === file.annotationType);
  return {
    ...read,
    frames: {
      ...(annotationType ? { annotationType } : {}),
      frameAttributes: attributesOf(file.frameAttributes),
      categoryAttributes: attributesOf(file.categoryGlobalAttributes),
      labels,
      ...(typeof file.auditLabelAttributeName === 'string' ? { auditLabelAttributeName: file.auditLabelAttributeName } : {}),
    },
  };
}

function attributesOf(list: unknown): TaskAttribute[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((a: Partial<FileAttribute>) =>
    typeof a?.name === 'string'
      ? [
          {
            name: a.name,
            type: a.type === 'number' ? 'number' : 'string',
            ...(typeof a.description === 'string' ? { description: a.description } : {}),
            ...(Array.isArray(a.enum) ? { enum: a.enum.filter((v): v is string => typeof v === 'string') } : {}),
            ...(typeof a.minimum === 'number' ? { minimum: a.minimum } : {}),
            ...(typeof a.maximum === 'number' ? { maximum: a.maximum } : {}),
            required: a.isRequired === true,
            ...(a.editsAllowed === 'none' || a.editsAllowed === 'any' ? { editsAllowed: a.editsAllowed } : {}),
          } satisfies TaskAttribute,
        ]
      : [],
  );
}
