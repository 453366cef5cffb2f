import { describe, expect, it } from 'vitest';
import { sequenceProblems, videoSequences } from './sequences.js';

describe('videoSequences', () => {
  it('makes one sequence per folder of frame images, frames in key order numbered from 1', () => {
    const keys = ['clips/a/0001.jpg', 'clips/a/0002.JPG', 'clips/a/notes.txt', 'clips/b/f1.png', 'clips/top.jpeg'];
    expect(videoSequences('data', keys)).toEqual([
      { 'seq-no': 1, prefix: 's3://data/clips/a/', 'number-of-frames': 2, frames: [{ 'frame-no': 1, frame: '0001.jpg' }, { 'frame-no': 2, frame: '0002.JPG' }] },
      { 'seq-no': 2, prefix: 's3://data/clips/b/', 'number-of-frames': 1, frames: [{ 'frame-no': 1, frame: 'f1.png' }] },
      { 'seq-no': 3, prefix: 's3://data/clips/', 'number-of-frames': 1, frames: [{ 'frame-no': 1, frame: 'top.jpeg' }] },
    ]);
  });

  it('has no sequences without frame images', () => {
    expect(videoSequences('data', ['clips/readme.md'])).toEqual([]);
  });

  it('writes sequence files its own check accepts', () => {
    for (const sequence of videoSequences('data', ['v/1.jpg', 'v/2.jpg'])) expect(sequenceProblems(JSON.stringify(sequence), 'video-sequence')).toEqual([]);
  });
});

describe('sequenceProblems', () => {
  const video = { 'seq-no': 1, prefix: 's3://data/v/', 'number-of-frames': 1, frames: [{ 'frame-no': 1, frame: '1.jpg' }] };

  it.each<[string, unknown, string[]]>([
    ['a good video sequence', video, []],
    ['a count that does not match', { ...video, 'number-of-frames': 2 }, ['"number-of-frames" is 2 but "frames" lists 1']],
    ['a prefix without its slash', { ...video, prefix: 's3://data/v' }, ['"prefix" must be the S3 folder of the frames, s3://bucket/folder/ (ending in /)']],
    ['a frame without its file', { ...video, frames: [{ 'frame-no': 1 }] }, ['frame 1 needs "frame", the file name under "prefix"']],
    ['no frames', { ...video, frames: [] }, ['"frames" must list the frames']],
    ['not an object', [1], ['not a JSON object']],
  ])('%s', (_what, file, expected) => {
    expect(sequenceProblems(JSON.stringify(file), 'video-sequence')).toEqual(expected);
  });

  it('holds point cloud frames to a capture time and a known format', () => {
    const cloud = { ...video, frames: [{ frame: 'f.bin', 'unix-timestamp': 1566861644.75 }, { frame: 'g.bin', format: 'binary/xyzq' }], 'number-of-frames': 2 };
    expect(sequenceProblems(JSON.stringify(cloud), 'point-cloud-sequence')).toEqual([
      'frame 2 needs "unix-timestamp", the capture time in seconds since 1970',
      expect.stringContaining('frame 2: "format" "binary/xyzq" is not one of binary/xyz'),
    ]);
  });

  it('reports text that is not JSON', () => {
    expect(sequenceProblems('{', 'video-sequence')[0]).toMatch(/^not valid JSON/);
  });
});
