import { describe, expect, it } from 'vitest';
import { jobDoc, teamDoc, load, ROLE_ARN, type Overrides } from '../../../test/helpers/specs.js';

function jobOf(o: Overrides, files: Record<string, string> = {}) {
  const result = load([teamDoc(), jobDoc(o)], { files });
  expect(result.diagnostics).toEqual([]);
  return result.desired!.jobs[0]!;
}

describe('normalizeLabelingJob', () => {
  it('fills the defaults: one worker, 5 minutes, 10 days, 1000 concurrent tasks, running, the name as label attribute', () => {
    expect(jobOf({})).toEqual({
      name: 'odd-even',
      workforce: { type: 'private', team: 'labelers' },
      roleArn: ROLE_ARN,
      input: { fromPrefix: 's3://gtctl-data/input/' },
      output: 's3://gtctl-data/output/',
      labelAttributeName: 'odd-even',
      task: {
        type: 'text-classification',
        title: 'Odd or even',
        description: 'Is the number odd or even?',
        keywords: [],
        labels: ['Odd', 'Even'],
        instructions: { examples: { good: [], bad: [] } },
      },
      workers: { perObject: 1, taskTimeLimitSeconds: 300, taskAvailabilitySeconds: 864_000, maxConcurrentTasks: 1000, contentClassifiers: [] },
      state: 'running',
      autoLabeling: false,
      tags: {},
      adopt: false,
    });
  });

  it('turns durations into seconds and keeps what is written', () => {
    const job = jobOf({
      spec: {
        workers: { perObject: 2, taskTimeLimit: '1h30m', taskAvailability: '2d', maxConcurrentTasks: 50 },
        state: 'stopped',
        outputKmsKeyId: 'alias/out',
        stoppingConditions: { maxPercentageLabeled: 50 },
        tags: { team: 'data' },
        task: { keywords: ['numbers'], instructions: { short: 's', full: 'f', examples: { good: ['g'] } } },
      },
    });
    expect(job.workers).toEqual({ perObject: 2, taskTimeLimitSeconds: 5_400, taskAvailabilitySeconds: 172_800, maxConcurrentTasks: 50, contentClassifiers: [] });
    expect(job).toMatchObject({ state: 'stopped', outputKmsKeyId: 'alias/out', stoppingConditions: { maxPercentageLabeled: 50 }, tags: { team: 'data' } });
    expect(job.task.keywords).toEqual(['numbers']);
    expect(job.task.instructions).toEqual({ short: 's', full: 'f', examples: { good: ['g'], bad: [] } });
  });

  it('adds -ref to the default label attribute of segmentation types only', () => {
    expect(jobOf({ spec: { task: { type: 'semantic-segmentation', labels: ['Road'] } } }).labelAttributeName).toBe('odd-even-ref');
    expect(jobOf({ spec: { task: { type: 'semantic-segmentation-verification', labels: ['Road'] } } }).labelAttributeName).toBe('odd-even-ref');
    expect(jobOf({ spec: { task: { type: 'bounding-box', labels: ['Car'] } } }).labelAttributeName).toBe('odd-even');
    expect(jobOf({ spec: { labelAttributeName: 'roads-ref', task: { type: 'semantic-segmentation', labels: ['Road'] } } }).labelAttributeName).toBe('roads-ref');
  });

  it('takes an input manifest as written', () => {
    expect(jobOf({ spec: { input: { fromPrefix: undefined, manifest: 's3://gtctl-data/in.manifest' } } }).input).toEqual({ manifest: 's3://gtctl-data/in.manifest' });
  });

  it('reads a custom task\'s template from the file it names', () => {
    const task = {
      type: 'custom',
      labels: undefined,
      template: 'ui/task.liquid.html',
      preAnnotationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:pre',
      consolidationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:acs',
    };
    const job = jobOf({ spec: { task } }, { 'ui/task.liquid.html': '<crowd-form></crowd-form>' });
    expect(job.task).toMatchObject({ type: 'custom', labels: [], template: '<crowd-form></crowd-form>', preAnnotationLambdaArn: task.preAnnotationLambdaArn });
    expect(load([teamDoc(), jobDoc({ spec: { task } })]).diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['file-not-found spec.task.template']);
  });

  it('carries metadata.adopt and the S3 URIs of an existing template and label category file', () => {
    const doc = jobDoc({ spec: { input: { fromPrefix: undefined, manifest: 's3://gtctl-data/in.manifest' }, task: { templateUri: 's3://gtctl-data/ui/t.html', labelCategoryUri: 's3://gtctl-data/ui/labels.json' } } });
    const result = load([teamDoc(), { ...doc, metadata: { name: 'odd-even', adopt: true } }]);
    expect(result.diagnostics).toEqual([]);
    expect(result.desired!.jobs[0]).toMatchObject({ adopt: true, task: { templateUri: 's3://gtctl-data/ui/t.html', labelCategoryUri: 's3://gtctl-data/ui/labels.json', labels: ['Odd', 'Even'] } });
  });

  it('refuses adopt that is not a boolean, and templateUri that is not an S3 URI', () => {
    const codes = (d: ReturnType<typeof jobDoc>) => load([teamDoc(), d]).diagnostics.map((x) => `${x.code} ${x.path}`);
    expect(codes({ ...jobDoc(), metadata: { name: 'odd-even', adopt: 'yes' } })).toEqual(['wrong-type metadata.adopt']);
    expect(codes(jobDoc({ spec: { task: { templateUri: 'https://example.com/t.html' } } }))).toHaveLength(1);
  });
});
