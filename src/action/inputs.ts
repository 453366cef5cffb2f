// The Action's inputs (action.yml) as typed options. GitHub passes each as INPUT_<NAME> (upper-cased, spaces as `_`,
// hyphens kept); an input the workflow leaves out arrives as its action.yml default, or empty.
import { GtctlError } from '../core/errors.js';

export type ActionCommand = 'plan' | 'apply' | 'drift';
const COMMANDS: readonly ActionCommand[] = ['plan', 'apply', 'drift'];

export interface ActionInputs {
  command: ActionCommand;
  /** The spec directory, relative to the workspace (the checked-out repository). */
  directory: string;
  region?: string;
  /** Mask worker e-mails in pull-request comments, drift issues and the log. */
  maskEmails: boolean;
  /** Comment the plan on the pull request (pull_request events only). */
  comment: boolean;
  githubToken: string;
  /** drift: open (or update) one issue instead of failing the job. */
  driftIssue: boolean;
  /** apply: how long to wait for the Project's lock, as `gtctl apply --lock-timeout` (`0`, `30s`, `5m`). */
  lockTimeout: string;
}

export function readInputs(get: (name: string) => string): ActionInputs {
  const command = get('command').trim().toLowerCase();
  if (!COMMANDS.includes(command as ActionCommand)) {
    throw new GtctlError('action-input', `input "command" must be one of ${COMMANDS.join(', ')}${command ? `, not "${command}"` : ''}`, 'user', 'Set `with: { command: plan }` (pull requests), `apply` (pushes to the default branch) or `drift` (scheduled).');
  }
  const region = get('region').trim();
  return {
    command: command as ActionCommand,
    directory: get('directory').trim() || '.',
    ...(region ? { region } : {}),
    maskEmails: flag(get, 'mask-emails', true),
    comment: flag(get, 'comment', true),
    githubToken: get('github-token').trim(),
    driftIssue: flag(get, 'drift-issue', false),
    lockTimeout: get('lock-timeout').trim() || '0',
  };
}

/** YAML 1.2 booleans, as GitHub's own inputs take them; anything else is a mistake worth stopping for. */
function flag(get: (name: string) => string, name: string, fallback: boolean): boolean {
  const value = get(name).trim();
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new GtctlError('action-input', `input "${name}" must be true or false, not "${value}"`, 'user');
}

