// `gtctl results JOB` for people: the label distribution as a small table, then the counts a reviewer acts on
// (failures in red, disagreement in yellow) and where the output manifest is. `--json` prints the OutputSummary.
import type { OutputSummary } from '../core/jobs/results.js';
import type { Style } from './style.js';

export function renderResults(summary: OutputSummary, style: Style): string {
  const lines = [style.bold(`Results of job ${summary.job}`)];
  if (summary.output !== undefined) lines.push(`  output: ${summary.output}`);
  lines.push('');

  if (summary.labels.length > 0) {
    const header = ['Label', 'Objects', 'Share'];
    const rows = summary.labels.map((l) => [l.label, String(l.objects), share(l.objects, summary.labeled)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const row = (cells: string[]) => `  ${cells[0]!.padEnd(widths[0]!)}  ${cells[1]!.padStart(widths[1]!)}  ${cells[2]!.padStart(widths[2]!)}`;
    lines.push(style.dim(row(header)), ...rows.map(row), '');
  }

  const failed = `${summary.failed} failed`;
  lines.push(
    `  ${summary.total} object${summary.total === 1 ? '' : 's'}: ${summary.labeled} labeled, ${summary.failed > 0 ? style.red(failed) : failed}, ${summary.unlabeled} not labeled yet`,
  );
  lines.push(`  ${disagreementLine(summary, style)}`);
  for (const f of summary.failures) lines.push(`    ${style.red(`${f.objects} failed:`)} ${f.reason}`);
  if (summary.unreadable > 0)
    lines.push(`  ${style.red(`${summary.unreadable} line${summary.unreadable === 1 ? '' : 's'} of the output manifest could not be read`)}`);
  return `${lines.join('\n')}\n`;
}

function disagreementLine(summary: OutputSummary, style: Style): string {
  if (summary.workersPerObject < 2) return 'Worker disagreement: not measured (one worker per object)';
  const d = summary.disagreement;
  if (!d) return 'Worker disagreement: not measured (no classification labels yet)';
  const text = `${d.objects} of ${d.outOf} object${d.outOf === 1 ? '' : 's'} with confidence below 1`;
  return `Worker disagreement: ${d.objects > 0 ? style.yellow(text) : text} (${summary.workersPerObject} workers per object)`;
}

function share(part: number, whole: number): string {
  return whole === 0 ? '-' : `${Math.round((part / whole) * 100)}%`;
}
