import { describe, expect, it } from 'vitest';
import { consolidate } from '../../sandbox/sagemaker/consolidation.js';
import type { WorkerAnswer } from '../../sandbox/sagemaker/state.js';
import { jobTaskType } from '../../sandbox/sagemaker/task-types.js';
import { summarizeOutput } from './results.js';

const JOB = 'text-analysis-job-creation';
const ATTR = JOB;
const LABELS = ['Odd Number', 'Even Number'];
const OUTPUT = `s3://gtctl-data/Output/${JOB}/manifests/output/output.manifest`;

/** An output manifest line exactly as the sandbox writes it (output.ts), from the workers' answers. */
function sandboxLine(suffix: string, n: number, answers: Array<string | string[]>, labels = LABELS): string {
  const taskType = jobTaskType({ PreHumanTaskLambdaArn: `arn:aws:lambda:us-east-1:432418664414:function:PRE-${suffix}` });
  const workerAnswers: WorkerAnswer[] = answers.map((label, i) => ({ worker: `w${i}`, sub: `sub-${i}`, userPool: 'us-east-1_pool', label, answeredMs: 0 }));
  const { value, metadata } = consolidate(taskType, labels, workerAnswers, JOB, Date.UTC(2026, 0, 1));
  return JSON.stringify({ source: String(n), 'gtctl-source-ref': `s3://gtctl-data/Input/${n}.txt`, [ATTR]: value, [`${ATTR}-metadata`]: metadata });
}
const failedLine = (n: number, reason: string) => JSON.stringify({ source: String(n), [`${ATTR}-metadata`]: { 'failure-reason': reason } });
const unlabeledLine = (n: number) => JSON.stringify({ source: String(n) });
const manifest = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');

describe('summarizeOutput', () => {
  it('the seed job, one worker per object: the label distribution; disagreement not measured (confidence is 0)', () => {
    const text = manifest(sandboxLine('TextMultiClass', 1, ['Even Number']), sandboxLine('TextMultiClass', 2, ['Odd Number']), sandboxLine('TextMultiClass', 3, ['Odd Number']));
    expect(summarizeOutput(JOB, ATTR, text, 1, { output: OUTPUT })).toEqual({
      job: JOB,
      labelAttribute: ATTR,
      output: OUTPUT,
      workersPerObject: 1,
      total: 3,
      labeled: 3,
      failed: 0,
      unlabeled: 0,
      unreadable: 0,
      labels: [
        { label: 'Odd Number', objects: 2 },
        { label: 'Even Number', objects: 1 },
      ],
      failures: [],
    });
  });

  it('single label, three workers: objects with confidence below 1 are disagreement', () => {
    const text = manifest(
      sandboxLine('TextMultiClass', 1, ['Even Number', 'Even Number', 'Odd Number']),
      sandboxLine('TextMultiClass', 2, ['Odd Number', 'Odd Number', 'Odd Number']),
      sandboxLine('TextMultiClass', 3, ['Even Number', 'Even Number', 'Even Number']),
      sandboxLine('TextMultiClass', 4, ['Odd Number', 'Even Number', 'Odd Number']),
    );
    const summary = summarizeOutput(JOB, ATTR, text, 3);
    expect(summary.labels).toEqual([
      { label: 'Odd Number', objects: 2 },
      { label: 'Even Number', objects: 2 },
    ]);
    expect(summary.disagreement).toEqual({ objects: 2, outOf: 4 });
  });

  it('multi-label: an object counts once per label; any confidence-map value below 1 is disagreement', () => {
    const labels = ['Prime', 'Odd Number', 'Even Number'];
    const text = manifest(
      sandboxLine('TextMultiClassMultiLabel', 3, [['Prime', 'Odd Number'], ['Prime', 'Odd Number'], ['Prime', 'Odd Number']], labels),
      sandboxLine('TextMultiClassMultiLabel', 2, [['Prime', 'Even Number'], ['Even Number'], ['Prime', 'Even Number']], labels),
      sandboxLine('TextMultiClassMultiLabel', 9, [['Odd Number'], ['Odd Number'], ['Odd Number']], labels),
    );
    const summary = summarizeOutput(JOB, ATTR, text, 3);
    expect(summary.labels).toEqual([
      { label: 'Prime', objects: 2 },
      { label: 'Odd Number', objects: 2 },
      { label: 'Even Number', objects: 1 },
    ]);
    expect(summary.disagreement).toEqual({ objects: 1, outOf: 3 });
  });

  it('failed objects (failure-reason), grouped by reason, and objects not labeled yet', () => {
    const text = manifest(
      sandboxLine('TextMultiClass', 1, ['Odd Number', 'Odd Number']),
      failedLine(2, 'ClientError: task expired'),
      failedLine(3, 'ClientError: task expired'),
      failedLine(4, 'ClientError: image too large'),
      unlabeledLine(5),
    );
    const summary = summarizeOutput(JOB, ATTR, text, 2);
    expect(summary).toMatchObject({ total: 5, labeled: 1, failed: 3, unlabeled: 1, disagreement: { objects: 0, outOf: 1 } });
    expect(summary.failures).toEqual([
      { reason: 'ClientError: task expired', objects: 2 },
      { reason: 'ClientError: image too large', objects: 1 },
    ]);
  });

  it('reads the formats of the AWS documentation: string class indexes, bare or prefixed job names', () => {
    const single = (index: string, name: string, confidence: number, jobName: string) =>
      JSON.stringify({
        'source-ref': `s3://b/${index}.jpg`,
        animal: index,
        'animal-metadata': { 'class-name': name, confidence, type: 'groundtruth/image-classification', 'job-name': jobName, 'human-annotated': 'yes', 'creation-date': '2018-10-18T22:18:13.527256' },
      });
    const multi = JSON.stringify({
      'source-ref': 's3://b/m.jpg',
      animal: [1, 0],
      'animal-metadata': {
        'class-map': { '0': 'Cat', '1': 'Dog' },
        'confidence-map': { '0': 0.95, '1': 1.0 },
        type: 'groundtruth/image-classification-multilabel',
        'job-name': 'labeling-job/animals',
        'human-annotated': 'yes',
        'creation-date': '2018-10-18T22:18:13.527256',
      },
    });
    const text = `${single('1', 'Dog', 1, 'animals')}\r\n${single('0', 'Cat', 0.93, 'labeling-job/animals')}\r\n${multi}\r\n`;
    const summary = summarizeOutput('animals', 'animal', text, 2);
    expect(summary.labels).toEqual([
      { label: 'Cat', objects: 2 },
      { label: 'Dog', objects: 2 },
    ]);
    expect(summary.disagreement).toEqual({ objects: 2, outOf: 3 });
  });

  it('other task types: labeled objects are counted, with no distribution and no disagreement', () => {
    const box = JSON.stringify({
      'source-ref': 's3://b/1.jpg',
      boxes: { image_size: [{ width: 10, height: 10, depth: 3 }], annotations: [{ class_id: 0, left: 1, top: 1, width: 2, height: 2 }] },
      'boxes-metadata': { objects: [{ confidence: 0.4 }], 'class-map': { '0': 'Cat' }, type: 'groundtruth/object-detection', 'human-annotated': 'yes' },
    });
    const summary = summarizeOutput('boxes', 'boxes', manifest(box, JSON.stringify({ 'source-ref': 's3://b/2.jpg' })), 3);
    expect(summary).toMatchObject({ total: 2, labeled: 1, unlabeled: 1, labels: [] });
    expect(summary.disagreement).toBeUndefined();
  });

  it("lists every label of the job in its order, and leaves machine labels out of disagreement", () => {
    const machine = JSON.stringify({
      source: '7',
      [ATTR]: 0,
      [`${ATTR}-metadata`]: { 'class-name': 'Odd Number', confidence: 0.71, type: 'groundtruth/text-classification', 'human-annotated': 'no' },
    });
    const summary = summarizeOutput(JOB, ATTR, manifest(machine), 3, { labels: ['Prime', ...LABELS] });
    expect(summary.labels).toEqual([
      { label: 'Prime', objects: 0 },
      { label: 'Odd Number', objects: 1 },
      { label: 'Even Number', objects: 0 },
    ]);
    expect(summary.disagreement).toBeUndefined();
  });

  it('counts lines that are not JSON objects apart, and ignores blank lines', () => {
    const summary = summarizeOutput(JOB, ATTR, manifest(sandboxLine('TextMultiClass', 1, ['Odd Number']), '{broken', '', '[1]'), 1);
    expect(summary).toMatchObject({ total: 1, labeled: 1, unreadable: 2 });
  });
});
