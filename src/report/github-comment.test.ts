import { describe, expect, it } from 'vitest';
import { buildPlan } from '../core/build-plan.js';
import { aTeam, desiredState, liveState, NOW } from '../core/test-support.js';
import { failureComment, GITHUB_BODY_LIMIT, marker, markerDirectory, planComment } from './github-comment.js';
import { plans, TEAM, withStop } from './test-support.js';

const context = { directory: 'specs/prod', commit: 'abcdef0123456789abcdef', runUrl: 'https://github.com/acme/specs/actions/runs/42' };
const FOOTER = '<sub>gtctl for `abcdef012345` · updated on every push · the [job summary](https://github.com/acme/specs/actions/runs/42) has the whole plan · e-mails masked</sub>';

/** A fresh account with one team of `n` workers: 2n + 2 changes. */
const bigPlan = (n: number) =>
  buildPlan(desiredState({ teams: [aTeam('labelers', { members: Array.from({ length: n }, (_, i) => `worker-${String(i).padStart(5, '0')}@example.com`) })] }), liveState({ workforce: null, userPool: null }), { now: NOW });

const balanced = (body: string) => {
  expect((body.match(/^`{3,}/gm) ?? []).length % 2, 'fences are closed').toBe(0);
  expect((body.match(/<details/g) ?? []).length, '<details> are closed').toBe((body.match(/<\/details>/g) ?? []).length);
};

describe('planComment', () => {
  it('adding alice: marker, counts, the invitation, the team group, e-mails masked', () => {
    expect(planComment(plans.addAlice(), context)).toBe(
      [
        '<!-- gtctl:plan:specs/prod -->',
        '### gtctl plan for `specs/prod`',
        '',
        '**Plan: 2 to create, 0 to update, 0 to delete, 0 to stop, 0 blocked; 6 unchanged.**',
        '',
        'Project `proj` · account `000000000000` · region `us-east-1`',
        '',
        '#### Changes',
        '',
        '```diff',
        '+ member/a***@example.com (invite by e-mail)',
        '```',
        '',
        `<details open><summary><b>team ${TEAM}</b>: 1 added</summary>`,
        '',
        '```diff',
        '+ a***@example.com',
        '```',
        '</details>',
        '',
        FOOTER,
        '',
      ].join('\n'),
    );
  });

  it('puts what removes access or deletes first, highlighted, before anything else', () => {
    const body = planComment(withStop(plans.unlistedDeletes()), context);
    const caution = body.indexOf('> [!CAUTION]');
    expect(caution).toBeGreaterThan(0);
    expect(body.indexOf('<details')).toBeGreaterThan(caution);
    expect(body).toContain('> **4 changes remove access or delete resources**');
    expect(body).toContain('> - **remove** `membership/old-team/g***@example.com`: team old-team is deleted: remove and sign out');
    expect(body).toContain('> - **delete** `team/old-team`: not in the specs');
    expect(body).toContain('> - **stop (irreversible)** `job/text-analysis-job-creation`: state: stopped');
    // The removal is also in its team's list.
    expect(body).toContain('<b>team old-team</b>: 1 removed');
    expect(body).toContain('- g***@example.com (removed, signed out)');
  });

  it('shows blocked changes with their reason, and says the plan cannot be applied', () => {
    const body = planComment(plans.blockedClash(), context);
    expect(body).toContain('> [!WARNING]\n> **This plan cannot be applied: 1 change is blocked.**');
    expect(body).toMatch(/> - `team\/labelers`: team "labelers" already exists and is not managed by gtctl/);
    expect(body).not.toMatch(/^! team\/labelers/m);
  });

  it('field diffs, multi-line text included, sit under their change in a diff block', () => {
    const body = planComment(plans.workforceUpdate(), context);
    expect(body).toContain(['~ workforce/default', '    # invitation e-mail changed', '    ~ invitation.message:'].join('\n'));
    expect(body).toContain('        + Your temporary password is {####}.');
    expect(body).toContain('          Questions? Write to s***@gmail.com.');
    expect(body).toContain('    ~ description: "Workers who classify numbers as odd or even" -> "Odd or even"');
  });

  it('mask-emails off shows them in full, and says nothing about masking', () => {
    const body = planComment(plans.addAlice(), { ...context, maskEmails: false });
    expect(body).toContain('+ member/alice@example.com (invite by e-mail)');
    expect(body).not.toContain('***');
    expect(body).not.toContain('e-mails masked');
  });

  it('no changes: says so', () => {
    expect(planComment(plans.noChanges(), context)).toContain('**No changes.** Live state matches the specs (6 objects checked).');
  });

  it('a plan of thousands of members fits the limit, keeps its fences closed and points to the job summary', () => {
    const plan = bigPlan(4000);
    const body = planComment(plan, context);
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body.length).toBeGreaterThan(GITHUB_BODY_LIMIT - 2000);
    balanced(body);
    const shown = (body.match(/^[+-] /gm) ?? []).length;
    const notShown = Number(/> ([\d,]+) more changes are not shown/.exec(body)![1]!.replace(/,/g, ''));
    expect(shown + notShown).toBe(plan.changes.length);
    expect(body).toContain('The whole plan is in the [job summary](https://github.com/acme/specs/actions/runs/42).');
    expect(body.trimEnd().endsWith(FOOTER)).toBe(true);
  });

  it('cuts on a whole item at any limit', () => {
    for (const limit of [1200, 1500, 2500, 4000]) {
      const body = planComment(bigPlan(200), { ...context, limit });
      expect(body.length).toBeLessThanOrEqual(limit);
      balanced(body);
      expect(body).toMatch(/more changes? (is|are) not shown/);
    }
  });

  it('code fences survive backticks in the content', () => {
    const plan = plans.workforceUpdate();
    const team = plan.changes.find((c) => c.address.startsWith('team/'))!;
    team.diff = [{ path: 'description', before: 'a', after: 'use ``` to quote' }];
    const body = planComment(plan, context);
    expect(body).toContain('\n````diff\n');
    balanced(body);
  });
});

describe('markers', () => {
  it('name the directory the same however it is written', () => {
    expect(marker('plan', './specs/prod/')).toBe('<!-- gtctl:plan:specs/prod -->');
    expect(marker('plan', 'specs\\prod')).toBe('<!-- gtctl:plan:specs/prod -->');
    expect(marker('drift', '.')).toBe('<!-- gtctl:drift:. -->');
  });

  it('cannot end the HTML comment early', () => {
    expect(markerDirectory('a-->b c')).toBe('a-%2D%3Eb%20c');
  });
});

describe('failureComment', () => {
  it('replaces the plan with the error and each problem in the specs', () => {
    const body = failureComment(
      {
        code: 'invalid-specs',
        message: 'the specs have 1 error(s); nothing was changed',
        hint: 'Fix the problems above',
        diagnostics: [{ severity: 'error', code: 'invalid-format', message: 'metadata.name: "My Team" is not valid', hint: 'A work team name', file: 'specs/team.yaml', line: 4, column: 9, path: 'metadata.name' }],
      },
      context,
    );
    expect(body.split('\n').slice(0, 8)).toEqual([
      '<!-- gtctl:plan:specs/prod -->',
      '### gtctl plan for `specs/prod` failed',
      '',
      '> [!CAUTION]',
      '> **invalid-specs**: the specs have 1 error(s); nothing was changed',
      '>',
      '> Fix the problems above',
      '',
    ]);
    expect(body).toContain('- `specs/team.yaml:4:9` `invalid-format`: metadata.name: "My Team" is not valid<br>A work team name');
  });
});
