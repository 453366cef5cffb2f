import { describe, expect, it } from 'vitest';
import type { Change, Plan } from '../core/plan.js';
import { renderPlan } from './plan-human.js';
import { styleFor } from './style.js';
import { COLOR, PLAIN, plans, TEAM, withStop } from './test-support.js';

const ESC = '\u001b[';
const lines = (text: string) => text.split('\n');
/** The lines of the loud section, from its heading to the blank line before the summary. */
const loudSection = (text: string) => {
  const all = lines(text);
  const start = all.indexOf('These changes remove access or delete resources:');
  return start < 0 ? [] : all.slice(start, all.indexOf('', start));
};

describe('renderPlan: what a reviewer reads', () => {
  it('adding alice to a team: one invitation, one line under the team, a summary', () => {
    expect(renderPlan(plans.addAlice(), PLAIN)).toBe(
      [
        'Plan for project proj in account 000000000000, region us-east-1',
        '',
        '  + member/alice@example.com (invite by e-mail)',
        '',
        `  team ${TEAM}: members`,
        '    + alice@example.com',
        '',
        'Plan: 2 to create, 0 to update, 0 to delete, 0 to stop, 0 blocked; 6 unchanged.',
        '',
      ].join('\n'),
    );
  });

  it('a fresh account: workforce and team with their fields, compact invitations, memberships grouped', () => {
    expect(renderPlan(plans.freshAccount(), PLAIN)).toBe(
      [
        'Plan for project proj in account 000000000000, region us-east-1',
        '',
        '  + workforce/default',
        '      # create the user pool, app client, domain and workforce',
        '      + identity: "cognito-managed"',
        '      + userPool: "gtctl-proj"',
        '      + domain: "proj-labeling"',
        `  + team/${TEAM}`,
        `      # create the work team and its Cognito group "${TEAM}"`,
        '      + description: "Workers who classify numbers as odd or even"',
        `      + userGroup: "${TEAM}"`,
        '  + member/user1@gmail.com (invite by e-mail)',
        '  + member/user2@gmail.com (invite by e-mail)',
        '  + member/user3@gmail.com (invite by e-mail)',
        '',
        `  team ${TEAM}: members`,
        '    + user1@gmail.com',
        '    + user2@gmail.com',
        '    + user3@gmail.com',
        '',
        'Plan: 8 to create, 0 to update, 0 to delete, 0 to stop, 0 blocked; 0 unchanged.',
        '',
      ].join('\n'),
    );
  });

  it('a public job: its cost beside it, and the total under the summary', () => {
    const text = renderPlan(plans.publicJob(), PLAIN);
    expect(text).toContain('      # create the labeling job (text-classification, public crowd at $0.036 a task)\n      # cost: 3 objects x 2 workers x $0.036 = $0.216\n');
    expect(text).toContain("Plan: 1 to create, 0 to update, 0 to delete, 0 to stop, 0 blocked; 0 unchanged.\nCost of public jobs: $0.216 (1 job), paid to Mechanical Turk workers; AWS's fees come on top.\n");
  });

  it('removing bob: a line under the team, and again in the loud section at the end', () => {
    const text = renderPlan(plans.removeBob(), PLAIN);
    expect(lines(text).slice(2, 4)).toEqual([`  team ${TEAM}: members`, '    - bob@example.com (removed, signed out)']);
    expect(loudSection(text)).toEqual([
      'These changes remove access or delete resources:',
      `  - membership/${TEAM}/bob@example.com`,
      `      # not in team ${TEAM} in the specs: remove and sign out`,
    ]);
    expect(lines(text).at(-2)).toBe('Plan: 0 to create, 0 to update, 1 to delete, 0 to stop, 0 blocked; 5 unchanged.');
  });

  it('a swap lists the addition before the removal under the team', () => {
    const p = plans.addAlice();
    const removal = plans.removeBob().changes[0]!;
    const swapped: Plan = { ...p, changes: [removal, ...p.changes], summary: { ...p.summary, delete: 1 } };
    const text = renderPlan(swapped, PLAIN);
    const group = lines(text).indexOf(`  team ${TEAM}: members`);
    expect(lines(text).slice(group, group + 3)).toEqual([`  team ${TEAM}: members`, '    + alice@example.com', '    - bob@example.com (removed, signed out)']);
  });

  it('a blocked clash: `!` with the reason on the next line, and the plan cannot be applied', () => {
    const text = renderPlan(plans.blockedClash(), PLAIN);
    const at = lines(text).indexOf('  ! team/labelers');
    expect(at).toBeGreaterThan(0);
    expect(lines(text)[at + 1]).toBe('      # team "labelers" already exists and is not managed by gtctl: rename it in the specs, or let gtctl manage it with `metadata.adopt: true` (or `gtctl import`)');
    expect(lines(text).slice(-3, -1)).toEqual([
      'Plan: 1 to create, 0 to update, 0 to delete, 0 to stop, 1 blocked; 2 unchanged.',
      'This plan cannot be applied: team/labelers is blocked; change the specs or the account as the reason says, then plan again.',
    ]);
  });

  it('deletes come last and loudly, never among the other changes', () => {
    const text = renderPlan(plans.unlistedDeletes(), PLAIN);
    expect(loudSection(text)).toEqual([
      'These changes remove access or delete resources:',
      '  - membership/old-team/gone@example.com',
      '      # team old-team is deleted: remove and sign out',
      '  - team/old-team',
      '      # not in the specs: delete the work team, then its Cognito group "old-team" if gtctl created it',
      '      - description: "old-team"',
      '  - member/gone@example.com',
      '      # not in any spec (policies.unlistedUsers: delete)',
      '      - status: "confirmed"',
    ]);
    const before = lines(text).slice(0, lines(text).indexOf('These changes remove access or delete resources:'));
    expect(before.filter((l) => l.startsWith('  - '))).toEqual([]);
    expect(lines(text).at(-2)).toBe('Plan: 0 to create, 0 to update, 3 to delete, 0 to stop, 0 blocked; 4 unchanged.');
  });

  it('a stop is marked irreversible and listed with the removals', () => {
    expect(loudSection(renderPlan(withStop(plans.removeBob()), PLAIN)).slice(-3)).toEqual([
      '  ■ job/text-analysis-job-creation (irreversible)',
      '      # state: stopped',
      '      ~ state: "running" -> "stopped"',
    ]);
  });

  it('disabling a user removes access: listed in the loud section', () => {
    const p = plans.unlistedDeletes();
    const disable = { ...p.changes.find((c) => c.address === 'member/gone@example.com')!, action: 'update', steps: ['disable'], diff: [{ path: 'status', before: 'confirmed', after: 'disabled' }] } as Change;
    const text = renderPlan({ ...p, changes: [disable] }, PLAIN);
    expect(loudSection(text)).toEqual(['These changes remove access or delete resources:', '  ~ member/gone@example.com', '      # not in any spec (policies.unlistedUsers: delete)', '      ~ status: "confirmed" -> "disabled"']);
  });

  it('field diffs: updates, additions, and a multi-line invitation e-mail as a line diff', () => {
    expect(renderPlan(plans.workforceUpdate(), PLAIN)).toBe(
      [
        'Plan for project proj in account 000000000000, region us-east-1',
        '',
        '  ~ workforce/default',
        '      # invitation e-mail changed',
        '      ~ invitation.message:',
        '            ... 2 unchanged lines',
        '            You are invited to label data for TECHBLOGGER-ORGANIZATION.',
        '            Sign in at the labeling portal with your e-mail address.',
        '          - Your code is {####}.',
        '          + Your temporary password is {####}.',
        '            Questions? Write to support-contact@gmail.com.',
        '            Thanks,',
        '            The labeling team',
        '          + <p>Sign in to the labeling portal at <a href="https://abc123.labeling.us-east-1.sagemaker.aws">https://abc123.labeling.us-east-1.sagemaker.aws</a>.</p>',
        `  ~ team/${TEAM}`,
        '      # description changed',
        '      # tags changed',
        '      ~ description: "Workers who classify numbers as odd or even" -> "Odd or even"',
        '      + tags.cost: "ml"',
        '',
        'Plan: 0 to create, 2 to update, 0 to delete, 0 to stop, 0 blocked; 4 unchanged.',
        '',
      ].join('\n'),
    );
  });

  it('no changes', () => {
    expect(renderPlan(plans.noChanges(), PLAIN)).toBe('Plan for project proj in account 000000000000, region us-east-1\n\nNo changes. Live state matches the specs (6 objects checked).\n');
  });
});

describe('renderPlan: masking', () => {
  const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/g;

  it('off: e-mails shown as written', () => {
    expect(renderPlan(plans.addAlice(), PLAIN)).toContain('  + member/alice@example.com (invite by e-mail)');
  });

  it('on: every e-mail masked, in addresses, groups, the loud section and text diffs', () => {
    const p = plans.workforceUpdate();
    const all: Plan = { ...p, changes: [...p.changes, ...plans.addAlice().changes, ...plans.removeBob().changes] };
    const text = renderPlan(all, PLAIN, { maskEmails: true });
    expect(text).toContain('  + member/a***@example.com (invite by e-mail)');
    expect(text).toContain('    + a***@example.com');
    expect(text).toContain('    - b***@example.com (removed, signed out)');
    expect(text).toContain(`  - membership/${TEAM}/b***@example.com`);
    expect(text).toContain('            Questions? Write to s***@gmail.com.');
    expect([...text.matchAll(EMAIL)].map((m) => m[0]).filter((e) => !e.includes('***@'))).toEqual([]);
  });

  it('on, with colour: masks before styling, so escapes never mangle an address', () => {
    expect(renderPlan(plans.addAlice(), COLOR, { maskEmails: true })).toContain(`${ESC}32m+${ESC}39m a***@example.com`);
  });
});

describe('renderPlan: colour', () => {
  const everything = () => withStop({ ...plans.unlistedDeletes(), changes: [...plans.blockedClash().changes, ...plans.workforceUpdate().changes, ...plans.unlistedDeletes().changes] });

  it('plain style and NO_COLOR have no ANSI escapes', () => {
    expect(renderPlan(everything(), PLAIN)).not.toContain(ESC);
    const noColor = styleFor({ isTTY: true }, { env: { NO_COLOR: '1' } });
    expect(renderPlan(everything(), noColor)).not.toContain(ESC);
    expect(renderPlan(everything(), styleFor({ isTTY: true }, { color: false, env: {} }))).not.toContain(ESC);
  });

  it('on a terminal: green create, yellow update, red delete, red bold blocked, red loud heading', () => {
    const text = renderPlan(everything(), COLOR);
    expect(text).toContain(`${ESC}32m+${ESC}39m member/dave@example.com`);
    expect(text).toContain(`${ESC}33m~${ESC}39m workforce/default`);
    expect(text).toContain(`${ESC}31m- team/old-team${ESC}39m`);
    expect(text).toContain(`${ESC}31m${ESC}1m! team/labelers${ESC}22m${ESC}39m`);
    expect(text).toContain(`${ESC}31m${ESC}1mThese changes remove access or delete resources:`);
    expect(text).toContain(`${ESC}2m# invitation e-mail changed${ESC}22m`);
  });
});

describe('renderPlan: secrets never reach output', () => {
  it('drops fields named like a secret or password, at any depth', () => {
    const p = plans.workforceUpdate();
    const workforce = p.changes[0]!;
    const leaky = {
      ...workforce,
      diff: [
        { path: 'oidc.clientSecret', before: 'old-s3cr3t', after: 'new-s3cr3t' },
        { path: 'password', after: 'hunter2' },
        { path: 'oidc.authenticationRequestExtraParams', before: {}, after: { prompt: 'login', client_secret: 'xyz-s3cr3t' } },
      ],
    } as Change;
    const text = renderPlan({ ...p, changes: [leaky] }, PLAIN);
    expect(text).not.toMatch(/s3cr3t|hunter2/);
    expect(text).not.toMatch(/secret|password/i);
    expect(text).toContain('      ~ oidc.authenticationRequestExtraParams: {} -> {"prompt":"login"}');
  });
});
