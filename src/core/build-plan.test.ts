import { describe, expect, it } from 'vitest';
import { buildPlan } from './build-plan.js';
import { staleAddresses } from './fingerprint.js';
import { OWNERSHIP_TAG } from './live.js';
import type { Plan } from './plan.js';
import {
  aBucket,
  aLiveBucket,
  aLivePool,
  aLiveTeam,
  aLiveUser,
  aLiveWorkforce,
  aManagedWorkforce,
  aMember,
  aProject,
  aTeam,
  anObject,
  desiredState,
  liveState,
  NOW,
} from './test-support.js';

const plan = (desired: Parameters<typeof buildPlan>[0], live: Parameters<typeof buildPlan>[1]) => buildPlan(desired, live, { now: NOW });
const actions = (p: Plan) => p.changes.map((c) => `${c.action} ${c.address}`);

describe('buildPlan: fresh account', () => {
  it('creates the workforce, then the team and members, then memberships', () => {
    const desired = desiredState({ teams: [aTeam('labelers', { members: ['a@x.com', 'b@x.com'] })] });
    const p = plan(desired, liveState({ workforce: null, userPool: null }));
    expect(actions(p)).toEqual([
      'create workforce/default',
      'create team/labelers',
      'create member/a@x.com',
      'create member/b@x.com',
      'create membership/labelers/a@x.com',
      'create membership/labelers/b@x.com',
    ]);
    expect(p.changes.find((c) => c.address === 'membership/labelers/a@x.com')!.dependsOn).toEqual(['member/a@x.com', 'team/labelers']);
    expect(p.changes.find((c) => c.address === 'team/labelers')!.dependsOn).toEqual(['workforce/default']);
    expect(p.summary).toEqual({ create: 6, update: 0, delete: 0, stop: 0, blocked: 0, 'no-op': 0 });
  });

  it('is byte-identical for identical inputs, whatever the input order', () => {
    const teams = [aTeam('b', { members: ['z@x.com', 'y@x.com'] }), aTeam('a', { members: ['y@x.com'] })];
    const first = plan(desiredState({ teams }), liveState({ workforce: null, userPool: null }));
    const second = plan(desiredState({ teams: [...teams].reverse() }), liveState({ workforce: null, userPool: null }));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});

describe('buildPlan: no workforce anywhere', () => {
  it('blocks teams and people, which need one, instead of failing at apply', () => {
    const p = plan(desiredState({ workforce: null, teams: [aTeam('t', { members: ['a@x.com'] })] }), liveState({ workforce: null, userPool: null }));
    expect(actions(p)).toEqual(['blocked team/t', 'blocked member/a@x.com', 'blocked membership/t/a@x.com']);
    expect(p.changes[0]!.reasons[0]).toContain('declare a Workforce');
    expect(p.changes.map((c) => c.blockedBy)).toEqual(['no-workforce', 'no-workforce', 'no-workforce']);
  });
});

describe('buildPlan: converged account', () => {
  const team = aTeam('labelers', { members: ['a@x.com'] });
  const live = liveState({ teams: [aLiveTeam('labelers')], users: [aLiveUser('a@x.com')], members: { labelers: ['a@x.com'] } });

  it('has no changes and counts the no-ops', () => {
    const p = plan(desiredState({ teams: [team] }), live);
    expect(p.changes).toEqual([]);
    expect(p.summary['no-op']).toBe(4); // workforce, team, member, membership
  });

  it('adds a member: one invitation and one membership, nothing else', () => {
    const p = plan(desiredState({ teams: [{ ...team, members: ['a@x.com', 'alice@example.com'] }] }), live);
    expect(actions(p)).toEqual(['create member/alice@example.com', 'create membership/labelers/alice@example.com']);
    expect(p.changes[1]!.dependsOn).toEqual(['member/alice@example.com']);
  });

  it('removes someone the specs no longer place in the team, but keeps the user', () => {
    const p = plan(desiredState({ teams: [{ ...team, members: [] }] }), live);
    expect(actions(p)).toEqual(['delete membership/labelers/a@x.com']);
    expect(p.changes[0]!.reasons[0]).toContain('sign out');
  });

  it('updates the description and tags in place', () => {
    const p = plan(desiredState({ teams: [{ ...team, description: 'new', tags: { cost: 'ml' } }] }), live);
    expect(p.changes).toHaveLength(1);
    expect(p.changes[0]).toMatchObject({ action: 'update', address: 'team/labelers' });
    expect(p.changes[0]!.diff).toEqual([
      { path: 'description', before: 'labelers', after: 'new' },
      { path: 'tags.cost', before: undefined, after: 'ml' },
    ]);
  });
});

describe('buildPlan: ownership', () => {
  it('reports a same-named unmanaged team as a clash and leaves its members alone', () => {
    const live = liveState({ teams: [aLiveTeam('labelers', { tags: {} })], users: [aLiveUser('a@x.com')], members: { labelers: ['a@x.com'] } });
    const p = plan(desiredState({ teams: [aTeam('labelers', { members: ['b@x.com'] })] }), live);
    expect(actions(p)).toEqual(['blocked team/labelers', 'create member/b@x.com']);
    expect(p.changes[0]!.reasons[0]).toContain('not managed by gtctl');
    expect(p.changes.map((c) => c.blockedBy)).toEqual(['not-managed', undefined]);
  });

  it('deletes a managed team gone from the specs after removing its members; never an unmanaged one', () => {
    const live = liveState({
      teams: [aLiveTeam('old'), aLiveTeam('console-team', { tags: {} })],
      users: [aLiveUser('a@x.com')],
      members: { old: ['a@x.com'], 'console-team': ['a@x.com'] },
    });
    const p = plan(desiredState({ members: [aMember('a@x.com')] }), live);
    expect(actions(p)).toEqual(['delete membership/old/a@x.com', 'delete team/old']);
    expect(p.changes[1]!.dependsOn).toEqual(['membership/old/a@x.com']);
  });

  it('blocks a workforce owned by nobody', () => {
    const p = plan(desiredState(), liveState({ workforce: aLiveWorkforce({ tags: {} }) }));
    expect(actions(p)).toEqual(['blocked workforce/default']);
    expect(p.changes[0]!.blockedBy).toBe('not-managed');
  });
});

describe('buildPlan: unlisted users', () => {
  const users = [aLiveUser('gone@x.com'), aLiveUser('console@x.com', { managedBy: undefined })];
  it.each([
    ['keep', []],
    ['disable', ['update member/gone@x.com']],
    ['delete', ['delete member/gone@x.com']],
  ] as const)('policy %s', (policy, expected) => {
    const p = plan(desiredState({ project: aProject({ policies: { unlistedUsers: policy } }) }), liveState({ users }));
    expect(actions(p)).toEqual(expected);
  });
});

describe('buildPlan: members', () => {
  it('re-sends an invitation whose temporary password expired', () => {
    const live = liveState({ users: [aLiveUser('a@x.com', { status: 'FORCE_CHANGE_PASSWORD', modifiedAt: NOW - 8 * 86_400_000 })] });
    const p = plan(desiredState({ members: [aMember('a@x.com')] }), live);
    expect(p.changes).toMatchObject([{ action: 'update', address: 'member/a@x.com', steps: ['resend-invitation'] }]);
  });

  it('re-enables a user whose invitation expired while disabled and sends it again in the same change', () => {
    const live = liveState({ users: [aLiveUser('a@x.com', { enabled: false, status: 'FORCE_CHANGE_PASSWORD', modifiedAt: NOW - 8 * 86_400_000 })] });
    const p = plan(desiredState({ members: [aMember('a@x.com')] }), live);
    expect(p.changes).toMatchObject([{ action: 'update', address: 'member/a@x.com', steps: ['enable', 'resend-invitation'] }]);
  });

  it('leaves a user another project manages alone, while still placing them in this project\'s teams', () => {
    const live = liveState({ teams: [aLiveTeam('t')], users: [aLiveUser('a@x.com', { managedBy: 'other', enabled: false, displayName: 'A' })] });
    const p = plan(desiredState({ teams: [aTeam('t', { members: ['a@x.com'] })], members: [aMember('a@x.com', { displayName: 'B' })] }), live);
    expect(actions(p)).toEqual(['create membership/t/a@x.com']);
  });

  it('adopts an existing console user named by a spec', () => {
    const p = plan(desiredState({ members: [aMember('a@x.com')] }), liveState({ users: [aLiveUser('a@x.com', { managedBy: undefined })] }));
    expect(p.changes).toMatchObject([{ action: 'update', steps: ['adopt'] }]);
  });

  it('disables and re-enables', () => {
    const disable = plan(desiredState({ members: [aMember('a@x.com', { disabled: true })] }), liveState({ users: [aLiveUser('a@x.com')] }));
    expect(disable.changes).toMatchObject([{ action: 'update', steps: ['disable'] }]);
    const enable = plan(desiredState({ members: [aMember('a@x.com')] }), liveState({ users: [aLiveUser('a@x.com', { enabled: false })] }));
    expect(enable.changes).toMatchObject([{ action: 'update', steps: ['enable'] }]);
  });
});

describe('buildPlan: workforce', () => {
  it('updates source CIDRs in place', () => {
    const p = plan(desiredState({ workforce: aManagedWorkforce({ sourceIpCidrs: ['10.0.0.0/16'] }) }), liveState());
    expect(p.changes).toMatchObject([{ action: 'update', parts: ['sourceIpCidrs'], diff: [{ path: 'sourceIpCidrs', before: [], after: ['10.0.0.0/16'] }] }]);
  });

  it('blocks switching to an existing pool, which cannot change in place', () => {
    const workforce = aManagedWorkforce({ identity: { type: 'cognito-existing', userPoolId: 'us-east-1_other', clientId: 'c2' } });
    const p = plan(desiredState({ workforce }), liveState());
    expect(p.changes).toMatchObject([{ action: 'blocked', blockedBy: 'immutable' }]);
    expect(p.changes[0]!.reasons[0]).toContain('cannot change in place');
  });

  it('points the app client at the portal when its URLs are wrong', () => {
    const pool = aLivePool();
    const p = plan(desiredState(), liveState({ userPool: { ...pool, client: { ...pool.client!, callbackUrls: ['https://placeholder.invalid/'] } } }));
    expect(p.changes).toMatchObject([{ action: 'update', parts: ['portalUrls'] }]);
  });

  it('tags it for the project', () => {
    const p = plan(desiredState({ project: aProject({ tags: { env: 'prod' } }) }), liveState());
    expect(p.changes[0]!.diff).toEqual([{ path: 'tags.env', before: undefined, after: 'prod' }]);
    expect((p.changes[0] as { tags: Record<string, string> }).tags).toEqual({ env: 'prod', [OWNERSHIP_TAG]: 'proj' });
  });
});

describe('buildPlan: fingerprints', () => {
  it('covers every live object and marks the addresses to create as absent', () => {
    const live = liveState({ teams: [aLiveTeam('t')], users: [aLiveUser('a@x.com')], members: { t: ['a@x.com'] } });
    const p = plan(desiredState({ teams: [aTeam('t', { members: ['a@x.com', 'b@x.com'] })] }), live);
    expect(Object.keys(p.fingerprints)).toEqual(['member/a@x.com', 'member/b@x.com', 'members/t', 'membership/t/b@x.com', 'team/t', 'workforce/default']);
    expect(p.fingerprints['member/b@x.com']).toBe('absent');
    expect(p.fingerprints['membership/t/b@x.com']).toBe('absent');
  });

  it('moves when a member is added to a team group out of band', () => {
    const desired = desiredState({ teams: [aTeam('t', { members: ['a@x.com'] })] });
    const users = [aLiveUser('a@x.com'), aLiveUser('z@x.com')];
    const before = plan(desired, liveState({ teams: [aLiveTeam('t')], users, members: { t: ['a@x.com'] } }));
    const after = plan(desired, liveState({ teams: [aLiveTeam('t')], users, members: { t: ['a@x.com', 'z@x.com'] } }));
    expect(staleAddresses(before.fingerprints, after.fingerprints)).toContain('members/t');
  });

  it('covers buckets with their settings and objects by content, so that a drifted one makes a saved plan stale', () => {
    const live = (cors: boolean, etag: string) =>
      liveState({ buckets: [aLiveBucket('data', cors ? {} : { cors: [] })], objects: { 'data/in/1.txt': { etag } } });
    const desired = desiredState({ buckets: [aBucket('data', { objects: [anObject('in/1.txt', '42')] })] });
    const p = plan(desired, live(true, 'a1'));
    expect(Object.keys(p.fingerprints).filter((k) => !k.startsWith('workforce/'))).toEqual(['bucket/data', 'object/data/in/1.txt']);
    expect(plan(desired, live(false, 'a1')).fingerprints['bucket/data']).not.toBe(p.fingerprints['bucket/data']);
    expect(plan(desired, live(true, 'b2')).fingerprints['object/data/in/1.txt']).not.toBe(p.fingerprints['object/data/in/1.txt']);
  });
});
