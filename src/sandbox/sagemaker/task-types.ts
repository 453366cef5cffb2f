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

// Video frame and 3D point cloud tasks: up to 30 labels, tasks may last 30 days.
const frames = (name: string, outputType: string, refAttribute: boolean): TaskType =>
  other(name, outputType, { maxLabels: 30, refAttribute, maxTaskTimeSeconds: THIRTY_DAYS });

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
  frames('VideoMultiClass', 'video-classification', false),
  frames('VideoObjectDetection', 'video-object-detection', true),
  frames('VideoObjectTracking', 'video-object-tracking', true),
  frames('AdjustmentVideoObjectDetection', 'video-object-detection', true),
  frames('AdjustmentVideoObjectTracking', 'video-object-tracking', true),
  frames('3DPointCloudObjectDetection', 'point-cloud-object-detection', false),
  frames('3DPointCloudObjectTracking', 'point-cloud-object-tracking', true),
  frames('3DPointCloudSemanticSegmentation', 'point-cloud-semantic-segmentation', true),
  frames('Adjustment3DPointCloudObjectDetection', 'point-cloud-object-detection', false),
  frames('Adjustment3DPointCloudObjectTracking', 'point-cloud-object-tracking', true),
  frames('Adjustment3DPointCloudSemanticSegmentation', 'point-cloud-semantic-segmentation', true),
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
