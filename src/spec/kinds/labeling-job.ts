import type { Diagnostic } from '../../core/diagnostics.js';
import { BUILT_IN_TASK_TYPES, DEFAULT_MAX_CONCURRENT_TASKS, PUBLIC_TASK_AVAILABILITY_SECONDS, tenthCentsOf } from '../../core/catalog.js';
import type { JobInput, JobWorkforce, LabelingJob, TaskType } from '../../core/model.js';
import type { SpecDocument } from '../documents.js';
import { formatDuration, parseDuration } from '../durations.js';
import type { ReferencedFiles } from '../referenced-files.js';
import { problem } from '../loaded.js';
import type { LabelingJobDocument } from '../written.js';
import { writtenDocument, writtenList, writtenTags } from './envelope.js';
import { labelNames, normalizeFrameTask, writeFrameTask } from './frame-task.js';

export const DEFAULT_TASK_TIME_LIMIT = '5m';
export const DEFAULT_TASK_AVAILABILITY = '10d';

/** The job's name, with `-ref` for the types whose output is an S3 URI. */
function defaultLabelAttributeName(name: string, type: TaskType): string {
  return type !== 'custom' && BUILT_IN_TASK_TYPES[type].labelAttributeRef ? `${name}-ref` : name;
}

export function normalizeLabelingJob(written: LabelingJobDocument, doc: SpecDocument, files: ReferencedFiles): { value: LabelingJob; diagnostics: Diagnostic[] } {
  const spec = written.spec!;
  const name = written.metadata.name;
  const diagnostics: Diagnostic[] = [];
  const { task } = spec;
  let template: string | undefined;
  if (task.template !== undefined) {
    const read = files.read(doc, ['spec', 'task', 'template'], task.template);
    if ('diagnostic' in read) diagnostics.push(read.diagnostic);
    else template = read.body.toString('utf8');
  }
  const workforce = jobWorkforce(spec, doc, diagnostics);
  const frames = normalizeFrameTask(task);
  const value: LabelingJob = {
    name,
    workforce,
    // The Project's `executionRole` fills a missing one (load.ts); '' until then, and a rule reports it if none does.
    roleArn: spec.roleArn ?? '',
    input: jobInput(spec.input),
    output: spec.output,
    ...(spec.outputTopicArn ? { outputTopicArn: spec.outputTopicArn } : {}),
    labelAttributeName: spec.labelAttributeName ?? defaultLabelAttributeName(name, task.type),
    task: {
      type: task.type,
      title: task.title,
      description: task.description,
      keywords: task.keywords ?? [],
      labels: labelNames(task.labels),
      instructions: {
        ...(task.instructions?.short ? { short: task.instructions.short } : {}),
        ...(task.instructions?.full ? { full: task.instructions.full } : {}),
        examples: { good: task.instructions?.examples?.good ?? [], bad: task.instructions?.examples?.bad ?? [] },
      },
      ...(template !== undefined ? { template } : {}),
      ...(task.templateUri ? { templateUri: task.templateUri } : {}),
      ...(task.labelCategoryUri ? { labelCategoryUri: task.labelCategoryUri } : {}),
      ...(task.preAnnotationLambdaArn ? { preAnnotationLambdaArn: task.preAnnotationLambdaArn } : {}),
      ...(task.consolidationLambdaArn ? { consolidationLambdaArn: task.consolidationLambdaArn } : {}),
      ...(frames ? { frames } : {}),
    },
    workers: {
      perObject: spec.workers?.perObject ?? 1,
      taskTimeLimitSeconds: parseDuration(spec.workers?.taskTimeLimit ?? DEFAULT_TASK_TIME_LIMIT),
      taskAvailabilitySeconds: spec.workers?.taskAvailability !== undefined ? parseDuration(spec.workers.taskAvailability) : defaultAvailability(workforce),
      maxConcurrentTasks: spec.workers?.maxConcurrentTasks ?? DEFAULT_MAX_CONCURRENT_TASKS,
      contentClassifiers: [...(spec.workers?.contentClassifiers ?? [])].sort(),
    },
    state: spec.state ?? 'running',
    autoLabeling: spec.autoLabeling ?? false,
    ...(spec.outputKmsKeyId ? { outputKmsKeyId: spec.outputKmsKeyId } : {}),
    ...(spec.stoppingConditions ? { stoppingConditions: { ...spec.stoppingConditions } } : {}),
    tags: spec.tags ?? {},
    adopt: written.metadata.adopt ?? false,
  };
  return { value, diagnostics };
}

type JobSpec = NonNullable<LabelingJobDocument['spec']>;

/** The schema lets exactly one input through. */
function jobInput(input: JobSpec['input']): JobInput {
  if (input.manifest !== undefined) return { manifest: input.manifest };
  if (input.fromJob !== undefined) return { fromJob: input.fromJob };
  if (input.stream !== undefined) return { stream: { snsTopicArn: input.stream.snsTopicArn } };
  return { fromPrefix: input.fromPrefix! };
}

/**
 * Who works on the job. `team` belongs to private and vendor jobs and the price to public ones: a misplaced or missing
 * one is reported here, where the document is at hand (the grid of prices is a rule: it depends on the task type).
 */
function jobWorkforce(spec: JobSpec, doc: SpecDocument, diagnostics: Diagnostic[]): JobWorkforce {
  const type = spec.workforce ?? 'private';
  const price = spec.workers?.pricePerTask;
  if (type !== 'public' && price !== undefined)
    diagnostics.push(problem(doc, ['spec', 'workers', 'pricePerTask'], 'price-per-task', `workers.pricePerTask is for public jobs; this job's workforce is ${type}`, 'Remove pricePerTask (private and vendor workers are not paid per task by gtctl), or set `workforce: public`.'));
  if (type === 'public') {
    if (spec.team !== undefined)
      diagnostics.push(problem(doc, ['spec', 'team'], 'workforce-team', 'a public job has no team: its tasks go to Amazon Mechanical Turk\'s public crowd', 'Remove `team`, or set `workforce: private` (a Team of the specs) or `vendor` (a subscribed vendor team).'));
    if (price === undefined) {
      diagnostics.push(problem(doc, ['spec', 'workforce'], 'price-per-task', 'a public job needs workers.pricePerTask: Mechanical Turk workers are paid for each task', 'Add `workers: { pricePerTask: 0.036 }` (USD; one of AWS\'s price points for the task type).'));
      return { type, priceTenthCents: 0 };
    }
    const tenths = tenthCentsOf(price);
    if (tenths === undefined)
      diagnostics.push(problem(doc, ['spec', 'workers', 'pricePerTask'], 'price-not-on-grid', `${price} is not a whole number of tenths of a cent`, 'AWS pays in tenths of a cent: use one of its price points, such as 0.036.'));
    return { type, priceTenthCents: tenths ?? 0 };
  }
  if (spec.team === undefined) {
    const what = type === 'private' ? 'the Team (by name) whose workers get the tasks' : 'the subscribed vendor team (its name or work team ARN)';
    diagnostics.push(problem(doc, ['spec'], 'workforce-team', `a ${type} job needs \`team\`: ${what}`, type === 'private' ? 'Add `team: <name of a Team in the specs>`, or set `workforce: public` for Mechanical Turk.' : 'Add `team:` with the vendor team\'s name or ARN (`aws sagemaker list-subscribed-workteams` lists them).'));
  }
  return { type, team: spec.team ?? '' };
}

/** Tasks stay available 10 days unless set; the public crowd's default is AWS's own 6 hours (its maximum is 12). */
function defaultAvailability(workforce: JobWorkforce): number {
  return workforce.type === 'public' ? PUBLIC_TASK_AVAILABILITY_SECONDS.default : parseDuration(DEFAULT_TASK_AVAILABILITY);
}

/**
 * The inverse of normalizeLabelingJob. The workers' count and times are always written, the rest only when not the
 * default. A custom task's template text is not written (it came from a file the spec names): import names an
 * existing template by `templateUri`.
 */
export function writeLabelingJob(job: LabelingJob): LabelingJobDocument {
  const { task, workers } = job;
  const { examples } = task.instructions;
  const instructions = {
    ...(task.instructions.short ? { short: task.instructions.short } : {}),
    ...(task.instructions.full ? { full: task.instructions.full } : {}),
    ...(examples.good.length || examples.bad.length ? { examples: { ...writtenList('good', examples.good), ...writtenList('bad', examples.bad) } } : {}),
  };
  const { workforce } = job;
  const spec: JobSpec = {
    ...(workforce.type !== 'private' ? { workforce: workforce.type } : {}),
    ...(workforce.type !== 'public' ? { team: workforce.team } : {}),
    roleArn: job.roleArn,
    input: 'stream' in job.input ? { stream: { ...job.input.stream } } : { ...job.input },
    output: job.output,
    ...(job.outputTopicArn ? { outputTopicArn: job.outputTopicArn } : {}),
    ...(job.labelAttributeName !== defaultLabelAttributeName(job.name, task.type) ? { labelAttributeName: job.labelAttributeName } : {}),
    task: {
      type: task.type,
      title: task.title,
      description: task.description,
      ...writtenList('keywords', task.keywords),
      ...writeFrameTask(task.type, task.labels, task.frames),
      ...(Object.keys(instructions).length ? { instructions } : {}),
      ...(task.templateUri ? { templateUri: task.templateUri } : {}),
      ...(task.labelCategoryUri ? { labelCategoryUri: task.labelCategoryUri } : {}),
      ...(task.preAnnotationLambdaArn ? { preAnnotationLambdaArn: task.preAnnotationLambdaArn } : {}),
      ...(task.consolidationLambdaArn ? { consolidationLambdaArn: task.consolidationLambdaArn } : {}),
    },
    workers: {
      perObject: workers.perObject,
      taskTimeLimit: formatDuration(workers.taskTimeLimitSeconds),
      taskAvailability: formatDuration(workers.taskAvailabilitySeconds),
      ...(workers.maxConcurrentTasks !== DEFAULT_MAX_CONCURRENT_TASKS ? { maxConcurrentTasks: workers.maxConcurrentTasks } : {}),
      ...(workforce.type === 'public' ? { pricePerTask: workforce.priceTenthCents / 1000 } : {}),
      ...(workers.contentClassifiers.length ? { contentClassifiers: [...workers.contentClassifiers] } : {}),
    },
    ...(job.state === 'stopped' ? { state: job.state } : {}),
    ...(job.autoLabeling ? { autoLabeling: true } : {}),
    ...(job.outputKmsKeyId ? { outputKmsKeyId: job.outputKmsKeyId } : {}),
    ...(job.stoppingConditions ? { stoppingConditions: { ...job.stoppingConditions } } : {}),
    ...writtenTags(job.tags),
  };
  return writtenDocument('LabelingJob', job.name, spec, job.adopt);
}
