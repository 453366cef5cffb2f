// `gtctl status` for people: the workforce and its portal, then each team with its members' invitation status.
import type { StatusReport } from '../app/status.js';
import { maskEmailsIn } from './mask.js';
import type { Style } from './style.js';

export function renderStatus(report: StatusReport, style: Style, options: { maskEmails?: boolean } = {}): string {
  const text = options.maskEmails ? maskEmailsIn : (s: string) => s;
  const lines = [`Project ${report.project} in account ${report.account}, region ${report.region}`, ''];
  const w = report.workforce;
  lines.push(w ? `Workforce ${w.name}: ${colourStatus(w.status, style)} (${w.identity}${w.userPool ? ` ${w.userPool}` : ''})` : 'Workforce: none yet');
  if (w?.portalUrl) lines.push(`  labeling portal: ${w.portalUrl}`);
  for (const team of report.teams) {
    const counts = new Map<string, number>();
    for (const m of team.members) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
    const tally = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
    lines.push('', `Team ${team.name}: ${team.state === 'managed' ? style.green('managed') : style.yellow(team.state)}, ${team.members.length} member${team.members.length === 1 ? '' : 's'}${tally ? ` (${tally})` : ''}`);
    if (team.portalUrl) lines.push(`  portal: ${team.portalUrl}`);
    for (const m of team.members) lines.push(`  ${text(m.email)}  ${colourStatus(m.status, style)}`);
  }
  for (const job of report.jobs) {
    const c = job.labelCounters;
    const failed = c?.failed ? `, ${c.failed} failed` : '';
    const counts = !c ? '' : job.streaming ? ` (streaming: ${c.total + c.failed + c.unlabeled} received, ${c.total} labeled${failed})` : ` (${c.total} labeled${failed}, ${c.unlabeled} to go)`;
    lines.push('', `Job ${job.name}: ${colourStatus(job.status, style)}${counts}`);
    if (job.failureReason) lines.push(`  ${style.red(job.failureReason)}`);
    if (job.outputManifest) lines.push(`  output: ${job.outputManifest}`);
  }
  return `${lines.join('\n')}\n`;
}

function colourStatus(status: string, style: Style): string {
  if (status === 'Active' || status === 'confirmed' || status === 'Completed') return style.green(status);
  if (status === 'disabled' || status === 'Failed' || status === 'not invited' || status === 'Stopped') return style.red(status);
  return style.yellow(status);
}
