import type { Diagnostic } from '../../core/diagnostics.js';
import { BUILT_IN_TASK_TYPES, DEFAULT_MAX_CONCURRENT_TASKS } from '../../core/catalog.js';
import type { LabelingJob, TaskType } from '../../core/model.js';
import type { SpecDocument } from '../documents.js';
import { formatDuration, parseDuration } from '../durations.js';
import type { ReferencedFiles } from '../referenced-files.js';
import type { LabelingJobDocument } from '../written.js';
import { writtenDocument, writtenList, writtenTags } from './envelope.js';

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
  const value: LabelingJob = {
    name,
    team: spec.team,
    roleArn: spec.roleArn,
    input: spec.input.manifest !== undefined ? { manifest: spec.input.manifest } : { fromPrefix: spec.input.fromPrefix! },
    output: spec.output,
    labelAttributeName: spec.labelAttributeName ?? defaultLabelAttributeName(name, task.type),
    task: {
      type: task.type,
      title: task.title,
      description: task.description,
      keywords: task.keywords ?? [],
      labels: task.labels ?? [],
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
    },
    workers: {
      perObject: spec.workers?.perObject ?? 1,
      taskTimeLimitSeconds: parseDuration(spec.workers?.taskTimeLimit ?? DEFAULT_TASK_TIME_LIMIT),
      taskAvailabilitySeconds: parseDuration(spec.workers?.taskAvailability ?? DEFAULT_TASK_AVAILABILITY),
      maxConcurrentTasks: spec.workers?.maxConcurrentTasks ?? DEFAULT_MAX_CONCURRENT_TASKS,
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
  const spec: NonNullable<LabelingJobDocument['spec']> = {
    team: job.team,
    roleArn: job.roleArn,
    input: { ...job.input },
    output: job.output,
    ...(job.labelAttributeName !== defaultLabelAttributeName(job.name, task.type) ? { labelAttributeName: job.labelAttributeName } : {}),
    task: {
      type: task.type,
      title: task.title,
      description: task.description,
      ...writtenList('keywords', task.keywords),
      ...writtenList('labels', task.labels),
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
    },
    ...(job.state === 'stopped' ? { state: job.state } : {}),
    ...(job.autoLabeling ? { autoLabeling: true } : {}),
    ...(job.outputKmsKeyId ? { outputKmsKeyId: job.outputKmsKeyId } : {}),
    ...(job.stoppingConditions ? { stoppingConditions: { ...job.stoppingConditions } } : {}),
    ...writtenTags(job.tags),
  };
  return writtenDocument('LabelingJob', job.name, spec, job.adopt);
}
