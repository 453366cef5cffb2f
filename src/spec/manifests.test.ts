import { describe, expect, it } from 'vitest';
import { bucketDoc, jobDoc, teamDoc, load, specTree } from '../../test/helpers/specs.js';
import type { LabelingJob } from '../core/model.js';
import { isManifestKey, lintManifest } from './manifests.js';

/** `line severity code` of every problem lintManifest reports for `lines`, for a job of `type` when given. */
function lint(lines: string[], type?: string): string[] {
  const out: string[] = [];
  const job = type ? jobOf(type) : undefined;
  lintManifest(lines.map((l) => `${l}\n`).join(''), job, (line, code, _message, _hint, severity = 'error') => out.push(`${line} ${severity} ${code}`));
  return out;
}

function jobOf(type: string): LabelingJob {
  const labels = type === 'custom' ? undefined : ['a', 'b'];
  const custom = type === 'custom' ? { template: 't.html', preAnnotationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:p', consolidationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:c' } : {};
  const { tree } = specTree([jobDoc({ spec: { task: { type, labels, ...custom } } })], { files: { 't.html': '<crowd-form/>' } });
  return tree.jobs[0]!.value;
}

const TEXT = '{"source": "42"}';
const IMAGE = '{"source-ref": "s3://gtctl-data/1.jpg"}';

describe('isManifestKey', () => {
  it.each([
    ['input.manifest', true],
    ['data/Input.JSONL', true],
    ['manifest.json', false],
    ['input.manifest.txt', false],
  ])('%s: %s', (key, expected) => {
    expect(isManifestKey(key)).toBe(expected);
  });
});

describe('lintManifest', () => {
  it('accepts one JSON object per line, with \\n or \\r\\n and other keys kept', () => {
    expect(lint([TEXT, '{"source": "19", "id": 2}'])).toEqual([]);
    const out: string[] = [];
    lintManifest(`${TEXT}\r\n${TEXT}\r\n`, undefined, (line, code) => out.push(`${line} ${code}`));
    expect(out).toEqual([]);
  });

  it('reports lines that are not one JSON object', () => {
    expect(lint([TEXT, '{"source": "19"', '[1, 2]', '"text"', '', TEXT])).toEqual(['2 error manifest-json', '3 error manifest-json', '4 error manifest-json', '5 error manifest-json']);
  });

  it('requires exactly one of source and source-ref', () => {
    expect(lint(['{"source": "a", "source-ref": "s3://b-1/k"}', '{"id": 1}'])).toEqual(['1 error manifest-source', '2 error manifest-source']);
  });

  it('requires source-ref to be an S3 object URI', () => {
    expect(lint(['{"source-ref": "images/1.jpg"}', '{"source-ref": "s3://bucket-only"}', IMAGE])).toEqual(['1 error manifest-source', '2 error manifest-source']);
  });

  it('warns about an S3 URI in source: workers would see the URI', () => {
    expect(lint(['{"source": "s3://gtctl-data/input/1.txt"}'])).toEqual(['1 warning manifest-source-uri']);
  });

  it('rejects attribute names starting with $', () => {
    expect(lint(['{"source": "a", "$id": 1}'])).toEqual(['1 error manifest-attribute']);
  });

  it('limits values to 20,000 characters and objects to 100,000', () => {
    expect(lint([JSON.stringify({ source: 'x'.repeat(20_000) })])).toEqual([]);
    expect(lint([JSON.stringify({ source: 'x'.repeat(20_001) })])).toEqual(['1 error manifest-size']);
    expect(lint([JSON.stringify({ source: 'x', meta: { deep: 'y'.repeat(20_000) } })])).toEqual(['1 error manifest-size']);
    const big = JSON.stringify(Object.fromEntries([['source', 'x'], ...Array.from({ length: 6 }, (_, i) => [`a${i}`, 'y'.repeat(19_000)])]));
    expect(lint([big])).toEqual(['1 error manifest-size']);
  });

  it('reports an empty manifest', () => {
    expect(lint([])).toEqual(['1 error manifest-size']);
  });

  it('limits the objects of a job: 20,000 for semantic segmentation', () => {
    const lines = Array<string>(20_001).fill(IMAGE);
    expect(lint(lines, 'semantic-segmentation')).toEqual(['20001 error manifest-size']);
    expect(lint(lines.slice(1), 'semantic-segmentation')).toEqual([]);
  });

  it('checks the key the job\'s task type reads', () => {
    expect(lint([TEXT, IMAGE], 'text-classification')).toEqual(['2 error manifest-wrong-key']);
    expect(lint([TEXT, IMAGE], 'image-classification')).toEqual(['1 error manifest-wrong-key']);
    expect(lint([TEXT, IMAGE], 'custom')).toEqual([]);
    expect(lint([TEXT, IMAGE])).toEqual([]);
  });

  it('shows the first 20 problems and counts the rest', () => {
    const out = lint(Array<string>(25).fill('not json'));
    expect(out).toHaveLength(21);
    expect(out.slice(19)).toEqual(['20 error manifest-json', '25 error manifest-json']);
  });
});

describe('lintManifests (through the loader)', () => {
  const manifestJob = (uri = 's3://gtctl-data/input.manifest') => jobDoc({ spec: { input: { fromPrefix: undefined, manifest: uri } } });

  it('reports the lines of a manifest file in that file, relative to the spec that names it', () => {
    const bucket = bucketDoc({ spec: { objects: [{ key: 'input.manifest', file: 'data/input.manifest' }] } });
    const result = load({ 'bucket.yaml': [bucket], 'team.yaml': [teamDoc()], 'job.yaml': [manifestJob()] }, { files: { 'data/input.manifest': `${TEXT}\n${IMAGE}\n` } });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual(['specs/data/input.manifest:2:1 manifest-wrong-key']);
  });

  it('points at the line inside a literal block, and says the manifest line', () => {
    const text = [
      'apiVersion: gtctl/v1',
      'kind: Bucket',
      'metadata: { name: gtctl-data }',
      'spec:',
      '  objects:',
      '    - key: input.jsonl',
      '      content: |',
      `        ${TEXT}`,
      '        {"source": "a", "$x": 1}',
      '',
    ].join('\n');
    const [d, ...rest] = load({ 'bucket.yaml': text }).diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'specs/bucket.yaml', line: 9, column: 9, code: 'manifest-attribute', path: 'spec.objects[0].content' });
    expect(d!.message).toBe('manifest line 2: attribute "$x" starts with "$"');
  });

  it('points at the value of a quoted manifest, whose lines are not the file\'s', () => {
    const text = ['apiVersion: gtctl/v1', 'kind: Bucket', 'metadata: { name: gtctl-data }', 'spec:', '  objects:', `    - { key: input.jsonl, content: ${JSON.stringify(`${TEXT}\n{}`)} }`, ''].join('\n');
    expect(load({ 'bucket.yaml': text }).diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      '6:36 manifest-source manifest line 2: has neither "source" nor "source-ref"',
    ]);
  });

  it('lints only manifest keys, and checks the task type only for the job that uses the manifest', () => {
    const objects = [
      { key: 'notes.json', content: 'not a manifest' },
      { key: 'other.manifest', content: IMAGE },
    ];
    expect(load([bucketDoc({ spec: { objects } }), teamDoc(), manifestJob()]).diagnostics).toEqual([]);
  });

  it('checks the sequence files a video frame manifest names, where the specs keep them', () => {
    const sequence = (frames: number) => JSON.stringify({ 'seq-no': 1, prefix: 's3://gtctl-data/clips/a/', 'number-of-frames': frames, frames: [{ 'frame-no': 1, frame: '1.jpg' }] });
    const objects = [
      { key: 'clips.manifest', content: '{"source-ref": "s3://gtctl-data/clips/a.json"}\n{"source-ref": "s3://gtctl-data/clips/b.mp4"}\n' },
      { key: 'clips/a.json', content: sequence(2) },
    ];
    const job = jobDoc({ spec: { input: { fromPrefix: undefined, manifest: 's3://gtctl-data/clips.manifest' }, labelAttributeName: 'cars-ref', task: { type: 'video-object-tracking', labels: ['Car'] } } });
    const result = load([bucketDoc({ spec: { objects } }), teamDoc(), job]);
    expect(result.diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`)).toEqual([
      'manifest-sequence spec.objects[0].content manifest line 2: "source-ref" names b.mp4, not a sequence file: this task type labels sequences of frames',
      'sequence-file spec.objects[1] sequence file clips/a.json: "number-of-frames" is 2 but "frames" lists 1',
    ]);
    expect(load([bucketDoc({ spec: { objects: [objects[0]!, { key: 'clips/a.json', content: sequence(1) }] } }), teamDoc(), job]).diagnostics.map((d) => d.code)).toEqual(['manifest-sequence']);
  });
});
