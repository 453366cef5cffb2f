// What the Action's commands need from the runner, as one value: the inputs, the event, the log, the job summary,
// outputs and the GitHub API. main.ts builds it from @actions/core and @actions/github; the commands (plan.ts,
// apply.ts, drift.ts) only call app/ and report/ through it and return an Outcome: main.ts alone sets the outputs and
// the job's status.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AwsOptions } from '../app/session.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Plan } from '../core/plan.js';
import { humanReporter } from '../report/human-reporter.js';
import { maskEmailsIn } from '../report/mask.js';
import { planJson } from '../report/plan-json.js';
import { renderPlan } from '../report/plan-human.js';
import type { Reporter } from '../report/reporter.js';
import { styleFor } from '../report/style.js';
import type { GitHubPort } from './github.js';
import type { ActionInputs } from './inputs.js';
import type { EXIT, ExitCode } from '../core/exit-codes.js';

export interface RunEvent {
  /** GITHUB_EVENT_NAME: pull_request, push, schedule, workflow_dispatch, ... */
  name: string;
  /** The pull request's number on pull_request(_target) events. */
  pullRequest?: number;
  /** The commit whose specs are planned (a pull request's head, a push's after). */
  commit?: string;
  /** The pushed ref (`refs/heads/main`) and the repository's default branch, when the event tells. */
  ref?: string;
  defaultBranch?: string;
  /** The workflow run's page (its job summary). */
  runUrl?: string;
}

export interface Annotation {
  file?: string;
  line?: number;
  column?: number;
  title?: string;
}

export interface ActionHost {
  inputs: ActionInputs;
  event: RunEvent;
  /** The job log (stdout). */
  log(text: string): void;
  warning(message: string, where?: Annotation): void;
  /** Appends markdown to the job summary (a no-op outside GitHub Actions). */
  summary(markdown: string): Promise<void>;
  /** The GitHub API, or undefined without a token. */
  github(): GitHubPort | undefined;
  /** Where the plan JSON is written (RUNNER_TEMP on a runner). */
  tempDir: string;
  env: NodeJS.ProcessEnv;
  /** Aborted when the run is cancelled (GitHub sends SIGINT, then SIGTERM): apply stops gracefully. */
  signal?: AbortSignal;
}

/** What a command ended with; main.ts turns it into outputs and the job's status. */
export interface Outcome {
  /** The `exit-code` output: 0 no changes, 2 changes (or drift), 1 failure; as `gtctl plan --detailed-exitcode`. */
  /** `interrupted` never: a cancelled run is a failed step, as GitHub shows it. */
  exitCode: Exclude<ExitCode, typeof EXIT.interrupted>;
  hasChanges: boolean;
  planJsonPath?: string;
  /** Set when the job must fail: one readable line. */
  failure?: string;
}

export const PLAIN = styleFor({ isTTY: false }, { env: {} });

export function awsOptionsOf(host: ActionHost): AwsOptions {
  return { ...(host.inputs.region ? { region: host.inputs.region } : {}), env: host.env };
}

/** Progress to the log, as the CLI prints it (e-mails masked as the workflow asks). */
export function logReporter(host: ActionHost): Reporter {
  return humanReporter({ write: (chunk: string) => host.log(chunk.replace(/\n$/, '')) }, PLAIN, { interactive: false, maskEmails: host.inputs.maskEmails });
}

export function logPlan(host: ActionHost, plan: Plan): void {
  host.log(renderPlan(plan, PLAIN, { maskEmails: host.inputs.maskEmails }).replace(/\n$/, ''));
}

/** Spec warnings as annotations on the spec files. */
export function annotateWarnings(host: ActionHost, warnings: readonly Diagnostic[]): void {
  const text = host.inputs.maskEmails ? maskEmailsIn : (s: string) => s;
  for (const d of warnings) host.warning(text(d.hint ? `${d.message} (${d.hint})` : d.message), { file: d.file, line: d.line, column: d.column, title: `gtctl ${d.code}` });
}

/** Writes the plan (the `plan --json` document) for later steps; returns its path (the `plan-json` output). */
export async function writePlanJson(host: ActionHost, plan: Plan): Promise<string> {
  const slug = host.inputs.directory.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|_+$/g, '') || 'specs';
  const file = path.join(host.tempDir, 'gtctl', `${host.inputs.command}-${slug}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, planJson(plan));
  return file;
}

/** `job/a, job/b and 3 more`: addresses for a one-line message. */
export function someAddresses(addresses: readonly string[], shown = 3): string {
  const head = addresses.slice(0, shown).join(', ');
  return addresses.length > shown ? `${head} and ${addresses.length - shown} more` : head;
}
