import { describe, expect, it } from 'vitest';
import { labelCategoryFile, readLabelFile } from './label-file.js';
import { aJob, aJobOfType } from './test-support.js';

describe('labelCategoryFile', () => {
  it('lists the labels in the spec order, in a stable layout', () => {
    expect(labelCategoryFile(aJob())).toBe(
      ['{', '  "document-version": "2018-11-28",', '  "labels": [', '    {', '      "label": "Odd Number"', '    },', '    {', '      "label": "Even Number"', '    }', '  ]', '}', ''].join('\n'),
    );
  });

  it.each(['text-classification', 'image-classification', 'bounding-box', 'semantic-segmentation', 'bounding-box-verification'] as const)(
    '%s: labels only, no instructions',
    (type) => {
      expect(JSON.parse(labelCategoryFile(aJobOfType(type))!)).toEqual({ 'document-version': '2018-11-28', labels: [{ label: 'Odd Number' }, { label: 'Even Number' }] });
    },
  );

  it('named entity recognition carries the short and full instructions (with the examples) for its built-in UI', () => {
    const job = aJobOfType('named-entity-recognition', {
      labels: ['Person', 'Place'],
      instructions: { short: 'Mark <b>names</b>.', full: '<p>People and places.</p>', examples: { good: ['"Paris" as Place'], bad: [] } },
    });
    expect(JSON.parse(labelCategoryFile(job)!)).toEqual({
      'document-version': '2018-11-28',
      labels: [{ label: 'Person' }, { label: 'Place' }],
      instructions: {
        shortInstruction: 'Mark <b>names</b>.',
        fullInstruction: '<p>People and places.</p>\n<h3>Good example</h3>\n<ul>\n<li>"Paris" as Place</li>\n</ul>',
      },
    });
  });

  it('named entity recognition: one instruction stands in for a missing other', () => {
    const onlyShort = aJobOfType('named-entity-recognition', { instructions: { short: 'Mark names.', examples: { good: [], bad: [] } } });
    expect(JSON.parse(labelCategoryFile(onlyShort)!).instructions).toEqual({ shortInstruction: 'Mark names.', fullInstruction: 'Mark names.' });
  });

  it('is undefined when the job has no labels', () => {
    expect(labelCategoryFile(aJobOfType('custom', { labels: [] }))).toBeUndefined();
  });

  it('is stable: the same job gives the same bytes', () => {
    expect(labelCategoryFile(aJob())).toBe(labelCategoryFile(aJob()));
  });
});

describe('labelCategoryFile: video frame and 3D point cloud types', () => {
  const tracking = aJobOfType('video-object-tracking', {
    labels: ['Car', 'Person'],
    instructions: { short: 'Draw a box around each car.', examples: { good: [], bad: [] } },
    frames: {
      annotationType: 'polygon',
      frameAttributes: [{ name: 'weather', type: 'string', description: 'What is the weather?', enum: ['sun', 'rain'], required: true }],
      categoryAttributes: [{ name: 'size', type: 'number', minimum: 1, maximum: 5, required: false }],
      labels: { Person: { categoryAttributes: [{ name: 'pose', type: 'string', required: false }], editsAllowed: 'none' } },
    },
  });

  it('writes the 2020-03-01 format with attributes, the annotation type and the instructions', () => {
    expect(JSON.parse(labelCategoryFile(tracking)!)).toEqual({
      documentVersion: '2020-03-01',
      frameAttributes: [{ name: 'weather', type: 'string', description: 'What is the weather?', enum: ['sun', 'rain'], isRequired: true }],
      categoryGlobalAttributes: [{ name: 'size', type: 'number', minimum: 1, maximum: 5 }],
      labels: [{ label: 'Car' }, { label: 'Person', categoryAttributes: [{ name: 'pose', type: 'string' }], editsAllowed: 'none' }],
      annotationType: 'Polygon',
      instructions: { shortInstruction: 'Draw a box around each car.', fullInstruction: 'Draw a box around each car.' },
    });
  });

  it('names the audited label attribute of an adjustment', () => {
    const adjust = aJobOfType('point-cloud-object-tracking-adjustment', { labels: ['Car'], frames: { frameAttributes: [], categoryAttributes: [], labels: {}, auditLabelAttributeName: 'tracks-ref' } });
    expect(JSON.parse(labelCategoryFile(adjust)!)).toEqual({ documentVersion: '2020-03-01', labels: [{ label: 'Car' }], instructions: expect.any(Object), auditLabelAttributeName: 'tracks-ref' });
  });

  it('reads back what it writes (import)', () => {
    const read = readLabelFile(labelCategoryFile(tracking));
    expect(read).toEqual({ labels: ['Car', 'Person'], instructions: { short: 'Draw a box around each car.', full: 'Draw a box around each car.' }, frames: tracking.task.frames });
  });

  it('reads a classic file without frame settings, and nothing from what is not JSON', () => {
    expect(readLabelFile(labelCategoryFile(aJob()))).toEqual({ labels: ['Odd Number', 'Even Number'], instructions: {} });
    expect(readLabelFile('{')).toBeUndefined();
  });
});
