// `gtctl validate [-d DIR] [--json]`: specs only, no AWS calls.
import type { Argv, CommandModule } from 'yargs';
import { countLabel, diagnosticsJson, formatDiagnostic } from '../../report/diagnostics.js';
import { styleFor } from '../../report/style.js';
import { EXIT } from '../../core/exit-codes.js';
import { directoryOption, type GlobalOptions } from '../options.js';

interface ValidateArgs extends GlobalOptions {
  dir: string;
  json: boolean;
}

export const validateCommand: CommandModule<GlobalOptions, ValidateArgs> = {
  command: 'validate',
  describe: 'Check the specs (YAML, schemas, references, limits) without calling AWS',
  builder: (argv: Argv<GlobalOptions>) =>
    directoryOption(argv).option('json', { type: 'boolean', default: false, describe: 'Print the diagnostics as a JSON array on stdout' }) as Argv<ValidateArgs>,
  handler: async (args) => {
    const { validate } = await import('../../app/validate.js');
    const result = await validate({ directory: args.dir, ...(args.region ? { region: args.region } : {}) });
    if (args.json) {
      process.stdout.write(diagnosticsJson(result.diagnostics));
    } else {
      const err = styleFor(process.stderr, args);
      for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d, err)}\n`);
      const out = styleFor(process.stdout, args);
      const documents = Object.entries(result.counts).filter(([, n]) => n > 0);
      const total = documents.reduce((sum, [, n]) => sum + n, 0);
      const kinds = documents.map(([kind, n]) => `${n} ${kind}`).join(', ');
      const where = `${total} document${total === 1 ? '' : 's'} in ${result.files.length} file${result.files.length === 1 ? '' : 's'}${kinds ? ` (${kinds})` : ''}`;
      if (result.valid) {
        const warnings = result.diagnostics.length ? ` with ${countLabel(result.diagnostics).replace(/^0 errors, /, '')}` : '';
        process.stdout.write(`${out.green('✓')} ${args.dir}: ${where} valid${warnings}\n`);
      } else {
        process.stderr.write(`${err.red('✗')} ${args.dir}: ${countLabel(result.diagnostics)}; ${where}\n`);
      }
    }
    process.exitCode = result.valid ? EXIT.ok : EXIT.error;
  },
};
