// The worker instructions of a job as HTML, shared by the worker template (template.ts) and, for named entity
// recognition, whose built-in UI takes them from the label category file (label-file.ts). Instructions and examples
// are HTML as the user wrote them (aws-facts §3.4: HTML allowed); nothing here escapes them.
import type { LabelingJob } from '../model.js';

/** The full instructions followed by the good and bad examples (the schema files examples under the full text). */
export function fullInstructionsHtml(job: LabelingJob): string | undefined {
  const { full, examples } = job.task.instructions;
  const parts = [
    ...(full !== undefined ? [full] : []),
    ...exampleList('Good', examples.good),
    ...exampleList('Bad', examples.bad),
  ];
  return parts.length > 0 ? parts.join('\n') : undefined;
}

function exampleList(kind: 'Good' | 'Bad', examples: readonly string[]): string[] {
  if (examples.length === 0) return [];
  return [`<h3>${kind} example${examples.length === 1 ? '' : 's'}</h3>`, '<ul>', ...examples.map((e) => `<li>${e}</li>`), '</ul>'];
}
