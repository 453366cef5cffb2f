// `gtctl import` for people: what it left out and why (warnings, on stderr), then the files it wrote and the next
// step (stdout).
import { warningLine } from './human-reporter.js';
import type { Style } from './style.js';

export function renderImportWarnings(warnings: readonly string[], style: Style): string {
  return warnings.map((warning) => `${warningLine(warning, style)}\n`).join('');
}

export function renderImported(from: { account: string; region: string }, written: readonly string[], directory: string, style: Style): string {
  return [
    `Imported from account ${from.account}, ${from.region}:`,
    ...written.map((file) => `  wrote ${file}`),
    '',
    `Review the specs, then run ${style.bold(`gtctl plan -d ${directory}`)}: it should show only the ownership tags to add.`,
    '',
  ].join('\n');
}
