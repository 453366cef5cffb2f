import { describe, expect, it } from 'vitest';
import { labelCategoryFile } from './label-file.js';
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
