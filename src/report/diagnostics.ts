// Diagnostics for people (`file:line:col: error CODE: message`, hint below) and for scripts (JSON).
import type { Diagnostic } from '../core/diagnostics.js';
import type { Style } from './style.js';

export function formatDiagnostic(d: Diagnostic, style: Style): string {
  const severity = d.severity === 'error' ? style.red(style.bold('error')) : style.yellow(style.bold('warning'));
  const head = `${style.bold(`${d.file}:${d.line}:${d.column}:`)} ${severity} ${d.code}: ${d.message}`;
  return d.hint ? `${head}\n  ${style.dim(`hint: ${d.hint}`)}` : head;
}

export function diagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify(diagnostics, null, 2)}\n`;
}

export function countLabel(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
