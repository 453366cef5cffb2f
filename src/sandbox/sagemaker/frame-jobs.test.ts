// Video frame and 3D point cloud jobs in the sandbox (BEHAVIOUR.md, "Video frame and 3D point cloud jobs"): the
// request checks, the 2020-03-01 label category file, sequence files and frames read from S3, and the workers'
// labels written in Ground Truth's output format (SeqLabel.json, cuboids, segmentation files).
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { DescribeLabelingJobCommand, type CreateLabelingJobCommandInput } from '@aws-sdk/client-sagemaker';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { LabelRequest, PendingTask } from '../service.js';
import {
  createJob,
  expectError,
  getText,
  lambda,
  labelingSetup,
  outputManifest,
  putText,
  sharedSandbox,
  startJob,
  unique,
  type LabelingSetup,
  type World,
} from './test-support.js';

const shared = sharedSandbox({ ideal: true });
const UI_ACCOUNT = '394669845002';
const ui = (name: string) => `arn:aws:sagemaker:us-east-1:${UI_ACCOUNT}:human-task-ui/${name}`;

const labelFile = (extra: Record<string, unknown> = {}, labels: unknown[] = [{ label: 'Car' }, { label: 'Person' }]) =>
  JSON.stringify({ documentVersion: '2020-03-01', labels, ...extra });

/** A clip of `frames` frames under `clips/<name>/`, its sequence file, and a manifest naming it. */
async function clip(w: World, setup: LabelingSetup, name: string, frames = 2): Promise<string> {
  const names = Array.from({ length: frames }, (_, i) => `frame${i + 1}.jpg`);
  for (const frame of names) await putText(w, setup.bucket, `clips/${name}/${frame}`, 'jpeg');
  const sequence = { 'seq-no': 1, prefix: `s3://${setup.bucket}/clips/${name}/`, 'number-of-frames': frames, frames: names.map((frame, i) => ({ 'frame-no': i + 1, frame })) };
  const uri = await putText(w, setup.bucket, `clips/${name}.json`, JSON.stringify(sequence));
  return putText(w, setup.bucket, `clips/${name}.manifest`, JSON.stringify({ 'source-ref': uri }));
}

async function frameJob(
  w: World,
  setup: LabelingSetup,
  suffix: string,
  uiName: string,
  manifestUri: string,
  file: string,
  overrides: Partial<CreateLabelingJobCommandInput> = {},
): Promise<CreateLabelingJobCommandInput> {
  const name = unique('frames');
  return {
    LabelingJobName: name,
    LabelAttributeName: `${name}-ref`,
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: manifestUri } } },
    OutputConfig: { S3OutputPath: `s3://${setup.bucket}/Output/` },
    RoleArn: 'arn:aws:iam::000000000000:role/AmazonSageMaker-ExecutionRole',
    LabelCategoryConfigS3Uri: await putText(w, setup.bucket, `${name}/labels.json`, file),
    HumanTaskConfig: {
      WorkteamArn: setup.teamArn,
      UiConfig: { HumanTaskUiArn: ui(uiName) },
      PreHumanTaskLambdaArn: lambda('PRE', suffix),
      AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: lambda('ACS', suffix) },
      TaskTitle: 'Frames',
      TaskDescription: 'Label the frames',
      NumberOfHumanWorkersPerDataObject: 1,
      TaskTimeLimitInSeconds: 86_400,
    },
    ...overrides,
  };
}

const status = async (w: World, name: string) => (await w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: name })));
const tasks = (w: World, job: string) => w.admin<PendingTask[]>('sagemaker/tasks', { job, worker: 'ann@example.com' });
const label = (w: World, job: string, answers: LabelRequest['answers']) =>
  w.admin<{ accepted: number; jobStatus: string }>('sagemaker/label', { job, worker: 'ann@example.com', answers });

describe('video frame and 3D point cloud jobs', () => {
  let w: World;
  let setup: LabelingSetup;
  it('sets up', async () => {
    w = shared.inRegion('us-east-1');
    setup = await labelingSetup(w, ['ann@example.com']);
  });

  it('must use the built-in UI of their type, take 30-day tasks, and do not stream', async () => {
    const manifestUri = await clip(w, setup, 'ui');
    const base = await frameJob(w, setup, 'VideoObjectTracking', 'VideoObjectTracking', manifestUri, labelFile());
    const config = base.HumanTaskConfig!;
    await expectError(createJob(w, { ...base, HumanTaskConfig: { ...config, UiConfig: { UiTemplateS3Uri: `s3://${setup.bucket}/template.liquid` } } }), 'ValidationException', /must use UiConfig.HumanTaskUiArn .*human-task-ui\/VideoObjectTracking/);
    await expectError(createJob(w, { ...base, HumanTaskConfig: { ...config, UiConfig: { HumanTaskUiArn: ui('VideoObjectDetection') } } }), 'ValidationException', /not .*VideoObjectDetection/);
    await expectError(createJob(w, { ...base, HumanTaskConfig: { ...config, TaskTimeLimitInSeconds: 2_592_001 } }), 'ValidationException', /at most 2592000/);
    const topic = await w.sns.send(new CreateTopicCommand({ Name: 'frames' }));
    const streaming = { ...base.InputConfig!, DataSource: { ...base.InputConfig!.DataSource, SnsDataSource: { SnsTopicArn: topic.TopicArn! } } };
    await expectError(createJob(w, { ...base, InputConfig: streaming }), 'ValidationException', /cannot be streaming/);
    await expectError(
      createJob(w, { ...base, HumanTaskConfig: { ...config, WorkteamArn: `arn:aws:sagemaker:us-east-1:${UI_ACCOUNT}:workteam/public-crowd/default`, PublicWorkforceTaskPrice: { AmountInUsd: { Cents: 3, TenthFractionsOfACent: 6 } } } }),
      'ValidationException',
      /public crowd/,
    );
    expect(await startJob(w, { ...base, HumanTaskConfig: { ...config, TaskTimeLimitInSeconds: 2_592_000 } })).toBe(base.LabelingJobName);
  });

  it('tracks objects through a clip: tasks list the frames, a label name draws one track, SeqLabel.json holds it', async () => {
    const file = labelFile(
      { categoryGlobalAttributes: [{ name: 'occluded', type: 'string', enum: ['no', 'yes'] }], frameAttributes: [{ name: 'light', type: 'string', description: 'Light?', enum: ['day', 'night'] }] },
      [{ label: 'Car' }, { label: 'Person', categoryAttributes: [{ name: 'age', type: 'number', minimum: 1, maximum: 99 }] }],
    );
    const job = await startJob(w, await frameJob(w, setup, 'VideoObjectTracking', 'VideoObjectTracking', await clip(w, setup, 'street', 3), file));
    const [task] = await tasks(w, job);
    expect(task).toMatchObject({ object: 0, labels: ['Car', 'Person'], frames: ['frame1.jpg', 'frame2.jpg', 'frame3.jpg'] });
    expect(await label(w, job, [{ object: 0, label: 'Person' }])).toEqual({ accepted: 1, jobStatus: 'Completed' });

    const [line] = await outputManifest(w, setup.bucket, job);
    const seqLabelUri = `s3://${setup.bucket}/Output/${job}/annotations/consolidated-annotation/output/0/SeqLabel.json`;
    expect(line![`${job}-ref`]).toBe(seqLabelUri);
    expect(line![`${job}-ref-metadata`]).toMatchObject({ 'class-map': { '1': 'Person' }, 'job-name': `labeling-job/${job}`, 'human-annotated': 'yes', type: 'groundtruth/video-object-tracking' });
    expect(line![`${job}-ref-metadata`]['creation-date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    const seqLabel = JSON.parse(await getText(w, setup.bucket, `Output/${job}/annotations/consolidated-annotation/output/0/SeqLabel.json`));
    const frames = seqLabel['tracking-annotations'];
    expect(frames.map((f: any) => [f['frame-no'], f.frame, f['frame-attributes']])).toEqual([['1', 'frame1.jpg', { light: 'day' }], ['2', 'frame2.jpg', { light: 'day' }], ['3', 'frame3.jpg', { light: 'day' }]]);
    const boxes = frames.map((f: any) => f.annotations[0]);
    expect(boxes[0]).toMatchObject({ 'class-id': '1', 'object-name': 'Person:1', 'label-category-attributes': { age: 1, occluded: 'no' }, width: 50, height: 40 });
    expect(new Set(boxes.map((b: any) => b['object-id'])).size).toBe(1);
    expect(boxes.map((b: any) => b.left)).toEqual([10, 15, 20]);
  });

  it('detects objects in frames with the annotation type of the label file, and takes a worker\'s own annotations', async () => {
    const job = await startJob(w, await frameJob(w, setup, 'VideoObjectDetection', 'VideoObjectDetection', await clip(w, setup, 'lines', 1), labelFile({ annotationType: 'Polyline' })));
    await label(w, job, [{ object: 0, label: 'Car' }]);
    const seqLabel = JSON.parse(await getText(w, setup.bucket, `Output/${job}/annotations/consolidated-annotation/output/0/SeqLabel.json`));
    expect(seqLabel['detection-annotations'][0].polylines[0]).toMatchObject({ 'class-id': '0', vertices: expect.any(Array) });
    expect(seqLabel['detection-annotations'][0].polylines[0]['object-id']).toBeUndefined();

    const own = { 'detection-annotations': [{ annotations: [{ 'class-id': '1', left: 1, top: 2, width: 3, height: 4 }], 'frame-no': '1', frame: 'frame1.jpg' }] };
    const second = await startJob(w, await frameJob(w, setup, 'VideoObjectDetection', 'VideoObjectDetection', await clip(w, setup, 'own', 1), labelFile()));
    await expect(label(w, second, [{ object: 0, label: 'Truck' }])).rejects.toMatchObject({ code: 'ValidationException', message: /neither one of the job's labels/ });
    await label(w, second, [{ object: 0, label: own }]);
    expect(JSON.parse(await getText(w, setup.bucket, `Output/${second}/annotations/consolidated-annotation/output/0/SeqLabel.json`))).toEqual(own);
    expect((await outputManifest(w, setup.bucket, second))[0]![`${second}-ref-metadata`]['class-map']).toEqual({ '1': 'Person' });
  });

  it('labels single point clouds with cuboids in the manifest, and segments them into a zlib file', async () => {
    await putText(w, setup.bucket, 'lidar/0.bin', 'points');
    const line = { 'source-ref': `s3://${setup.bucket}/lidar/0.bin`, 'source-ref-metadata': { format: 'binary/xyzi', 'unix-timestamp': 1566861644.759115 } };
    const manifestUri = await putText(w, setup.bucket, 'lidar/frames.manifest', JSON.stringify(line));
    const detect = await frameJob(w, setup, '3DPointCloudObjectDetection', 'PointCloudObjectDetection', manifestUri, labelFile({ frameAttributes: [{ name: 'rain', type: 'string', description: 'Rain?', enum: ['no', 'yes'] }] }));
    const detection = await startJob(w, { ...detect, LabelAttributeName: 'cuboids' });
    await label(w, detection, [{ object: 0, label: 'Car' }]);
    const [out] = await outputManifest(w, setup.bucket, detection);
    expect(out!['cuboids'].annotations[0]).toMatchObject({ 'class-id': 0, 'center-x': 0, length: 4, yaw: 0 });
    expect(out!['cuboids-metadata']).toMatchObject({ objects: [], class_map: { '0': 'Car' }, type: 'groundtruth/point_cloud_object_detection', 'dataset-object-attributes': { rain: 'no' } });

    const segmentation = await startJob(w, await frameJob(w, setup, '3DPointCloudSemanticSegmentation', 'PointCloudSemanticSegmentation', manifestUri, labelFile()));
    await label(w, segmentation, [{ object: 0, label: 'Person' }]);
    const [painted] = await outputManifest(w, setup.bucket, segmentation);
    const key = `Output/${segmentation}/annotations/consolidated-annotation/output/0/0.bin.zlib`;
    expect(painted![`${segmentation}-ref`]).toBe(`s3://${setup.bucket}/${key}`);
    expect(painted![`${segmentation}-ref-metadata`]).toMatchObject({ 'color-map': { '1': { 'class-name': 'Person' } }, type: 'groundtruth/point_cloud_single_frame_semantic_segmentation' });
    const stored = await w.s3.send(new GetObjectCommand({ Bucket: setup.bucket, Key: key }));
    expect([...inflateSync(Buffer.from(await stored.Body!.transformToByteArray()))]).toEqual([1]);
  });

  it('tracks cuboids through a point cloud sequence, and adjusts the tracks of an earlier job', async () => {
    for (const f of ['0.pcd', '1.pcd']) await putText(w, setup.bucket, `seq/${f}`, 'points');
    const sequence = { 'seq-no': 1, prefix: `s3://${setup.bucket}/seq/`, 'number-of-frames': 2, frames: [0, 1].map((n) => ({ 'frame-no': n, 'unix-timestamp': 1566861644 + n, frame: `${n}.pcd`, format: 'text/xyzi' })) };
    const sequenceUri = await putText(w, setup.bucket, 'seq/seq1.json', JSON.stringify(sequence));
    const manifestUri = await putText(w, setup.bucket, 'seq/input.manifest', JSON.stringify({ 'source-ref': sequenceUri }));
    const track = await startJob(w, await frameJob(w, setup, '3DPointCloudObjectTracking', 'PointCloudObjectTracking', manifestUri, labelFile()));
    await label(w, track, [{ object: 0, label: 'Car' }]);
    const [out] = await outputManifest(w, setup.bucket, track);
    expect(out![`${track}-ref-metadata`]).toMatchObject({ objects: [{ 'frame-no': 0, confidence: [] }, { 'frame-no': 1, confidence: [] }], 'class-map': { '0': 'Car' }, type: 'groundtruth/point_cloud_object_tracking' });
    const seqLabel = JSON.parse(await getText(w, setup.bucket, `Output/${track}/annotations/consolidated-annotation/output/0/SeqLabel.json`));
    expect(seqLabel['tracking-annotations'].map((f: any) => [f['frame-number'], f['frame-name'], f.annotations[0]['object-name']])).toEqual([[0, '0.pcd', 'Car:1'], [1, '1.pcd', 'Car:1']]);

    // The adjustment takes the tracking job's output manifest, whose lines carry the labels it names.
    const trackOutput = (await status(w, track)).LabelingJobOutput!.OutputDatasetS3Uri!;
    const adjust = await frameJob(w, setup, 'Adjustment3DPointCloudObjectTracking', 'PointCloudObjectTracking', trackOutput, labelFile({ auditLabelAttributeName: `${track}-ref` }));
    const adjusted = await startJob(w, adjust);
    await label(w, adjusted, [{ object: 0, label: 'Person' }]);
    const [line] = await outputManifest(w, setup.bucket, adjusted);
    expect(line![`${track}-ref`]).toBe(out![`${track}-ref`]);
    expect(line![`${adjusted}-ref-metadata`]).toMatchObject({ 'adjustment-status': 'adjusted', type: 'groundtruth/point_cloud_object_tracking' });
  });

  describe('fail the job with a ClientError when their inputs are wrong', () => {
    const failsWith = async (job: CreateLabelingJobCommandInput, reason: RegExp) => {
      await startJob(w, job);
      const described = await status(w, job.LabelingJobName!);
      expect(described.LabelingJobStatus).toBe('Failed');
      expect(described.FailureReason).toMatch(/^ClientError: /);
      expect(described.FailureReason).toMatch(reason);
    };
    const tracking = async (file: string, manifestUri?: string) =>
      frameJob(w, setup, 'VideoObjectTracking', 'VideoObjectTracking', manifestUri ?? (await clip(w, setup, unique('clip'))), file);

    it.each([
      ['the 2018-11-28 file', JSON.stringify({ 'document-version': '2018-11-28', labels: [{ label: 'Car' }] }), /"documentVersion": "2020-03-01"/],
      ['more than 30 labels', labelFile({}, Array.from({ length: 31 }, (_, i) => ({ label: `L${i}` }))), /1 to 30 labels/],
      ['a label over 16 characters', labelFile({}, [{ label: 'Articulated lorry' }]), /1 to 16 characters/],
      ['a frame attribute without description', labelFile({ frameAttributes: [{ name: 'light', type: 'string' }] }), /frameAttributes\[0\] needs a "description"/],
      ['a number attribute without bounds', labelFile({ categoryGlobalAttributes: [{ name: 'n', type: 'number' }] }), /integer "minimum" and "maximum"/],
      ['11 attributes on a label', labelFile({ categoryGlobalAttributes: Array.from({ length: 11 }, (_, i) => ({ name: `a${i}`, type: 'string', enum: ['x'] })) }), /11 label category attributes/],
      ['6 free-text attributes', labelFile({ categoryGlobalAttributes: Array.from({ length: 6 }, (_, i) => ({ name: `a${i}`, type: 'string' })) }), /more than 5 free-text/],
      ['an attribute both global and own', labelFile({ categoryGlobalAttributes: [{ name: 'a', type: 'string' }] }, [{ label: 'Car', categoryAttributes: [{ name: 'a', type: 'string' }] }]), /names must be unique/],
      ['an unknown annotation type', labelFile({ annotationType: 'Circle' }), /"annotationType" must be one of/],
    ])('a label file with %s', async (_, file, reason) => {
      await failsWith(await tracking(file), reason);
    });

    it('an adjustment without auditLabelAttributeName, or over lines without those labels', async () => {
      const adjust = (file: string, manifestUri: string) => frameJob(w, setup, 'AdjustmentVideoObjectTracking', 'VideoObjectTracking', manifestUri, file);
      const manifestUri = await clip(w, setup, unique('clip'));
      await failsWith(await adjust(labelFile(), manifestUri), /needs "auditLabelAttributeName"/);
      await failsWith(await adjust(labelFile({ auditLabelAttributeName: 'tracks-ref' }), manifestUri), /Line 1 of the input manifest has no "tracks-ref" and "tracks-ref-metadata"/);
    });

    it('sequence files that are missing, malformed, miscounted or name missing frames', async () => {
      const sequenceManifest = async (sequence: unknown) => {
        const uri = await putText(w, setup.bucket, `${unique('bad')}.json`, typeof sequence === 'string' ? sequence : JSON.stringify(sequence));
        return putText(w, setup.bucket, `${unique('bad')}.manifest`, JSON.stringify({ 'source-ref': uri }));
      };
      const prefix = `s3://${setup.bucket}/clips/nowhere/`;
      await failsWith(await tracking(labelFile(), await putText(w, setup.bucket, `${unique('m')}.manifest`, JSON.stringify({ 'source-ref': `s3://${setup.bucket}/none.json` }))), /sequence file .* does not exist/);
      await failsWith(await tracking(labelFile(), await sequenceManifest('{')), /is not valid JSON/);
      await failsWith(await tracking(labelFile(), await sequenceManifest({ 'seq-no': 1, prefix: prefix.slice(0, -1), 'number-of-frames': 1, frames: [{ 'frame-no': 1, frame: 'a.jpg' }] })), /ending in "\/"/);
      await failsWith(await tracking(labelFile(), await sequenceManifest({ 'seq-no': 1, prefix, 'number-of-frames': 2, frames: [{ 'frame-no': 1, frame: 'a.jpg' }] })), /"number-of-frames": 2 but lists 1/);
      await failsWith(await tracking(labelFile(), await sequenceManifest({ 'seq-no': 1, prefix, 'number-of-frames': 1, frames: [{ 'frame-no': 1, frame: 'a.jpg' }] })), /the frame .*clips\/nowhere\/a\.jpg does not exist/);
    });

    it('point clouds without capture time or with an unknown format', async () => {
      await putText(w, setup.bucket, 'lidar/1.bin', 'points');
      const detect = async (metadata: unknown) =>
        frameJob(w, setup, '3DPointCloudObjectDetection', 'PointCloudObjectDetection', await putText(w, setup.bucket, `${unique('pc')}.manifest`, JSON.stringify({ 'source-ref': `s3://${setup.bucket}/lidar/1.bin`, 'source-ref-metadata': metadata })), labelFile(), { LabelAttributeName: 'boxes' });
      await failsWith(await detect({ format: 'binary/xyzi' }), /"unix-timestamp"/);
      await failsWith(await detect({ 'unix-timestamp': 1, format: 'las' }), /"format" "las"/);
    });
  });
});
