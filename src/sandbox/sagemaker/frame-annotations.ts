// What workers of video frame and 3D point cloud jobs produce, in Ground Truth's output format (DG sms-data-output):
// a sequence's labels go to a `SeqLabel.json` file under `annotations/consolidated-annotation/output/<object>/`
// and the output manifest points to it (`<attribute>-ref`); a single point cloud's cuboids are in the manifest
// line itself; a point cloud's segmentation is a zlib file of one class per point.
//
// The workers stand-in lets a test answer with a label name: the sandbox then draws one object of that label in
// every frame (a box moving right from frame to frame, or the video annotation type's shape; a cuboid in point
// clouds), with the first choice of each enum attribute and the minimum of each number attribute. Any other answer
// is taken as the worker's own annotation content, as written to SeqLabel.json (or, for a single point cloud, as the
// label value). Consolidation keeps the first worker's answer, as for other drawn types (consolidation.ts).
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { RequestContext } from '../service.js';
import { groundTruthDate, jobNameInMetadata } from './consolidation.js';
import type { FrameAttribute } from './frame-label-file.js';
import { outputObject } from './output.js';
import type { DataObject, JobRecord } from './state.js';
import type { TaskType } from './task-types.js';

type Content = Record<string, unknown>;

/** The list names of video shapes (DG sms-data-output: "polylines, polygons, keypoints, and for bounding boxes, annotations"). */
const VIDEO_LISTS: Readonly<Record<string, string>> = { BoundingBox: 'annotations', Polyline: 'polylines', Polygon: 'polygons', Keypoint: 'keypoints' };

/** A plausible answer for each attribute that has one: the first enum choice, or the minimum; free text is left out. */
function attributeValues(attributes: readonly FrameAttribute[]): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const a of attributes) {
    if (a.enum) values[a.name] = a.enum[0]!;
    else if (a.type === 'number') values[a.name] = a.minimum!;
  }
  return values;
}

/** An `object-id` in the UUID form AWS writes, the same for the same object of the same job. */
function objectId(job: JobRecord, index: number, label: string): string {
  const hex = createHash('sha256').update(`${job.name}/${index}/${label}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The shape drawn in video frame `n` (0-based): a box, else the vertices the annotation type needs (INFERRED). */
function videoShape(annotationType: string, n: number): Content {
  const left = 10 + 5 * n;
  switch (annotationType) {
    case 'BoundingBox':
      return { height: 40, width: 50, top: 20, left };
    case 'Keypoint':
      return { x: left, y: 20 };
    default:
      return { vertices: [{ x: left, y: 20 }, { x: left + 50, y: 20 }, { x: left + 50, y: 60 }] };
  }
}

const cuboid = (n: number): Content => ({ 'center-x': n, 'center-y': 0, 'center-z': 0, length: 4, width: 2, height: 1.5, roll: 0, pitch: 0, yaw: 0 });

/** What the worker drew for `label` on data object `index`: the content of SeqLabel.json, or a point cloud's label. */
export function drawnAnswer(job: JobRecord, taskType: TaskType, index: number, label: string): Content {
  const traits = taskType.frames!;
  const file = job.frameLabels!;
  const classId = file.labels.indexOf(label);
  const object = {
    'label-category-attributes': attributeValues(file.categoryAttributes[label] ?? []),
    ...(traits.tracking && { 'object-id': objectId(job, index, label), 'object-name': `${label}:1` }),
  };
  const frameAttributes = attributeValues(file.frameAttributes);
  const frames = job.objects[index]!.frames ?? [];
  if (traits.shape === 'points') return { 'class-id': classId, 'frame-attributes': frameAttributes };
  if (traits.shape === 'cuboid') {
    const annotation = (n: number) => ({ ...object, 'class-id': classId, ...cuboid(n) });
    if (traits.input === 'point-cloud-frame') return { annotations: [annotation(0)], 'frame-attributes': frameAttributes };
    return {
      'tracking-annotations': frames.map((frame, n) => ({ 'frame-number': Number(frame.no), 'frame-name': frame.name, 'frame-attributes': frameAttributes, annotations: [annotation(n)] })),
    };
  }
  const list = VIDEO_LISTS[file.annotationType ?? 'BoundingBox']!;
  return {
    [traits.tracking ? 'tracking-annotations' : 'detection-annotations']: frames.map((frame, n) => ({
      [list]: [{ ...videoShape(file.annotationType ?? 'BoundingBox', n), 'class-id': String(classId), ...object }],
      'frame-no': String(frame.no),
      frame: frame.name,
      'frame-attributes': frameAttributes,
    })),
  };
}

/** The annotations of a content, whatever its shape: every frame's list entries, or a point cloud's. */
function annotationsOf(content: Content): Array<Record<string, unknown>> {
  const sequence = (content['tracking-annotations'] ?? content['detection-annotations']) as Array<Record<string, unknown>> | undefined;
  const lists = sequence ? sequence.flatMap((frame) => Object.values(VIDEO_LISTS).map((name) => frame[name])) : [content['annotations']];
  return lists.flatMap((list) => (Array.isArray(list) ? (list as Array<Record<string, unknown>>) : []));
}

/** Each class drawn at least once, by class id (DG: "a class map that lists each class that has at least one label"). */
function classMap(content: Content, labels: readonly string[]): Record<string, string> {
  const ids = annotationsOf(content).map((a) => String(a['class-id']));
  return Object.fromEntries([...new Set(ids)].filter((id) => labels[Number(id)] !== undefined).map((id) => [id, labels[Number(id)]!]));
}

/** Video examples write `2020-05-15T08:01:16+0000`; point cloud ones the usual Ground Truth form. */
const videoDate = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}+0000`;

/**
 * The output-manifest value and metadata of one data object of a frame job, from its first answer; writes the
 * SeqLabel.json or zlib file it points to. An adjustment's metadata says `adjustment-status` (INFERRED: every
 * answer counts as an adjustment, since the stand-in cannot tell an unchanged one).
 */
export async function consolidateFrames(ctx: RequestContext, job: JobRecord, taskType: TaskType, index: number, atMs: number): Promise<{ value: unknown; metadata: Content }> {
  const traits = taskType.frames!;
  const object: DataObject = job.objects[index]!;
  const content = object.answers[0]!.label as Content;
  const labels = job.labels;
  const common = {
    'job-name': jobNameInMetadata(job.name),
    'human-annotated': 'yes',
    'creation-date': traits.input === 'video-sequence' ? videoDate(atMs) : groundTruthDate(atMs),
    type: taskType.outputType,
    ...(traits.adjustment && { 'adjustment-status': 'adjusted' }),
  };
  const folder = `annotations/consolidated-annotation/output/${index}`;
  const written = async (name: string, body: Buffer, contentType: string) => {
    const { bucket, key } = outputObject(job, `${folder}/${name}`);
    await ctx.backends.s3.putObject(bucket, key, body, contentType, new Date(atMs));
    return `s3://${bucket}/${key}`;
  };
  // A single point cloud's frame attributes go to the metadata (DG: "worker responses for frame attributes are in the
  // JSON object, dataset-object-attributes").
  const frameAttributes = content['frame-attributes'] as Content | undefined;
  const objectAttributes = frameAttributes && Object.keys(frameAttributes).length ? { 'dataset-object-attributes': frameAttributes } : {};

  if (traits.shape === 'points') {
    // The stand-in knows no points: the file holds the one class it painted the cloud with.
    const uri = await written(`${String(object.line['source-ref']).split('/').pop()}.zlib`, deflateSync(Buffer.from([Number(content['class-id']) || 0])), 'application/octet-stream');
    const colors = Object.fromEntries(labels.map((label, i) => [String(i), { 'class-name': label, 'hex-color': hexColor(i), confidence: 0 }]));
    return { value: uri, metadata: { 'color-map': colors, ...common, ...objectAttributes } };
  }
  if (traits.input === 'point-cloud-frame') {
    const { 'frame-attributes': _, ...value } = content;
    return { value, metadata: { objects: [], class_map: classMap(content, labels), ...common, ...objectAttributes } };
  }
  const uri = await written('SeqLabel.json', Buffer.from(JSON.stringify(content), 'utf8'), 'application/json');
  const perFrame = traits.input === 'point-cloud-sequence' ? { objects: (object.frames ?? []).map((f) => ({ 'frame-no': Number(f.no), confidence: [] })) } : {};
  return { value: uri, metadata: { ...perFrame, 'class-map': classMap(content, labels), ...common } };
}

/** Colours of the classes, in the order of the guide's example (d3's category10). */
const COLORS = ['#2ca02c', '#1f77b4', '#ff7f0e', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const hexColor = (i: number) => COLORS[i % COLORS.length]!;
