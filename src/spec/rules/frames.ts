// Rules for video frame and 3D point cloud jobs: their fields belong to their types only, their label category file
// keeps to AWS's quotas (DG sms-label-cat-config-attributes), an adjustment names the labels it adjusts, the public
// crowd does not take them, and gtctl can set up only video frames from a prefix.
import { frameTypeOf } from '../../core/catalog.js';
import { FRAME_INSTRUCTION_LIMITS, instructionsOf } from '../../core/jobs/label-file.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { LabelingJob, TaskAttribute } from '../../core/model.js';
import type { SpecDocument } from '../documents.js';
import { problem, valueAt, type Loaded } from '../loaded.js';
import type { Rule } from './rule.js';

/** Label names in these types' files (the file's "label name character quota"). */
const MAX_LABEL_CHARS = 16;
/** Attributes per label, global ones included, and per frame; of these, free-text ones. */
const MAX_ATTRIBUTES = 10;
const MAX_FREE_TEXT_ATTRIBUTES = 5;

type Path = Array<string | number>;
const TASK = ['spec', 'task'];

function perJob(check: (job: LabelingJob, doc: SpecDocument) => Diagnostic[]): Rule {
  return (tree) => tree.jobs.flatMap(({ value, doc }: Loaded<LabelingJob>) => check(value, doc));
}

/** The per-label entries as written, with their index in `labels`. */
function writtenLabels(doc: SpecDocument): Array<{ index: number; entry: { label: string; categoryAttributes?: unknown; editsAllowed?: unknown } }> {
  const labels = valueAt(doc, [...TASK, 'labels']);
  return Array.isArray(labels) ? labels.flatMap((entry, index) => (entry && typeof entry === 'object' ? [{ index, entry }] : [])) : [];
}

export const frameFieldsMatchType = perJob((job, doc) => {
  const { type } = job.task;
  const frames = frameTypeOf(type);
  const out: Diagnostic[] = [];
  const refuse = (path: Path, message: string, hint: string) => out.push(problem(doc, path, 'unexpected-field', message, hint));
  if (!frames) {
    for (const field of ['categoryAttributes', 'frameAttributes', 'annotationType', 'auditLabelAttributeName'])
      if (valueAt(doc, [...TASK, field]) !== undefined)
        refuse([...TASK, field], `spec.task.${field} is for video frame and 3D point cloud jobs, not ${type}`, 'Remove it, or use a video-object-* or point-cloud-* task type.');
    for (const { index } of writtenLabels(doc))
      refuse([...TASK, 'labels', index], `labels with attributes are for video frame and 3D point cloud jobs, not ${type}`, 'Write the label as a plain string.');
    return out;
  }
  if (frames.data !== 'video-sequence' && valueAt(doc, [...TASK, 'annotationType']) !== undefined)
    refuse([...TASK, 'annotationType'], `spec.task.annotationType is for video frame jobs; ${type} draws cuboids or paints points`, 'Remove annotationType.');
  if (!frames.categoryAttributes) {
    if (valueAt(doc, [...TASK, 'categoryAttributes']) !== undefined)
      refuse([...TASK, 'categoryAttributes'], `${type} has no per-object attributes (AWS ignores them for semantic segmentation)`, 'Remove categoryAttributes; frameAttributes are supported.');
    for (const { index, entry } of writtenLabels(doc))
      if (entry.categoryAttributes !== undefined)
        refuse([...TASK, 'labels', index, 'categoryAttributes'], `${type} has no per-object attributes (AWS ignores them for semantic segmentation)`, 'Remove the label\'s categoryAttributes.');
  }
  if (!frames.adjustment) {
    if (valueAt(doc, [...TASK, 'auditLabelAttributeName']) !== undefined)
      refuse([...TASK, 'auditLabelAttributeName'], `spec.task.auditLabelAttributeName is for adjustment jobs, not ${type}`, `Remove it, or use ${type}-adjustment.`);
    for (const { index, entry } of writtenLabels(doc))
      if (entry.editsAllowed !== undefined)
        refuse([...TASK, 'labels', index, 'editsAllowed'], `editsAllowed is for adjustment jobs, not ${type}`, 'Remove it: workers of this job draw every label.');
  }
  return out;
});

/** An adjustment job's label file names the label attribute of what it adjusts; a chain takes its source's. */
export const adjustmentNamesAuditedLabels = perJob((job, doc) =>
  frameTypeOf(job.task.type)?.adjustment && !job.task.frames?.auditLabelAttributeName && !('fromJob' in job.input)
    ? [problem(doc, TASK, 'missing-field', `a ${job.task.type} job needs spec.task.auditLabelAttributeName: the label attribute of the labels it adjusts`, 'Add `auditLabelAttributeName: <the earlier job\'s label attribute>`, or chain the job with `input: { fromJob: <that job> }`.')]
    : [],
);

/** Mechanical Turk does not do video frame and 3D point cloud work (DG sms-video-overview, sms-point-cloud-general-information). */
export const frameJobsNotPublic = perJob((job, doc) =>
  frameTypeOf(job.task.type) && job.workforce.type === 'public'
    ? [problem(doc, ['spec', 'workforce'], 'workforce-unsupported', `${job.task.type} jobs cannot go to the public crowd: Ground Truth offers video frame and 3D point cloud tasks to private and vendor workforces only`, 'Use `workforce: private` with a team, or `workforce: vendor`.')]
    : [],
);

/**
 * A folder of frames is a clip gtctl can describe; a point cloud needs its capture times, which only the user has.
 * Ground Truth documents streaming for none of these types, so gtctl does not stream them.
 */
export const frameInputSupported = perJob((job, doc) => {
  const data = frameTypeOf(job.task.type)?.data;
  if (data && 'stream' in job.input)
    return [problem(doc, ['spec', 'input', 'stream'], 'input-unsupported', `${job.task.type} jobs cannot stream: Ground Truth documents streaming labeling jobs only for objects that a single manifest line describes, not for frame sequences`, 'Give the job a manifest (input.manifest, or input.fromPrefix for video frames) and create a new job for new data.')];
  if (!data || data === 'video-sequence' || !('fromPrefix' in job.input)) return [];
  const what = data === 'point-cloud-sequence' ? 'sequence files' : 'one line per point cloud with its "source-ref-metadata"';
  return [problem(doc, ['spec', 'input', 'fromPrefix'], 'input-unsupported', `gtctl cannot build a ${job.task.type} manifest from a prefix: point clouds need their capture times (unix-timestamp), which the files do not carry`, `Write the manifest (${what}) and name it with input.manifest.`)];
});

/**
 * The built-in UIs read the instructions from the label category file, whose quotas are short; each instruction stands
 * in for a missing other (label-file.ts), so the one written is the one that is too long.
 */
export const frameInstructionsWithinQuotas = perJob((job, doc) => {
  const instructions = frameTypeOf(job.task.type) && instructionsOf(job);
  if (!instructions) return [];
  const written = job.task.instructions;
  return (['shortInstruction', 'fullInstruction'] as const).flatMap((which) => {
    const limit = FRAME_INSTRUCTION_LIMITS[which];
    const length = instructions[which].length;
    if (length < limit) return [];
    const field = which === 'shortInstruction' ? (written.short !== undefined ? 'short' : 'full') : written.full !== undefined ? 'full' : 'short';
    return [problem(doc, [...TASK, 'instructions', field], 'instructions-too-long', `the ${which === 'shortInstruction' ? 'short' : 'full'} instructions of a ${job.task.type} job are ${length} characters; its label category file takes under ${limit}`, which === 'shortInstruction' ? 'Keep `short` to one sentence and move the rest to `full`.' : 'Shorten `full` (with its examples), or link to a longer page.')];
  });
});

export const frameLabelFileWithinQuotas = perJob((job, doc) => {
  const frames = job.task.frames;
  if (!frames) return [];
  const out: Diagnostic[] = [];
  const labels = valueAt(doc, [...TASK, 'labels']);
  job.task.labels.forEach((label, index) => {
    if (label.length > MAX_LABEL_CHARS)
      out.push(problem(doc, [...TASK, 'labels', index, ...(Array.isArray(labels) && typeof labels[index] === 'object' ? ['label'] : [])], 'label-too-long', `label "${label}" is ${label.length} characters; ${job.task.type} labels have at most ${MAX_LABEL_CHARS}`, 'Shorten the label.'));
  });
  out.push(...attributeProblems(doc, [...TASK, 'frameAttributes'], frames.frameAttributes, 'frame'));
  out.push(...attributeProblems(doc, [...TASK, 'categoryAttributes'], frames.categoryAttributes, 'label'));
  const globalNames = new Set(frames.categoryAttributes.map((a) => a.name));
  for (const { index, entry } of writtenLabels(doc)) {
    const own = frames.labels[entry.label]?.categoryAttributes ?? [];
    const at = [...TASK, 'labels', index, 'categoryAttributes'];
    out.push(...attributeProblems(doc, at, own, 'label'));
    own.forEach((a, i) => {
      if (globalNames.has(a.name)) out.push(problem(doc, [...at, i, 'name'], 'duplicate-attribute', `attribute "${a.name}" of label "${entry.label}" is also in task.categoryAttributes`, 'Rename one: a label\'s attributes and the global ones share one set of names.'));
    });
    const all = [...frames.categoryAttributes, ...own];
    if (all.length > MAX_ATTRIBUTES)
      out.push(problem(doc, at, 'too-many-attributes', `label "${entry.label}" has ${all.length} attributes with the global ones; at most ${MAX_ATTRIBUTES}`, 'Remove attributes.'));
    else if (all.filter(isFreeText).length > MAX_FREE_TEXT_ATTRIBUTES)
      out.push(problem(doc, at, 'too-many-attributes', `label "${entry.label}" has more than ${MAX_FREE_TEXT_ATTRIBUTES} free-text attributes with the global ones`, 'Give some of them `enum` choices.'));
  }
  return out;
});

const isFreeText = (a: TaskAttribute) => a.type === 'string' && !a.enum;

/** One list of attributes: each well-formed, names unique, within its count quotas. */
function attributeProblems(doc: SpecDocument, at: Path, attributes: readonly TaskAttribute[], of: 'frame' | 'label'): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  attributes.forEach((a, i) => {
    const here = [...at, i];
    if (seen.has(a.name)) out.push(problem(doc, [...here, 'name'], 'duplicate-attribute', `attribute "${a.name}" appears twice`, 'Give each attribute its own name.'));
    seen.add(a.name);
    if (of === 'frame' && a.description === undefined)
      out.push(problem(doc, here, 'missing-field', `frame attribute "${a.name}" needs a description`, 'Add `description:` with the question workers answer for each frame.'));
    if (a.type === 'number') {
      if (a.enum) out.push(problem(doc, [...here, 'enum'], 'attribute-type', `attribute "${a.name}" is a number: enum choices are for strings`, 'Remove `enum`, or make it a string attribute.'));
      if (a.minimum === undefined || a.maximum === undefined)
        out.push(problem(doc, here, 'attribute-type', `number attribute "${a.name}" needs minimum and maximum`, 'Add `minimum:` and `maximum:` (whole numbers).'));
      else if (a.minimum > a.maximum) out.push(problem(doc, [...here, 'minimum'], 'attribute-type', `attribute "${a.name}": minimum ${a.minimum} is above maximum ${a.maximum}`, 'Swap them.'));
    } else if (a.minimum !== undefined || a.maximum !== undefined) {
      out.push(problem(doc, here, 'attribute-type', `string attribute "${a.name}" has a minimum or maximum`, 'Remove them, or make it `type: number`.'));
    }
  });
  if (of === 'frame') {
    if (attributes.filter(isFreeText).length > MAX_FREE_TEXT_ATTRIBUTES)
      out.push(problem(doc, at, 'too-many-attributes', `more than ${MAX_FREE_TEXT_ATTRIBUTES} free-text frame attributes`, 'Give some of them `enum` choices.'));
  }
  return out;
}
