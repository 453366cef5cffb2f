// `gtctl results JOB [-d DIR] [--json]`: what a labeling job produced.
import type { Argv, CommandModule } from 'yargs';
import { prettyJson } from '../../report/json.js';
import { renderResults } from '../../report/results-human.js';
import { styleFor } from '../../report/style.js';
import { awsOptions } from '../aws-options.js';
import { EXIT } from '../../core/exit-codes.js';
import { directoryOption, type GlobalOptions } from '../options.js';

interface ResultsArgs extends GlobalOptions {
  dir: string;
  job: string;
  json: boolean;
}

export const resultsCommand: CommandModule<GlobalOptions, ResultsArgs> = {
  command: 'results <job>',
  describe: "Summarize a labeling job's output: label distribution, worker disagreement, where the output is",
  builder: (argv: Argv<GlobalOptions>) =>
    directoryOption(argv)
      .positional('job', { type: 'string', demandOption: true, describe: 'The LabelingJob name' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the summary as JSON' }) as unknown as Argv<ResultsArgs>,
  handler: async (args) => {
    const { results } = await import('../../app/results.js');
    const summary = await results(args.dir, args.job, awsOptions(args));
    process.stdout.write(args.json ? prettyJson(summary) : renderResults(summary, styleFor(process.stdout, args)));
    process.exitCode = EXIT.ok;
  },
};
