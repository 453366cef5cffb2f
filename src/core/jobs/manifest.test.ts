import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildManifest, contentAddressedUri, SOURCE_URI_ATTRIBUTE } from './manifest.js';
import { aJob, aJobOfType, BUCKET } from './test-support.js';

const lines = (manifest: string) => manifest.split('\n').slice(0, -1).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('buildManifest', () => {
  it('text tasks: the text of each object becomes source, its URI kept beside it, in key order', () => {
    const manifest = buildManifest(aJob(), BUCKET, [
      { key: 'Input/3.txt', text: '21' },
      { key: 'Input/1.txt', text: '42' },
      { key: 'Input/2.txt', text: '19' },
    ]);
    expect(manifest).toBe(
      [
        `{"source":"42","${SOURCE_URI_ATTRIBUTE}":"s3://${BUCKET}/Input/1.txt"}`,
        `{"source":"19","${SOURCE_URI_ATTRIBUTE}":"s3://${BUCKET}/Input/2.txt"}`,
        `{"source":"21","${SOURCE_URI_ATTRIBUTE}":"s3://${BUCKET}/Input/3.txt"}`,
        '',
      ].join('\n'),
    );
  });

  it('text tasks: keeps the text exactly, line breaks and all, one JSON line per object', () => {
    const text = 'line one\r\nline "two"\n\tünïcode ✓\n';
    expect(lines(buildManifest(aJob(), BUCKET, [{ key: 'Input/a.txt', text }]))).toEqual([{ source: text, [SOURCE_URI_ATTRIBUTE]: `s3://${BUCKET}/Input/a.txt` }]);
  });

  it.each(['image-classification', 'bounding-box', 'semantic-segmentation', 'custom'] as const)('%s: source-ref per object', (type) => {
    const manifest = buildManifest(aJobOfType(type), BUCKET, [{ key: 'Input/b.png' }, { key: 'Input/a.jpg' }]);
    expect(manifest).toBe(`{"source-ref":"s3://${BUCKET}/Input/a.jpg"}\n{"source-ref":"s3://${BUCKET}/Input/b.png"}\n`);
  });

  it('skips folder keys, and text objects with no text to label', () => {
    const manifest = buildManifest(aJob(), BUCKET, [
      { key: 'Input/', text: '' },
      { key: 'Input/sub/', text: '' },
      { key: 'Input/empty.txt', text: '' },
      { key: 'Input/blank.txt', text: ' \n' },
      { key: 'Input/1.txt', text: '42' },
    ]);
    expect(lines(manifest).map((l) => l[SOURCE_URI_ATTRIBUTE])).toEqual([`s3://${BUCKET}/Input/1.txt`]);
    expect(buildManifest(aJobOfType('image-classification'), BUCKET, [{ key: 'Input/' }, { key: 'Input/1.jpg' }])).toBe(`{"source-ref":"s3://${BUCKET}/Input/1.jpg"}\n`);
  });

  it('writes a text object whose text could not be read without source, so that the check reports it', () => {
    expect(lines(buildManifest(aJob(), BUCKET, [{ key: 'Input/gone.txt' }]))).toEqual([{ [SOURCE_URI_ATTRIBUTE]: `s3://${BUCKET}/Input/gone.txt` }]);
  });

  it("leaves out what jobs write: the job's output folder, gtctl's files, and an output location inside the input prefix", () => {
    const keys = ['data/1.jpg', 'data/out/gtctl/j/manifest-0123.manifest', 'data/out/other-job/manifests/output/output.manifest', 'data/z.jpg'];
    const inside = aJobOfType('image-classification', {});
    const job = { ...inside, name: 'j', input: { fromPrefix: `s3://${BUCKET}/data/` }, output: `s3://${BUCKET}/data/out` };
    expect(lines(buildManifest(job, BUCKET, keys.map((key) => ({ key })))).map((l) => l['source-ref'])).toEqual([`s3://${BUCKET}/data/1.jpg`, `s3://${BUCKET}/data/z.jpg`]);

    // Output at the bucket's root, above the input prefix: only the job's folder and gtctl's are left out.
    const root = { ...job, input: { fromPrefix: `s3://${BUCKET}/` }, output: `s3://${BUCKET}/` };
    const rootKeys = ['1.jpg', 'gtctl/j/template-0123.liquid.html', 'j/manifests/output/output.manifest', 'jpegs/2.jpg'];
    expect(lines(buildManifest(root, BUCKET, rootKeys.map((key) => ({ key })))).map((l) => l['source-ref'])).toEqual([`s3://${BUCKET}/1.jpg`, `s3://${BUCKET}/jpegs/2.jpg`]);

    // Another bucket's keys are not the output's.
    expect(lines(buildManifest(job, 'other-bucket', [{ key: 'data/out/gtctl/x.jpg' }]))).toHaveLength(1);
  });

  it('is empty when there is nothing to label', () => {
    expect(buildManifest(aJob(), BUCKET, [])).toBe('');
  });
});

describe('contentAddressedUri', () => {
  const hash = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 16);

  it.each([
    { kind: 'template', ext: 'liquid.html' },
    { kind: 'labels', ext: 'json' },
    { kind: 'manifest', ext: 'manifest' },
  ] as const)('$kind: <output>gtctl/<job>/$kind-<sha256 prefix>.$ext', ({ kind, ext }) => {
    expect(contentAddressedUri(aJob(), kind, 'body')).toBe(`s3://${BUCKET}/Output/gtctl/text-analysis-job-creation/${kind}-${hash('body')}.${ext}`);
  });

  it('is stable for the same content and changes with it', () => {
    const uri = contentAddressedUri(aJob(), 'manifest', '{"source":"42"}\n');
    expect(contentAddressedUri(aJob(), 'manifest', '{"source":"42"}\n')).toBe(uri);
    expect(contentAddressedUri(aJob(), 'manifest', '{"source":"43"}\n')).not.toBe(uri);
    expect(uri).toMatch(/manifest-[0-9a-f]{16}\.manifest$/);
  });

  it('adds the slash an output location without one lacks', () => {
    expect(contentAddressedUri(aJob({ output: `s3://${BUCKET}/Output` }), 'labels', 'x')).toBe(`s3://${BUCKET}/Output/gtctl/text-analysis-job-creation/labels-${hash('x')}.json`);
    expect(contentAddressedUri(aJob({ output: `s3://${BUCKET}` }), 'labels', 'x')).toBe(`s3://${BUCKET}/gtctl/text-analysis-job-creation/labels-${hash('x')}.json`);
  });
});
