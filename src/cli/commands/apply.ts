// `gtctl apply [-d DIR] [--auto-approve] [--json] [PLANFILE]`: without a plan file it plans, prints and asks; with one
// it applies exactly that plan once the live state it read is unchanged. A thin host of the apply use case
// (app/apply.ts): flags in, outcome -> exit code.
import { readFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import type { ApplyOptions, ApplyOutcome } from '../../app/apply.js';
import { GtctlError } from '../../core/errors.js';
import { EXIT } from '../../core/exit-codes.js';
import { humanReporter } from '../../report/human-reporter.js';
import { lockWaitNote } from '../../report/lock-human.js';
import { processTerminal } from '../../report/prompt.js';
import { resultsJsonLines } from '../../report/results-json.js';
import { readSavedPlan } from '../../report/plan-json.js';
import { styleFor } from '../../report/style.js';
import { awsOptions, printWarnings } from '../aws-options.js';
import { withInterrupts } from '../interrupts.js';
import { directoryOption, type GlobalOptions } from '../options.js';

interface ApplyArgs extends GlobalOptions {
  dir: string;
  autoApprove: boolean;
  json: boolean;
  planfile?: string;
  lockTimeout?: string;
}

export const applyCommand: CommandModule<GlobalOptions, ApplyArgs> = {
  command: 'apply [planfile]',
  describe: 'Carry out the changes: plan and ask, or apply a saved plan file',
  builder: (argv: Argv<GlobalOptions>) =>
    directoryOption(argv)
      .positional('planfile', { type: 'string', describe: 'A plan saved by `gtctl plan --out FILE`' })
      .option('auto-approve', { type: 'boolean', default: false, describe: 'Apply without asking (required without a terminal)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON result per change on stdout (progress goes to stderr)' })
      .option('lock-timeout', { type: 'string', describe: 'When the Project\'s lock (spec.lock) is held, wait this long for it (`30s`, `5m`; default 0) before failing' }) as unknown as Argv<ApplyArgs>,
  handler: async (args) => {
    const { interactive } = processTerminal();
    const err = styleFor(process.stderr, args);
    // With --json, stdout holds the results alone.
    const reporter = args.json ? humanReporter(process.stderr, err, { interactive }) : humanReporter(process.stdout, styleFor(process.stdout, args), { interactive });
    const { applySavedPlan, applySpecs, lockWaitSeconds, DEFAULT_LOCK_WAIT } = await import('../../app/apply.js');
    const lock = lockOptions({ ...args, lockTimeout: args.lockTimeout ?? DEFAULT_LOCK_WAIT }, lockWaitSeconds);
    const options = (signal: AbortSignal): ApplyOptions => ({
      aws: awsOptions(args),
      reporter,
      approval: args.autoApprove ? 'auto' : interactive ? 'ask' : 'none',
      lock,
      signal,
      planned: ({ warnings }) => printWarnings(warnings, err),
    });
    const saved = args.planfile ? readSavedPlan(await readPlanText(args.planfile)).plan : undefined;
    const outcome = await withInterrupts((signal) =>
      saved ? applySavedPlan(saved, options(signal)) : applySpecs(args.dir, { ...options(signal), readReporter: humanReporter(process.stderr, err, { interactive: false }) }),
    );
    process.exitCode = exitCode(outcome);
    if (args.json && outcome.kind === 'applied') process.stdout.write(resultsJsonLines(outcome.results));
  },
};

function exitCode(outcome: ApplyOutcome): number {
  switch (outcome.kind) {
    case 'no-changes':
      return EXIT.ok;
    case 'blocked':
      return EXIT.error;
    case 'needs-approval':
      throw new GtctlError('needs-approval', 'apply needs a confirmation, and there is no terminal to ask on', 'user', 'Review the plan above, then run `gtctl apply --auto-approve` (or apply a saved plan file).');
    case 'declined':
      throw new GtctlError('declined', 'apply cancelled; nothing was changed', 'user');
    case 'applied':
      if (outcome.interrupted) return EXIT.interrupted;
      return outcome.counts.failed + outcome.counts.skipped > 0 ? EXIT.error : EXIT.ok;
  }
}

function lockOptions(args: ApplyArgs & { lockTimeout: string }, lockWaitSeconds: (text: string, name: string) => number): ApplyOptions['lock'] {
  const err = styleFor(process.stderr, args);
  return {
    timeoutSeconds: lockWaitSeconds(args.lockTimeout, '--lock-timeout'),
    command: ['gtctl', 'apply', ...process.argv.slice(2).filter((a) => a !== 'apply')].join(' ').slice(0, 200),
    onWait: (holder, location) => process.stderr.write(lockWaitNote(location, holder, args.lockTimeout.trim(), err)),
  };
}

async function readPlanText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new GtctlError('no-plan-file', `cannot read plan file ${file}: ${(error as Error).message}`, 'user', 'Save one with `gtctl plan --out FILE`.');
  }
}
