// Ownership (design §3) through the built CLI: a same-named team gtctl does not own blocks the plan and apply changes
// nothing; a team gtctl owns and the specs drop is deleted with its group, while a team made outside gtctl is left alone.
import { CreateGroupCommand, AdminAddUserToGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateWorkteamCommand, DescribeWorkforceCommand, DescribeWorkteamCommand, ListTagsCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { teamDoc } from '../helpers/specs.js';
import { actions, base, PROJECT, useSandbox, writeCalls } from '../helpers/gtctl.js';

const world = useSandbox();

/** A work team and its group made directly through the SDK, as in the console: tagged only if `tags` says so. */
function teamMadeElsewhere(name: string, members: string[], tags: Record<string, string> = {}): Promise<void> {
  return world.settled(() => buildTeam(name, members, tags));
}

async function buildTeam(name: string, members: string[], tags: Record<string, string>): Promise<void> {
  const pool = await world.poolId();
  const workforce = (await world.sageMaker.send(new DescribeWorkforceCommand({ WorkforceName: 'default' }))).Workforce!;
  await world.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: name }));
  for (const email of members) {
    await world.consoleUser(pool, email);
    await world.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: email, GroupName: name }));
  }
  await world.sageMaker.send(
    new CreateWorkteamCommand({
      WorkteamName: name,
      Description: 'made in the console',
      MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: pool, UserGroup: name, ClientId: workforce.CognitoConfig!.ClientId! } }],
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
}

async function describeTeam(name: string) {
  const team = (await world.sageMaker.send(new DescribeWorkteamCommand({ WorkteamName: name }))).Workteam!;
  const tags = (await world.sageMaker.send(new ListTagsCommand({ ResourceArn: team.WorkteamArn! }))).Tags ?? [];
  return { description: team.Description, tags };
}

describe('a same-named team gtctl does not own', () => {
  it('blocks the plan (exit 1), and apply exits 1 without a single write', async () => {
    await world.arrange(base());
    await teamMadeElsewhere('labelers', ['eve@example.com']);
    await teamMadeElsewhere('reviewers', [], { 'gtctl:project': 'someone-else' });
    const before = { labelers: await describeTeam('labelers'), reviewers: await describeTeam('reviewers') };
    const dir = await world.specs([
      ...base(),
      teamDoc({ name: 'labelers', spec: { description: 'ours now', members: ['ann@example.com'] } }),
      teamDoc({ name: 'reviewers', spec: { members: ['ann@example.com'] } }),
    ]);

    await world.clearRequests();
    const { code, plan } = await world.planJson(dir);
    expect(code).toBe(1);
    expect(plan.changes.filter((c) => c.action === 'blocked').map((c) => [c.address, c.reasons])).toEqual([
      ['team/labelers', ['team "labelers" already exists and is not managed by gtctl: rename it in the specs, or let gtctl manage it with `metadata.adopt: true` (or `gtctl import`)']],
      ['team/reviewers', ['team "reviewers" belongs to gtctl project "someone-else", not this one']],
    ]);
    // Nothing is planned for the blocked teams' members: eve is not removed from a group gtctl does not own.
    expect(actions(plan).filter((a) => a.includes('membership/'))).toEqual([]);
    expect(plan.summary.blocked).toBe(2);

    const human = await world.gtctl('plan', '-d', dir);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('team "labelers" already exists and is not managed by gtctl');

    const apply = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain('This plan cannot be applied');
    expect(writeCalls(await world.requests())).toEqual([]);
    expect({ labelers: await describeTeam('labelers'), reviewers: await describeTeam('reviewers') }).toEqual(before);
    const pool = await world.poolId();
    expect(await world.groupMembers(pool, 'labelers')).toEqual(['eve@example.com']);
    expect((await world.users(pool)).map((u) => u.email)).toEqual(['eve@example.com']);
  });
});

describe('teams the specs no longer declare', () => {
  it('deletes a team gtctl owns (members removed and signed out first, then the team and its group) and leaves a console team alone', async () => {
    await world.arrange([...base(), teamDoc({ name: 'labelers', spec: { members: ['ann@example.com', 'bob@example.com'] } })]);
    await teamMadeElsewhere('console-team', ['eve@example.com']);
    const pool = await world.poolId();
    const dir = await world.specs(base());

    const { code, plan } = await world.planJson(dir);
    expect(code).toBe(2);
    expect(actions(plan)).toEqual(['delete membership/labelers/ann@example.com', 'delete membership/labelers/bob@example.com', 'delete team/labelers']);
    expect(plan.changes[2]!.dependsOn).toEqual(['membership/labelers/ann@example.com', 'membership/labelers/bob@example.com']);

    await world.clearRequests();
    await world.apply(dir);
    const writes = writeCalls(await world.requests());
    expect(writes.slice(-2)).toEqual(['sagemaker.DeleteWorkteam', 'cognito-idp.DeleteGroup']);
    expect([...writes.slice(0, -2)].sort()).toEqual(['cognito-idp.AdminRemoveUserFromGroup', 'cognito-idp.AdminRemoveUserFromGroup', 'cognito-idp.AdminUserGlobalSignOut', 'cognito-idp.AdminUserGlobalSignOut']);
    expect(await world.teamNames()).toEqual(['console-team']);
    expect(await world.groupMembers(pool, 'console-team')).toEqual(['eve@example.com']);
    expect((await world.users(pool)).map((u) => `${u.email} ${u.managedBy ?? 'unmanaged'}`)).toEqual([`ann@example.com ${PROJECT}`, `bob@example.com ${PROJECT}`, 'eve@example.com unmanaged']);
    expect((await world.signOuts()).length).toBe(2);

    expect(await world.changes(dir)).toEqual([]);
  });
});
