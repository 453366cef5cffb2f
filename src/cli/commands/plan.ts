// `gtctl plan [-d DIR] [--out FILE] [--json] [--detailed-exitcode] [--show-unmanaged]`
import { writeFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { hasChanges } from '../../core/plan.js';
import { humanReporter } from '../../report/human-reporter.js';
import { planFile, planJson } from '../../report/plan-json.js';
import { renderPlan } from '../../report/plan-human.js';
import { savedPlanNote } from '../../report/saved-plan-human.js';
import { renderUnmanaged } from '../../report/unmanaged-human.js';
import { styleFor } from '../../report/style.js';
import { awsOptions, printWarnings } from '../aws-options.js';
import { EXIT } from '../../core/exit-codes.js';
import { directoryOption, type GlobalOptions } from '../options.js';
import { version } from '../version.js';

interface PlanArgs extends GlobalOptions {
  dir: string;
  out?: string;
  json: boolean;
  detailedExitcode: boolean;
  showUnmanaged: boolean;
}

export const planCommand: CommandModule<GlobalOptions, PlanArgs> = {
  command: 'plan',
  describe: 'Compare the specs with live AWS state and show the changes apply would make',
  builder: (argv: Argv<GlobalOptions>) =>
    directoryOption(argv)
      .option('out', { type: 'string', describe: 'Save the plan (with the live fingerprints apply re-checks) to FILE' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the plan as JSON (formatVersion 1) on stdout' })
      .option('detailed-exitcode', { type: 'boolean', default: false, describe: 'Exit 2 when there are changes, 0 when there are none' })
      .option('show-unmanaged', { type: 'boolean', default: false, describe: 'After the plan, list live teams, users, jobs and buckets that no spec declares' }) as unknown as Argv<PlanArgs>,
  handler: async (args) => {
    const { plan } = await import('../../app/plan.js');
    const err = styleFor(process.stderr, args);
    const reporter = humanReporter(process.stderr, err, { interactive: false });
    const result = await plan(args.dir, awsOptions(args), reporter, { showUnmanaged: args.showUnmanaged });
    printWarnings(result.warnings, err);
    if (args.json) process.stdout.write(planJson(result.plan, result.unmanaged ? { unmanaged: result.unmanaged } : {}));
    else {
      const out = styleFor(process.stdout, args);
      process.stdout.write(renderPlan(result.plan, out));
      if (result.unmanaged) process.stdout.write(renderUnmanaged(result.unmanaged, out));
    }
    if (args.out) {
      await writeFile(args.out, planFile(result.plan, { gtctlVersion: version, specDirectory: args.dir }));
      process.stderr.write(savedPlanNote(args.out));
    }
    if (result.plan.summary.blocked > 0) process.exitCode = EXIT.error;
    else if (args.detailedExitcode && hasChanges(result.plan)) process.exitCode = EXIT.changes;
    else process.exitCode = EXIT.ok;
  },
};
