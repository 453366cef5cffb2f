// The global AWS options of a command, and printing the spec warnings of commands that go on despite them.
import type { Diagnostic } from '../core/diagnostics.js';
import type { AwsOptions } from '../app/session.js';
import { formatDiagnostics } from '../report/diagnostics.js';
import type { Style } from '../report/style.js';
import type { GlobalOptions } from './options.js';

export function awsOptions(args: GlobalOptions): AwsOptions {
  return { ...(args.region ? { region: args.region } : {}), ...(args.profile ? { profile: args.profile } : {}), ...(args.endpoint ? { endpoint: args.endpoint } : {}) };
}

export function printWarnings(warnings: readonly Diagnostic[], style: Style): void {
  process.stderr.write(formatDiagnostics(warnings, style));
}
