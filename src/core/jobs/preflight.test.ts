import { describe, expect, it } from 'vitest';
import type { CorsRule } from '../model.js';
import { SOURCE_URI_ATTRIBUTE } from './manifest.js';
import { aBucket, anObject } from '../test-support.js';
import { allowsLabelingPortal, imageBucketsOf, MAX_LINE_REASONS, preflight, type PreflightContext } from './preflight.js';
import { aJob, aJobOfType, BUCKET } from './test-support.js';

const GROUND_TRUTH: CorsRule = { allowedMethods: ['GET'], allowedOrigins: ['*'], allowedHeaders: [], exposeHeaders: ['Access-Control-Allow-Origin'] };
const rule = (allowedMethods: string[], allowedOrigins: string[]): CorsRule => ({ allowedMethods, allowedOrigins, allowedHeaders: [], exposeHeaders: [] });
/** Every bucket has the Ground Truth rule unless `cors` says otherwise (undefined: unknown). */
const context = (cors: Record<string, readonly CorsRule[] | undefined> = {}, texts: Record<string, string> = {}): PreflightContext => ({
  corsOf: (bucket) => (bucket in cors ? cors[bucket] : [GROUND_TRUTH]),
  textOf: (uri) => texts[uri],
});
const jsonl = (...objects: unknown[]) => objects.map((o) => `${typeof o === 'string' ? o : JSON.stringify(o)}\n`).join('');
const text = (source: string, n = 1) => ({ source, [SOURCE_URI_ATTRIBUTE]: `s3://${BUCKET}/Input/${n}.txt` });
const image = (uri: string) => ({ 'source-ref': uri });
const MANIFEST_URI = `s3://${BUCKET}/input.manifest`;
const fromManifest = aJob({ input: { manifest: MANIFEST_URI } });

describe('preflight', () => {
  it('passes a good text manifest and a good image manifest', () => {
    expect(preflight(aJob(), jsonl(text('42', 1), text('19', 2)), context())).toEqual([]);
    expect(preflight(aJobOfType('image-classification'), jsonl(image(`s3://${BUCKET}/1.jpg`)), context())).toEqual([]);
  });

  it('a manifest that does not exist', () => {
    expect(preflight(fromManifest, undefined, context())).toEqual([
      `the input manifest ${MANIFEST_URI} does not exist: upload it (or keep it in git as an object of its Bucket), or let gtctl build it with input.fromPrefix`,
    ]);
    expect(preflight(aJob(), undefined, context())[0]).toMatch(/^the input prefix s3:\/\/.*\/Input\/ could not be listed/);
  });

  it('lines that are not JSON objects', () => {
    expect(preflight(fromManifest, jsonl('{"source": "42"', '[1]', text('19')), context())).toEqual([
      expect.stringMatching(/^input manifest line 1: not valid JSON \(.*\)\. Each line must be one complete JSON object, with no line breaks inside it\.$/),
      'input manifest line 2: not a JSON object. Each line must be a JSON object such as {"source": "..."}.',
    ]);
  });

  it('no objects: in a manifest, or under a prefix', () => {
    expect(preflight(fromManifest, '', context())).toEqual(['input manifest: the manifest has no objects. Add one JSON object per line.']);
    expect(preflight(aJob(), '', context())).toEqual([
      `the input prefix s3://${BUCKET}/Input/ holds no data objects (folder markers, and text files with no text, do not count): upload the data, or correct input.fromPrefix`,
    ]);
  });

  it('more than 100,000 objects, or 20,000 for semantic segmentation', () => {
    const images = (n: number) => jsonl(...Array.from({ length: n }, (_, i) => image(`s3://${BUCKET}/${i}.png`)));
    expect(preflight(aJobOfType('image-classification'), images(100_001), context())).toEqual([
      'input manifest: the manifest has 100001 objects; a job takes at most 100000. Split the data across several jobs.',
    ]);
    expect(preflight(aJobOfType('image-classification'), images(100_000), context())).toEqual([]);
    expect(preflight(aJobOfType('semantic-segmentation'), images(20_001), context())).toEqual([
      'input manifest: the manifest has 20001 objects; a job takes at most 20000. Split the data across several jobs.',
    ]);
  });

  it('the key the task type needs, naming the object when the line says which', () => {
    expect(preflight(aJob(), jsonl(image(`s3://${BUCKET}/1.txt`)), context())).toEqual([
      `input manifest line 1 (s3://${BUCKET}/1.txt): uses "source-ref" but the job's task type needs "source". Text tasks take the text inline in "source".`,
    ]);
    expect(preflight(aJobOfType('bounding-box'), jsonl({ source: 'a cat' }), context())).toEqual([
      'input manifest line 1: uses "source" but the job\'s task type needs "source-ref". Image tasks take the S3 URI of the image in "source-ref".',
    ]);
    expect(preflight(aJob(), jsonl({ source: 'a', 'source-ref': `s3://${BUCKET}/a` }), context())).toEqual([
      `input manifest line 1 (s3://${BUCKET}/a): has both "source" and "source-ref". Give exactly one: "source" for inline text, "source-ref" for the S3 URI of a file such as an image.`,
    ]);
  });

  it('an S3 URI in a text task\'s source is an error here (only a warning in the spec lint)', () => {
    expect(preflight(fromManifest, jsonl({ source: `s3://${BUCKET}/Input/1.txt` }), context())).toEqual([
      `input manifest line 1: "source" holds an S3 URI (s3://${BUCKET}/Input/1.txt); workers would be shown the URI, not the file's text. Put the text itself in "source", use "source-ref" for files, or let gtctl build the manifest with input.fromPrefix.`,
    ]);
    // A custom task's own template and Lambda decide what source means.
    expect(preflight(aJobOfType('custom'), jsonl({ source: `s3://${BUCKET}/Input/1.txt` }), context())).toEqual([]);
  });

  it('a text object gtctl could not read', () => {
    expect(preflight(aJob(), jsonl({ [SOURCE_URI_ATTRIBUTE]: `s3://${BUCKET}/Input/gone.txt` }), context())).toEqual([
      `input manifest line 1 (s3://${BUCKET}/Input/gone.txt): gtctl could not read the text of this object. Check that the object still exists and is readable, then plan again.`,
    ]);
  });

  it(`shows the first ${MAX_LINE_REASONS} line problems and counts the rest`, () => {
    const reasons = preflight(fromManifest, jsonl(...Array<string>(12).fill('nope')), context());
    expect(reasons).toHaveLength(MAX_LINE_REASONS + 1);
    expect(reasons.slice(0, MAX_LINE_REASONS).map((r) => r.slice(0, 21))).toEqual(['input manifest line 1', 'input manifest line 2', 'input manifest line 3', 'input manifest line 4', 'input manifest line 5']);
    expect(reasons.at(-1)).toBe('and 7 more problems in the input manifest: fix the ones above first, they often share a cause');
  });

  describe('CORS of the buckets holding an image task\'s objects', () => {
    const job = aJobOfType('image-classification');
    const manifest = jsonl(image('s3://photos-b/1.jpg'), image('s3://photos-a/2.jpg'), image('s3://photos-b/3.jpg'));

    it('each bucket once, in name order, when it has no rule letting the portal GET', () => {
      expect(preflight(job, manifest, context({ 'photos-a': [], 'photos-b': [rule(['PUT'], ['*'])] }))).toEqual([
        'bucket photos-a holds images of this job but no CORS rule lets the labeling portal GET them, so the tasks would fail: give the bucket `cors: ground-truth` (GET from origin *)',
        'bucket photos-b holds images of this job but no CORS rule lets the labeling portal GET them, so the tasks would fail: give the bucket `cors: ground-truth` (GET from origin *)',
      ]);
    });

    it('unknown CORS (not declared, not readable) blocks too', () => {
      expect(preflight(job, manifest, context({ 'photos-a': undefined }))).toEqual([
        'bucket photos-a holds images of this job, but its CORS configuration is unknown (the specs do not declare it and it could not be read): declare the bucket with `cors: ground-truth`, or let gtctl read it (s3:GetBucketCors); without that rule the tasks fail',
      ]);
    });

    it('is not checked for text tasks, nor custom tasks', () => {
      const noCors = context({ [BUCKET]: [] });
      expect(preflight(aJob(), jsonl(text('42')), noCors)).toEqual([]);
      expect(preflight(aJobOfType('custom'), jsonl(image(`s3://${BUCKET}/1.jpg`)), noCors)).toEqual([]);
    });

    it('malformed source-ref values are reported as such, not as buckets', () => {
      expect(preflight(job, jsonl(image('photos/1.jpg')), context({}))).toEqual([
        'input manifest line 1 (photos/1.jpg): "source-ref" is not an S3 object URI: "photos/1.jpg". Write it as s3://bucket/key.',
      ]);
    });
  });
});

describe('imageBucketsOf: the buckets whose CORS the pre-flight of a job needs, as far as the specs tell', () => {
  const images = aJobOfType('image-classification');
  const kept = aBucket(BUCKET, { objects: [anObject('cats.manifest', jsonl(image('s3://photos-b/1.jpg'), image('s3://photos-a/2.jpg'), image('s3://photos-b/3.jpg')))] });

  it("an image job's fromPrefix bucket, or the source-ref buckets of a manifest the specs keep", () => {
    expect(imageBucketsOf(images, [])).toEqual([BUCKET]);
    expect(imageBucketsOf({ ...images, input: { manifest: `s3://${BUCKET}/cats.manifest` } }, [kept])).toEqual(['photos-a', 'photos-b']);
  });

  it('none for a manifest read from S3 (the live read finds its buckets), nor for text and custom tasks', () => {
    expect(imageBucketsOf({ ...images, input: { manifest: `s3://${BUCKET}/elsewhere.manifest` } }, [kept])).toEqual([]);
    expect(imageBucketsOf(aJob(), [])).toEqual([]);
    expect(imageBucketsOf(aJobOfType('custom'), [])).toEqual([]);
  });
});

describe('allowsLabelingPortal', () => {
  it.each([
    { methods: ['GET'], origins: ['*'], allows: true },
    { methods: ['get', 'HEAD'], origins: ['https://example.com', '*'], allows: true },
    { methods: ['GET'], origins: ['https://*.labeling.us-east-1.sagemaker.aws'], allows: true },
    { methods: ['GET'], origins: ['https://*.sagemaker.aws'], allows: true },
    { methods: ['GET'], origins: ['https://example.com'], allows: false },
    { methods: ['PUT', 'POST'], origins: ['*'], allows: false },
    { methods: ['GET'], origins: [], allows: false },
  ])('$methods from $origins: $allows', ({ methods, origins, allows }) => {
    expect(allowsLabelingPortal(rule(methods, origins))).toBe(allows);
  });
});

describe('preflight: video frame and 3D point cloud jobs', () => {
  const VIDEO: CorsRule = { allowedMethods: ['GET', 'HEAD', 'PUT'], allowedOrigins: ['*'], allowedHeaders: ['*'], exposeHeaders: ['Access-Control-Allow-Origin'], maxAgeSeconds: 3000 };
  const SEQUENCE = `s3://${BUCKET}/clips/seq1.json`;
  const tracking = aJobOfType('video-object-tracking', { labels: ['Car'] });
  const fromSequences = { ...tracking, input: { manifest: `s3://${BUCKET}/clips.manifest` } };
  const videoCors = (buckets: string[]) => Object.fromEntries(buckets.map((b) => [b, [VIDEO]]));
  const good = JSON.stringify({ 'seq-no': 1, prefix: `s3://${BUCKET}/clips/a/`, 'number-of-frames': 1, frames: [{ 'frame-no': 1, frame: '1.jpg' }] });

  it('passes sequence files in buckets with the ground-truth-video rule', () => {
    expect(preflight(fromSequences, jsonl(image(SEQUENCE)), context(videoCors([BUCKET]), { [SEQUENCE]: good }))).toEqual([]);
  });

  it('the ground-truth image rule is not enough: the tool also HEADs and PUTs, with any header', () => {
    expect(preflight(fromSequences, jsonl(image(SEQUENCE)), context())).toEqual([
      expect.stringMatching(new RegExp(`^bucket ${BUCKET} is read and written by the video-object-tracking tool .* no CORS rule allows GET, HEAD and PUT .*\`cors: ground-truth-video\`$`)),
    ]);
    expect(preflight(fromSequences, jsonl(image(SEQUENCE)), context({ [BUCKET]: undefined }))[0]).toMatch(/its CORS configuration is unknown/);
  });

  it('a line that is not a sequence file, and a sequence file gtctl can read that is wrong', () => {
    const reasons = preflight(fromSequences, jsonl(image(`s3://${BUCKET}/clip.mp4`), image(SEQUENCE)), context(videoCors([BUCKET]), { [SEQUENCE]: JSON.stringify({ ...JSON.parse(good), 'number-of-frames': 3 }) }));
    expect(reasons).toEqual([
      expect.stringMatching(/^input manifest line 1 \(s3:\/\/.*\/clip\.mp4\): "source-ref" names clip\.mp4, not a sequence file/),
      `sequence file ${SEQUENCE}: "number-of-frames" is 3 but "frames" lists 1`,
    ]);
  });

  it('point cloud frames need their metadata', () => {
    const detection = { ...aJobOfType('point-cloud-object-detection', { labels: ['Car'] }), input: { manifest: `s3://${BUCKET}/clouds.manifest` } };
    const cloud = (metadata?: unknown) => ({ 'source-ref': `s3://${BUCKET}/f1.bin`, ...(metadata ? { 'source-ref-metadata': metadata } : {}) });
    expect(preflight(detection, jsonl(cloud({ format: 'binary/xyzi', 'unix-timestamp': 1566861644.7 })), context(videoCors([BUCKET])))).toEqual([]);
    expect(preflight(detection, jsonl(cloud(), cloud({ format: 'binary/xyzi' })), context(videoCors([BUCKET])))).toEqual([
      expect.stringMatching(/^input manifest line 1 .*: a point cloud frame needs "source-ref-metadata"/),
      expect.stringMatching(/^input manifest line 2 .*: "source-ref-metadata" needs "unix-timestamp"/),
    ]);
  });

  it('judges the input and the output buckets', () => {
    const elsewhere = { ...tracking, output: 's3://results/out/' };
    expect(imageBucketsOf(elsewhere, [])).toEqual([BUCKET, 'results']);
  });
});
