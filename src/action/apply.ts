// `command: apply` (pushes to the default branch): plan again from the merged commit, and apply with auto-approve.
// Never a plan from the pull request: the account may have moved since, and the merge may combine several PRs. The
// workflow's concurrency group makes merges apply one at a time, in order. Any failed change fails the job.
import { applyPlan, takeApplyLock } from '../app/apply.js';
import { plan } from '../app/plan.js';
import { GtctlError } from '../core/errors.js';
import { hasChanges } from '../core/plan.js';
import { applySummary, planSummary, type ApplyOutcome } from '../report/github-summary.js';
import type { Reporter } from '../report/reporter.js';
import { annotateWarnings, awsOptionsOf, logPlan, logReporter, someAddresses, writePlanJson, type ActionHost, type Outcome } from './host.js';

export async function runApply(host: ActionHost): Promise<Outcome> {
  const { inputs, event } = host;
  if (event.name.startsWith('pull_request')) {
    throw new GtctlError('apply-on-pull-request', 'command "apply" does not run on pull requests: a pull request only plans, and its changes are applied once merged', 'user', 'Run apply on `push` to the default branch (see gtctl-apply.yml in the README), and `command: plan` on pull requests.');
  }
  if (event.name === 'push' && event.ref && event.defaultBranch && event.ref !== `refs/heads/${event.defaultBranch}`) {
    host.warning(`Applying from ${event.ref}, not the default branch (${event.defaultBranch}): the account will follow this branch's specs.`);
  }
  const stale = await newerCommit(host);
  if (stale) {
    return {
      exitCode: 1,
      hasChanges: false,
      failure: `nothing was applied: ${stale.branch} is at ${stale.head.slice(0, 12)} now, not ${event.commit!.slice(0, 12)}; applying this older commit would undo what was merged since. The newest commit's apply carries these changes; to undo a merge, revert it in git.`,
    };
  }
  // The Project's lock (spec.lock), as the CLI takes it: the workflow's concurrency group orders the Action's own
  // runs, the lock keeps a person's local apply from interleaving with them (waiting up to 10 minutes for it).
  const held = await takeApplyLock(inputs.directory, awsOptionsOf(host), { timeoutSeconds: 600, command: 'gtctl GitHub Action apply' });
  try {
    const log = logReporter(host);
    const result = await plan(inputs.directory, awsOptionsOf(host), log);
    const made = result.plan;
    annotateWarnings(host, result.warnings);
    logPlan(host, made);
    const planJsonPath = await writePlanJson(host, made);
    const context = { directory: inputs.directory, planJsonPath };
    const blocked = made.changes.filter((c) => c.action === 'blocked').map((c) => c.address);
    if (blocked.length > 0) {
      await host.summary(planSummary(made, context, `gtctl apply for \`${inputs.directory}\`: nothing applied, the plan is blocked`));
      return { exitCode: 1, hasChanges: true, planJsonPath, failure: `nothing was applied: ${someAddresses(blocked)} ${blocked.length === 1 ? 'is' : 'are'} blocked (the reasons are in the plan)` };
    }
    if (!hasChanges(made)) {
      await host.summary(planSummary(made, context, `gtctl apply for \`${inputs.directory}\`: nothing to do`));
      return { exitCode: 0, hasChanges: false, planJsonPath };
    }
    const outcome: ApplyOutcome = { counts: { done: 0, failed: 0, skipped: 0, deferred: 0 }, failed: [], skipped: [] };
    const counts = await applyPlan(made, result.ports, tee(log, outcome), host.env);
    outcome.counts = counts;
    await host.summary(applySummary(made, outcome, context));
    if (counts.failed + counts.skipped === 0) return { exitCode: 0, hasChanges: true, planJsonPath };
    const first = outcome.failed[0];
    const cause = first ? `; first: ${first.address}: ${first.error.code}: ${first.error.message}` : '';
    return { exitCode: 1, hasChanges: true, planJsonPath, failure: `apply failed: ${counts.failed} of ${made.changes.length} changes failed and ${counts.skipped} ${counts.skipped === 1 ? 'was' : 'were'} skipped${cause}` };
  } finally {
    await held?.release();
  }
}

/**
 * On a push, the branch must still point at the pushed commit: a re-run of an older apply would otherwise roll the
 * account back to older specs. (The workflow's concurrency group already keeps runs in order.) A check GitHub cannot
 * answer is a warning, not a refusal.
 */
async function newerCommit(host: ActionHost): Promise<{ branch: string; head: string } | undefined> {
  const { event } = host;
  if (event.name !== 'push' || !event.commit || !event.ref?.startsWith('refs/heads/')) return undefined;
  const branch = event.ref.slice('refs/heads/'.length);
  const github = host.github();
  if (!github) return undefined;
  try {
    const head = await github.branchHead(branch);
    return head === event.commit ? undefined : { branch, head };
  } catch (error) {
    host.warning(`Could not check that ${branch} is still at ${event.commit.slice(0, 12)} (${(error as Error).message}); applying it.`);
    return undefined;
  }
}

/** The log's reporter, plus a record of failures and skips for the summary. */
function tee(log: Reporter, outcome: ApplyOutcome): Reporter {
  return {
    ...log,
    changeFailed: (change, error) => {
      outcome.failed.push({ address: change.address, error });
      log.changeFailed(change, error);
    },
    changeSkipped: (change, becauseOf) => {
      outcome.skipped.push({ address: change.address, becauseOf });
      log.changeSkipped(change, becauseOf);
    },
  };
}
