// `command: drift` (scheduled): plan the checked-out specs against the account. Live state that differs fails the
// job, naming what drifted in words; or, with `drift-issue: true`, opens one issue per spec directory (found again by
// its marker, rewritten on every run) and closes it once live state matches again.
import { plan } from '../app/plan.js';
import { GtctlError } from '../core/errors.js';
import { hasChanges } from '../core/plan.js';
import { marker } from '../report/github-comment.js';
import { describeDrift, driftIssue, driftResolvedBody } from '../report/github-drift.js';
import { escapeMarkdown, plural } from '../report/github-markdown.js';
import { planSummary } from '../report/github-summary.js';
import { maskEmailsIn } from '../report/mask.js';
import { annotateWarnings, awsOptionsOf, logPlan, logReporter, writePlanJson, type ActionHost, type Outcome } from './host.js';
import { EXIT } from '../core/exit-codes.js';

export async function runDrift(host: ActionHost): Promise<Outcome> {
  const { inputs, event } = host;
  const result = await plan(inputs.directory, awsOptionsOf(host), logReporter(host));
  const made = result.plan;
  annotateWarnings(host, result.warnings);
  const planJsonPath = await writePlanJson(host, made);
  const context = { directory: inputs.directory, maskEmails: inputs.maskEmails, ...(event.runUrl ? { runUrl: event.runUrl } : {}), ...(event.commit ? { commit: event.commit } : {}) };
  const github = inputs.driftIssue ? requireGitHub(host) : undefined;

  if (!hasChanges(made)) {
    host.log(`No drift: live state matches the specs in ${inputs.directory} (${plural(made.summary['no-op'], 'object')} checked).`);
    await host.summary(planSummary(made, { directory: inputs.directory, planJsonPath }, `gtctl drift check for \`${inputs.directory}\`: no drift`));
    const open = github ? await github.findOpenIssue(marker('drift', inputs.directory)) : undefined;
    if (github && open) {
      await github.updateIssue(open.number, { body: driftResolvedBody(context), state: 'closed' });
      host.log(`Closed drift issue #${open.number}: live state matches the specs again.`);
    }
    return { exitCode: EXIT.ok, hasChanges: false, planJsonPath };
  }

  const sentences = describeDrift(made);
  const shown = inputs.maskEmails ? sentences.map(maskEmailsIn) : sentences;
  host.log(`Live state differs from the specs in ${inputs.directory}:\n${shown.map((s) => `  - ${s}`).join('\n')}`);
  logPlan(host, made);
  await host.summary(planSummary(made, { directory: inputs.directory, planJsonPath }, `gtctl drift check for \`${inputs.directory}\`: drift`, sentences.map((s) => `- ${escapeMarkdown(s)}`)));
  if (github) {
    const { title, body } = driftIssue(made, context);
    const open = await github.findOpenIssue(marker('drift', inputs.directory));
    if (open) {
      await github.updateIssue(open.number, { title, body });
      host.log(`Updated drift issue #${open.number}.`);
    } else {
      host.log(`Opened drift issue #${await github.createIssue(title, body)}.`);
    }
    return { exitCode: EXIT.changes, hasChanges: true, planJsonPath };
  }
  const listed = shown.length > 10 ? [...shown.slice(0, 10), `and ${shown.length - 10} more (see the job summary)`] : shown;
  return { exitCode: EXIT.changes, hasChanges: true, planJsonPath, failure: `live state differs from the specs in ${inputs.directory}: ${listed.join('; ')}` };
}

function requireGitHub(host: ActionHost) {
  const github = host.github();
  if (!github) throw new GtctlError('action-input', 'drift-issue: true needs a github-token to open the issue', 'user', 'Leave github-token at its default (`${{ github.token }}`) and give the job `permissions: issues: write`.');
  return github;
}
