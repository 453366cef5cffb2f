// Chained jobs (`input.fromJob`): the source is a job of the specs, a chain never loops back, a verification or
// adjustment job reviews the labels of its own family, and its labels go under another attribute than the source's
// (aws-facts §3.2: "adjustment/verification jobs need a name different from the original job's").
import type { Diagnostic } from '../../core/diagnostics.js';
import type { LabelingJob, TaskType } from '../../core/model.js';
import { problem, type Loaded } from '../loaded.js';
import type { Rule } from './rule.js';

const AT = ['spec', 'input', 'fromJob'];

/** The task types a verification or adjustment job can review: its family's (an adjustment can be adjusted again). */
function reviewable(type: TaskType): readonly TaskType[] | undefined {
  const family = /^(.+)-(verification|adjustment)$/.exec(type)?.[1];
  return family === undefined ? undefined : ([family, `${family}-adjustment`] as TaskType[]);
}

export const jobChainsValid: Rule = (tree) => {
  const byName = new Map(tree.jobs.map((j) => [j.value.name.toLowerCase(), j]));
  const out: Diagnostic[] = [];
  for (const job of tree.jobs) {
    const { input } = job.value;
    if (!('fromJob' in input)) continue;
    const source = byName.get(input.fromJob.toLowerCase());
    if (!source) {
      const names = tree.jobs.map((j) => j.value.name).filter((n) => n !== job.value.name);
      out.push(problem(job.doc, AT, 'unknown-job', `unknown job "${input.fromJob}": a chained job takes the output of a LabelingJob of the specs`, names.length ? `Use one of: ${names.join(', ')}.` : 'Declare the job whose output this one takes.'));
      continue;
    }
    const loop = cycleFrom(job, byName);
    if (loop) {
      out.push(problem(job.doc, AT, 'job-chain-cycle', `the chain ${loop.join(' -> ')} comes back to "${job.value.name}": no job could ever start`, 'Start the chain from a job that reads a manifest or a prefix.'));
      continue;
    }
    const allowed = reviewable(job.value.task.type);
    if (allowed && !allowed.includes(source.value.task.type))
      out.push(problem(job.doc, AT, 'chain-task-type', `a ${job.value.task.type} job reviews ${allowed.join(' or ')} labels, but "${source.value.name}" is a ${source.value.task.type} job`, 'Chain it from a job of that type, or change the task type.'));
    if (allowed && job.value.labelAttributeName === source.value.labelAttributeName)
      out.push(problem(job.doc, ['spec', 'labelAttributeName'], 'label-attribute-name', `label attribute name "${job.value.labelAttributeName}" is the one "${source.value.name}" wrote: a review writes its own`, 'Use another spec.labelAttributeName (it defaults to the job name).'));
  }
  return out;
};

/** The names along the chain from `job` when it leads back to `job`; undefined when it ends. */
function cycleFrom(job: Loaded<LabelingJob>, byName: ReadonlyMap<string, Loaded<LabelingJob>>): string[] | undefined {
  const path = [job.value.name];
  let current = job.value;
  while ('fromJob' in current.input) {
    const next = byName.get(current.input.fromJob.toLowerCase());
    if (!next) return undefined;
    path.push(next.value.name);
    if (next === job) return path;
    if (path.length > byName.size + 1) return undefined; // a loop that does not pass through `job`: reported at its own jobs
    current = next.value;
  }
  return undefined;
}
