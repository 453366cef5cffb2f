// What a labeling job reads from S3 (the sandbox's, or an external one: backends/) when it is created: the input manifest, the label category file
// and the worker task template, and whether its output bucket exists; frame jobs also their sequence files and frames (frame-inputs.ts). A problem here is not an API error: the job
// is created and goes Failed with a FailureReason, as Ground Truth reports input problems after CreateLabelingJob.
// The reasons' wording is the sandbox's own (UNCONFIRMED), in AWS's "ClientError: ..." form.
import { heldRole, roleAllows } from '../iam/role-permissions.js';
import type { RequestContext } from '../service.js';
import { readFrameInputs, FrameInputProblem } from './frame-inputs.js';
import { FrameLabelFileProblem, parseFrameLabelFile, type FrameLabelFile } from './frame-label-file.js';
import type { DataObject, LabelingJobRequest } from './state.js';
import type { TaskType } from './task-types.js';

export interface JobInputs {
  objects: DataObject[];
  labels: string[];
  /** Video frame and 3D point cloud jobs: their 2020-03-01 label category file. */
  frameLabels?: FrameLabelFile;
}

/** The label category file's only document version (aws-facts §3.4). */
const LABEL_FILE_VERSION = '2018-11-28';

class InputProblem extends Error {}

export interface S3Location {
  bucket: string;
  key: string;
}

/** `s3://bucket/key`, or an https URL in virtual-host (`bucket.s3[.region].amazonaws.com/key`) or path style. */
export function parseS3Uri(uri: string): S3Location | undefined {
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (s3) return { bucket: s3[1]!, key: s3[2]! };
  const virtualHost = /^https:\/\/([^/]+)\.s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com\/?(.*)$/.exec(uri);
  if (virtualHost) return { bucket: virtualHost[1]!, key: virtualHost[2]! };
  const pathStyle = /^https:\/\/s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com\/([^/]+)\/?(.*)$/.exec(uri);
  return pathStyle ? { bucket: pathStyle[1]!, key: pathStyle[2]! } : undefined;
}

/** The inputs of a new job, or the reason it fails. */
export async function readJobInputs(
  ctx: RequestContext,
  request: LabelingJobRequest & { LabelingJobName: string },
  taskType: TaskType,
): Promise<JobInputs | { failureReason: string }> {
  try {
    const manifestUri = request.InputConfig.DataSource.S3DataSource?.ManifestS3Uri;
    // Only a streaming job may have no manifest: its data objects come through its input topic (streaming.ts).
    const objects = manifestUri === undefined ? [] : parseManifest(await read(ctx, manifestUri, 'input manifest', request.RoleArn));
    const labelFile = request.LabelCategoryConfigS3Uri
      ? await read(ctx, request.LabelCategoryConfigS3Uri, 'label category configuration file', request.RoleArn)
      : noLabelFile(taskType);
    const template = request.HumanTaskConfig.UiConfig.UiTemplateS3Uri;
    if (template) await read(ctx, template, 'worker task template', request.RoleArn);
    await checkOutputWritable(ctx, request);
    if (!taskType.frames) return { objects, labels: parseLabelFile(labelFile, taskType) };
    const frameLabels = parseFrameLabelFile(labelFile, taskType);
    await readFrameInputs(objects, taskType.frames, frameLabels, (uri, what) => readIfExists(ctx, uri, what, request.RoleArn));
    return { objects, labels: frameLabels.labels, frameLabels };
  } catch (error) {
    if (error instanceof InputProblem || error instanceof FrameLabelFileProblem || error instanceof FrameInputProblem)
      return { failureReason: `ClientError: ${error.message}` };
    throw error;
  }
}

/** The bucket of `uri`, which must exist in the job's region (Ground Truth reads and writes in its own region). */
async function bucketOf(ctx: RequestContext, uri: string, what: string): Promise<S3Location> {
  const location = parseS3Uri(uri);
  if (!location) throw new InputProblem(`The ${what} ${uri} is not an S3 URI.`);
  const region = await ctx.backends.s3.bucketRegion(location.bucket);
  if (region === undefined) throw new InputProblem(`Could not access the ${what} ${uri}: bucket ${location.bucket} does not exist.`);
  if (region !== ctx.region)
    throw new InputProblem(`The ${what} ${uri} is in ${region}; it must be in ${ctx.region}, the labeling job's region.`);
  return location;
}

/**
 * The job reads and writes as its execution role: a role of the sandbox's IAM must allow each object's action
 * (role-permissions.ts). The reason's wording is the sandbox's own (UNCONFIRMED), after S3's "Access Denied".
 */
function checkRolePermits(ctx: RequestContext, roleArn: string, action: 's3:GetObject' | 's3:PutObject', bucket: string, key: string, what: string): void {
  const role = heldRole(ctx.state, ctx.account, roleArn);
  if (role && !roleAllows(role, action, `arn:aws:s3:::${bucket}/${key}`))
    throw new InputProblem(`Access Denied: the execution role ${roleArn} is not allowed ${action} on s3://${bucket}/${key} (the ${what}).`);
}

/** The object's text, or undefined when it does not exist; its bucket must be usable (`bucketOf`) and the role may read it. */
async function readIfExists(ctx: RequestContext, uri: string, what: string, roleArn: string): Promise<string | undefined> {
  const { bucket, key } = await bucketOf(ctx, uri, what);
  checkRolePermits(ctx, roleArn, 's3:GetObject', bucket, key, what);
  return (await ctx.backends.s3.getObject(bucket, key))?.toString('utf8');
}

/** The output bucket must exist in the job's Region, and the role may write the job's output manifest there. */
async function checkOutputWritable(ctx: RequestContext, request: LabelingJobRequest & { LabelingJobName: string }): Promise<void> {
  const uri = request.OutputConfig.S3OutputPath;
  const { bucket, key: prefix } = await bucketOf(ctx, uri, 'output location');
  const folder = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  checkRolePermits(ctx, request.RoleArn, 's3:PutObject', bucket, `${folder}${request.LabelingJobName}/manifests/output/output.manifest`, 'output location');
}

async function read(ctx: RequestContext, uri: string, what: string, roleArn: string): Promise<string> {
  const text = await readIfExists(ctx, uri, what, roleArn);
  if (text === undefined) throw new InputProblem(`Could not read the ${what} ${uri}: the object does not exist.`);
  return text;
}

/**
 * One data object as a manifest line gives it (aws-facts §5.1), and as a streaming job's input topic must carry it
 * (DG sms-streaming-how-it-works: "the same as a single line from an input manifest file"): a JSON object with
 * exactly one of `source` and `source-ref`. Otherwise what is wrong with it.
 */
export function dataObjectLine(raw: string): { line: Record<string, unknown> } | { problem: string } {
  let line: unknown;
  try {
    line = JSON.parse(raw);
  } catch {
    return { problem: 'is not valid JSON' };
  }
  if (typeof line !== 'object' || line === null || Array.isArray(line)) return { problem: 'is not a JSON object' };
  if (('source' in line) === ('source-ref' in line)) return { problem: 'must have exactly one of "source" and "source-ref"' };
  return { line: line as Record<string, unknown> };
}

/** JSON Lines: one data object per non-blank line. */
function parseManifest(text: string): DataObject[] {
  const objects: DataObject[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const parsed = dataObjectLine(raw);
    if ('problem' in parsed) throw new InputProblem(`Line ${index + 1} of the input manifest ${parsed.problem}.`);
    objects.push({ line: parsed.line, answers: [] });
  });
  if (objects.length === 0) throw new InputProblem('The input manifest has no data objects.');
  return objects;
}

/** A custom task may have no label file: it reads as one with no labels. */
function noLabelFile(taskType: TaskType): string {
  if (taskType.minLabels > 0)
    throw new InputProblem(`A ${taskType.name} labeling job needs a label category configuration file (LabelCategoryConfigS3Uri).`);
  return JSON.stringify({ 'document-version': LABEL_FILE_VERSION, labels: [] });
}

/** `{ "document-version": "2018-11-28", "labels": [{ "label": ... }] }` with the task type's label-count rules. */
function parseLabelFile(text: string, taskType: TaskType): string[] {
  let file: any;
  try {
    file = JSON.parse(text);
  } catch {
    throw new InputProblem('The label category configuration file is not valid JSON.');
  }
  if (file?.['document-version'] !== LABEL_FILE_VERSION)
    throw new InputProblem(`The label category configuration file must have "document-version": "${LABEL_FILE_VERSION}".`);
  if (!Array.isArray(file.labels)) throw new InputProblem('The label category configuration file must have a "labels" list.');
  const labels = (file.labels as unknown[]).map((entry, i) => {
    const label = (entry as { label?: unknown } | null)?.label;
    if (typeof label !== 'string' || label.length === 0 || label.length > 256)
      throw new InputProblem(`Entry ${i + 1} of "labels" needs a "label" of 1 to 256 characters.`);
    return label;
  });
  const duplicate = labels.find((label, i) => labels.indexOf(label) !== i);
  if (duplicate !== undefined) throw new InputProblem(`The label "${duplicate}" appears more than once in the label category configuration file.`);
  if (labels.length < taskType.minLabels)
    throw new InputProblem(`A ${taskType.name} labeling job needs at least ${taskType.minLabels} labels; the file has ${labels.length}.`);
  if (taskType.maxLabels !== undefined && labels.length > taskType.maxLabels)
    throw new InputProblem(`A ${taskType.name} labeling job allows at most ${taskType.maxLabels} labels; the file has ${labels.length}.`);
  const instructions = file.instructions as { shortInstruction?: unknown; fullInstruction?: unknown } | undefined;
  if (taskType.needsInstructions && (typeof instructions?.shortInstruction !== 'string' || typeof instructions.fullInstruction !== 'string'))
    throw new InputProblem(`A ${taskType.name} labeling job needs "instructions" with "shortInstruction" and "fullInstruction".`);
  return labels;
}
