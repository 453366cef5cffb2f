// `gtctl status [-d DIR] [--json]`: what is live for the specs, read only.
import type { Argv, CommandModule } from 'yargs';
import { prettyJson } from '../../report/json.js';
import { renderStatus } from '../../report/status-human.js';
import { styleFor } from '../../report/style.js';
import { awsOptions } from '../aws-options.js';
import { EXIT } from '../../core/exit-codes.js';
import { directoryOption, type GlobalOptions } from '../options.js';

interface StatusArgs extends GlobalOptions {
  dir: string;
  json: boolean;
}

export const statusCommand: CommandModule<GlobalOptions, StatusArgs> = {
  command: 'status',
  describe: 'Show the workforce, teams (portal URL, members, invitation status) as they are in AWS',
  builder: (argv: Argv<GlobalOptions>) => directoryOption(argv).option('json', { type: 'boolean', default: false, describe: 'Print the status as JSON' }) as Argv<StatusArgs>,
  handler: async (args) => {
    const { status } = await import('../../app/status.js');
    const report = await status(args.dir, awsOptions(args));
    process.stdout.write(args.json ? prettyJson(report) : renderStatus(report, styleFor(process.stdout, args)));
    process.exitCode = EXIT.ok;
  },
};
