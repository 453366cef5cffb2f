// Annotation consolidation as the workers stand-in does it, and the label each data object gets in the output
// manifest (aws-facts §5.2). AWS consolidates classification with a variant of Expectation Maximization; the
// sandbox uses a plain majority vote, whose confidence (share of the votes) is its own definition.
import type { WorkerAnswer } from './state.js';
import type { TaskType } from './task-types.js';

/**
 * `job-name` in the label metadata. The docs show both the bare name and `labeling-job/<name>` (aws-facts §5.2);
 * output manifests of real jobs carry the prefixed form, so the sandbox writes it.
 */
export const jobNameInMetadata = (job: string) => `labeling-job/${job}`;

/** Ground Truth's creation-date form: `YYYY-MM-DDTHH:MM:SS.ffffff`, UTC, no zone designator. */
export function groundTruthDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000`;
}

// The reference (aws-facts §5.2) gives 0.00 for a single worker: one answer says nothing about agreement.
function confidence(votes: number, workers: number): number {
  return workers === 1 ? 0 : Math.round((votes / workers) * 100) / 100;
}

/** How many workers chose each label, by label index. */
function votes(choices: readonly string[][], labels: readonly string[]): number[] {
  return labels.map((label) => choices.filter((chosen) => chosen.includes(label)).length);
}

/** The label most workers chose; a tie goes to the label that comes first in the label category file. */
export function majorityVote(answers: readonly string[], labels: readonly string[]): { index: number; confidence: number } {
  const counts = votes(answers.map((a) => [a]), labels);
  const index = counts.indexOf(Math.max(...counts));
  return { index, confidence: confidence(counts[index]!, answers.length) };
}

/** Multi-label: the labels chosen by more than half of the workers, in label order. */
export function majorityLabels(answers: readonly string[][], labels: readonly string[]): Array<{ index: number; confidence: number }> {
  return votes(answers, labels)
    .map((count, index) => ({ index, count }))
    .filter(({ count }) => count * 2 > answers.length)
    .map(({ index, count }) => ({ index, confidence: confidence(count, answers.length) }));
}

/** The output-manifest value and `-metadata` of one data object, from all its workers' answers. */
export function consolidate(
  taskType: TaskType,
  labels: readonly string[],
  answers: readonly WorkerAnswer[],
  job: string,
  atMs: number,
): { value: unknown; metadata: Record<string, unknown> } {
  const common = { type: taskType.outputType, 'job-name': jobNameInMetadata(job), 'human-annotated': 'yes', 'creation-date': groundTruthDate(atMs) };
  switch (taskType.kind) {
    case 'single-label': {
      const { index, confidence } = majorityVote(answers.map((a) => a.label as string), labels);
      return { value: index, metadata: { 'class-name': labels[index], confidence, ...common } };
    }
    case 'multi-label': {
      const chosen = majorityLabels(answers.map((a) => a.label as string[]), labels);
      return {
        value: chosen.map((c) => c.index),
        metadata: {
          'class-map': Object.fromEntries(chosen.map((c) => [String(c.index), labels[c.index]])),
          'confidence-map': Object.fromEntries(chosen.map((c) => [String(c.index), c.confidence])),
          ...common,
        },
      };
    }
    case 'raw':
      // Not modelled: consolidating boxes, spans, masks... The first worker's answer is kept as the label.
      return { value: answers[0]!.label, metadata: common };
  }
}
