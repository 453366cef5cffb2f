// Options every command accepts, and the exit codes of the CLI contract (design §4).
import type { Argv } from 'yargs';

export interface GlobalOptions {
  region?: string;
  profile?: string;
  endpoint?: string;
  color: boolean;
}


export function withGlobalOptions<T>(argv: Argv<T>): Argv<T & GlobalOptions> {
  return argv
    .option('region', { type: 'string', describe: 'AWS Region (default: the Project spec, then AWS_REGION)', global: true })
    .option('profile', { type: 'string', describe: 'AWS shared-config profile', global: true })
    .option('endpoint', { type: 'string', describe: 'Send every AWS call to this URL (e.g. the gtctl sandbox); AWS_ENDPOINT_URL* also work', global: true })
    .option('color', { type: 'boolean', default: true, describe: 'Colour on a terminal (--no-color or NO_COLOR turn it off)', global: true });
}

export function directoryOption<T>(argv: Argv<T>): Argv<T & { dir: string }> {
  return argv.option('dir', { alias: 'd', type: 'string', default: '.', describe: 'Spec directory' });
}
