// `command: apply` (pushes to the default branch): plan again from the merged commit, and apply with auto-approve.
// Never a plan from the pull request: the account may have moved since, and the merge may combine several PRs. The
// workflow's concurrency group makes merges apply one at a time, in order. Any failed change fails the job.
import { applySpecs, lockWaitSeconds } from '../app/apply.js';
import { GtctlError } from '../core/errors.js';
import { errorCode } from '../report/diagnostics.js';
import { applySummary, planSummary } from '../report/github-summary.js';
import { annotateWarnings, awsOptionsOf, logReporter, someAddresses, writePlanJson, type ActionHost, type Outcome } from './host.js';
import { EXIT } from '../core/exit-codes.js';

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
      exitCode: EXIT.error,
      hasChanges: false,
      failure: `nothing was applied: ${stale.branch} is at ${stale.head.slice(0, 12)} now, not ${event.commit!.slice(0, 12)}; applying this older commit would undo what was merged since. The newest commit's apply carries these changes; to undo a merge, revert it in git.`,
    };
  }
  // The Project's lock (spec.lock), taken and released by the use case as for the CLI: the workflow's concurrency
  // group orders the Action's own runs, the lock keeps a person's local apply from interleaving with them.
  let planJsonPath: string | undefined;
  const outcome = await applySpecs(inputs.directory, {
    aws: awsOptionsOf(host),
    reporter: logReporter(host),
    approval: 'auto',
    lock: { command: 'gtctl GitHub Action apply', timeoutSeconds: lockWaitSeconds(inputs.lockTimeout, 'input "lock-timeout":') },
    planned: async ({ plan, warnings }) => {
      annotateWarnings(host, warnings);
      planJsonPath = await writePlanJson(host, plan);
    },
    ...(host.signal ? { signal: host.signal } : {}),
  });
  const context = { directory: inputs.directory, ...(planJsonPath ? { planJsonPath } : {}) };
  const paths = planJsonPath ? { planJsonPath } : {};
  switch (outcome.kind) {
    case 'blocked': {
      const blocked = outcome.plan.changes.filter((c) => c.action === 'blocked').map((c) => c.address);
      await host.summary(planSummary(outcome.plan, context, `gtctl apply for \`${inputs.directory}\`: nothing applied, the plan is blocked`));
      return { exitCode: EXIT.error, hasChanges: true, ...paths, failure: `nothing was applied: ${someAddresses(blocked)} ${blocked.length === 1 ? 'is' : 'are'} blocked (the reasons are in the plan)` };
    }
    case 'no-changes':
    case 'needs-approval':
    case 'declined':
      await host.summary(planSummary(outcome.plan, context, `gtctl apply for \`${inputs.directory}\`: nothing to do`));
      return { exitCode: EXIT.ok, hasChanges: false, ...paths };
    case 'applied': {
      const { counts, results, interrupted } = outcome;
      await host.summary(applySummary(outcome.plan, { counts, results, interrupted }, context));
      if (interrupted) return { exitCode: EXIT.error, hasChanges: true, ...paths, failure: `apply was cancelled: ${counts.done} of ${results.length} changes done; the next apply finishes the rest` };
      if (counts.failed + counts.skipped === 0) return { exitCode: EXIT.ok, hasChanges: true, ...paths };
      const first = results.find((r) => r.status === 'failed');
      const cause = first?.error ? `; first: ${first.address}: ${errorCode(first.error)}: ${first.error.message}` : '';
      return { exitCode: EXIT.error, hasChanges: true, ...paths, failure: `apply failed: ${counts.failed} of ${results.length} changes failed and ${counts.skipped} ${counts.skipped === 1 ? 'was' : 'were'} skipped${cause}` };
    }
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
