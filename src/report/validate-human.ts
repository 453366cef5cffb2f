// `gtctl validate` for people: every diagnostic on stderr, then one line: on stdout when the specs are valid (with
// their warnings counted), on stderr when they are not.
import type { ValidateResult } from '../app/validate.js';
import { countLabel, formatDiagnostics } from './diagnostics.js';
import type { Style } from './style.js';

/** The text for each stream, each in its own stream's style. */
export function renderValidation(result: ValidateResult, directory: string, style: { stdout: Style; stderr: Style }): { stdout: string; stderr: string } {
  const diagnostics = formatDiagnostics(result.diagnostics, style.stderr);
  const documents = Object.entries(result.counts).filter(([, n]) => n > 0);
  const total = documents.reduce((sum, [, n]) => sum + n, 0);
  const kinds = documents.map(([kind, n]) => `${n} ${kind}`).join(', ');
  const where = `${total} document${total === 1 ? '' : 's'} in ${result.files.length} file${result.files.length === 1 ? '' : 's'}${kinds ? ` (${kinds})` : ''}`;
  if (!result.valid) return { stdout: '', stderr: `${diagnostics}${style.stderr.red('✗')} ${directory}: ${countLabel(result.diagnostics)}; ${where}\n` };
  const warnings = result.diagnostics.length ? ` with ${countLabel(result.diagnostics).replace(/^0 errors, /, '')}` : '';
  return { stdout: `${style.stdout.green('✓')} ${directory}: ${where} valid${warnings}\n`, stderr: diagnostics };
}
