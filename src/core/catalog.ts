// The built-in task types of Ground Truth and the Regions that have it (aws-facts §3.4, §4).
// Pure data: users never write an ARN for a built-in type; gtctl derives it from this table.
import type { TaskType } from './model.js';

/** Region -> the account that owns Ground Truth's PRE-/ACS- Lambda functions there (aws-facts §4.2). */
export const GROUND_TRUTH_LAMBDA_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '432418664414',
  'us-east-2': '266458841044',
  'us-west-2': '081040173940',
  'ca-central-1': '918755190332',
  'eu-west-1': '568282634449',
  'eu-west-2': '487402164563',
  'eu-central-1': '203001061592',
  'ap-northeast-1': '477331159723',
  'ap-northeast-2': '845288260483',
  'ap-south-1': '565803892007',
  'ap-southeast-1': '377565633583',
  'ap-southeast-2': '454466003867',
};

export const GROUND_TRUTH_REGIONS = Object.keys(GROUND_TRUTH_LAMBDA_ACCOUNTS).sort();

export function hasGroundTruth(region: string): boolean {
  return region in GROUND_TRUTH_LAMBDA_ACCOUNTS;
}

export interface BuiltInTaskType {
  /** PRE-<suffix> and ACS-<suffix> Lambda functions. */
  lambdaSuffix: string;
  /** The manifest key each data object needs: inline text or an S3 URI. */
  inputKey: 'source' | 'source-ref';
  /** Label count limits through the API (§3.4); undefined max = unlimited. */
  minLabels: number;
  maxLabels?: number;
  /** Above this many labels, AWS documents disagree (bounding box: 10 vs 50): warn. */
  warnAboveLabels?: number;
  /** Semantic segmentation output is an S3 URI, so its label attribute must end in `-ref`. */
  labelAttributeRef: boolean;
  /** NER's built-in UI needs short and full instructions in the label category file. */
  requiresInstructions: boolean;
  /** The auto-labeling algorithm, when the type supports automated data labeling. */
  autoLabelingAlgorithm?: 'image-classification' | 'text-classification' | 'object-detection' | 'semantic-segmentation';
  /** Output metadata `type` in the augmented manifest. */
  outputType: string;
  /** Video frame and 3D point cloud types. */
  frames?: FrameType;
}

/**
 * What sets video frame and 3D point cloud types apart (DG sms-video-overview, sms-point-cloud-general-information):
 * a built-in worker UI, a label category file of the 2020-03-01 format with attributes, tasks of up to 30 days, no
 * Mechanical Turk, and data that is not one file per object.
 */
export interface FrameType {
  /**
   * Each manifest line's `source-ref` is a sequence file: of video frames (`video-sequence`) or of point clouds
   * (`point-cloud-sequence`); or the line is one point cloud with its `source-ref-metadata` (`point-cloud-frame`).
   */
  data: 'video-sequence' | 'point-cloud-sequence' | 'point-cloud-frame';
  /** The built-in human task UI (`human-task-ui/<name>`); an adjustment job uses its base type's. */
  humanTaskUi: string;
  /** An adjustment job: its label file names the label attribute of the labels it adjusts. */
  adjustment: boolean;
  /** Per-object attributes; AWS ignores them for point cloud semantic segmentation, so gtctl refuses them there. */
  categoryAttributes: boolean;
}

const MAX_TASK_SECONDS = 8 * 3600;
const MAX_FRAME_TASK_SECONDS = 30 * 24 * 3600;

/** Video frame and 3D point cloud jobs: at most 30 labels (DG sms-label-cat-config-attributes). */
const MAX_FRAME_LABELS = 30;

function frameType(lambdaSuffix: string, base: string, frames: Omit<FrameType, 'adjustment'>, options: { labelAttributeRef: boolean; outputType: string }): BuiltInTaskType {
  return {
    lambdaSuffix,
    inputKey: 'source-ref',
    minLabels: 1,
    maxLabels: MAX_FRAME_LABELS,
    labelAttributeRef: options.labelAttributeRef,
    requiresInstructions: false,
    outputType: options.outputType,
    frames: { ...frames, adjustment: lambdaSuffix !== base },
  };
}

const videoFrames = (suffix: string, base: 'VideoObjectDetection' | 'VideoObjectTracking', outputType: string) =>
  frameType(suffix, base, { data: 'video-sequence', humanTaskUi: base, categoryAttributes: true }, { labelAttributeRef: true, outputType });
const pointClouds = (suffix: string, base: string, data: FrameType['data'], labelAttributeRef: boolean, outputType: string) =>
  frameType(suffix, base, { data, humanTaskUi: base.replace(/^3D/, ''), categoryAttributes: !base.endsWith('SemanticSegmentation') }, { labelAttributeRef, outputType });

export const BUILT_IN_TASK_TYPES: Readonly<Record<Exclude<TaskType, 'custom'>, BuiltInTaskType>> = {
  'text-classification': {
    lambdaSuffix: 'TextMultiClass', inputKey: 'source', minLabels: 2, labelAttributeRef: false, requiresInstructions: false,
    autoLabelingAlgorithm: 'text-classification', outputType: 'groundtruth/text-classification',
  },
  'text-classification-multilabel': {
    lambdaSuffix: 'TextMultiClassMultiLabel', inputKey: 'source', minLabels: 2, maxLabels: 50, labelAttributeRef: false,
    requiresInstructions: false, outputType: 'groundtruth/text-classification-multilabel',
  },
  'named-entity-recognition': {
    lambdaSuffix: 'NamedEntityRecognition', inputKey: 'source', minLabels: 1, labelAttributeRef: false, requiresInstructions: true,
    outputType: 'groundtruth/text-span',
  },
  'image-classification': {
    lambdaSuffix: 'ImageMultiClass', inputKey: 'source-ref', minLabels: 2, labelAttributeRef: false, requiresInstructions: false,
    autoLabelingAlgorithm: 'image-classification', outputType: 'groundtruth/image-classification',
  },
  'image-classification-multilabel': {
    lambdaSuffix: 'ImageMultiClassMultiLabel', inputKey: 'source-ref', minLabels: 2, maxLabels: 50, labelAttributeRef: false,
    requiresInstructions: false, outputType: 'groundtruth/image-classification-multilabel',
  },
  'bounding-box': {
    lambdaSuffix: 'BoundingBox', inputKey: 'source-ref', minLabels: 1, maxLabels: 50, warnAboveLabels: 10, labelAttributeRef: false,
    requiresInstructions: false, autoLabelingAlgorithm: 'object-detection', outputType: 'groundtruth/object-detection',
  },
  'semantic-segmentation': {
    lambdaSuffix: 'SemanticSegmentation', inputKey: 'source-ref', minLabels: 1, labelAttributeRef: true, requiresInstructions: false,
    autoLabelingAlgorithm: 'semantic-segmentation', outputType: 'groundtruth/semantic-segmentation',
  },
  'bounding-box-verification': {
    lambdaSuffix: 'VerificationBoundingBox', inputKey: 'source-ref', minLabels: 1, labelAttributeRef: false, requiresInstructions: false,
    outputType: 'groundtruth/label-verification',
  },
  'bounding-box-adjustment': {
    lambdaSuffix: 'AdjustmentBoundingBox', inputKey: 'source-ref', minLabels: 1, maxLabels: 50, labelAttributeRef: false,
    requiresInstructions: false, outputType: 'groundtruth/object-detection',
  },
  'semantic-segmentation-verification': {
    lambdaSuffix: 'VerificationSemanticSegmentation', inputKey: 'source-ref', minLabels: 1, labelAttributeRef: true,
    requiresInstructions: false, outputType: 'groundtruth/label-verification',
  },
  'semantic-segmentation-adjustment': {
    lambdaSuffix: 'AdjustmentSemanticSegmentation', inputKey: 'source-ref', minLabels: 1, labelAttributeRef: true,
    requiresInstructions: false, outputType: 'groundtruth/semantic-segmentation',
  },
  // A classification whose objects are video files; the worker UI is a template, as for images.
  'video-classification': {
    lambdaSuffix: 'VideoMultiClass', inputKey: 'source-ref', minLabels: 2, labelAttributeRef: false, requiresInstructions: false,
    outputType: 'groundtruth/video-classification',
  },
  'video-object-detection': videoFrames('VideoObjectDetection', 'VideoObjectDetection', 'groundtruth/video-object-detection'),
  'video-object-tracking': videoFrames('VideoObjectTracking', 'VideoObjectTracking', 'groundtruth/video-object-tracking'),
  'video-object-detection-adjustment': videoFrames('AdjustmentVideoObjectDetection', 'VideoObjectDetection', 'groundtruth/video-object-detection'),
  'video-object-tracking-adjustment': videoFrames('AdjustmentVideoObjectTracking', 'VideoObjectTracking', 'groundtruth/video-object-tracking'),
  'point-cloud-object-detection': pointClouds('3DPointCloudObjectDetection', '3DPointCloudObjectDetection', 'point-cloud-frame', false, 'groundtruth/point_cloud_object_detection'),
  'point-cloud-object-tracking': pointClouds('3DPointCloudObjectTracking', '3DPointCloudObjectTracking', 'point-cloud-sequence', true, 'groundtruth/point_cloud_object_tracking'),
  'point-cloud-semantic-segmentation': pointClouds('3DPointCloudSemanticSegmentation', '3DPointCloudSemanticSegmentation', 'point-cloud-frame', true, 'groundtruth/point_cloud_single_frame_semantic_segmentation'),
  'point-cloud-object-detection-adjustment': pointClouds('Adjustment3DPointCloudObjectDetection', '3DPointCloudObjectDetection', 'point-cloud-frame', false, 'groundtruth/point_cloud_object_detection'),
  'point-cloud-object-tracking-adjustment': pointClouds('Adjustment3DPointCloudObjectTracking', '3DPointCloudObjectTracking', 'point-cloud-sequence', true, 'groundtruth/point_cloud_object_tracking'),
  'point-cloud-semantic-segmentation-adjustment': pointClouds('Adjustment3DPointCloudSemanticSegmentation', '3DPointCloudSemanticSegmentation', 'point-cloud-frame', true, 'groundtruth/point_cloud_single_frame_semantic_segmentation'),
};

/** The frame traits of a type (video frame and 3D point cloud types), else undefined. */
export function frameTypeOf(type: TaskType): FrameType | undefined {
  return type === 'custom' ? undefined : BUILT_IN_TASK_TYPES[type].frames;
}

/** Image, text and custom tasks: 30 s to 8 h per task (§3.3). */
const TASK_TIME_LIMIT_SECONDS = { min: 30, max: MAX_TASK_SECONDS } as const;

/** How long one task may take: video frame and 3D point cloud tasks up to 30 days, any other 8 hours (§3.3). */
export function taskTimeLimitSeconds(type: TaskType): { min: number; max: number } {
  return frameTypeOf(type) ? { min: TASK_TIME_LIMIT_SECONDS.min, max: MAX_FRAME_TASK_SECONDS } : TASK_TIME_LIMIT_SECONDS;
}
/** Private and vendor workforces: 60 s to 30 days (§3.3). */
export const TASK_AVAILABILITY_SECONDS = { min: 60, max: 30 * 24 * 3600 } as const;
/** The public crowd (Mechanical Turk): tasks stay available 6 h unless set, 12 h at most (§3.3). */
export const PUBLIC_TASK_AVAILABILITY_SECONDS = { default: 6 * 3600, max: 12 * 3600 } as const;
/** MaxConcurrentTaskCount above this needs an AWS Support request (§3.3). */
export const DEFAULT_MAX_CONCURRENT_TASKS = 1000;
/** Dataset objects per job (§5.1); semantic segmentation: 20,000. */
export const MAX_DATASET_OBJECTS = 100_000;
/** Work teams per account and Region (§2.1). */
export const MAX_TEAMS = 25;

/** The Region's pre-annotation and consolidation Lambda functions for a built-in type (aws-facts §4.1). */
export function builtInLambdas(type: Exclude<TaskType, 'custom'>, region: string): { pre: string; consolidation: string } {
  const account = GROUND_TRUTH_LAMBDA_ACCOUNTS[region];
  if (!account) throw new Error(`Ground Truth is not available in ${region}`);
  const suffix = BUILT_IN_TASK_TYPES[type].lambdaSuffix;
  return {
    pre: `arn:aws:lambda:${region}:${account}:function:PRE-${suffix}`,
    consolidation: `arn:aws:lambda:${region}:${account}:function:ACS-${suffix}`,
  };
}

/** Account that owns the built-in human task UIs and the public crowd (aws-facts §4.2). */
const BUILT_IN_UI_ACCOUNT = '394669845002';
/** Account that owns the automated data labeling algorithms (aws-facts §3.2). */
const AUTO_LABELING_ACCOUNT = '027400017018';

/** Types whose worker UI is a built-in human task UI rather than a template gtctl writes (aws-facts §3.3). */
export function builtInHumanTaskUi(type: TaskType, region: string): string | undefined {
  const name = type === 'named-entity-recognition' ? 'NamedEntityRecognition' : frameTypeOf(type)?.humanTaskUi;
  return name && `arn:aws:sagemaker:${region}:${BUILT_IN_UI_ACCOUNT}:human-task-ui/${name}`;
}

export function autoLabelingAlgorithmArn(type: TaskType, region: string): string | undefined {
  const algorithm = type === 'custom' ? undefined : BUILT_IN_TASK_TYPES[type].autoLabelingAlgorithm;
  return algorithm && `arn:aws:sagemaker:${region}:${AUTO_LABELING_ACCOUNT}:labeling-job-algorithm-specification/${algorithm}`;
}

/** The Region's public crowd, the work team of every Mechanical Turk job (aws-facts §2.1). */
export function publicCrowdArn(region: string): string {
  return `arn:aws:sagemaker:${region}:${BUILT_IN_UI_ACCOUNT}:workteam/public-crowd/default`;
}

// What Mechanical Turk workers may be paid per task, in tenths of a cent, by task family (the API reference of
// PublicWorkforceTaskPrice). Its lists name classification, bounding box, semantic segmentation and custom tasks;
// named entity recognition is text work and takes the classification list, and verification and adjustment jobs
// take their family's (INFERRED: not listed).
const CLASSIFICATION_PRICES = [12, 24, 36, 48, 60, 72, 120, 240, 360, 480, 600, 720, 840, 960, 1080, 1200];
const BOUNDING_BOX_PRICES = CLASSIFICATION_PRICES.filter((p) => p >= 36);
const SEGMENTATION_PRICES = [840, 960, 1080, 1200];

/** The price points a public job of this type may pay, in tenths of a cent, lowest first. */
export function publicPrices(type: TaskType): readonly number[] {
  if (type.startsWith('bounding-box')) return BOUNDING_BOX_PRICES;
  if (type.startsWith('semantic-segmentation')) return SEGMENTATION_PRICES;
  return CLASSIFICATION_PRICES;
}

/** USD in tenths of a cent, when it is a whole number of them (AWS's smallest unit); else undefined. */
export function tenthCentsOf(usd: number): number | undefined {
  const tenths = Math.round(usd * 1000);
  return Math.abs(usd * 1000 - tenths) < 1e-6 ? tenths : undefined;
}

/** `$0.036`: tenths of a cent as dollars, always to the tenth of a cent. */
export function formatUsd(tenthCents: number): string {
  return `$${Math.floor(tenthCents / 1000)}.${String(tenthCents % 1000).padStart(3, '0')}`;
}

/** The work team ARN AWS gives a private team: known before the team exists, so a job can be planned with it. */
export function workteamArn(region: string, account: string, team: string): string {
  return `arn:aws:sagemaker:${region}:${account}:workteam/private-crowd/${team}`;
}
