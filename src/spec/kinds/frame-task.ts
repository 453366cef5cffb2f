// The video frame and 3D point cloud part of a LabelingJob's task: labels that may carry their own attributes,
// attributes for every object and for whole frames, what video workers draw, and the audited label attribute of an
// adjustment. Normalized only for those task types; on any other type the fields are a rule's business (frames.ts).
import { frameTypeOf } from '../../core/catalog.js';
import type { FrameTask, TaskAttribute, TaskType } from '../../core/model.js';
import type { LabelingJobDocument, WrittenAttribute, WrittenLabel } from '../written.js';

type WrittenTask = NonNullable<LabelingJobDocument['spec']>['task'];

/** The label names, in the spec's order, whether written as strings or as objects. */
export function labelNames(labels: WrittenTask['labels']): string[] {
  return (labels ?? []).map((l) => (typeof l === 'string' ? l : l.label));
}

export function normalizeFrameTask(task: WrittenTask): FrameTask | undefined {
  if (!frameTypeOf(task.type)) return undefined;
  const labels: Record<string, FrameTask['labels'][string]> = {};
  for (const entry of task.labels ?? []) {
    if (typeof entry === 'string' || (!entry.categoryAttributes && !entry.editsAllowed)) continue;
    labels[entry.label] = { categoryAttributes: (entry.categoryAttributes ?? []).map(attribute), ...(entry.editsAllowed ? { editsAllowed: entry.editsAllowed } : {}) };
  }
  return {
    ...(task.annotationType ? { annotationType: task.annotationType } : {}),
    frameAttributes: (task.frameAttributes ?? []).map(attribute),
    categoryAttributes: (task.categoryAttributes ?? []).map(attribute),
    labels,
    ...(task.auditLabelAttributeName ? { auditLabelAttributeName: task.auditLabelAttributeName } : {}),
  };
}

/** A number attribute is one with bounds; anything else is a string unless it says otherwise. */
function impliedType(written: { minimum?: number; maximum?: number }): TaskAttribute['type'] {
  return written.minimum !== undefined || written.maximum !== undefined ? 'number' : 'string';
}

function attribute(written: WrittenAttribute): TaskAttribute {
  return {
    name: written.name,
    type: written.type ?? impliedType(written),
    ...(written.description !== undefined ? { description: written.description } : {}),
    ...(written.enum ? { enum: [...written.enum] } : {}),
    ...(written.minimum !== undefined ? { minimum: written.minimum } : {}),
    ...(written.maximum !== undefined ? { maximum: written.maximum } : {}),
    required: written.required ?? false,
    ...(written.editsAllowed ? { editsAllowed: written.editsAllowed } : {}),
  };
}

/** The inverse of normalizeFrameTask and labelNames: the task fields as a spec writes them. */
export function writeFrameTask(type: TaskType, labels: readonly string[], frames: FrameTask | undefined): Partial<WrittenTask> {
  const written: Array<string | WrittenLabel> = labels.map((label) => {
    const own = frames?.labels[label];
    if (!own) return label;
    return { label, ...(own.categoryAttributes.length ? { categoryAttributes: own.categoryAttributes.map(writtenAttribute) } : {}), ...(own.editsAllowed ? { editsAllowed: own.editsAllowed } : {}) };
  });
  if (!frames || !frameTypeOf(type)) return written.length ? { labels: written } : {};
  return {
    ...(written.length ? { labels: written } : {}),
    ...(frames.categoryAttributes.length ? { categoryAttributes: frames.categoryAttributes.map(writtenAttribute) } : {}),
    ...(frames.frameAttributes.length ? { frameAttributes: frames.frameAttributes.map(writtenAttribute) } : {}),
    ...(frames.annotationType ? { annotationType: frames.annotationType } : {}),
    ...(frames.auditLabelAttributeName ? { auditLabelAttributeName: frames.auditLabelAttributeName } : {}),
  };
}

function writtenAttribute(a: TaskAttribute): WrittenAttribute {
  return {
    name: a.name,
    ...(a.type !== impliedType(a) ? { type: a.type } : {}),
    ...(a.description !== undefined ? { description: a.description } : {}),
    ...(a.enum ? { enum: [...a.enum] } : {}),
    ...(a.minimum !== undefined ? { minimum: a.minimum } : {}),
    ...(a.maximum !== undefined ? { maximum: a.maximum } : {}),
    ...(a.required ? { required: true } : {}),
    ...(a.editsAllowed ? { editsAllowed: a.editsAllowed } : {}),
  };
}
