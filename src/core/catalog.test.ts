import { describe, expect, it } from 'vitest';
import {
  autoLabelingAlgorithmArn,
  BUILT_IN_TASK_TYPES,
  builtInHumanTaskUi,
  builtInLambdas,
  GROUND_TRUTH_LAMBDA_ACCOUNTS,
  GROUND_TRUTH_REGIONS,
  hasGroundTruth,
  taskTimeLimitSeconds,
  workteamArn,
} from './catalog.js';
import { TASK_TYPES } from './model.js';

const BUILT_IN = TASK_TYPES.filter((t) => t !== 'custom') as Array<Exclude<(typeof TASK_TYPES)[number], 'custom'>>;

describe('task catalog', () => {
  it('knows the twelve Regions of the reference, and no other', () => {
    expect(GROUND_TRUTH_REGIONS).toHaveLength(12);
    expect(hasGroundTruth('us-west-1')).toBe(false);
    expect(hasGroundTruth('eu-central-1')).toBe(true);
  });

  it.each(GROUND_TRUTH_REGIONS.flatMap((region) => BUILT_IN.map((type) => [region, type] as const)))('%s %s: PRE- and ACS- Lambdas of the Region\'s Ground Truth account', (region, type) => {
    const { pre, consolidation } = builtInLambdas(type, region);
    const account = GROUND_TRUTH_LAMBDA_ACCOUNTS[region];
    const suffix = BUILT_IN_TASK_TYPES[type].lambdaSuffix;
    expect(pre).toBe(`arn:aws:lambda:${region}:${account}:function:PRE-${suffix}`);
    expect(consolidation).toBe(`arn:aws:lambda:${region}:${account}:function:ACS-${suffix}`);
  });

  it('uses the exact ARNs of the reference for text classification in us-east-1', () => {
    expect(builtInLambdas('text-classification', 'us-east-1')).toEqual({
      pre: 'arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass',
      consolidation: 'arn:aws:lambda:us-east-1:432418664414:function:ACS-TextMultiClass',
    });
  });

  it('refuses a Region without Ground Truth', () => {
    expect(() => builtInLambdas('bounding-box', 'us-west-1')).toThrow('not available in us-west-1');
  });

  it('gives named entity recognition, video frame and 3D point cloud types a built-in human task UI, and every other type a template', () => {
    const ui = (name: string) => `arn:aws:sagemaker:eu-west-1:394669845002:human-task-ui/${name}`;
    expect(builtInHumanTaskUi('named-entity-recognition', 'eu-west-1')).toBe(ui('NamedEntityRecognition'));
    expect(builtInHumanTaskUi('video-object-tracking-adjustment', 'eu-west-1')).toBe(ui('VideoObjectTracking'));
    expect(builtInHumanTaskUi('point-cloud-object-detection', 'eu-west-1')).toBe(ui('PointCloudObjectDetection'));
    expect(builtInHumanTaskUi('point-cloud-semantic-segmentation-adjustment', 'eu-west-1')).toBe(ui('PointCloudSemanticSegmentation'));
    const withUi = TASK_TYPES.filter((t) => builtInHumanTaskUi(t, 'eu-west-1') !== undefined);
    expect(withUi).toEqual(['named-entity-recognition', ...TASK_TYPES.filter((t) => /^(video-object|point-cloud)-/.test(t))]);
  });

  it('names the Lambda suffixes of the video and point cloud types as the model does', () => {
    expect(BUILT_IN_TASK_TYPES['video-classification'].lambdaSuffix).toBe('VideoMultiClass');
    expect(BUILT_IN_TASK_TYPES['point-cloud-object-tracking-adjustment'].lambdaSuffix).toBe('Adjustment3DPointCloudObjectTracking');
    expect(BUILT_IN_TASK_TYPES['video-object-detection-adjustment'].frames).toMatchObject({ data: 'video-sequence', adjustment: true });
    expect(BUILT_IN_TASK_TYPES['point-cloud-semantic-segmentation'].frames).toMatchObject({ data: 'point-cloud-frame', adjustment: false, categoryAttributes: false });
  });

  it('lets video frame and point cloud tasks last 30 days, others 8 hours', () => {
    expect(taskTimeLimitSeconds('video-object-tracking').max).toBe(2_592_000);
    expect(taskTimeLimitSeconds('video-classification').max).toBe(28_800);
  });

  it.each([
    ['text-classification', 'text-classification'],
    ['image-classification', 'image-classification'],
    ['bounding-box', 'object-detection'],
    ['semantic-segmentation', 'semantic-segmentation'],
  ] as const)('auto-labels %s with the %s algorithm', (type, algorithm) => {
    expect(autoLabelingAlgorithmArn(type, 'us-west-2')).toBe(`arn:aws:sagemaker:us-west-2:027400017018:labeling-job-algorithm-specification/${algorithm}`);
  });

  it('has no auto-labeling for the other types', () => {
    expect(autoLabelingAlgorithmArn('named-entity-recognition', 'us-west-2')).toBeUndefined();
    expect(autoLabelingAlgorithmArn('custom', 'us-west-2')).toBeUndefined();
  });

  it('keys and label rules follow the reference table', () => {
    expect(BUILT_IN.filter((t) => BUILT_IN_TASK_TYPES[t].inputKey === 'source').sort()).toEqual(['named-entity-recognition', 'text-classification', 'text-classification-multilabel']);
    // aws-facts §3.2: -ref for semantic segmentation, video frame detection and tracking, 3D point cloud semantic
    // segmentation and tracking, and their adjustment (and verification) jobs.
    expect(BUILT_IN.filter((t) => BUILT_IN_TASK_TYPES[t].labelAttributeRef).sort()).toEqual([
      'point-cloud-object-tracking',
      'point-cloud-object-tracking-adjustment',
      'point-cloud-semantic-segmentation',
      'point-cloud-semantic-segmentation-adjustment',
      'semantic-segmentation',
      'semantic-segmentation-adjustment',
      'semantic-segmentation-verification',
      'video-object-detection',
      'video-object-detection-adjustment',
      'video-object-tracking',
      'video-object-tracking-adjustment',
    ]);
    expect(BUILT_IN.filter((t) => BUILT_IN_TASK_TYPES[t].minLabels === 2).sort()).toEqual(['image-classification', 'image-classification-multilabel', 'text-classification', 'text-classification-multilabel', 'video-classification']);
  });

  it('predicts the ARN AWS gives a private work team', () => {
    expect(workteamArn('us-east-1', '000000000000', 'labelers')).toBe('arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/labelers');
  });
});
