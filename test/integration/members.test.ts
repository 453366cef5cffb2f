// Members and memberships through the built CLI: what a spec edit plans, which writes apply makes (request log),
// the invitations sent (outbox) and the sign-outs recorded, read back through the SDK. Each test arranges its
// starting point in-process and then runs plan and apply as a user would.
import { AdminAddUserToGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { memberDoc, teamDoc } from '../helpers/specs.js';
import { actions, base, useSandbox, writeCalls } from '../helpers/gtctl.js';

const world = useSandbox();

const team = (name: string, members: string[]) => teamDoc({ name, spec: { members } });

/** After apply, a plan of the same tree lists nothing (the CLI's exit codes for that are workforce.test.ts's). */
async function expectConverged(dir: string): Promise<void> {
  expect(await world.changes(dir)).toEqual([]);
}

describe('adding and removing members', () => {
  it('adds alice to a team with exactly one invitation and one membership', async () => {
    await world.arrange([...base(), team('labelers', ['bob@example.com'])]);
    const dir = await world.specs([...base(), team('labelers', ['alice@example.com', 'bob@example.com'])]);

    const { code, plan } = await world.planJson(dir);
    expect(code).toBe(2);
    expect(actions(plan)).toEqual(['create member/alice@example.com', 'create membership/labelers/alice@example.com']);
    expect(plan.summary).toEqual({ create: 2, update: 0, delete: 0, stop: 0, blocked: 0, 'no-op': 4 });
    expect(plan.changes[1]!.dependsOn).toEqual(['member/alice@example.com']);

    await world.clearRequests();
    await world.apply(dir);
    expect(writeCalls(await world.requests())).toEqual(['cognito-idp.AdminCreateUser', 'cognito-idp.AdminAddUserToGroup']);
    const pool = await world.poolId();
    expect(await world.groupMembers(pool, 'labelers')).toEqual(['alice@example.com', 'bob@example.com']);
    expect((await world.outbox()).map((m) => `${m.kind} ${m.to}`)).toEqual(['invitation bob@example.com', 'invitation alice@example.com']);
    await expectConverged(dir);
  });

  it('removes bob from the group and signs him out, but keeps his user (unlistedUsers: keep, the default)', async () => {
    await world.arrange([...base(), team('labelers', ['ann@example.com', 'bob@example.com'])]);
    const pool = await world.poolId();
    // A user made in the console, in no spec and unknown to gtctl: nothing ever touches it.
    await world.consoleUser(pool, 'carl@example.com');
    const before = await world.users(pool);
    const dir = await world.specs([...base(), team('labelers', ['ann@example.com'])]);

    const { plan } = await world.planJson(dir);
    expect(actions(plan)).toEqual(['delete membership/labelers/bob@example.com']);
    expect(plan.changes[0]!.reasons).toEqual(['not in team labelers in the specs: remove and sign out']);

    await world.clearRequests();
    await world.apply(dir);
    expect(writeCalls(await world.requests())).toEqual(['cognito-idp.AdminRemoveUserFromGroup', 'cognito-idp.AdminUserGlobalSignOut']);
    expect(await world.groupMembers(pool, 'labelers')).toEqual(['ann@example.com']);
    const bob = before.find((u) => u.email === 'bob@example.com')!;
    expect((await world.signOuts()).map((s) => `${s.cause} ${s.username}`)).toEqual([`global-sign-out ${bob.username}`]);
    expect(await world.users(pool)).toEqual(before);
    await expectConverged(dir);
  });

  it('puts a member of two teams in both groups with one invitation, and leaving one team keeps the other', async () => {
    const dir = await world.specs([...base(), team('reviewers', ['ann@example.com']), memberDoc({ name: 'ann@example.com', spec: { teams: ['labelers'] } }), team('labelers', [])]);
    const { plan } = await world.planJson(dir);
    expect(actions(plan)).toEqual([
      'create workforce/default',
      'create team/labelers',
      'create team/reviewers',
      'create member/ann@example.com',
      'create membership/labelers/ann@example.com',
      'create membership/reviewers/ann@example.com',
    ]);
    await world.apply(dir);
    const pool = await world.poolId();
    expect(await world.groupMembers(pool, 'labelers')).toEqual(['ann@example.com']);
    expect(await world.groupMembers(pool, 'reviewers')).toEqual(['ann@example.com']);
    expect((await world.outbox()).map((m) => m.to)).toEqual(['ann@example.com']);

    const fewer = await world.specs([...base(), team('reviewers', ['ann@example.com']), team('labelers', [])]);
    expect(actions((await world.planJson(fewer)).plan)).toEqual(['delete membership/labelers/ann@example.com']);
    await world.apply(fewer);
    expect(await world.groupMembers(pool, 'labelers')).toEqual([]);
    expect(await world.groupMembers(pool, 'reviewers')).toEqual(['ann@example.com']);
    expect((await world.outbox()).map((m) => m.to)).toEqual(['ann@example.com']);
    await expectConverged(fewer);
  });

  it('applies Member settings: a new display name, and disabled (which signs the user out)', async () => {
    await world.arrange([...base(), team('labelers', ['ann@example.com', 'bob@example.com']), memberDoc({ name: 'ann@example.com', spec: { teams: ['labelers'], displayName: 'Ann A.' } })]);
    const pool = await world.poolId();
    const dir = await world.specs([
      ...base(),
      team('labelers', ['ann@example.com', 'bob@example.com']),
      memberDoc({ name: 'ann@example.com', spec: { teams: ['labelers'], displayName: 'Ann B.' } }),
      memberDoc({ name: 'bob@example.com', spec: { teams: ['labelers'], disabled: true } }),
    ]);
    const { plan } = await world.planJson(dir);
    expect(plan.changes.map((c) => [c.address, c.action, c.diff])).toEqual([
      ['member/ann@example.com', 'update', [{ path: 'displayName', before: 'Ann A.', after: 'Ann B.' }]],
      ['member/bob@example.com', 'update', [{ path: 'status', before: 'invited', after: 'disabled' }]],
    ]);
    await world.clearRequests();
    await world.apply(dir);
    expect(writeCalls(await world.requests()).sort()).toEqual(['cognito-idp.AdminDisableUser', 'cognito-idp.AdminUpdateUserAttributes']);
    expect((await world.users(pool)).map((u) => `${u.email} ${u.enabled ? 'enabled' : 'disabled'}`)).toEqual(['ann@example.com enabled', 'bob@example.com disabled']);
    expect((await world.signOuts()).map((s) => s.cause)).toEqual(['disable']);
    // Disabled, bob stays in his team: membership and access are separate questions.
    expect(await world.groupMembers(pool, 'labelers')).toEqual(['ann@example.com', 'bob@example.com']);
    await expectConverged(dir);
  });

  it('removes from the team a user added to its group outside gtctl, and leaves the user alone', async () => {
    const dir = await world.arrange([...base(), team('labelers', ['ann@example.com'])]);
    const pool = await world.poolId();
    await world.consoleUser(pool, 'eve@example.com');
    await world.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: 'eve@example.com', GroupName: 'labelers' }));

    const { code, plan } = await world.planJson(dir);
    expect({ code, changes: actions(plan) }).toEqual({ code: 2, changes: ['delete membership/labelers/eve@example.com'] });
    await world.apply(dir);
    expect(await world.groupMembers(pool, 'labelers')).toEqual(['ann@example.com']);
    expect((await world.users(pool)).map((u) => `${u.email} ${u.managedBy ?? 'unmanaged'}`)).toEqual(['ann@example.com labeling', 'eve@example.com unmanaged']);
    await expectConverged(dir);
  });
});

describe('policies.unlistedUsers on a user gtctl invited and the specs no longer mention', () => {
  const start = async (policy: 'disable' | 'delete') => {
    await world.arrange([...base({ policies: { unlistedUsers: policy } }), team('labelers', ['ann@example.com', 'bob@example.com'])]);
    const pool = await world.poolId();
    // Unlisted too, but made in the console: the policy never applies to users gtctl does not manage.
    await world.consoleUser(pool, 'carl@example.com');
    return { pool, dir: await world.specs([...base({ policies: { unlistedUsers: policy } }), team('labelers', ['ann@example.com'])]) };
  };

  it('disable: bob leaves the team and is disabled', async () => {
    const { pool, dir } = await start('disable');
    const { plan } = await world.planJson(dir);
    expect(actions(plan)).toEqual(['update member/bob@example.com', 'delete membership/labelers/bob@example.com']);
    expect(plan.changes[0]!.reasons).toEqual(['not in any spec (policies.unlistedUsers: disable)']);
    await world.apply(dir);
    expect((await world.users(pool)).map((u) => `${u.email} ${u.enabled}`)).toEqual(['ann@example.com true', 'bob@example.com false', 'carl@example.com true']);
    await expectConverged(dir);
  });

  it('delete: bob leaves the team first, then his user is deleted', async () => {
    const { pool, dir } = await start('delete');
    const { plan } = await world.planJson(dir);
    expect(actions(plan)).toEqual(['delete membership/labelers/bob@example.com', 'delete member/bob@example.com']);
    expect(plan.changes[1]!.dependsOn).toEqual(['membership/labelers/bob@example.com']);
    await world.clearRequests();
    await world.apply(dir);
    expect(writeCalls(await world.requests())).toEqual(['cognito-idp.AdminRemoveUserFromGroup', 'cognito-idp.AdminUserGlobalSignOut', 'cognito-idp.AdminDeleteUser']);
    expect((await world.users(pool)).map((u) => u.email)).toEqual(['ann@example.com', 'carl@example.com']);
    await expectConverged(dir);
  });
});
