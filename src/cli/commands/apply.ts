// `gtctl apply [-d DIR] [--auto-approve] [PLANFILE]`: without a plan file it plans, prints and asks; with one it
// applies exactly that plan once the live state it read is unchanged.
import { readFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import type { ApplyLockOptions } from '../../app/apply.js';
import { describeHolder } from '../../app/lock.js';
import { GtctlError } from '../../core/errors.js';
import { parseDuration } from '../../spec/durations.js';
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
  lockTimeout: string;
}

export const applyCommand: CommandModule<GlobalOptions, ApplyArgs> = {
  command: 'apply [planfile]',
  describe: 'Carry out the changes: plan and ask, or apply a saved plan file',
  builder: (argv: Argv<GlobalOptions>) =>
    directoryOption(argv)
      .positional('planfile', { type: 'string', describe: 'A plan saved by `gtctl plan --out FILE`' })
      .option('auto-approve', { type: 'boolean', default: false, describe: 'Apply without asking (required without a terminal)' })
      .option('lock-timeout', { type: 'string', default: '0', describe: 'When the Project\'s lock (spec.lock) is held, wait this long for it (`30s`, `5m`) before failing' }) as unknown as Argv<ApplyArgs>,
  handler: async (args) => {
    const out = styleFor(process.stdout, args);
    const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
    const reporter = humanReporter(process.stdout, out, { interactive });
    const options = awsOptions(args);
    const lock = lockOptions(args);
    if (args.planfile) {
      const { applySavedPlan } = await import('../../app/apply.js');
      const { plan } = readSavedPlan(await readPlanText(args.planfile));
      const counts = await applySavedPlan(plan, options, reporter, lock);
      process.exitCode = counts.failed + counts.skipped > 0 ? EXIT.error : EXIT.ok;
      return;
    }
    const [{ plan: makePlan }, { applyPlan, takeApplyLock }] = await Promise.all([import('../../app/plan.js'), import('../../app/apply.js')]);
    // With a lock in the Project: taken before planning, held through the confirmation and every write.
    const held = await takeApplyLock(args.dir, options, lock);
    try {
      await planAndApply();
    } catch (error) {
      await held?.release().catch(() => undefined);
      throw error;
    }
    await held?.release();

    async function planAndApply(): Promise<void> {
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
    }
  },
};

function lockOptions(args: ApplyArgs): ApplyLockOptions {
  const text = args.lockTimeout.trim();
  if (!/^(0|(\d+[dhms])+)$/.test(text)) {
    throw new GtctlError('usage', `--lock-timeout ${args.lockTimeout}: not a duration`, 'user', 'Give a duration such as `30s`, `5m` or `1h30m` (0, the default, fails at once).');
  }
  const err = styleFor(process.stderr, args);
  return {
    timeoutSeconds: text === '0' ? 0 : parseDuration(text),
    command: ['gtctl', 'apply', ...process.argv.slice(2).filter((a) => a !== 'apply')].join(' ').slice(0, 200),
    onWait: (holder, location) =>
      process.stderr.write(err.dim(`the lock s3://${location.bucket}/${location.key} is held by ${holder ? describeHolder(holder) : 'another apply'}; waiting up to ${text}\n`)),
  };
}

async function readPlanText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new GtctlError('no-plan-file', `cannot read plan file ${file}: ${(error as Error).message}`, 'user', 'Save one with `gtctl plan --out FILE`.');
  }
}
