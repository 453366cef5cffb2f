// `gtctl import [--out DIR] [--project NAME] [--include teams,members,buckets,jobs] [--bucket NAME...] [--force]`:
// specs for what exists in the account, written so that the first plan only adds the ownership tags.
import type { Argv, CommandModule } from 'yargs';
import { GtctlError } from '../../core/errors.js';
import { renderImported, renderImportWarnings } from '../../report/import-human.js';
import { styleFor } from '../../report/style.js';
import { awsOptions } from '../aws-options.js';
import { EXIT } from '../../core/exit-codes.js';
import { type GlobalOptions } from '../options.js';

const PARTS = ['teams', 'members', 'buckets', 'jobs'] as const;
type Part = (typeof PARTS)[number];

interface ImportArgs extends GlobalOptions {
  out: string;
  project: string;
  include: string[];
  bucket: string[];
  force: boolean;
}

export const importCommand: CommandModule<GlobalOptions, ImportArgs> = {
  command: 'import',
  describe: 'Write specs for what exists in the account (workforce, teams, members, buckets, jobs), to adopt it',
  builder: (argv: Argv<GlobalOptions>) =>
    argv
      .option('out', { alias: 'o', type: 'string', default: '.', describe: 'Directory to write the specs into' })
      .option('project', { type: 'string', default: 'imported', describe: 'The Project name (the gtctl:project tag value)' })
      .option('include', { type: 'string', array: true, default: [...PARTS], describe: `What to import besides the workforce: ${PARTS.join(',')}` })
      .option('bucket', { type: 'string', array: true, default: [], describe: 'A bucket to import besides those labeling jobs use (repeatable)' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite spec files that exist' }) as unknown as Argv<ImportArgs>,
  handler: async (args) => {
    const include = args.include.flatMap((value) => value.split(',')).map((p) => p.trim()).filter(Boolean);
    const unknown = include.filter((p) => !(PARTS as readonly string[]).includes(p));
    if (unknown.length) throw new GtctlError('usage', `--include does not know ${unknown.join(', ')}`, 'user', `Use a comma-separated list of ${PARTS.join(', ')}.`);
    const { importAccount, writeSpecTree } = await import('../../app/import.js');
    const result = await importAccount({ ...awsOptions(args), project: args.project, include: include as Part[], buckets: args.bucket });
    const written = await writeSpecTree(args.out, result.files, args.force);
    process.stderr.write(renderImportWarnings(result.tree.warnings, styleFor(process.stderr, args)));
    process.stdout.write(renderImported(result, written, args.out, styleFor(process.stdout, args)));
    process.exitCode = EXIT.ok;
  },
};
