// Problems the user can fix, collected and shown together (never thrown one at a time).

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable, kebab-case: scripts and tests match on it (`unknown-team`, `invalid-length`...). */
  code: string;
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Path of the spec file as given to the loader (relative to the working directory when possible). */
  file: string;
  /** 1-based position of the offending value (not the document start). */
  line: number;
  column: number;
  /** The value's path in its document, e.g. `spec.members[2]`. */
  path?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** File, then position, then code: the same problems always print in the same order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.code, b.code) || compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
