// Video and 3D point cloud jobs through the built CLI against the realistic sandbox: one job of each new type (video
// clip classification, video frame detection and tracking from a folder of frames, point cloud detection and
// segmentation of single frames, point cloud tracking of a sequence), created with the Region's built-in UIs and
// Lambdas, the 2020-03-01 label category file and sequence manifests; labeled by the sandbox's workers into Ground
// Truth's output (SeqLabel.json files, cuboids, segmentation files); each then adjusted by a chained adjustment job,
// created by the next apply with the audited label attribute in its label file. Then the same jobs, made in the
// console, round-trip through `gtctl import`.
import { CreateBucketCommand, GetObjectCommand, PutBucketCorsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateLabelingJobCommand, DescribeLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { builtInHumanTaskUi, builtInLambdas } from '../../src/core/catalog.js';
import type { TaskType } from '../../src/core/model.js';
import { consoleWorkforce } from '../helpers/console-account.js';
import { base, REGION, useSandbox } from '../helpers/gtctl.js';
import { bucketDoc, jobDoc, ROLE_ARN, teamDoc, type SpecDoc } from '../helpers/specs.js';

const world = useSandbox();

const BUCKET = 'gtctl-frames';
const CONSOLE_BUCKET = 'console-frames';
const WORKER = 'ann@example.com';
const team = teamDoc({ spec: { members: [WORKER] } });

const lidarFrame = (key: string) => ({ 'source-ref': `s3://${BUCKET}/${key}`, 'source-ref-metadata': { format: 'text/xyzi', 'unix-timestamp': 1566861644.759115 } });
const pointCloudSequence = {
  'seq-no': 1,
  prefix: `s3://${BUCKET}/lidar/seq/`,
  'number-of-frames': 2,
  frames: [0, 1].map((n) => ({ 'frame-no': n, 'unix-timestamp': 1566861644 + n, frame: `${n}.txt`, format: 'text/xyzi' })),
};

const bucket = bucketDoc({
  name: BUCKET,
  spec: {
    cors: 'ground-truth-video',
    objects: [
      { key: 'clips/crossing/frame0001.jpg', content: 'frame 1' },
      { key: 'clips/crossing/frame0002.jpg', content: 'frame 2' },
      { key: 'clips/parking/frame0001.jpg', content: 'frame 1' },
      { key: 'videos/goal.mp4', content: 'mp4' },
      { key: 'lidar/0.txt', content: '0 0 0 1' },
      { key: 'lidar/frames.manifest', content: `${JSON.stringify(lidarFrame('lidar/0.txt'))}\n` },
      { key: 'lidar/seq/0.txt', content: '0 0 0 1' },
      { key: 'lidar/seq/1.txt', content: '1 0 0 1' },
      { key: 'lidar/seq/seq1.json', content: JSON.stringify(pointCloudSequence) },
      { key: 'lidar/sequences.manifest', content: `${JSON.stringify({ 'source-ref': `s3://${BUCKET}/lidar/seq/seq1.json` })}\n` },
    ],
  },
});

const job = (name: string, type: TaskType, input: Record<string, unknown>, task: Record<string, unknown> = {}, ref = true): SpecDoc =>
  jobDoc({
    name,
    spec: {
      input: { fromPrefix: undefined, ...input },
      output: `s3://${BUCKET}/output/`,
      ...(ref && { labelAttributeName: `${name}-ref` }),
      task: { type, title: `Label ${name}`, description: `The ${type} job`, labels: ['Car', 'Person'], ...task },
      // Frame tasks may take a day (up to 30); a video clip is classified within the usual 8 hours.
      workers: { perObject: 1, taskTimeLimit: type === 'video-classification' ? '1h' : '1d' },
    },
  });

const clips = { fromPrefix: `s3://${BUCKET}/clips/` };
const tracking = job('tracks', 'video-object-tracking', clips, {
  labels: ['Car', { label: 'Person', categoryAttributes: [{ name: 'pose', description: 'What is the person doing?', enum: ['walking', 'standing'] }] }],
  categoryAttributes: [{ name: 'occluded', description: 'Partly hidden?', enum: ['no', 'yes'], required: true }],
  frameAttributes: [{ name: 'light', description: 'How is the light?', enum: ['day', 'night'] }],
  instructions: { short: 'Box every car and person in every frame.' },
});
const BASE_JOBS: SpecDoc[] = [
  tracking,
  job('outlines', 'video-object-detection', clips, { annotationType: 'polygon' }),
  job('clip-kinds', 'video-classification', { fromPrefix: `s3://${BUCKET}/videos/` }, { labels: ['Goal', 'Miss'] }, false),
  job('cuboids', 'point-cloud-object-detection', { manifest: `s3://${BUCKET}/lidar/frames.manifest` }, {}, false),
  job('painted', 'point-cloud-semantic-segmentation', { manifest: `s3://${BUCKET}/lidar/frames.manifest` }),
  job('lidar-tracks', 'point-cloud-object-tracking', { manifest: `s3://${BUCKET}/lidar/sequences.manifest` }),
];
// Each adjustment chains to the job whose labels it adjusts.
const adjust = (source: string, type: TaskType, ref = true) => job(`${source}-fixed`, type, { fromJob: source }, { labels: [{ label: 'Car', editsAllowed: 'any' }, { label: 'Person', editsAllowed: 'none' }] }, ref);
const ADJUSTMENTS: SpecDoc[] = [
  adjust('tracks', 'video-object-tracking-adjustment'),
  adjust('outlines', 'video-object-detection-adjustment'),
  adjust('cuboids', 'point-cloud-object-detection-adjustment', false),
  adjust('painted', 'point-cloud-semantic-segmentation-adjustment'),
  adjust('lidar-tracks', 'point-cloud-object-tracking-adjustment'),
];

const describeJob = (name: string) => world.sageMaker.send(new DescribeLabelingJobCommand({ LabelingJobName: name }));
const s3Text = async (uri: string) => {
  const [, bucketName, key] = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri)!;
  return (await (await world.s3.send(new GetObjectCommand({ Bucket: bucketName, Key: key }))).Body!.transformToString());
};
const lines = async (uri: string) => (await s3Text(uri)).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, any>);

/** Answers every open task of the job with its first label (the stand-in draws it); the job's status then. */
async function labelAll(name: string): Promise<string> {
  const tasks = await world.tasks(name, WORKER);
  expect(tasks.length, name).toBeGreaterThan(0);
  return (await world.label(name, WORKER, tasks.map((t) => ({ object: t.object, label: t.labels[0]! })))).jobStatus;
}

describe('video frame and 3D point cloud jobs', () => {
  it('are created as AWS documents them, labeled into Ground Truth output, and adjusted by chained jobs', async () => {
    const dir = await world.specs([...base(), team, bucket, ...BASE_JOBS, ...ADJUSTMENTS]);
    const first = await world.planJson(dir);
    expect(first.code, first.stderr).toBe(2);
    const waiting = (first.plan as unknown as { waiting: Array<{ address: string }> }).waiting;
    expect(waiting.map((w) => w.address).sort()).toEqual(ADJUSTMENTS.map((a) => `job/${a.metadata.name}`).sort());
    await world.apply(dir);

    // The tracking job's request: the Region's UI and Lambdas, 30-day-capable limits, the 2020-03-01 label file, and
    // a manifest of one sequence file per folder of frames.
    const tracks = await describeJob('tracks');
    const lambdas = builtInLambdas('video-object-tracking', REGION);
    expect(tracks.HumanTaskConfig).toMatchObject({
      UiConfig: { HumanTaskUiArn: builtInHumanTaskUi('video-object-tracking', REGION) },
      PreHumanTaskLambdaArn: lambdas.pre,
      AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: lambdas.consolidation },
      TaskTimeLimitInSeconds: 86_400,
    });
    expect(tracks.HumanTaskConfig?.UiConfig?.UiTemplateS3Uri).toBeUndefined();
    expect(JSON.parse(await s3Text(tracks.LabelCategoryConfigS3Uri!))).toEqual({
      documentVersion: '2020-03-01',
      frameAttributes: [{ name: 'light', type: 'string', description: 'How is the light?', enum: ['day', 'night'] }],
      categoryGlobalAttributes: [{ name: 'occluded', type: 'string', description: 'Partly hidden?', enum: ['no', 'yes'], isRequired: true }],
      labels: [{ label: 'Car' }, { label: 'Person', categoryAttributes: [{ name: 'pose', type: 'string', description: 'What is the person doing?', enum: ['walking', 'standing'] }] }],
      instructions: { shortInstruction: 'Box every car and person in every frame.', fullInstruction: 'Box every car and person in every frame.' },
    });
    const sequences = await lines(tracks.InputConfig!.DataSource!.S3DataSource!.ManifestS3Uri!);
    const files = await Promise.all(sequences.map(async (line) => JSON.parse(await s3Text(line['source-ref'])) as Record<string, unknown>));
    expect(files).toEqual([
      { 'seq-no': 1, prefix: `s3://${BUCKET}/clips/crossing/`, 'number-of-frames': 2, frames: [{ 'frame-no': 1, frame: 'frame0001.jpg' }, { 'frame-no': 2, frame: 'frame0002.jpg' }] },
      { 'seq-no': 2, prefix: `s3://${BUCKET}/clips/parking/`, 'number-of-frames': 1, frames: [{ 'frame-no': 1, frame: 'frame0001.jpg' }] },
    ]);
    expect(JSON.parse(await s3Text((await describeJob('outlines')).LabelCategoryConfigS3Uri!)).annotationType).toBe('Polygon');
    expect((await describeJob('cuboids')).HumanTaskConfig?.UiConfig?.HumanTaskUiArn).toBe(builtInHumanTaskUi('point-cloud-object-detection', REGION));
    expect((await describeJob('clip-kinds')).HumanTaskConfig?.UiConfig?.UiTemplateS3Uri).toMatch(/^s3:\/\//);

    await world.advanceClock(60_000);
    for (const doc of BASE_JOBS) expect(await labelAll(doc.metadata.name), doc.metadata.name).toBe('Completed');
    const trackOutput = await lines((await describeJob('tracks')).LabelingJobOutput!.OutputDatasetS3Uri!);
    expect(trackOutput.map((l) => l['tracks-ref'])).toEqual([0, 1].map((i) => `s3://${BUCKET}/output/tracks/annotations/consolidated-annotation/output/${i}/SeqLabel.json`));
    const seqLabel = JSON.parse(await s3Text(trackOutput[0]!['tracks-ref']));
    expect(seqLabel['tracking-annotations'].map((f: any) => [f.frame, f.annotations[0]['object-name'], f.annotations[0]['label-category-attributes']])).toEqual([
      ['frame0001.jpg', 'Car:1', { occluded: 'no' }],
      ['frame0002.jpg', 'Car:1', { occluded: 'no' }],
    ]);
    const cuboids = await lines((await describeJob('cuboids')).LabelingJobOutput!.OutputDatasetS3Uri!);
    expect(cuboids[0]!['cuboids-metadata']).toMatchObject({ type: 'groundtruth/point_cloud_object_detection', class_map: { '0': 'Car' } });

    // All sources completed: the next apply creates the adjustments on their outputs.
    const ready = await world.planJson(dir);
    expect(ready.plan.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.action} ${c.address}`).sort()).toEqual(ADJUSTMENTS.map((a) => `create job/${a.metadata.name}`).sort());
    await world.apply(dir);
    expect(await world.changes(dir)).toEqual([]);
    const fixed = await describeJob('tracks-fixed');
    expect(fixed.HumanTaskConfig?.PreHumanTaskLambdaArn).toBe(builtInLambdas('video-object-tracking-adjustment', REGION).pre);
    expect(fixed.HumanTaskConfig?.UiConfig?.HumanTaskUiArn).toBe(builtInHumanTaskUi('video-object-tracking', REGION));
    expect(JSON.parse(await s3Text(fixed.LabelCategoryConfigS3Uri!))).toMatchObject({
      auditLabelAttributeName: 'tracks-ref',
      labels: [{ label: 'Car', editsAllowed: 'any' }, { label: 'Person', editsAllowed: 'none' }],
    });
    expect(JSON.parse(await s3Text((await describeJob('cuboids-fixed')).LabelCategoryConfigS3Uri!)).auditLabelAttributeName).toBe('cuboids');

    await world.advanceClock(60_000);
    for (const doc of ADJUSTMENTS) expect(await labelAll(doc.metadata.name), doc.metadata.name).toBe('Completed');
    const adjusted = await lines((await describeJob('tracks-fixed')).LabelingJobOutput!.OutputDatasetS3Uri!);
    expect(adjusted[0]!['tracks-ref']).toBe(trackOutput[0]!['tracks-ref']);
    expect(adjusted[0]!['tracks-fixed-ref-metadata']).toMatchObject({ type: 'groundtruth/video-object-tracking', 'adjustment-status': 'adjusted' });
  });

  it('is refused at validation for misuse: the public crowd, a prefix of point clouds, streaming, labels over 16 characters', async () => {
    const dir = await world.specs([
      ...base(),
      team,
      bucket,
      job('public-tracks', 'video-object-tracking', clips, {}),
      job('prefix-cuboids', 'point-cloud-object-detection', { fromPrefix: `s3://${BUCKET}/lidar/` }, {}, false),
      job('streamed', 'video-object-detection', { stream: { snsTopicArn: `arn:aws:sns:${REGION}:000000000000:frames` } }),
      job('long-labels', 'video-object-detection', clips, { labels: ['Articulated lorry'] }),
    ].map((doc) => (doc.metadata.name === 'public-tracks' ? { ...doc, spec: { ...doc.spec, team: undefined, workforce: 'public', workers: { perObject: 1, taskTimeLimit: '1d', pricePerTask: 0.036 } } } : doc)));
    const run = await world.gtctl('validate', '-d', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\.yaml:\d+:\d+: error workforce-unsupported: video-object-tracking jobs cannot go to the public crowd/);
    expect(run.stderr).toMatch(/\.yaml:\d+:\d+: error input-unsupported: gtctl cannot build a point-cloud-object-detection manifest from a prefix/);
    expect(run.stderr).toMatch(/\.yaml:\d+:\d+: error input-unsupported: video-object-detection jobs cannot stream/);
    expect(run.stderr).toMatch(/\.yaml:\d+:\d+: error label-too-long: label "Articulated lorry" is 17 characters/);
    expect(await world.requests()).toEqual([]);
  });

  it('made in the console, import exactly and plan as adoption only', async () => {
    await world.settled(async () => {
      const { teamArn } = await consoleWorkforce(world, { name: 'console-team', group: 'console-group', people: [WORKER] });
      await world.s3.send(new CreateBucketCommand({ Bucket: CONSOLE_BUCKET }));
      // The rule the console asks for on video frame buckets: the tool in the browser reads and writes them.
      const rule = { AllowedMethods: ['GET', 'HEAD', 'PUT'], AllowedOrigins: ['*'], AllowedHeaders: ['*'], ExposeHeaders: ['Access-Control-Allow-Origin'] };
      await world.s3.send(new PutBucketCorsCommand({ Bucket: CONSOLE_BUCKET, CORSConfiguration: { CORSRules: [rule] } }));
      const labelFile = {
        documentVersion: '2020-03-01',
        frameAttributes: [{ name: 'light', type: 'string', description: 'How is the light?', enum: ['day', 'night'] }],
        categoryGlobalAttributes: [{ name: 'size', type: 'number', minimum: 1, maximum: 9, isRequired: true }],
        labels: [{ label: 'Car', categoryAttributes: [{ name: 'make', type: 'string' }] }, { label: 'Person' }],
        annotationType: 'Keypoint',
        instructions: { shortInstruction: 'Mark the centre of each', fullInstruction: '<p>Mark the centre of each car and person.</p>' },
      };
      await putObject('clip/frame0001.jpg', 'frame 1');
      await putObject('console/labels.json', JSON.stringify(labelFile));
      await putObject('console/clip.json', JSON.stringify({ 'seq-no': 1, prefix: `s3://${CONSOLE_BUCKET}/clip/`, 'number-of-frames': 1, frames: [{ 'frame-no': 1, frame: 'frame0001.jpg' }] }));
      await putObject('console/clips.manifest', `${JSON.stringify({ 'source-ref': `s3://${CONSOLE_BUCKET}/console/clip.json` })}\n`);
      const lambdas = builtInLambdas('video-object-detection', REGION);
      await world.sageMaker.send(
        new CreateLabelingJobCommand({
          LabelingJobName: 'console-keypoints',
          LabelAttributeName: 'console-keypoints-ref',
          RoleArn: ROLE_ARN,
          LabelCategoryConfigS3Uri: `s3://${CONSOLE_BUCKET}/console/labels.json`,
          InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://${CONSOLE_BUCKET}/console/clips.manifest` } } },
          OutputConfig: { S3OutputPath: `s3://${CONSOLE_BUCKET}/out/` },
          HumanTaskConfig: {
            WorkteamArn: teamArn,
            UiConfig: { HumanTaskUiArn: builtInHumanTaskUi('video-object-detection', REGION)! },
            PreHumanTaskLambdaArn: lambdas.pre,
            TaskTitle: 'Keypoints',
            TaskDescription: 'Mark the centre of each car and person',
            NumberOfHumanWorkersPerDataObject: 1,
            TaskTimeLimitInSeconds: 604_800,
            TaskAvailabilityLifetimeInSeconds: 864_000,
            MaxConcurrentTaskCount: 1000,
            AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: lambdas.consolidation },
          },
        }),
      );
    });
    const out = await world.specs({});
    const run = await world.gtctl('import', '--out', out, '--project', 'console', '--region', REGION);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const jobs = parseAllDocuments(await readFile(path.join(out, 'jobs.yaml'), 'utf8')).map((d) => d.toJS());
    const imported = jobs.find((j) => j.metadata.name === 'console-keypoints');
    expect(imported.spec.task).toMatchObject({
      type: 'video-object-detection',
      annotationType: 'keypoint',
      labels: [{ label: 'Car', categoryAttributes: [{ name: 'make' }] }, 'Person'],
      categoryAttributes: [{ name: 'size', minimum: 1, maximum: 9, required: true }],
      frameAttributes: [{ name: 'light', description: 'How is the light?', enum: ['day', 'night'] }],
      instructions: { short: 'Mark the centre of each', full: '<p>Mark the centre of each car and person.</p>' },
    });
    expect(imported.spec.workers).toEqual({ perObject: 1, taskTimeLimit: '7d', taskAvailability: '10d' });

    const validate = await world.gtctl('validate', '-d', out);
    expect(validate.code, `${validate.stdout}\n${validate.stderr}`).toBe(0);
    const { code, plan, stderr } = await world.planJson(out);
    expect(code, stderr).toBe(2);
    const jobChange = plan.changes.find((c) => c.address === 'job/console-keypoints');
    expect(jobChange?.action, JSON.stringify(jobChange)).toBe('update');
    expect(plan.changes.filter((c) => c.action === 'create' || c.action === 'delete' || c.action === 'replace')).toEqual([]);
    await world.apply(out);
    expect(await world.changes(out)).toEqual([]);
  });
});

function putObject(key: string, body: string) {
  return world.s3.send(new PutObjectCommand({ Bucket: CONSOLE_BUCKET, Key: key, Body: body }));
}
