import { describe, expect, it } from 'vitest';
import { jobDoc, memberDoc, teamDoc, check, codes, load, run, teams } from '../../../test/helpers/specs.js';
import { atMost25Teams, jobTeamCanLabel, jobTeamExists, memberTeamsExist, noSharedUserGroups } from './references.js';

describe('memberTeamsExist', () => {
  it('accepts a Member of declared teams', () => {
    expect(check(memberTeamsExist, [teamDoc(), teamDoc({ name: 'reviewers' }), memberDoc({ spec: { teams: ['labelers', 'reviewers'] } })])).toEqual([]);
  });

  it('reports each unknown team at its list item, suggesting a name that differs in case', () => {
    const diagnostics = run(memberTeamsExist, [teamDoc(), memberDoc({ spec: { teams: ['labelers', 'Labelers', 'reviewers'] } })]);
    expect(codes(diagnostics)).toEqual(['error unknown-team spec.teams[1]', 'error unknown-team spec.teams[2]']);
    expect(diagnostics.map((d) => d.hint)).toEqual(['Did you mean "labelers"? Team names are case-sensitive.', 'Declare a Team named "reviewers" or use one of: labelers.']);
  });
});

describe('jobTeamExists', () => {
  it('accepts a job for a declared team', () => {
    expect(check(jobTeamExists, [teamDoc(), jobDoc()])).toEqual([]);
  });

  it('reports a job for an undeclared team, at spec.team', () => {
    const [d] = run(jobTeamExists, [jobDoc()]);
    expect(d).toMatchObject({ code: 'unknown-team', path: 'spec.team', message: 'unknown team "labelers"', hint: 'Declare a Team named "labelers".' });
  });

  it('does not report a team that is declared but fails its schema (its own diagnostic says why)', () => {
    const result = load([teamDoc({ spec: { members: ['bob'] } }), jobDoc(), memberDoc({ spec: { teams: ['labelers'] } })]);
    expect(codes(result.diagnostics)).toEqual(['error invalid-format spec.members[0]']);
  });
});

describe('jobTeamCanLabel', () => {
  it('accepts a team with as many members as workers per object', () => {
    expect(check(jobTeamCanLabel, [teamDoc(), jobDoc({ spec: { workers: { perObject: 2 } } })])).toEqual([]);
  });

  it('warns about a team without members', () => {
    expect(check(jobTeamCanLabel, [teamDoc({ spec: { members: undefined } }), jobDoc()])).toEqual(['warning team-without-members spec.team']);
  });

  it('counts Member documents naming the team as members', () => {
    expect(check(jobTeamCanLabel, [teamDoc({ spec: { members: undefined } }), memberDoc(), jobDoc()])).toEqual([]);
  });

  it('warns when each object needs more workers than the team has', () => {
    const [d] = run(jobTeamCanLabel, [teamDoc(), jobDoc({ spec: { workers: { perObject: 3 } } })]);
    expect(d).toMatchObject({ severity: 'warning', code: 'too-few-workers', path: 'spec.workers.perObject', message: 'each object needs 3 workers but team "labelers" has 2' });
  });

  it('leaves an unknown team to jobTeamExists', () => {
    expect(check(jobTeamCanLabel, [jobDoc()])).toEqual([]);
  });
});

describe('atMost25Teams', () => {
  it('accepts 25 teams', () => {
    expect(check(atMost25Teams, teams(25))).toEqual([]);
  });

  it('reports every team past the 25th', () => {
    const diagnostics = run(atMost25Teams, { 'teams.yaml': teams(27) });
    expect(codes(diagnostics)).toEqual(['error too-many-teams metadata.name', 'error too-many-teams metadata.name']);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'team "team-26" is team number 26; AWS allows at most 25 work teams per account and Region',
      'team "team-27" is team number 27; AWS allows at most 25 work teams per account and Region',
    ]);
  });
});

describe('noSharedUserGroups', () => {
  it('accepts one Cognito group per team', () => {
    expect(check(noSharedUserGroups, [teamDoc(), teamDoc({ name: 'reviewers', spec: { userGroup: 'review-group' } })])).toEqual([]);
  });

  it('reports a team whose group another team already uses: written, or defaulted from the name', () => {
    expect(check(noSharedUserGroups, [teamDoc(), teamDoc({ name: 'reviewers', spec: { userGroup: 'labelers' } })])).toEqual(['error shared-user-group spec.userGroup']);
    expect(check(noSharedUserGroups, [teamDoc({ spec: { userGroup: 'reviewers' } }), teamDoc({ name: 'reviewers' })])).toEqual(['error shared-user-group metadata.name']);
  });

  it('leaves a team declared twice to noDuplicateNames', () => {
    expect(check(noSharedUserGroups, [teamDoc(), teamDoc()])).toEqual([]);
  });
});
