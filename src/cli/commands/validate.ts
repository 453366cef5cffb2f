// `gtctl validate [-d DIR] [--json]`: specs only, no AWS calls.
import type { Argv, CommandModule } from 'yargs';
import { diagnosticsJson } from '../../report/diagnostics.js';
import { styleFor } from '../../report/style.js';
import { renderValidation } from '../../report/validate-human.js';
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
      const text = renderValidation(result, args.dir, { stdout: styleFor(process.stdout, args), stderr: styleFor(process.stderr, args) });
      // stderr first: on a terminal showing both streams, the diagnostics come before the verdict line.
      process.stderr.write(text.stderr);
      process.stdout.write(text.stdout);
    }
    process.exitCode = result.valid ? EXIT.ok : EXIT.error;
  },
};
