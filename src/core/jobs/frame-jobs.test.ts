// Video and 3D point cloud jobs resolved into their CreateLabelingJob request: the built-in UI and Lambdas of the
// type, the 2020-03-01 label file, and for a video frame job from a prefix one sequence file per folder of frames.
import { describe, expect, it } from 'vitest';
import { aProject } from '../test-support.js';
import { resolveJob, type JobWorld } from './resolve.js';
import { aJobOfType, BUCKET } from './test-support.js';

const world: JobWorld = {
  region: 'us-east-1',
  account: '000000000000',
  project: aProject(),
  buckets: [],
  prefixes: { [`s3://${BUCKET}/Input/`]: ['Input/clip-a/0001.jpg', 'Input/clip-a/0002.jpg', 'Input/clip-b/0001.jpg', 'Input/clip-b/info.txt'].map((key) => ({ key })) },
  manifests: {},
  vendorTeams: [],
  chainInputs: {},
};
const body = (upload: { bodyBase64: string }) => Buffer.from(upload.bodyBase64, 'base64').toString('utf8');
const FRAMES = { frameAttributes: [], categoryAttributes: [], labels: {} };

describe('a video frame job from a prefix', () => {
  const job = aJobOfType('video-object-tracking', { labels: ['Car'], frames: FRAMES });
  const { request, uploads, manifest } = resolveJob({ ...job, labelAttributeName: 'cars-ref' }, world);

  it('uses the built-in UI and the Region\'s Lambda functions of its type', () => {
    expect(request.HumanTaskConfig.UiConfig).toEqual({ HumanTaskUiArn: 'arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/VideoObjectTracking' });
    expect(request.HumanTaskConfig.PreHumanTaskLambdaArn).toBe('arn:aws:lambda:us-east-1:432418664414:function:PRE-VideoObjectTracking');
    expect(request.HumanTaskConfig.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn).toBe('arn:aws:lambda:us-east-1:432418664414:function:ACS-VideoObjectTracking');
  });

  it('writes one sequence file per folder of frames and a manifest naming them, no template', () => {
    const kinds = uploads.map((u) => u.uri.split('/').at(-1)!.split('-')[0]);
    expect(kinds).toEqual(['labels', 'sequence', 'sequence', 'manifest']);
    const sequences = uploads.filter((u) => u.uri.includes('/sequence-')).map((u) => JSON.parse(body(u)));
    expect(sequences.map((s) => [s.prefix, s['number-of-frames']])).toEqual([
      [`s3://${BUCKET}/Input/clip-a/`, 2],
      [`s3://${BUCKET}/Input/clip-b/`, 1],
    ]);
    expect(manifest!.trim().split('\n').map((l) => JSON.parse(l)['source-ref'])).toEqual(uploads.filter((u) => u.uri.includes('/sequence-')).map((u) => u.uri));
    expect(request.InputConfig.DataSource.S3DataSource?.ManifestS3Uri).toBe(uploads.at(-1)!.uri);
  });

  it('writes the label file in the 2020-03-01 format', () => {
    expect(JSON.parse(body(uploads[0]!))).toEqual({ documentVersion: '2020-03-01', labels: [{ label: 'Car' }], instructions: expect.any(Object) });
  });

  it('resolves the same on every plan (content-addressed)', () => {
    expect(resolveJob({ ...job, labelAttributeName: 'cars-ref' }, world).request).toEqual(request);
  });
});

describe('a video classification job', () => {
  it('plays each video in the classifier of its template', () => {
    const { request, uploads } = resolveJob(aJobOfType('video-classification', { labels: ['Goal', 'Miss'] }), world);
    expect(request.HumanTaskConfig.PreHumanTaskLambdaArn).toMatch(/:function:PRE-VideoMultiClass$/);
    const template = body(uploads.find((u) => u.uri.includes('/template-'))!);
    expect(template).toContain('<crowd-classifier');
    expect(template).toContain('<source src="{{ task.input.taskObject | grant_read_access }}" type="video/mp4"/>');
    expect(request.HumanTaskConfig.UiConfig.UiTemplateS3Uri).toBeDefined();
  });
});

describe('a point cloud job', () => {
  it('uses its built-in UI; an adjustment its base type\'s', () => {
    const job = aJobOfType('point-cloud-object-detection-adjustment', { labels: ['Car'], frames: { ...FRAMES, auditLabelAttributeName: 'cars' } });
    const { request } = resolveJob({ ...job, input: { manifest: `s3://${BUCKET}/clouds.manifest` } }, world);
    expect(request.HumanTaskConfig.UiConfig).toEqual({ HumanTaskUiArn: 'arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/PointCloudObjectDetection' });
    expect(request.HumanTaskConfig.PreHumanTaskLambdaArn).toMatch(/:function:PRE-Adjustment3DPointCloudObjectDetection$/);
  });
});
