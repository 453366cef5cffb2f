// The GitHub Action (action.yml runs the committed bundle of this file, dist-action/index.mjs): inputs to typed
// options, the event to a RunEvent, then one command (plan, apply, drift) through app/ and report/, like the CLI.
// The single top-level catch lives here: a user or AWS error fails the job with its message (`::error::`) and hint,
// problems in the specs become annotations on the spec files; an internal error shows its stack.
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import { codedError, diagnosticsOf, GtctlError } from '../core/errors.js';
import { errorCode } from '../report/diagnostics.js';
import { failureSummary } from '../report/github-summary.js';
import { maskEmailsIn } from '../report/mask.js';
import { runApply } from './apply.js';
import { runDrift } from './drift.js';
import { gitHubPort, type GitHubPort } from './github.js';
import type { ActionHost, Outcome, RunEvent } from './host.js';
import { readInputs, type ActionCommand, type ActionInputs } from './inputs.js';
import { runPlan } from './plan.js';

// As in the CLI: the SDK's notice that its future releases need Node 22 is for whoever upgrades gtctl.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const COMMANDS: Record<ActionCommand, (host: ActionHost) => Promise<Outcome>> = { plan: runPlan, apply: runApply, drift: runDrift };

async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let host: ActionHost | undefined;
  try {
    const inputs = readInputs((name) => core.getInput(name));
    // A cancelled run gets SIGINT, then SIGTERM a few seconds later: the first stops apply gracefully.
    const cancelled = new AbortController();
    const onSignal = () => cancelled.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    host = { ...actionHost(inputs, runEvent(env), env), signal: cancelled.signal };
    core.info(`gtctl ${inputs.command} -d ${inputs.directory} (${host.event.name || 'no event'}${host.event.pullRequest !== undefined ? ` #${host.event.pullRequest}` : ''})`);
    const outcome = await COMMANDS[inputs.command](host);
    core.setOutput('has-changes', String(outcome.hasChanges));
    core.setOutput('exit-code', String(outcome.exitCode));
    if (outcome.planJsonPath) core.setOutput('plan-json', outcome.planJsonPath);
    if (outcome.failure) core.setFailed(forLog(outcome.failure, host));
  } catch (error) {
    core.setOutput('exit-code', '1');
    await reportError(error, host);
  }
}

/** The log is as public as the comment: e-mails in it are masked unless the workflow says otherwise. */
function forLog(text: string, host: ActionHost | undefined): string {
  return host?.inputs.maskEmails === false ? text : maskEmailsIn(text);
}

async function reportError(error: unknown, host: ActionHost | undefined): Promise<void> {
  const diagnostics = diagnosticsOf(error);
  for (const d of diagnostics) {
    const annotate = d.severity === 'error' ? core.error : core.warning;
    annotate(forLog(`${d.code}: ${d.message}${d.hint ? `\nhint: ${d.hint}` : ''}`, host), { file: d.file, startLine: d.line, startColumn: d.column, title: `gtctl ${d.code}` });
  }
  if (error instanceof GtctlError && error.source !== 'internal') {
    if (host) {
      const shown = { ...codedError(error), diagnostics };
      await host.summary(failureSummary(host.inputs.command, shown, { directory: host.inputs.directory })).catch(() => undefined);
    }
    core.setFailed(forLog(`${errorCode(error)}: ${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}`, host));
    return;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  core.info(forLog(stack, host));
  core.setFailed(forLog(`internal error: ${error instanceof Error ? error.message : String(error)}. This is a bug in gtctl; please report it with the workflow log.`, host));
}

/** The event as the commands need it, from the payload GitHub wrote to GITHUB_EVENT_PATH. */
function runEvent(env: NodeJS.ProcessEnv): RunEvent {
  const payload = context.payload as { pull_request?: { number: number; head?: { sha?: string } }; after?: string; repository?: { default_branch?: string } };
  const pr = payload.pull_request;
  const commit = pr?.head?.sha ?? payload.after ?? context.sha;
  const repository = env.GITHUB_REPOSITORY;
  return {
    name: context.eventName ?? '',
    ...(pr ? { pullRequest: pr.number } : {}),
    ...(commit ? { commit } : {}),
    ...(context.ref ? { ref: context.ref } : {}),
    ...(payload.repository?.default_branch ? { defaultBranch: payload.repository.default_branch } : {}),
    ...(repository && context.runId ? { runUrl: `${context.serverUrl}/${repository}/actions/runs/${context.runId}` } : {}),
  };
}

function actionHost(inputs: ActionInputs, event: RunEvent, env: NodeJS.ProcessEnv): ActionHost {
  let github: GitHubPort | undefined;
  return {
    inputs,
    event,
    env,
    tempDir: env.RUNNER_TEMP || tmpdir(),
    log: (text) => core.info(text),
    warning: (message, where = {}) =>
      core.warning(message, { ...(where.file ? { file: where.file } : {}), ...(where.line ? { startLine: where.line } : {}), ...(where.column ? { startColumn: where.column } : {}), ...(where.title ? { title: where.title } : {}) }),
    async summary(markdown) {
      if (!env.GITHUB_STEP_SUMMARY) return; // outside GitHub Actions: the log has everything
      await core.summary.addRaw(markdown, true).write();
    },
    github() {
      if (!inputs.githubToken) return undefined;
      if (!env.GITHUB_REPOSITORY) throw new GtctlError('action-environment', 'GITHUB_REPOSITORY is not set: this does not look like a GitHub Actions run', 'user');
      github ??= gitHubPort(getOctokit(inputs.githubToken), context.repo);
      return github;
    },
  };
}

await main();
