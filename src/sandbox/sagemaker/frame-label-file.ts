// The label category configuration file of video frame and 3D point cloud jobs: `documentVersion` 2020-03-01, with
// label category attributes (per label and global), frame attributes, the video annotation type and, for adjustment
// jobs, the label attribute being adjusted (DG sms-label-cat-config-attributes, its schema tables and quota table).
// Problems make the job fail, as with the 2018-11-28 file (job-inputs.ts).
//
// CONFLICT: the guide's schema table requires `minimum` and `maximum` for number attributes, while its own examples
// leave them out. The sandbox refuses their absence: the rougher reading.
import type { TaskType } from './task-types.js';

export const FRAME_LABEL_FILE_VERSION = '2020-03-01';

export interface FrameAttribute {
  name: string;
  type: 'string' | 'number';
  enum?: string[];
  minimum?: number;
  maximum?: number;
}

/** What the workers stand-in needs of the file: the labels, each with its attributes, and the frames' attributes. */
export interface FrameLabelFile {
  labels: string[];
  /** By label: its own attributes followed by the global ones (DG: at most 10 together). */
  categoryAttributes: Record<string, FrameAttribute[]>;
  frameAttributes: FrameAttribute[];
  /** Video frame jobs: `BoundingBox` unless the file says otherwise. */
  annotationType?: string;
  auditLabelAttributeName?: string;
}

const ANNOTATION_TYPES = ['BoundingBox', 'Polyline', 'Polygon', 'Keypoint'];
const MAX_LABELS = 30;
const MAX_NAME_CHARS = 16;
const MAX_ATTRIBUTES = 10;
const MAX_FREE_TEXT_ATTRIBUTES = 5;
const MAX_DESCRIPTION_CHARS = 128;
const MAX_ENUM_VALUES = 10;
const MAX_SHORT_INSTRUCTION_CHARS = 255;
const MAX_FULL_INSTRUCTION_CHARS = 2048;

/** What is wrong with the file, as one sentence; thrown by `parseFrameLabelFile`. */
export class FrameLabelFileProblem extends Error {}

const fail = (message: string): never => {
  throw new FrameLabelFileProblem(message);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number, min = 1): v is string => typeof v === 'string' && v.length >= min && v.length <= max;

/** One attribute of `where` (e.g. `frameAttributes[2]`), checked against the schema and quota tables. */
function attribute(raw: unknown, where: string, frame: boolean): FrameAttribute {
  if (!isObject(raw)) return fail(`${where} must be a JSON object.`);
  const { name, type, description } = raw;
  if (!isText(name, MAX_NAME_CHARS)) fail(`${where} needs a "name" of 1 to ${MAX_NAME_CHARS} characters.`);
  if (type !== 'string' && type !== 'number') fail(`${where} needs a "type" of "string" or "number".`);
  if (frame ? !isText(description, MAX_DESCRIPTION_CHARS) : description !== undefined && !isText(description, MAX_DESCRIPTION_CHARS, 0))
    fail(`${where} ${frame ? 'needs' : 'may have'} a "description" of up to ${MAX_DESCRIPTION_CHARS} characters.`);
  const out: FrameAttribute = { name: name as string, type: type as FrameAttribute['type'] };
  if (raw['enum'] !== undefined) {
    const values = raw['enum'];
    if (type !== 'string') fail(`${where} has an "enum": only "string" attributes take one.`);
    if (!Array.isArray(values) || values.length < 1 || values.length > MAX_ENUM_VALUES || !values.every((v) => isText(v, MAX_NAME_CHARS)))
      fail(`${where}: "enum" must list 1 to ${MAX_ENUM_VALUES} values of 1 to ${MAX_NAME_CHARS} characters.`);
    out.enum = values as string[];
  }
  if (type === 'number') {
    const { minimum, maximum } = raw;
    if (!Number.isInteger(minimum) || !Number.isInteger(maximum) || (minimum as number) > (maximum as number))
      fail(`${where} is a "number" attribute: it needs integer "minimum" and "maximum", minimum not above maximum.`);
    out.minimum = minimum as number;
    out.maximum = maximum as number;
  } else if (raw['minimum'] !== undefined || raw['maximum'] !== undefined) {
    fail(`${where} has "minimum" or "maximum": only "number" attributes take them.`);
  }
  if (raw['editsAllowed'] !== undefined && raw['editsAllowed'] !== 'none' && raw['editsAllowed'] !== 'any')
    fail(`${where}: "editsAllowed" must be "none" or "any".`);
  if (raw['isRequired'] !== undefined && typeof raw['isRequired'] !== 'boolean') fail(`${where}: "isRequired" must be true or false.`);
  return out;
}

function attributes(raw: unknown, where: string, frame: boolean): FrameAttribute[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fail(`"${where}" must be a list.`);
  return raw.map((a, i) => attribute(a, `${where}[${i}]`, frame));
}

const freeText = (list: readonly FrameAttribute[]) => list.filter((a) => a.type === 'string' && !a.enum).length;

/** The parsed 2020-03-01 file, or a `FrameLabelFileProblem`. */
export function parseFrameLabelFile(text: string, taskType: TaskType): FrameLabelFile {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return fail('The label category configuration file is not valid JSON.');
  }
  if (!isObject(file) || file['documentVersion'] !== FRAME_LABEL_FILE_VERSION)
    return fail(`A ${taskType.name} labeling job's label category configuration file must have "documentVersion": "${FRAME_LABEL_FILE_VERSION}".`);

  const frameAttributes = attributes(file['frameAttributes'], 'frameAttributes', true);
  if (frameAttributes.length > MAX_ATTRIBUTES) fail(`"frameAttributes" has ${frameAttributes.length} attributes; at most ${MAX_ATTRIBUTES}.`);
  if (freeText(frameAttributes) > MAX_FREE_TEXT_ATTRIBUTES) fail(`"frameAttributes" has more than ${MAX_FREE_TEXT_ATTRIBUTES} free-text attributes.`);
  // Semantic segmentation ignores label category attributes (DG: "they will be ignored").
  const segmentation = taskType.frames?.shape === 'points';
  const global = segmentation ? [] : attributes(file['categoryGlobalAttributes'], 'categoryGlobalAttributes', false);

  const entries = file['labels'];
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_LABELS)
    fail(`"labels" must list 1 to ${MAX_LABELS} labels for ${taskType.name} labeling jobs.`);
  const labels: string[] = [];
  const categoryAttributes: Record<string, FrameAttribute[]> = {};
  (entries as unknown[]).forEach((entry, i) => {
    const label = isObject(entry) ? entry['label'] : undefined;
    if (!isText(label, MAX_NAME_CHARS)) fail(`labels[${i}] needs a "label" of 1 to ${MAX_NAME_CHARS} characters.`);
    if (labels.includes(label as string)) fail(`The label "${label}" appears more than once in the label category configuration file.`);
    const own = segmentation ? [] : attributes((entry as Record<string, unknown>)['categoryAttributes'], `labels[${i}].categoryAttributes`, false);
    const clash = own.find((a) => global.some((g) => g.name === a.name));
    if (clash) fail(`labels[${i}] has the attribute "${clash.name}" of categoryGlobalAttributes too; names must be unique.`);
    const all = [...own, ...global];
    if (all.length > MAX_ATTRIBUTES) fail(`The label "${label}" has ${all.length} label category attributes with the global ones; at most ${MAX_ATTRIBUTES}.`);
    if (freeText(all) > MAX_FREE_TEXT_ATTRIBUTES) fail(`The label "${label}" has more than ${MAX_FREE_TEXT_ATTRIBUTES} free-text label category attributes.`);
    labels.push(label as string);
    categoryAttributes[label as string] = all;
  });

  const annotationType = file['annotationType'];
  if (annotationType !== undefined) {
    if (taskType.frames?.input !== 'video-sequence') fail('"annotationType" is only supported for video frame labeling jobs.');
    if (!ANNOTATION_TYPES.includes(annotationType as string)) fail(`"annotationType" must be one of ${ANNOTATION_TYPES.join(', ')}.`);
  }
  const instructions = file['instructions'];
  if (
    instructions !== undefined &&
    (!isObject(instructions) ||
      !isText(instructions['shortInstruction'], MAX_SHORT_INSTRUCTION_CHARS - 1, 0) ||
      !isText(instructions['fullInstruction'], MAX_FULL_INSTRUCTION_CHARS - 1, 0))
  )
    fail(`"instructions" needs "shortInstruction" (under ${MAX_SHORT_INSTRUCTION_CHARS} characters) and "fullInstruction" (under ${MAX_FULL_INSTRUCTION_CHARS}).`);
  const audited = file['auditLabelAttributeName'];
  if (taskType.frames?.adjustment && !isText(audited, 127))
    fail(`A ${taskType.name} labeling job's label category configuration file needs "auditLabelAttributeName": the LabelAttributeName of the job whose labels it adjusts.`);

  return {
    labels,
    categoryAttributes,
    frameAttributes,
    ...(taskType.frames?.input === 'video-sequence' && { annotationType: (annotationType as string | undefined) ?? 'BoundingBox' }),
    ...(typeof audited === 'string' && { auditLabelAttributeName: audited }),
  };
}
