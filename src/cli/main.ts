#!/usr/bin/env node
// The gtctl command line: arguments to typed options, call app/, render, exit code. The single top-level catch
// lives here: user and AWS errors print as a message and a hint, never a stack; internal errors show the stack.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { GtctlError } from '../core/errors.js';
import { styleFor } from '../report/style.js';
import { applyCommand } from './commands/apply.js';
import { iamPolicyCommand } from './commands/iam-policy.js';
import { importCommand } from './commands/import.js';
import { planCommand } from './commands/plan.js';
import { resultsCommand } from './commands/results.js';
import { sandboxCommand } from './commands/sandbox.js';
import { statusCommand } from './commands/status.js';
import { unlockCommand } from './commands/unlock.js';
import { validateCommand } from './commands/validate.js';
import { version } from './version.js';
import { renderError } from '../report/diagnostics.js';
import { EXIT } from '../core/exit-codes.js';
import { withGlobalOptions } from './options.js';


// gtctl pins the SDK with its lock file (newer SDK releases need Node 22); the SDK's notice about that is for
// whoever upgrades gtctl, not for its users, so it is off unless the user set the variable themselves.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export async function main(argv: string[]): Promise<void> {
  const cli = withGlobalOptions(yargs(argv))
    .scriptName('gtctl')
    .usage('$0 <command> [options]\n\nManage Amazon SageMaker Ground Truth from YAML specs: validate, plan, apply.')
    .command(validateCommand)
    .command(planCommand)
    .command(applyCommand)
    .command(statusCommand)
    .command(resultsCommand)
    .command(importCommand)
    .command(sandboxCommand)
    .command(iamPolicyCommand)
    .command(unlockCommand)
    .demandCommand(1, 'Name a command; see gtctl --help.')
    .strict()
    .version(version)
    .help()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message, error) => {
      throw error ?? new GtctlError('usage', message, 'user', 'Run `gtctl --help` for the commands and their options.');
    });
  try {
    await cli.parseAsync();
  } catch (error) {
    reportError(error, argv);
    process.exitCode = EXIT.error;
  }
}

function reportError(error: unknown, argv: readonly string[]): void {
  // Invalid specs stop plan/apply/status: every diagnostic shows, then the one-line reason.
  process.stderr.write(renderError(error, styleFor(process.stderr, { color: !argv.includes('--no-color') })));
}

await main(hideBin(process.argv));
