// `gtctl unlock [-d DIR] [--force]`: shows who holds the Project's apply lock (spec.lock) and deletes it. For a lock
// left behind by an apply that died; deleting the lock of a running apply lets another interleave with it.
import type { Argv, CommandModule } from 'yargs';
import { GtctlError } from '../../core/errors.js';
import { lockDeleted, lockState, unlockQuestion } from '../../report/lock-human.js';
import { askYesNo, processTerminal } from '../../report/prompt.js';
import { styleFor } from '../../report/style.js';
import { awsOptions } from '../aws-options.js';
import { EXIT } from '../../core/exit-codes.js';
import { directoryOption, type GlobalOptions } from '../options.js';

interface UnlockArgs extends GlobalOptions {
  dir: string;
  force: boolean;
}

export const unlockCommand: CommandModule<GlobalOptions, UnlockArgs> = {
  command: 'unlock',
  describe: 'Show who holds the apply lock (Project spec.lock) and break it, for an apply that died',
  builder: (argv: Argv<GlobalOptions>) => directoryOption(argv).option('force', { type: 'boolean', default: false, describe: 'Delete the lock without asking (required without a terminal)' }) as Argv<UnlockArgs>,
  handler: async (args) => {
    const { findLock } = await import('../../app/unlock.js');
    const { location, holder, breakLock } = await findLock(args.dir, awsOptions(args));
    process.stdout.write(lockState(location, holder, Date.now()));
    if (!holder) {
      process.exitCode = EXIT.ok;
      return;
    }
    // No default yes: deleting the lock of a running apply lets another interleave with it, so without a terminal
    // unlock refuses rather than answering for the user.
    const refuse = (): never => {
      throw new GtctlError('needs-approval', 'unlock needs a confirmation, and there is no terminal to ask on', 'user', 'Make sure that apply is no longer running, then run `gtctl unlock --force`.');
    };
    if (!args.force && !(await askYesNo(processTerminal(), unlockQuestion(styleFor(process.stdout, args)), false, refuse)))
      throw new GtctlError('declined', 'unlock cancelled; the lock is still held', 'user');
    await breakLock();
    process.stdout.write(lockDeleted(location));
    process.exitCode = EXIT.ok;
  },
};
