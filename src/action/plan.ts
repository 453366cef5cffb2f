// `command: plan` (pull requests): plan in-process, the whole plan to the job summary, and one sticky comment per
// spec directory on the pull request, updated on every push. A plan that cannot be made updates the comment too, so
// a stale plan never stays up next to a broken push.
import { plan } from '../app/plan.js';
import { codedError, diagnosticsOf, GtctlError } from '../core/errors.js';
import { hasChanges } from '../core/plan.js';
import { failureComment, marker, planComment } from '../report/github-comment.js';
import { planSummary } from '../report/github-summary.js';
import { annotateWarnings, awsOptionsOf, logPlan, logReporter, someAddresses, writePlanJson, type ActionHost, type Outcome } from './host.js';
import { EXIT } from '../core/exit-codes.js';

export async function runPlan(host: ActionHost): Promise<Outcome> {
  const { inputs } = host;
  let result;
  try {
    result = await plan(inputs.directory, awsOptionsOf(host), logReporter(host));
  } catch (error) {
    if (error instanceof GtctlError && error.source !== 'internal') {
      await comment(host, () => failureComment({ ...codedError(error), diagnostics: diagnosticsOf(error) }, commentContext(host)));
    }
    throw error;
  }
  const made = result.plan;
  annotateWarnings(host, result.warnings);
  logPlan(host, made);
  const planJsonPath = await writePlanJson(host, made);
  await host.summary(planSummary(made, { directory: inputs.directory, planJsonPath }));
  await comment(host, () => planComment(made, commentContext(host)));
  const blocked = made.changes.filter((c) => c.action === 'blocked').map((c) => c.address);
  return {
    exitCode: blocked.length > 0 ? EXIT.error : hasChanges(made) ? EXIT.changes : EXIT.ok,
    hasChanges: hasChanges(made),
    planJsonPath,
    ...(blocked.length > 0 ? { failure: `the plan cannot be applied: ${someAddresses(blocked)} ${blocked.length === 1 ? 'is' : 'are'} blocked (the reasons are in the plan)` } : {}),
  };
}

function commentContext(host: ActionHost) {
  return { directory: host.inputs.directory, maskEmails: host.inputs.maskEmails, ...(host.event.commit ? { commit: host.event.commit } : {}), ...(host.event.runUrl ? { runUrl: host.event.runUrl } : {}) };
}

/**
 * The sticky comment, on pull requests when the workflow wants it. A token that may not comment (a fork's pull
 * request gets a read-only one) is a warning, not a failed plan: the job summary still has the plan.
 */
async function comment(host: ActionHost, body: () => string): Promise<void> {
  const { inputs, event } = host;
  if (!inputs.comment) return;
  if (event.pullRequest === undefined) {
    host.log(`Not a pull request (${event.name || 'no event'}): the plan is in the job summary only.`);
    return;
  }
  const github = host.github();
  if (!github) {
    host.warning('No github-token: the plan is not commented on the pull request (it is in the job summary).');
    return;
  }
  try {
    const { id, created } = await github.upsertComment(event.pullRequest, marker('plan', inputs.directory), body());
    host.log(`${created ? 'Commented' : 'Updated the comment'} on pull request #${event.pullRequest} (comment ${id}).`);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 403 || status === 404) {
      host.warning(`Could not comment on pull request #${event.pullRequest} (HTTP ${status}: ${(error as Error).message}). Give the job \`permissions: pull-requests: write\`; pull requests from forks get a read-only token. The plan is in the job summary.`);
      return;
    }
    throw new GtctlError('github-api', `could not comment on pull request #${event.pullRequest}: ${(error as Error).message}`, 'user', 'Check the github-token input and that GitHub is reachable; the plan itself is in the job summary.', { cause: error });
  }
}
