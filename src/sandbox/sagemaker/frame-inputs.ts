// What a video frame or 3D point cloud job reads of each data object when it is created. Its manifest lines name
// sequence files (one clip, or one point cloud sequence: DG sms-video-manual-data-setup,
// sms-point-cloud-multi-frame-input-data), each listing frames under a `prefix`; or, for single-frame point cloud
// types, a line is one point cloud with its `source-ref-metadata` (DG sms-point-cloud-single-frame-input-data).
// Every frame must exist. An adjustment job's lines must carry the labels it adjusts. A problem fails the job.
// The reasons' wording is the sandbox's own (UNCONFIRMED).
import type { FrameLabelFile } from './frame-label-file.js';
import type { DataObject, Frame } from './state.js';
import type { FrameTraits } from './task-types.js';

/** Point cloud formats (DG sms-point-cloud-raw-data-types). */
const POINT_CLOUD_FORMATS = ['binary/xyz', 'binary/xyzi', 'binary/xyzrgb', 'binary/xyzirgb', 'text/xyz', 'text/xyzi', 'text/xyzrgb', 'text/xyzirgb'];
/** Frames in one point cloud sequence (DG sms-point-cloud-multi-frame-input-data). */
const MAX_POINT_CLOUD_FRAMES = 500;

/** A problem with one data object's files; the caller turns it into the job's FailureReason. */
export class FrameInputProblem extends Error {}

const fail = (message: string): never => {
  throw new FrameInputProblem(message);
};

type Read = (uri: string, what: string) => Promise<string | undefined>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A point cloud's own fields: its capture time, and its format when given (binary/xyzi by default, INFERRED). */
function checkPointCloud(fields: Record<string, unknown>, where: string): void {
  if (typeof fields['unix-timestamp'] !== 'number') fail(`${where} needs a numeric "unix-timestamp".`);
  const format = fields['format'];
  if (format !== undefined && !POINT_CLOUD_FORMATS.includes(format as string)) fail(`${where} has "format" ${JSON.stringify(format)}; use one of ${POINT_CLOUD_FORMATS.join(', ')}.`);
}

/** The frames a sequence file lists, each checked to exist under its prefix. */
async function sequenceFrames(text: string, uri: string, input: FrameTraits['input'], read: Read): Promise<Frame[]> {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return fail(`The sequence file ${uri} is not valid JSON.`);
  }
  if (!isObject(file)) return fail(`The sequence file ${uri} is not a JSON object.`);
  if (!Number.isInteger(file['seq-no'])) fail(`The sequence file ${uri} needs an integer "seq-no".`);
  const prefix = file['prefix'];
  if (typeof prefix !== 'string' || !/^s3:\/\/[^/]+\/(.*\/)?$/.test(prefix)) fail(`The sequence file ${uri} needs a "prefix", the S3 folder of its frames ending in "/".`);
  const frames = file['frames'];
  if (!Array.isArray(frames) || frames.length === 0) return fail(`The sequence file ${uri} lists no "frames".`);
  if (file['number-of-frames'] !== frames.length) fail(`The sequence file ${uri} says "number-of-frames": ${JSON.stringify(file['number-of-frames'])} but lists ${frames.length} frames.`);
  if (input === 'point-cloud-sequence' && frames.length > MAX_POINT_CLOUD_FRAMES) fail(`The sequence file ${uri} lists ${frames.length} frames; a point cloud sequence holds at most ${MAX_POINT_CLOUD_FRAMES}.`);
  const out: Frame[] = [];
  for (const [i, frame] of frames.entries()) {
    const where = `Frame ${i + 1} of the sequence file ${uri}`;
    if (!isObject(frame) || typeof frame['frame'] !== 'string' || frame['frame'] === '') return fail(`${where} needs a "frame", the file name under "prefix".`);
    const no = frame['frame-no'];
    if (typeof no !== 'number' && typeof no !== 'string') return fail(`${where} needs a "frame-no".`);
    if (input === 'point-cloud-sequence') checkPointCloud(frame, where);
    const frameUri = `${prefix}${frame['frame']}`;
    if ((await read(frameUri, 'frame')) === undefined) fail(`${where}: the frame ${frameUri} does not exist.`);
    out.push({ no, name: frame['frame'] });
  }
  return out;
}

/**
 * Checks each data object of a frame job, and gives each sequence its frames. `read` answers an object's text, or
 * undefined when it does not exist (it fails the job itself when the bucket is unusable).
 */
export async function readFrameInputs(objects: DataObject[], traits: FrameTraits, labelFile: FrameLabelFile, read: Read): Promise<void> {
  for (const [i, object] of objects.entries()) {
    const line = `Line ${i + 1} of the input manifest`;
    const uri = object.line['source-ref'];
    if (typeof uri !== 'string') fail(`${line} needs a "source-ref": ${traits.input === 'point-cloud-frame' ? 'the point cloud' : 'its sequence file'}.`);
    const audited = labelFile.auditLabelAttributeName;
    if (audited !== undefined && !(audited in object.line && `${audited}-metadata` in object.line))
      fail(`${line} has no "${audited}" and "${audited}-metadata" (the labels named by auditLabelAttributeName) to adjust.`);
    if (traits.input === 'point-cloud-frame') {
      const metadata = object.line['source-ref-metadata'];
      if (!isObject(metadata)) fail(`${line} needs "source-ref-metadata" with the point cloud's "unix-timestamp".`);
      checkPointCloud(metadata as Record<string, unknown>, `The "source-ref-metadata" of line ${i + 1}`);
      if ((await read(uri as string, 'point cloud')) === undefined) fail(`${line}: the point cloud ${uri} does not exist.`);
      continue;
    }
    const text = await read(uri as string, 'sequence file');
    if (text === undefined) fail(`${line}: the sequence file ${uri} does not exist.`);
    object.frames = await sequenceFrames(text!, uri as string, traits.input, read);
  }
}
