// The S3 URI forms a labeling job accepts for its manifest, label file, template and output (BEHAVIOUR.md, "Labeling jobs").
import { describe, expect, it } from 'vitest';
import { parseS3Uri } from './job-inputs.js';

describe('parseS3Uri', () => {
  it.each([
    ['s3://bucket/Input/input.manifest', { bucket: 'bucket', key: 'Input/input.manifest' }],
    ['s3://bucket', { bucket: 'bucket', key: '' }],
    ['https://bucket.s3.amazonaws.com/a/b.json', { bucket: 'bucket', key: 'a/b.json' }],
    ['https://bucket.s3.eu-west-1.amazonaws.com/a/b.json', { bucket: 'bucket', key: 'a/b.json' }],
    ['https://bucket.s3-eu-west-1.amazonaws.com/a', { bucket: 'bucket', key: 'a' }],
    ['https://s3.eu-west-1.amazonaws.com/bucket/a/b', { bucket: 'bucket', key: 'a/b' }],
    ['https://example.com/a', undefined],
  ])('%s', (uri, expected) => {
    expect(parseS3Uri(uri)).toEqual(expected);
  });
});
