import type { Diagnostic } from '../../core/diagnostics.js';
import { MAX_TEAMS } from '../../core/catalog.js';
import { problem, valueAt } from '../loaded.js';
import { teamMembership } from '../membership.js';
import type { Rule } from './rule.js';

function unknownTeam(name: string, known: readonly string[]): { message: string; hint: string } {
  const close = known.find((k) => k.toLowerCase() === name.toLowerCase());
  return {
    message: `unknown team "${name}"`,
    hint: close ? `Did you mean "${close}"? Team names are case-sensitive.` : known.length ? `Declare a Team named "${name}" or use one of: ${known.join(', ')}.` : `Declare a Team named "${name}".`,
  };
}

/** Teams that failed the schema still exist for references: their own diagnostics say what is wrong. */
function declaredTeams(tree: Parameters<Rule>[0]): string[] {
  return [...tree.teams.map((t) => t.value.name), ...tree.invalid.filter((d) => d.kind === 'Team').map((d) => d.name)];
}

export const memberTeamsExist: Rule = (tree) => {
  const known = declaredTeams(tree);
  const out: Diagnostic[] = [];
  for (const member of tree.members) {
    const teams = valueAt(member.doc, ['spec', 'teams']);
    if (!Array.isArray(teams)) continue;
    teams.forEach((team, i) => {
      if (!known.includes(String(team))) {
        const { message, hint } = unknownTeam(String(team), known);
        out.push(problem(member.doc, ['spec', 'teams', i], 'unknown-team', message, hint));
      }
    });
  }
  return out;
};

/** The Team a private job names, if it names one (a missing team is the normalizer's `workforce-team`). */
function privateTeam(job: Parameters<Rule>[0]['jobs'][number]): string | undefined {
  const { workforce } = job.value;
  return workforce.type === 'private' && workforce.team !== '' ? workforce.team : undefined;
}

/** Private jobs name a Team of the specs; vendor teams are checked at plan time, against the account's subscriptions. */
export const jobTeamExists: Rule = (tree) => {
  const known = declaredTeams(tree);
  return tree.jobs.flatMap((job) => {
    const team = privateTeam(job);
    if (team === undefined || known.includes(team)) return [];
    const { message, hint } = unknownTeam(team, known);
    return [problem(job.doc, ['spec', 'team'], 'unknown-team', message, hint)];
  });
};

/** A job sent to an empty team never gets labeled; and one asking for more workers per object than the team has never completes. */
export const jobTeamCanLabel: Rule = (tree) => {
  const membership = teamMembership(tree);
  const out: Diagnostic[] = [];
  for (const job of tree.jobs) {
    const team = privateTeam(job);
    const members = team === undefined ? undefined : membership.get(team);
    if (!members) continue;
    if (members.length === 0) {
      out.push(problem(job.doc, ['spec', 'team'], 'team-without-members', `team "${team}" has no members, so nobody will work on this job`, 'Add members to the team (its `members` list or Member documents naming it).', 'warning'));
    } else if (members.length < job.value.workers.perObject) {
      const at = valueAt(job.doc, ['spec', 'workers', 'perObject']) === undefined ? ['spec', 'team'] : ['spec', 'workers', 'perObject'];
      out.push(problem(job.doc, at, 'too-few-workers', `each object needs ${job.value.workers.perObject} workers but team "${team}" has ${members.length}`, 'Add members to the team or lower workers.perObject; otherwise objects can never be completed.', 'warning'));
    }
  }
  return out;
};

/** At most 25 work teams per account and Region (aws-facts §2.1). */
export const atMost25Teams: Rule = (tree) =>
  tree.teams.slice(MAX_TEAMS).map((team) =>
    problem(team.doc, ['metadata', 'name'], 'too-many-teams', `team "${team.value.name}" is team number ${tree.teams.indexOf(team) + 1}; AWS allows at most ${MAX_TEAMS} work teams per account and Region`, 'Merge teams, or split the specs across Regions.'),
  );

/** Membership is authoritative per team: two teams on one Cognito group would fight over the same members. */
export const noSharedUserGroups: Rule = (tree) => {
  const owner = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const team of tree.teams) {
    const earlier = owner.get(team.value.userGroup);
    if (earlier === undefined) owner.set(team.value.userGroup, team.value.name);
    // The same team declared twice is reported once, as a duplicate name.
    else if (earlier !== team.value.name) {
      const at = valueAt(team.doc, ['spec', 'userGroup']) === undefined ? ['metadata', 'name'] : ['spec', 'userGroup'];
      out.push(problem(team.doc, at, 'shared-user-group', `team "${team.value.name}" uses the Cognito group "${team.value.userGroup}", which team "${earlier}" already uses`, 'Give each team its own userGroup; membership of a group is membership of every team built on it.'));
    }
  }
  return out;
};
