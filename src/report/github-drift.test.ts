import { describe, expect, it } from 'vitest';
import type { Plan } from '../core/plan.js';
import { describeDrift, driftIssue, driftResolvedBody } from './github-drift.js';
import { maskEmailsIn } from './mask.js';
import { plans, TEAM, withStop } from './test-support.js';

/** A bucket whose CORS and tags drifted, as the planner reports it. */
function withBucketDrift(p: Plan): Plan {
  const change = { kind: 'bucket', address: 'bucket/gtctl-data', action: 'update', name: 'gtctl-data', region: 'us-east-1', parts: ['cors', 'tags'], tags: {}, diff: [{ path: 'cors', before: [], after: [{}] }], reasons: ['cors changed'], dependsOn: [] } as unknown as Plan['changes'][number];
  return { ...p, changes: [change, ...p.changes], summary: { ...p.summary, update: p.summary.update + 1 } };
}

describe('describeDrift', () => {
  it('counts memberships per team, in the words of whoever changed the account', () => {
    expect(describeDrift(plans.removeBob())).toEqual([`1 user added to team ${TEAM} outside gtctl`]);
    expect(describeDrift(plans.addAlice())).toEqual(['1 user in the specs is missing from the user pool', `1 user removed from team ${TEAM} outside gtctl`]);
  });

  it('names the settings that drifted', () => {
    expect(describeDrift(withBucketDrift(plans.workforceUpdate()))).toEqual(['bucket gtctl-data: cors, tags drifted', 'workforce default: invitation drifted', `team ${TEAM}: description, tags drifted`]);
  });

  it('deletions, stops and blocked changes', () => {
    expect(describeDrift(withStop(plans.unlistedDeletes()), maskEmailsIn)).toEqual([
      'team old-team is managed by gtctl but in no spec',
      'user g***@example.com is managed by gtctl but in no spec',
      'labeling job text-analysis-job-creation is running; the specs say stopped',
      '1 user added to team old-team outside gtctl',
    ]);
    expect(describeDrift(plans.blockedClash())[0]).toMatch(/^team labelers is blocked: team "labelers" already exists and is not managed by gtctl/);
  });

  it('no changes, no drift', () => {
    expect(describeDrift(plans.noChanges())).toEqual([]);
  });
});

describe('driftIssue', () => {
  it('marker, the drift in words, then the plan that would undo it; e-mails masked', () => {
    const { title, body } = driftIssue(plans.removeBob(), { directory: 'specs', runUrl: 'https://github.com/acme/specs/actions/runs/9' });
    expect(title).toBe('gtctl: live state drifted from the specs in specs');
    expect(body.split('\n').slice(0, 6)).toEqual(['<!-- gtctl:drift:specs -->', '### Live state differs from the specs in `specs`', '', 'Project `proj` · account `000000000000` · region `us-east-1`', '', `- 1 user added to team ${TEAM} outside gtctl`]);
    expect(body).toContain('- b***@example.com (removed, signed out)');
    expect(body).not.toContain('bob@example.com');
    expect(body.trimEnd().endsWith('<sub>gtctl drift check · [run](https://github.com/acme/specs/actions/runs/9) · e-mails masked</sub>')).toBe(true);
  });

  it('the resolved body keeps the marker', () => {
    expect(driftResolvedBody({ directory: 'specs', commit: '0123456789abcdef' })).toContain('<!-- gtctl:drift:specs -->\n### No drift in `specs`\n\nLive state matches the specs again (specs at `0123456789ab`).');
  });
});
