// Ground Truth's built-in task types, recognised by the suffix of the PRE-/ACS- Lambda ARNs (aws-facts §4.3), and
// what the sandbox needs to know of each: how answers are consolidated, the output `type`, the label-count rules,
// whether the label attribute must end in `-ref`, and the longest task time limit allowed.

/** How the workers stand-in treats answers: classification is consolidated; anything else is kept as answered. */
export type AnswerKind = 'single-label' | 'multi-label' | 'raw';

export interface TaskType {
  name: string;
  kind: AnswerKind;
  /** `type` in the output manifest's metadata. */
  outputType: string;
  /** The answer key in worker responses, named after the crowd element of the built-in template. */
  answerElement: string;
  minLabels: number;
  maxLabels?: number;
  /** The label attribute name must end in `-ref` (semantic segmentation, video frame and point cloud tracking). */
  refAttribute: boolean;
  /** The label category file must carry `instructions` (named entity recognition). */
  needsInstructions: boolean;
  maxTaskTimeSeconds: number;
  /** Video frame and 3D point cloud types. */
  frames?: FrameTraits;
}

/**
 * What sets video frame and 3D point cloud types apart (DG sms-video-overview, sms-point-cloud-general-information):
 * their data objects, their built-in worker UI, the 2020-03-01 label category file and what workers draw.
 */
export interface FrameTraits {
  /**
   * Each manifest line's `source-ref` names a sequence file: of video frames, or of point clouds; or the line is one
   * point cloud, with its `source-ref-metadata`.
   */
  input: 'video-sequence' | 'point-cloud-sequence' | 'point-cloud-frame';
  /** The name of the Region's built-in human task UI the job must use (aws-facts §4.2). */
  humanTaskUi: string;
  /** Adjusts another job's labels: its label category file names them (`auditLabelAttributeName`). */
  adjustment: boolean;
  /** Boxes (or the video annotation type's shapes) on images, cuboids in point clouds, or classes of points. */
  shape: 'image' | 'cuboid' | 'points';
  /** The same object keeps one `object-id` from frame to frame. */
  tracking: boolean;
}

const EIGHT_HOURS = 28_800;
const THIRTY_DAYS = 2_592_000;

const classification = (name: string, kind: AnswerKind, outputType: string, answerElement: string, maxLabels?: number): TaskType => ({
  name,
  kind,
  outputType: `groundtruth/${outputType}`,
  answerElement,
  minLabels: 2,
  ...(maxLabels !== undefined && { maxLabels }),
  refAttribute: false,
  needsInstructions: false,
  maxTaskTimeSeconds: EIGHT_HOURS,
});

const other = (name: string, outputType: string, options: Partial<TaskType> = {}): TaskType => ({
  name,
  kind: 'raw',
  outputType: `groundtruth/${outputType}`,
  answerElement: 'annotatedResult',
  minLabels: 1,
  refAttribute: false,
  needsInstructions: false,
  maxTaskTimeSeconds: EIGHT_HOURS,
  ...options,
});

// Video frame and 3D point cloud tasks: up to 30 labels, tasks may last 30 days. Adjustment types share their base
// type's UI and output (DG sms-data-output: "the job's type doesn't change").
function frames(base: string, outputType: string, refAttribute: boolean, traits: Omit<FrameTraits, 'adjustment'>): TaskType[] {
  const type = (name: string, adjustment: boolean) =>
    other(name, outputType, { maxLabels: 30, refAttribute, maxTaskTimeSeconds: THIRTY_DAYS, frames: { ...traits, adjustment } });
  return [type(base, false), type(`Adjustment${base}`, true)];
}

const TASK_TYPES: readonly TaskType[] = [
  classification('TextMultiClass', 'single-label', 'text-classification', 'crowd-classifier'),
  classification('TextMultiClassMultiLabel', 'multi-label', 'text-classification-multilabel', 'crowd-classifier-multi-select', 50),
  classification('ImageMultiClass', 'single-label', 'image-classification', 'crowd-image-classifier'),
  classification('ImageMultiClassMultiLabel', 'multi-label', 'image-classification-multilabel', 'crowd-image-classifier-multi-select', 50),
  other('BoundingBox', 'object-detection', { maxLabels: 50 }),
  other('NamedEntityRecognition', 'text-span', { needsInstructions: true }),
  other('SemanticSegmentation', 'semantic-segmentation', { refAttribute: true }),
  other('VerificationBoundingBox', 'label-verification'),
  other('AdjustmentBoundingBox', 'object-detection', { maxLabels: 50 }),
  other('VerificationSemanticSegmentation', 'label-verification', { refAttribute: true }),
  other('AdjustmentSemanticSegmentation', 'semantic-segmentation', { refAttribute: true }),
  // A clip classified as a whole: a classification whose objects are video files, on a template (DG sms-video-classification).
  classification('VideoMultiClass', 'single-label', 'video-classification', 'crowd-classifier'),
  ...frames('VideoObjectDetection', 'video-object-detection', true, { input: 'video-sequence', humanTaskUi: 'VideoObjectDetection', shape: 'image', tracking: false }),
  ...frames('VideoObjectTracking', 'video-object-tracking', true, { input: 'video-sequence', humanTaskUi: 'VideoObjectTracking', shape: 'image', tracking: true }),
  // The point cloud output types are written with underscores (DG sms-data-output).
  ...frames('3DPointCloudObjectDetection', 'point_cloud_object_detection', false, { input: 'point-cloud-frame', humanTaskUi: 'PointCloudObjectDetection', shape: 'cuboid', tracking: false }),
  ...frames('3DPointCloudObjectTracking', 'point_cloud_object_tracking', true, { input: 'point-cloud-sequence', humanTaskUi: 'PointCloudObjectTracking', shape: 'cuboid', tracking: true }),
  ...frames('3DPointCloudSemanticSegmentation', 'point_cloud_single_frame_semantic_segmentation', true, { input: 'point-cloud-frame', humanTaskUi: 'PointCloudSemanticSegmentation', shape: 'points', tracking: false }),
];

/** What a custom task (own Lambdas) is treated as: answers kept as given, no label rules, the 8-hour task limit. */
export const CUSTOM_TASK: TaskType = other('Custom', 'custom', { minLabels: 0 });

/**
 * A job's task type: the built-in type named by its `arn:...:function:PRE-<Suffix>` Lambda (or else by its
 * `ACS-<Suffix>` one); any account is accepted, as the constraint pattern does. Other function names: a custom task.
 */
export function jobTaskType(humanTaskConfig: {
  PreHumanTaskLambdaArn?: string;
  AnnotationConsolidationConfig?: { AnnotationConsolidationLambdaArn?: string };
}): TaskType {
  const suffix = (arn: string | undefined, prefix: string) => {
    const fn = arn?.split(':function:')[1];
    return fn?.startsWith(prefix) ? fn.slice(prefix.length) : undefined;
  };
  const name =
    suffix(humanTaskConfig.PreHumanTaskLambdaArn, 'PRE-') ??
    suffix(humanTaskConfig.AnnotationConsolidationConfig?.AnnotationConsolidationLambdaArn, 'ACS-');
  return TASK_TYPES.find((t) => t.name === name) ?? CUSTOM_TASK;
}
