import { describe, expect, it } from 'vitest';
import { jobDoc, projectDoc, check, run, type Overrides } from '../../../test/helpers/specs.js';
import {
  autoLabelingSupported,
  concurrentTasksWithinDefaultQuota,
  labelAttributeNameValid,
  labelCountWithinLimits,
  roleInProjectAccount,
  taskFieldsMatchType,
  templateUriNotWithTemplate,
  workerDurationsInRange,
} from './jobs.js';

const CUSTOM_FIELDS = {
  template: 'task.liquid.html',
  preAnnotationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:pre',
  consolidationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:acs',
};
const CUSTOM = { type: 'custom', labels: undefined, ...CUSTOM_FIELDS };
const FILES = { files: { 'task.liquid.html': '<crowd-form></crowd-form>' } };
const labels = (n: number) => Array.from({ length: n }, (_, i) => `label-${i + 1}`);
const aTask = (task: Record<string, unknown>, spec: Overrides['spec'] = {}) => jobDoc({ spec: { ...spec, task } });

describe('labelCountWithinLimits', () => {
  it.each<[string, number, boolean, string[]]>([
    ['text-classification', 2, false, []],
    ['text-classification', 1, false, ['error too-few-labels spec.task.labels']],
    ['image-classification', 1, false, ['error too-few-labels spec.task.labels']],
    ['text-classification-multilabel', 50, false, []],
    ['text-classification-multilabel', 51, false, ['error too-many-labels spec.task.labels']],
    ['image-classification-multilabel', 51, false, ['error too-many-labels spec.task.labels']],
    ['bounding-box', 10, false, []],
    ['bounding-box', 11, false, ['warning too-many-labels spec.task.labels']],
    ['bounding-box', 51, false, ['error too-many-labels spec.task.labels']],
    ['named-entity-recognition', 1, false, []],
    ['semantic-segmentation', 100, false, []],
    ['semantic-segmentation', 20, true, []],
    ['semantic-segmentation', 21, true, ['error too-many-labels spec.task.labels']],
  ])('%s with %i labels (auto-labeling: %s)', (type, n, autoLabeling, expected) => {
    expect(check(labelCountWithinLimits, [aTask({ type, labels: labels(n) }, { autoLabeling })])).toEqual(expected);
  });

  it('reports a type that needs labels and has none at the task', () => {
    const [d] = run(labelCountWithinLimits, [aTask({ type: 'named-entity-recognition', labels: undefined })]);
    expect(d).toMatchObject({ code: 'too-few-labels', path: 'spec.task', message: 'named-entity-recognition needs at least 1 label, found 0' });
  });

  it('leaves custom tasks alone', () => {
    expect(check(labelCountWithinLimits, [aTask(CUSTOM)], FILES)).toEqual([]);
  });
});

describe('labelAttributeNameValid', () => {
  it('accepts the defaults: the job name, plus -ref for segmentation', () => {
    expect(check(labelAttributeNameValid, [jobDoc()])).toEqual([]);
    expect(check(labelAttributeNameValid, [aTask({ type: 'semantic-segmentation', labels: ['Road'] })])).toEqual([]);
    expect(check(labelAttributeNameValid, [aTask({ type: 'semantic-segmentation-adjustment', labels: ['Road'] })])).toEqual([]);
  });

  it('requires -ref for segmentation types, and forbids it for the others', () => {
    expect(check(labelAttributeNameValid, [aTask({ type: 'semantic-segmentation', labels: ['Road'] }, { labelAttributeName: 'masks' })])).toEqual([
      'error label-attribute-name spec.labelAttributeName',
    ]);
    expect(check(labelAttributeNameValid, [jobDoc({ spec: { labelAttributeName: 'answer-ref' } })])).toEqual(['error label-attribute-name spec.labelAttributeName']);
  });

  it('forbids -metadata, pointing at the job name when the attribute defaults to it', () => {
    expect(check(labelAttributeNameValid, [jobDoc({ name: 'odd-metadata' })])).toEqual(['error label-attribute-name metadata.name']);
    expect(check(labelAttributeNameValid, [aTask(CUSTOM, { labelAttributeName: 'x-metadata' })], FILES)).toEqual(['error label-attribute-name spec.labelAttributeName']);
  });

  it('lets custom tasks choose either form', () => {
    expect(check(labelAttributeNameValid, [aTask(CUSTOM, { labelAttributeName: 'mask-ref' })], FILES)).toEqual([]);
  });
});

describe('workerDurationsInRange', () => {
  const workers = (taskTimeLimit: string, taskAvailability: string) => [jobDoc({ spec: { workers: { taskTimeLimit, taskAvailability } } })];

  it('accepts the bounds, and the defaults', () => {
    expect(check(workerDurationsInRange, workers('30s', '60s'))).toEqual([]);
    expect(check(workerDurationsInRange, workers('8h', '30d'))).toEqual([]);
    expect(check(workerDurationsInRange, [jobDoc()])).toEqual([]);
  });

  it('reports each duration outside its range, in human form', () => {
    const diagnostics = run(workerDurationsInRange, workers('8h1s', '59s'));
    expect(diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`)).toEqual([
      'out-of-range spec.workers.taskTimeLimit: spec.workers.taskTimeLimit: 8h1s is outside 30s to 8h',
      'out-of-range spec.workers.taskAvailability: spec.workers.taskAvailability: 59s is outside 1m to 30d',
    ]);
    expect(check(workerDurationsInRange, workers('29s', '30d1s'))).toEqual(['error out-of-range spec.workers.taskTimeLimit', 'error out-of-range spec.workers.taskAvailability']);
  });
});

describe('taskFieldsMatchType', () => {
  it('accepts a complete custom task, and a built-in task without custom fields', () => {
    expect(check(taskFieldsMatchType, [aTask(CUSTOM)], FILES)).toEqual([]);
    expect(check(taskFieldsMatchType, [jobDoc()])).toEqual([]);
  });

  it('reports each field a custom task lacks, at its type', () => {
    expect(check(taskFieldsMatchType, [aTask({ ...CUSTOM, template: undefined })])).toEqual(['error missing-field spec.task.type']);
    const bare = aTask({ type: 'custom', labels: undefined });
    expect(run(taskFieldsMatchType, [bare]).map((d) => d.message)).toEqual([
      'spec.task: a custom task needs `template`',
      'spec.task: a custom task needs `preAnnotationLambdaArn`',
      'spec.task: a custom task needs `consolidationLambdaArn`',
    ]);
  });

  it('reports custom fields on a built-in task', () => {
    expect(check(taskFieldsMatchType, [aTask(CUSTOM_FIELDS)], FILES)).toEqual([
      'error unexpected-field spec.task.template',
      'error unexpected-field spec.task.preAnnotationLambdaArn',
      'error unexpected-field spec.task.consolidationLambdaArn',
    ]);
  });

  it('requires short and full instructions for named entity recognition', () => {
    const ner = (instructions?: Record<string, string>) => aTask({ type: 'named-entity-recognition', labels: ['Person'], instructions });
    expect(check(taskFieldsMatchType, [ner({ short: 's', full: 'f' })])).toEqual([]);
    expect(check(taskFieldsMatchType, [ner({ short: 's' })])).toEqual(['error missing-instructions spec.task.instructions']);
    expect(check(taskFieldsMatchType, [ner()])).toEqual(['error missing-instructions spec.task']);
  });
});

describe('autoLabelingSupported', () => {
  it('accepts auto-labeling for types that have it, and no auto-labeling anywhere', () => {
    for (const type of ['text-classification', 'image-classification', 'bounding-box', 'semantic-segmentation'])
      expect(check(autoLabelingSupported, [aTask({ type, labels: ['a', 'b'] }, { autoLabeling: true })])).toEqual([]);
    expect(check(autoLabelingSupported, [aTask(CUSTOM, { autoLabeling: false })], FILES)).toEqual([]);
  });

  it('reports it for the others, at autoLabeling', () => {
    expect(check(autoLabelingSupported, [aTask({ type: 'text-classification-multilabel', labels: ['a', 'b'] }, { autoLabeling: true })])).toEqual([
      'error auto-labeling-unsupported spec.autoLabeling',
    ]);
    expect(check(autoLabelingSupported, [aTask(CUSTOM, { autoLabeling: true })], FILES)).toEqual(['error auto-labeling-unsupported spec.autoLabeling']);
  });
});

describe('concurrentTasksWithinDefaultQuota', () => {
  it('accepts up to 1000', () => {
    expect(check(concurrentTasksWithinDefaultQuota, [jobDoc({ spec: { workers: { maxConcurrentTasks: 1000 } } })])).toEqual([]);
  });

  it('warns above 1000: it needs an AWS Support request', () => {
    expect(check(concurrentTasksWithinDefaultQuota, [jobDoc({ spec: { workers: { maxConcurrentTasks: 1001 } } })])).toEqual([
      'warning needs-quota-increase spec.workers.maxConcurrentTasks',
    ]);
  });
});

describe('roleInProjectAccount', () => {
  it('accepts a role in the project account, and any role when the account is not given', () => {
    expect(check(roleInProjectAccount, [projectDoc({ spec: { accountId: '000000000000' } }), jobDoc()])).toEqual([]);
    expect(check(roleInProjectAccount, [projectDoc(), jobDoc()])).toEqual([]);
  });

  it('reports a role from another account', () => {
    const [d] = run(roleInProjectAccount, [projectDoc({ spec: { accountId: '111111111111' } }), jobDoc()]);
    expect(d).toMatchObject({ code: 'role-account-mismatch', path: 'spec.roleArn', message: "role arn:aws:iam::000000000000:role/labeling is in account 000000000000, not the project's 111111111111" });
  });
});

describe('templateUriNotWithTemplate', () => {
  it('refuses templateUri beside template; templateUri alone stands in for a custom task\'s template', () => {
    const both = { ...CUSTOM, templateUri: 's3://gtctl-data/ui/task.html' };
    expect(check(templateUriNotWithTemplate, [aTask(both)], FILES)).toEqual(['error conflicting-fields spec.task.templateUri']);
    const uriOnly = { ...CUSTOM, template: undefined, templateUri: 's3://gtctl-data/ui/task.html' };
    expect(check(templateUriNotWithTemplate, [aTask(uriOnly)])).toEqual([]);
    expect(check(taskFieldsMatchType, [aTask(uriOnly)])).toEqual([]);
  });
});

