import { describe, expect, it } from 'vitest';
import { check, jobDoc, load, teamDoc, type Overrides } from '../../../test/helpers/specs.js';
import { adjustmentNamesAuditedLabels, frameFieldsMatchType, frameInputSupported, frameInstructionsWithinQuotas, frameJobsNotPublic, frameLabelFileWithinQuotas } from './frames.js';

const task = (type: string, more: Record<string, unknown> = {}) => ({ task: { type, labels: ['Car'], ...more } });
const job = (spec: Overrides['spec']) => [jobDoc({ spec })];
const tracking = (more: Record<string, unknown> = {}) => job({ labelAttributeName: 'cars-ref', ...task('video-object-tracking', more) });
const attribute = (name: string, more: Record<string, unknown> = {}) => ({ name, ...more });

describe('frameFieldsMatchType', () => {
  it.each<[string, ReturnType<typeof job>, string[]]>([
    ['video frame fields on a video job', tracking({ categoryAttributes: [attribute('size')], frameAttributes: [attribute('sky', { description: 'Sky?' })], annotationType: 'keypoint' }), []],
    ['frame attributes on an image job', job(task('bounding-box', { frameAttributes: [attribute('sky', { description: 'Sky?' })] })), ['error unexpected-field spec.task.frameAttributes']],
    ['a label with attributes on an image job', job(task('bounding-box', { labels: [{ label: 'Car', categoryAttributes: [attribute('x')] }] })), ['error unexpected-field spec.task.labels[0]']],
    ['an annotation type on a point cloud job', job(task('point-cloud-object-detection', { annotationType: 'polygon' })), ['error unexpected-field spec.task.annotationType']],
    [
      'object attributes on point cloud semantic segmentation',
      job({ labelAttributeName: 'paint-ref', ...task('point-cloud-semantic-segmentation', { categoryAttributes: [attribute('x')], labels: [{ label: 'Road', categoryAttributes: [attribute('y')] }] }) }),
      ['error unexpected-field spec.task.categoryAttributes', 'error unexpected-field spec.task.labels[0].categoryAttributes'],
    ],
    ['an audited attribute on a labeling job', tracking({ auditLabelAttributeName: 'x' }), ['error unexpected-field spec.task.auditLabelAttributeName']],
    ['an edit rule on a labeling job', tracking({ labels: [{ label: 'Car', editsAllowed: 'none' }] }), ['error unexpected-field spec.task.labels[0].editsAllowed']],
  ])('%s', (_what, docs, expected) => {
    expect(check(frameFieldsMatchType, docs)).toEqual(expected);
  });
});

describe('frameLabelFileWithinQuotas', () => {
  it.each<[string, ReturnType<typeof job>, string[]]>([
    ['attributes within the quotas', tracking({ labels: ['Car', { label: 'Bus', categoryAttributes: [attribute('doors', { minimum: 1, maximum: 6 })] }], categoryAttributes: [attribute('colour', { enum: ['red', 'blue'] })] }), []],
    ['a label of 17 characters', tracking({ labels: ['seventeen-chars-x'] }), ['error label-too-long spec.task.labels[0]']],
    ['a frame attribute without a description', tracking({ frameAttributes: [attribute('sky')] }), ['error missing-field spec.task.frameAttributes[0]']],
    ['a number without bounds', tracking({ categoryAttributes: [attribute('n', { type: 'number' })] }), ['error attribute-type spec.task.categoryAttributes[0]']],
    ['bounds the wrong way round', tracking({ categoryAttributes: [attribute('n', { minimum: 5, maximum: 1 })] }), ['error attribute-type spec.task.categoryAttributes[0].minimum']],
    ['choices for a number', tracking({ categoryAttributes: [attribute('n', { type: 'number', minimum: 1, maximum: 2, enum: ['1'] })] }), ['error attribute-type spec.task.categoryAttributes[0].enum']],
    ['a label attribute named like a global one', tracking({ labels: [{ label: 'Car', categoryAttributes: [attribute('size')] }], categoryAttributes: [attribute('size', { enum: ['s'] })] }), ['error duplicate-attribute spec.task.labels[0].categoryAttributes[0].name']],
    [
      'eleven attributes on a label with the global ones',
      tracking({ labels: [{ label: 'Car', categoryAttributes: [1, 2, 3].map((i) => attribute(`own${i}`, { enum: ['a'] })) }], categoryAttributes: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => attribute(`g${i}`, { enum: ['a'] })) }),
      ['error too-many-attributes spec.task.labels[0].categoryAttributes'],
    ],
    ['six free-text frame attributes', tracking({ frameAttributes: [1, 2, 3, 4, 5, 6].map((i) => attribute(`f${i}`, { description: 'd' })) }), ['error too-many-attributes spec.task.frameAttributes']],
  ])('%s', (_what, docs, expected) => {
    expect(check(frameLabelFileWithinQuotas, docs)).toEqual(expected);
  });
});

describe('the other frame rules', () => {
  it('an adjustment names the labels it adjusts, unless it is chained', () => {
    const adjust = (spec: Overrides['spec']) => [jobDoc({ name: 'adjust', spec: { labelAttributeName: 'adjusted-ref', ...task('video-object-tracking-adjustment'), ...spec } })];
    expect(check(adjustmentNamesAuditedLabels, adjust({}))).toEqual(['error missing-field spec.task']);
    expect(check(adjustmentNamesAuditedLabels, adjust({ task: { type: 'video-object-tracking-adjustment', labels: ['Car'], auditLabelAttributeName: 'cars-ref' } }))).toEqual([]);
    expect(check(adjustmentNamesAuditedLabels, adjust({ input: { fromPrefix: undefined, fromJob: 'odd-even' } }))).toEqual([]);
  });

  it('refuses the public crowd for video frame and point cloud jobs, not for video classification', () => {
    const publicJob = (type: string) => job({ workforce: 'public', team: undefined, labelAttributeName: 'x', workers: { pricePerTask: 0.036 }, ...task(type, { labels: ['Car', 'Bus'] }) });
    expect(check(frameJobsNotPublic, publicJob('point-cloud-object-detection'))).toEqual(['error workforce-unsupported spec.workforce']);
    expect(check(frameJobsNotPublic, publicJob('video-classification'))).toEqual([]);
  });

  it('builds video sequences from a prefix, not point cloud manifests', () => {
    expect(check(frameInputSupported, tracking())).toEqual([]);
    expect(check(frameInputSupported, job(task('point-cloud-object-detection')))).toEqual(['error input-unsupported spec.input.fromPrefix']);
  });

  it('keeps instructions within the label file\'s quotas, blaming the one written', () => {
    expect(check(frameInstructionsWithinQuotas, tracking({ instructions: { short: 'Box each car.', full: 'Boxes.' } }))).toEqual([]);
    expect(check(frameInstructionsWithinQuotas, tracking({ instructions: { full: 'x'.repeat(300) } }))).toEqual(['error instructions-too-long spec.task.instructions.full']);
    expect(check(frameInstructionsWithinQuotas, tracking({ instructions: { short: 'x'.repeat(255), full: 'y'.repeat(2048) } }))).toEqual([
      'error instructions-too-long spec.task.instructions.short',
      'error instructions-too-long spec.task.instructions.full',
    ]);
    expect(check(frameInstructionsWithinQuotas, job(task('bounding-box', { instructions: { short: 'x'.repeat(300) } })))).toEqual([]);
  });

  it('does not stream video frame or point cloud jobs', () => {
    const stream = { input: { fromPrefix: undefined, stream: { snsTopicArn: 'arn:aws:sns:us-east-1:000000000000:frames' } } };
    expect(check(frameInputSupported, job({ ...stream, ...task('video-object-tracking') }))).toEqual(['error input-unsupported spec.input.stream']);
  });

  it('a chained adjustment takes its source job\'s label attribute as the audited one', () => {
    const source = jobDoc({ name: 'track', spec: { labelAttributeName: 'tracks-ref', ...task('video-object-tracking') } });
    const adjust = jobDoc({ name: 'adjust', spec: { input: { fromPrefix: undefined, fromJob: 'track' }, labelAttributeName: 'adjusted-ref', ...task('video-object-tracking-adjustment') } });
    const result = load([teamDoc(), source, adjust]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.desired!.jobs.find((j) => j.name === 'adjust')!.task.frames!.auditLabelAttributeName).toBe('tracks-ref');
  });
});
