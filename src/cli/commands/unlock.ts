// `gtctl unlock [-d DIR] [--force]`: shows who holds the Project's apply lock (spec.lock) and deletes it. For a lock
// left behind by an apply that died; deleting the lock of a running apply lets another interleave with it.
import { createInterface } from 'node:readline/promises';
import type { Argv, CommandModule } from 'yargs';
import { GtctlError } from '../../core/errors.js';
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
    const [{ findLock }, { describeHolder, describeSince, lockUri }] = await Promise.all([import('../../app/unlock.js'), import('../../app/lock.js')]);
    const out = styleFor(process.stdout, args);
    const { location, holder, breakLock } = await findLock(args.dir, awsOptions(args));
    if (!holder) {
      process.stdout.write(`${lockUri(location)} is not held; nothing to unlock\n`);
      process.exitCode = EXIT.ok;
      return;
    }
    process.stdout.write(`${lockUri(location)} is held by ${describeHolder(holder)} since ${describeSince(holder, Date.now())}\n`);
    if (!args.force) {
      const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
      if (!interactive) throw new GtctlError('needs-approval', 'unlock needs a confirmation, and there is no terminal to ask on', 'user', 'Make sure that apply is no longer running, then run `gtctl unlock --force`.');
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      const answer = await rl.question(`${out.bold('Delete the lock?')} Only if that apply is no longer running. [y/N] `).finally(() => rl.close());
      if (!/^y(es)?$/i.test(answer.trim())) throw new GtctlError('declined', 'unlock cancelled; the lock is still held', 'user');
    }
    await breakLock();
    process.stdout.write(`deleted the lock ${lockUri(location)}\n`);
    process.exitCode = EXIT.ok;
  },
};
