// Rules for labeling jobs: what CreateLabelingJob and the label category file require (aws-facts §3).
import type { Diagnostic } from '../../core/diagnostics.js';
import { BUILT_IN_TASK_TYPES, DEFAULT_MAX_CONCURRENT_TASKS, PUBLIC_TASK_AVAILABILITY_SECONDS, publicPrices, TASK_AVAILABILITY_SECONDS, taskTimeLimitSeconds } from '../../core/catalog.js';
import type { LabelingJob } from '../../core/model.js';
import type { SpecDocument } from '../documents.js';
import { formatDuration } from '../durations.js';
import { problem, valueAt, type Loaded } from '../loaded.js';
import type { Rule } from './rule.js';

function perJob(check: (job: LabelingJob, doc: SpecDocument) => Diagnostic[]): Rule {
  return (tree) => tree.jobs.flatMap(({ value, doc }: Loaded<LabelingJob>) => check(value, doc));
}

/** Segmentation with automated labeling accepts at most 20 labels (aws-facts §3.4). */
const SEGMENTATION_AUTO_LABELING_MAX_LABELS = 20;

export const labelCountWithinLimits = perJob((job, doc) => {
  if (job.task.type === 'custom') return [];
  const type = BUILT_IN_TASK_TYPES[job.task.type];
  const count = job.task.labels.length;
  const at = valueAt(doc, ['spec', 'task', 'labels']) === undefined ? ['spec', 'task'] : ['spec', 'task', 'labels'];
  const max = job.task.type === 'semantic-segmentation' && job.autoLabeling ? SEGMENTATION_AUTO_LABELING_MAX_LABELS : type.maxLabels;
  if (count < type.minLabels)
    return [problem(doc, at, 'too-few-labels', `${job.task.type} needs at least ${type.minLabels} label${type.minLabels > 1 ? 's' : ''}, found ${count}`, type.minLabels > 1 ? 'Workers choose between labels: list at least two.' : 'List the labels under spec.task.labels.')];
  if (max !== undefined && count > max)
    return [problem(doc, at, 'too-many-labels', `${job.task.type} allows at most ${max} labels, found ${count}`, 'Remove labels or split the job.')];
  if (type.warnAboveLabels !== undefined && count > type.warnAboveLabels)
    return [problem(doc, at, 'too-many-labels', `${count} labels: AWS documents both ${type.warnAboveLabels} and ${type.maxLabels} as the ${job.task.type} limit`, `Keep to ${type.warnAboveLabels} labels to be safe.`, 'warning')];
  return [];
});

export const labelAttributeNameValid = perJob((job, doc) => {
  const written = valueAt(doc, ['spec', 'labelAttributeName']) !== undefined;
  const at = written ? ['spec', 'labelAttributeName'] : ['metadata', 'name'];
  const name = job.labelAttributeName;
  const fix = written ? 'Change spec.labelAttributeName.' : 'Set spec.labelAttributeName (it defaults to the job name).';
  if (name.endsWith('-metadata'))
    return [problem(doc, at, 'label-attribute-name', `label attribute name "${name}" must not end with "-metadata"`, fix)];
  if (job.task.type === 'custom') return [];
  const needsRef = BUILT_IN_TASK_TYPES[job.task.type].labelAttributeRef;
  if (needsRef && !name.endsWith('-ref'))
    return [problem(doc, at, 'label-attribute-name', `${job.task.type} needs a label attribute name ending in "-ref", not "${name}"`, fix)];
  if (!needsRef && name.endsWith('-ref'))
    return [problem(doc, at, 'label-attribute-name', `label attribute name "${name}" must not end with "-ref" for ${job.task.type}`, fix)];
  return [];
});

function durationInRange(field: 'taskTimeLimit' | 'taskAvailability', seconds: number, range: { min: number; max: number }) {
  return (doc: SpecDocument): Diagnostic[] => {
    const path = ['spec', 'workers', field];
    if (valueAt(doc, path) === undefined || (seconds >= range.min && seconds <= range.max)) return [];
    return [problem(doc, path, 'out-of-range', `spec.workers.${field}: ${formatDuration(seconds)} is outside ${formatDuration(range.min)} to ${formatDuration(range.max)}`, `Use a duration from ${formatDuration(range.min)} to ${formatDuration(range.max)}.`)];
  };
}

export const workerDurationsInRange = perJob((job, doc) => [
  ...durationInRange('taskTimeLimit', job.workers.taskTimeLimitSeconds, taskTimeLimitSeconds(job.task.type))(doc),
  ...durationInRange('taskAvailability', job.workers.taskAvailabilitySeconds, job.workforce.type === 'public' ? { min: TASK_AVAILABILITY_SECONDS.min, max: PUBLIC_TASK_AVAILABILITY_SECONDS.max } : TASK_AVAILABILITY_SECONDS)(doc),
]);

/** Mechanical Turk pays one of AWS's price points for the task type; anything else CreateLabelingJob refuses. */
export const publicPriceOnGrid = perJob((job, doc) => {
  const { workforce } = job;
  // 0: no price, or not a whole number of tenths of a cent: the normalizer has said so.
  if (workforce.type !== 'public' || workforce.priceTenthCents === 0) return [];
  const prices = publicPrices(job.task.type);
  if (prices.includes(workforce.priceTenthCents)) return [];
  const nearest = prices.reduce((best, p) => (Math.abs(p - workforce.priceTenthCents) < Math.abs(best - workforce.priceTenthCents) ? p : best));
  const usd = (tenths: number) => (tenths / 1000).toFixed(3);
  return [
    problem(doc, ['spec', 'workers', 'pricePerTask'], 'price-not-on-grid', `${usd(workforce.priceTenthCents)} USD is not one of AWS's prices for ${job.task.type} tasks`, `Use the nearest, ${usd(nearest)}; the prices are ${prices.map(usd).join(', ')}.`),
  ];
});

/** Public workers are anyone on Mechanical Turk: data with personal information must not reach them. */
export const publicDataDeclaredFree = perJob((job, doc) =>
  job.workforce.type === 'public' && !job.workers.contentClassifiers.includes('freeOfPersonallyIdentifiableInformation')
    ? [problem(doc, ['spec', 'workforce'], 'public-data-pii', 'a public job sends its data to anyone on Amazon Mechanical Turk, and this job does not declare it free of personal information', 'If it is, say so with `workers: { contentClassifiers: [freeOfPersonallyIdentifiableInformation] }`; if not, use a private or vendor team.', 'warning')]
    : [],
);

export const taskFieldsMatchType = perJob((job, doc) => {
  const out: Diagnostic[] = [];
  const customFields = ['template', 'preAnnotationLambdaArn', 'consolidationLambdaArn'] as const;
  if (job.task.type === 'custom') {
    for (const field of customFields) {
      // An existing template in S3 (`templateUri`) stands in for the template file.
      if (field === 'template' && job.task.templateUri !== undefined) continue;
      if (valueAt(doc, ['spec', 'task', field]) === undefined)
        out.push(problem(doc, ['spec', 'task', 'type'], 'missing-field', `spec.task: a custom task needs \`${field}\``, field === 'template' ? 'Add `template: path/to/template.liquid.html` (relative to this file).' : `Add \`${field}: arn:aws:lambda:...\`.`));
    }
    return out;
  }
  for (const field of customFields) {
    if (valueAt(doc, ['spec', 'task', field]) !== undefined)
      out.push(problem(doc, ['spec', 'task', field], 'unexpected-field', `spec.task.${field} is only for custom tasks`, `${job.task.type} uses the Region's built-in ${field === 'template' ? 'worker UI' : 'Lambda functions'}; remove the field or use \`type: custom\`.`));
  }
  if (BUILT_IN_TASK_TYPES[job.task.type].requiresInstructions && (!job.task.instructions.short || !job.task.instructions.full)) {
    const at = valueAt(doc, ['spec', 'task', 'instructions']) === undefined ? ['spec', 'task'] : ['spec', 'task', 'instructions'];
    out.push(problem(doc, at, 'missing-instructions', `${job.task.type} needs both short and full instructions`, 'Add `instructions: { short: ..., full: ... }`; the built-in UI shows them to workers.'));
  }
  return out;
});

/** A job's worker template is either a file gtctl uploads (`template`) or one already in S3 (`templateUri`). */
export const templateUriNotWithTemplate = perJob((job, doc) =>
  job.task.templateUri !== undefined && valueAt(doc, ['spec', 'task', 'template']) !== undefined
    ? [problem(doc, ['spec', 'task', 'templateUri'], 'conflicting-fields', 'spec.task.templateUri and spec.task.template both name the worker template', 'Keep one: `template` (a file gtctl uploads) or `templateUri` (a template already in S3, used as is).')]
    : [],
);

export const autoLabelingSupported = perJob((job, doc) => {
  if (!job.autoLabeling) return [];
  if (job.task.type !== 'custom' && BUILT_IN_TASK_TYPES[job.task.type].autoLabelingAlgorithm) return [];
  return [problem(doc, ['spec', 'autoLabeling'], 'auto-labeling-unsupported', `automated data labeling is not available for ${job.task.type}`, 'It exists for text and image classification (single label), bounding box and semantic segmentation; remove `autoLabeling`.')];
});

export const concurrentTasksWithinDefaultQuota = perJob((job, doc) =>
  job.workers.maxConcurrentTasks > DEFAULT_MAX_CONCURRENT_TASKS
    ? [problem(doc, ['spec', 'workers', 'maxConcurrentTasks'], 'needs-quota-increase', `more than ${DEFAULT_MAX_CONCURRENT_TASKS} concurrent tasks needs an AWS Support request`, `Without it, CreateLabelingJob fails; ask AWS Support or use at most ${DEFAULT_MAX_CONCURRENT_TASKS}.`, 'warning')]
    : [],
);

/** Every job needs an execution role: its own `roleArn`, or the Project's `executionRole`. */
export const jobHasRole: Rule = (tree) =>
  tree.projects[0]?.value.executionRole
    ? []
    : tree.jobs.flatMap(({ value, doc }) =>
        value.roleArn
          ? []
          : [problem(doc, ['spec'], 'missing-field', `job ${value.name} has no execution role`, 'Add `roleArn:` with the ARN of a role SageMaker may assume, or `roleArn: managed` (or `executionRole: managed` in the Project) for the least-privilege role gtctl manages.')],
      );

/** A role in another account than the project's cannot be passed to SageMaker by this account. */
export const roleInProjectAccount: Rule = (tree, { accountId }) =>
  accountId
    ? tree.jobs.flatMap(({ value, doc }) => {
        const roleAccount = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(value.roleArn)?.[1];
        return roleAccount && roleAccount !== accountId
          ? [problem(doc, ['spec', 'roleArn'], 'role-account-mismatch', `role ${value.roleArn} is in account ${roleAccount}, not the project's ${accountId}`, 'Use an execution role from the project\'s account.')]
          : [];
      })
    : [];
