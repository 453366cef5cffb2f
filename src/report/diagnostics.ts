// Diagnostics for people (`file:line:col: error CODE: message`, hint below) and for scripts (JSON); the code of a
// thrown error as people see it.
import type { Diagnostic } from '../core/diagnostics.js';
import { diagnosticsOf, GtctlError, type CodedError } from '../core/errors.js';
import type { Style } from './style.js';

export function formatDiagnostic(d: Diagnostic, style: Style): string {
  const severity = d.severity === 'error' ? style.red(style.bold('error')) : style.yellow(style.bold('warning'));
  const head = `${style.bold(`${d.file}:${d.line}:${d.column}:`)} ${severity} ${d.code}: ${d.message}`;
  return d.hint ? `${head}\n  ${style.dim(`hint: ${d.hint}`)}` : head;
}

/** gtctl's code, with AWS's error name beside it when AWS answered: `aws-error (ResourceInUse)`. */
export function errorCode(error: Pick<CodedError, 'code' | 'awsCode'>): string {
  return error.awsCode ? `${error.code} (${error.awsCode})` : error.code;
}

/** Diagnostics one per line (each with its hint below), as stderr shows them. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], style: Style): string {
  return diagnostics.map((d) => `${formatDiagnostic(d, style)}\n`).join('');
}

/**
 * What the CLI prints for an error that stopped a command: the diagnostics behind it, then `error CODE: message` and
 * the hint; a gtctl bug (source `internal`, or anything not coded) shows its stack and asks to be reported.
 */
export function renderError(error: unknown, style: Style): string {
  const lines: string[] = [];
  if (error instanceof GtctlError && error.source !== 'internal') {
    lines.push(`${style.red(style.bold('error'))} ${errorCode(error)}: ${error.message}`);
    if (error.hint) lines.push(`  ${style.dim(`hint: ${error.hint}`)}`);
  } else {
    lines.push(`${style.red(style.bold('internal error'))}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    lines.push('  This is a bug in gtctl; please report it with the command you ran.');
  }
  return formatDiagnostics(diagnosticsOf(error), style) + lines.map((l) => `${l}\n`).join('');
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
