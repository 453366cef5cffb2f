// Sequence files: the data objects of video frame jobs and of 3D point cloud tracking jobs. Each input manifest line's
// `source-ref` names one, a JSON file listing the frames of one clip or one point cloud sequence
// (DG sms-video-manual-data-setup, sms-point-cloud-multi-frame-input-data). gtctl writes them for `input.fromPrefix`
// (the console's automated data setup: each folder of frames is one sequence) and checks those it can read.
import type { FrameType } from '../catalog.js';

/** The frame images a video sequence may hold (DG sms-point-cloud-video-input-data: JPEG and PNG). */
const FRAME_IMAGE = /\.(jpe?g|png)$/i;
/** The point cloud formats a frame may declare (DG sms-point-cloud-raw-data-types). */
export const POINT_CLOUD_FORMATS = ['binary/xyz', 'binary/xyzi', 'binary/xyzrgb', 'binary/xyzirgb', 'text/xyz', 'text/xyzi', 'text/xyzrgb', 'text/xyzirgb'] as const;
/** Frames in one point cloud sequence (DG sms-point-cloud-multi-frame-input-data). */
export const MAX_POINT_CLOUD_FRAMES = 500;

export interface SequenceFile {
  'seq-no': number;
  prefix: string;
  'number-of-frames': number;
  frames: Array<{ 'frame-no': number; frame: string }>;
}

/**
 * One sequence per folder holding frame images, in key order: the folder is the `prefix`, its images (in the UTF-8
 * binary order the worker UI uses) the frames, numbered from 1. Other files are not frames and are left out.
 * `keys` are the data objects' full keys in `bucket`, already sorted and filtered (manifest.ts).
 */
export function videoSequences(bucket: string, keys: readonly string[]): SequenceFile[] {
  const folders = new Map<string, string[]>();
  for (const key of keys) {
    if (!FRAME_IMAGE.test(key)) continue;
    const slash = key.lastIndexOf('/');
    const folder = key.slice(0, slash + 1);
    folders.set(folder, [...(folders.get(folder) ?? []), key.slice(slash + 1)]);
  }
  return [...folders].map(([folder, frames], i) => ({
    'seq-no': i + 1,
    prefix: `s3://${bucket}/${folder}`,
    'number-of-frames': frames.length,
    frames: frames.map((frame, j) => ({ 'frame-no': j + 1, frame })),
  }));
}

/** What is wrong with a sequence file's text, for the job's kind of data; empty when nothing is. */
export function sequenceProblems(text: string, data: FrameType['data']): string[] {
  let file: Record<string, unknown>;
  try {
    file = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return [`not valid JSON (${(error as Error).message})`];
  }
  if (!file || typeof file !== 'object' || Array.isArray(file)) return ['not a JSON object'];
  const problems: string[] = [];
  if (!Number.isInteger(file['seq-no'])) problems.push('"seq-no" must be an integer');
  const prefix = file['prefix'];
  if (typeof prefix !== 'string' || !/^s3:\/\/[^/]+\/(.*\/)?$/.test(prefix)) problems.push('"prefix" must be the S3 folder of the frames, s3://bucket/folder/ (ending in /)');
  const frames = file['frames'];
  if (!Array.isArray(frames) || frames.length === 0) return [...problems, '"frames" must list the frames'];
  if (file['number-of-frames'] !== frames.length) problems.push(`"number-of-frames" is ${JSON.stringify(file['number-of-frames'])} but "frames" lists ${frames.length}`);
  if (data === 'point-cloud-sequence' && frames.length > MAX_POINT_CLOUD_FRAMES) problems.push(`${frames.length} frames; a point cloud sequence holds at most ${MAX_POINT_CLOUD_FRAMES}`);
  frames.forEach((frame: Record<string, unknown> | null, i) => {
    const at = `frame ${i + 1}`;
    if (!frame || typeof frame !== 'object') return problems.push(`${at} is not a JSON object`);
    if (typeof frame['frame'] !== 'string' || frame['frame'] === '') problems.push(`${at} needs "frame", the file name under "prefix"`);
    if (data === 'video-sequence' && frame['frame-no'] === undefined) problems.push(`${at} needs "frame-no", its place in the clip`);
    if (data === 'point-cloud-sequence') problems.push(...pointCloudFrameProblems(frame, at));
    return undefined;
  });
  return problems;
}

/** A point cloud frame's own fields: its capture time, and the format of its points when given. */
export function pointCloudFrameProblems(frame: Record<string, unknown>, at: string): string[] {
  const problems: string[] = [];
  if (typeof frame['unix-timestamp'] !== 'number') problems.push(`${at} needs "unix-timestamp", the capture time in seconds since 1970`);
  const format = frame['format'];
  if (format !== undefined && !(POINT_CLOUD_FORMATS as readonly unknown[]).includes(format)) problems.push(`${at}: "format" ${JSON.stringify(format)} is not one of ${POINT_CLOUD_FORMATS.join(', ')}`);
  return problems;
}
