import { describe, expect, it } from 'vitest';
import { applySummary, failureSummary, planSummary } from './github-summary.js';
import { plans, TEAM } from './test-support.js';

const context = { directory: 'specs', planJsonPath: '/runner/tmp/gtctl/plan-specs.json' };

describe('planSummary', () => {
  it('the whole plan with e-mails in full, a counts table and where the plan JSON is', () => {
    const md = planSummary(plans.removeBob(), context);
    expect(md.split('\n').slice(0, 12)).toEqual([
      '## gtctl plan for `specs`',
      '',
      '**Plan: 0 to create, 0 to update, 1 to delete, 0 to stop, 0 blocked; 5 unchanged.**',
      '',
      'Project `proj` · account `000000000000` · region `us-east-1`',
      '',
      '| create | update | delete | stop | blocked | unchanged |',
      '| ---: | ---: | ---: | ---: | ---: | ---: |',
      '| 0 | 0 | 1 | 0 | 0 | 5 |',
      '',
      '> [!CAUTION]',
      '> **1 change removes access or deletes resources**',
    ]);
    expect(md).toContain(`- bob@example.com (removed, signed out)`);
    expect(md).toContain('<sub>The plan as JSON: `/runner/tmp/gtctl/plan-specs.json` (the `plan-json` output).</sub>');
  });

  it('masks when asked', () => {
    expect(planSummary(plans.addAlice(), { ...context, maskEmails: true })).toContain('+ a***@example.com');
  });

  it('is bounded in UTF-8 bytes, with a pointer to the plan JSON', () => {
    const md = planSummary(plans.freshAccount(), { ...context, limit: 900 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(900);
    expect(md).toMatch(/more changes are not shown: a job summary is limited to 1 MiB\. The plan JSON \(`plan-json` output\) lists every change\./);
  });
});

describe('applySummary', () => {
  it('says it is complete, then the plan applied', () => {
    const results = ['member/alice@example.com', `membership/${TEAM}/alice@example.com`].map((address) => ({ address, action: 'create' as const, status: 'done' as const, durationMs: 5 }));
    const md = applySummary(plans.addAlice(), { counts: { done: 2, failed: 0, skipped: 0, deferred: 0 }, results }, context);
    expect(md).toContain('## gtctl apply for `specs`\n\n**Apply complete: 2 changes applied.**\n\n#### The plan applied');
    expect(md).toContain('+ alice@example.com');
  });

  it('lists what failed with its error and hint, and what was skipped because of it', () => {
    const md = applySummary(
      plans.addAlice(),
      {
        counts: { done: 0, failed: 1, skipped: 1, deferred: 0 },
        results: [
          { address: 'member/alice@example.com', action: 'create', status: 'failed', error: { code: 'throttled', message: 'Rate exceeded', hint: 'Run apply again' }, durationMs: 5 },
          { address: `membership/${TEAM}/alice@example.com`, action: 'create', status: 'skipped', becauseOf: 'member/alice@example.com', durationMs: 0 },
        ],
      },
      context,
    );
    expect(md).toContain('**Apply finished with errors: 0 done, 1 failed, 1 skipped.**');
    expect(md).toContain('> - `member/alice@example.com`: `throttled` Rate exceeded<br>hint: Run apply again');
    expect(md).toContain(`- \`membership/${TEAM}/alice@example.com\`, after \`member/alice@example.com\``);
  });
});

describe('failureSummary', () => {
  it('the error, its hint, and the problems as a table', () => {
    const md = failureSummary(
      'plan',
      { code: 'invalid-specs', message: 'the specs have 1 error(s)', hint: 'Fix them', diagnostics: [{ severity: 'error', code: 'unknown-team', message: 'unknown team "a|b"', file: 'specs/job.yaml', line: 6, column: 9, path: 'spec.team' }] },
      context,
    );
    expect(md).toBe(
      [
        '## gtctl plan for `specs` failed',
        '',
        '**invalid-specs**: the specs have 1 error(s)',
        '',
        'hint: Fix them',
        '',
        '| Where | Code | Problem |',
        '| --- | --- | --- |',
        '| `specs/job.yaml:6:9` | `unknown-team` | unknown team "a\\|b" |',
        '',
        '',
      ].join('\n'),
    );
  });
});
