// `gtctl apply [-d DIR] [--auto-approve] [PLANFILE]`: without a plan file it plans, prints and asks; with one it
// applies exactly that plan once the live state it read is unchanged.
import { readFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { GtctlError } from '../../core/errors.js';
import { hasChanges } from '../../core/plan.js';
import { humanReporter } from '../../report/human-reporter.js';
import { readSavedPlan } from '../../report/plan-json.js';
import { styleFor } from '../../report/style.js';
import { awsOptions, printWarnings } from '../aws-options.js';
import { directoryOption, EXIT, type GlobalOptions } from '../options.js';

interface ApplyArgs extends GlobalOptions {
  dir: string;
  autoApprove: boolean;
  planfile?: string;
}

export const applyCommand: CommandModule<GlobalOptions, ApplyArgs> = {
  command: 'apply [planfile]',
  describe: 'Carry out the changes: plan and ask, or apply a saved plan file',
  builder: (argv: Argv<GlobalOptions>) =>
    directoryOption(argv)
      .positional('planfile', { type: 'string', describe: 'A plan saved by `gtctl plan --out FILE`' })
      .option('auto-approve', { type: 'boolean', default: false, describe: 'Apply without asking (required without a terminal)' }) as unknown as Argv<ApplyArgs>,
  handler: async (args) => {
    const out = styleFor(process.stdout, args);
    const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
    const reporter = humanReporter(process.stdout, out, { interactive });
    const options = awsOptions(args);
    if (args.planfile) {
      const { applySavedPlan } = await import('../../app/apply.js');
      const { plan } = readSavedPlan(await readPlanText(args.planfile));
      const counts = await applySavedPlan(plan, options, reporter);
      process.exitCode = counts.failed + counts.skipped > 0 ? EXIT.error : EXIT.ok;
      return;
    }
    const [{ plan: makePlan }, { applyPlan }] = await Promise.all([import('../../app/plan.js'), import('../../app/apply.js')]);
    const result = await makePlan(args.dir, options, humanReporter(process.stderr, styleFor(process.stderr, args), { interactive: false }));
    printWarnings(result.warnings, styleFor(process.stderr, args));
    reporter.planReady(result.plan);
    if (result.plan.summary.blocked > 0) {
      process.exitCode = EXIT.error;
      return;
    }
    if (!hasChanges(result.plan)) {
      process.exitCode = EXIT.ok;
      return;
    }
    if (!args.autoApprove) {
      if (!interactive) throw new GtctlError('needs-approval', 'apply needs a confirmation, and there is no terminal to ask on', 'user', 'Review the plan above, then run `gtctl apply --auto-approve` (or apply a saved plan file).');
      if (!(await reporter.confirm('Apply these changes?', false))) {
        throw new GtctlError('declined', 'apply cancelled; nothing was changed', 'user');
      }
    }
    const counts = await applyPlan(result.plan, result.ports, reporter);
    process.exitCode = counts.failed + counts.skipped > 0 ? EXIT.error : EXIT.ok;
  },
};

async function readPlanText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new GtctlError('no-plan-file', `cannot read plan file ${file}: ${(error as Error).message}`, 'user', 'Save one with `gtctl plan --out FILE`.');
  }
}
