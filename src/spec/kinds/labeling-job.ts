import type { Diagnostic } from '../../core/diagnostics.js';
import { BUILT_IN_TASK_TYPES, DEFAULT_MAX_CONCURRENT_TASKS } from '../../core/catalog.js';
import type { LabelingJob } from '../../core/model.js';
import type { SpecDocument } from '../documents.js';
import { parseDuration } from '../durations.js';
import type { SpecFiles } from '../spec-files.js';
import type { LabelingJobDocument } from '../written.js';

export const DEFAULT_TASK_TIME_LIMIT = '5m';
export const DEFAULT_TASK_AVAILABILITY = '10d';

export function normalizeLabelingJob(written: LabelingJobDocument, doc: SpecDocument, files: SpecFiles): { value: LabelingJob; diagnostics: Diagnostic[] } {
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
  const refSuffix = task.type !== 'custom' && BUILT_IN_TASK_TYPES[task.type].labelAttributeRef ? '-ref' : '';
  const value: LabelingJob = {
    name,
    team: spec.team,
    roleArn: spec.roleArn,
    input: spec.input.manifest !== undefined ? { manifest: spec.input.manifest } : { fromPrefix: spec.input.fromPrefix! },
    output: spec.output,
    labelAttributeName: spec.labelAttributeName ?? `${name}${refSuffix}`,
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
