// Groups and membership, per BEHAVIOUR.md. (DeleteGroup refused while a work team uses the group: SageMaker's tests.)
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  UpdateGroupCommand,
  paginateAdminListGroupsForUser,
  paginateListGroups,
  paginateListUsersInGroup,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, startCognito, type CognitoHarness } from './test-support.js';

let h: CognitoHarness;
beforeAll(async () => {
  h = await startCognito();
});
afterAll(() => h.close());

const role = 'arn:aws:iam::000000000000:role/labelers';
const createGroup = (UserPoolId: string, GroupName: string, extra = {}) =>
  h.cognito.send(new CreateGroupCommand({ UserPoolId, GroupName, ...extra }));
const createUser = (UserPoolId: string, Username: string) =>
  h.cognito.send(new AdminCreateUserCommand({ UserPoolId, Username, MessageAction: 'SUPPRESS' }));
const addToGroup = (UserPoolId: string, Username: string, GroupName: string) =>
  h.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName }));

describe('CreateGroup, GetGroup, UpdateGroup, DeleteGroup', () => {
  it('creates and reads a group with its settings', async () => {
    const pool = await h.pool();
    const created = (await createGroup(pool, 'Image-Classification-Testing-Team', { Description: 'Odd or even', Precedence: 3, RoleArn: role })).Group!;
    expect(created).toMatchObject({ GroupName: 'Image-Classification-Testing-Team', UserPoolId: pool, Description: 'Odd or even', Precedence: 3, RoleArn: role });
    expect(created.CreationDate).toBeInstanceOf(Date);
    const got = (await h.cognito.send(new GetGroupCommand({ UserPoolId: pool, GroupName: 'Image-Classification-Testing-Team' }))).Group!;
    expect(got).toEqual(created);
  });

  it('refuses a duplicate, a name with whitespace, a negative precedence and an unknown pool', async () => {
    const pool = await h.pool();
    await createGroup(pool, 'team');
    await expectError(createGroup(pool, 'team'), 'GroupExistsException', 'A group with the name team already exists.');
    await expectError(createGroup(pool, 'two words'), 'InvalidParameterException', /groupName/);
    await expectError(createGroup(pool, 'neg', { Precedence: -1 }), 'InvalidParameterException', /precedence/);
    await expectError(createGroup('us-east-1_missing00', 'team'), 'ResourceNotFoundException');
  });

  it('updates every setting, clearing the ones it omits', async () => {
    const pool = await h.pool();
    await createGroup(pool, 'team', { Description: 'old', Precedence: 1, RoleArn: role });
    const updated = (await h.cognito.send(new UpdateGroupCommand({ UserPoolId: pool, GroupName: 'team', Description: 'new' }))).Group!;
    expect(updated.Description).toBe('new');
    expect(updated.Precedence).toBeUndefined();
    expect(updated.RoleArn).toBeUndefined();
  });

  it('deletes a group and its memberships; an unknown group is ResourceNotFoundException', async () => {
    const pool = await h.pool();
    await createGroup(pool, 'team');
    await createUser(pool, 'alice');
    await addToGroup(pool, 'alice', 'team');
    await h.cognito.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: 'team' }));
    await expectError(h.cognito.send(new GetGroupCommand({ UserPoolId: pool, GroupName: 'team' })), 'ResourceNotFoundException', 'Group not found.');
    await createGroup(pool, 'team');
    expect((await h.cognito.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: 'team' }))).Users).toEqual([]);
    await expectError(h.cognito.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: 'ghost' })), 'ResourceNotFoundException');
  });
});

describe('membership', () => {
  it('adds idempotently, removes, and refuses unknown users and groups', async () => {
    const pool = await h.pool();
    await createGroup(pool, 'team');
    await createUser(pool, 'alice');
    await addToGroup(pool, 'alice', 'team');
    await addToGroup(pool, 'alice', 'team');
    const members = (await h.cognito.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: 'team' }))).Users!;
    expect(members.map((u) => u.Username)).toEqual(['alice']);
    await expectError(addToGroup(pool, 'bob', 'team'), 'UserNotFoundException');
    await expectError(addToGroup(pool, 'alice', 'ghosts'), 'ResourceNotFoundException');
    await h.cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, Username: 'alice', GroupName: 'team' }));
    expect((await h.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: 'alice' }))).Groups).toEqual([]);
  });

  it('limits a user to 100 groups', async () => {
    const pool = await h.pool();
    await createUser(pool, 'busy');
    for (let i = 0; i < 101; i++) await createGroup(pool, `g${i}`);
    for (let i = 0; i < 100; i++) await addToGroup(pool, 'busy', `g${i}`);
    await expectError(addToGroup(pool, 'busy', 'g100'), 'LimitExceededException');
  });
});

describe('group lists', () => {
  let pool: string;
  const users = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
  const groups = ['g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6'];
  beforeAll(async () => {
    pool = await h.pool();
    for (const g of groups) await createGroup(pool, g);
    for (const u of users) {
      await createUser(pool, u);
      await addToGroup(pool, u, 'g3');
    }
    // Joined out of creation order: AdminListGroupsForUser still lists in group creation order.
    for (const g of [...groups].reverse()) await addToGroup(pool, 'u0', g);
  });

  it('ListGroups pages in creation order', async () => {
    const pages = [];
    for await (const page of paginateListGroups({ client: h.cognito, pageSize: 3 }, { UserPoolId: pool })) pages.push(page);
    expect(pages.map((p) => p.Groups!.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.Groups!.map((g) => g.GroupName))).toEqual(groups);
  });

  it('ListUsersInGroup pages in user creation order', async () => {
    const pages = [];
    for await (const page of paginateListUsersInGroup({ client: h.cognito, pageSize: 2 }, { UserPoolId: pool, GroupName: 'g3' })) pages.push(page);
    expect(pages.map((p) => p.Users!.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flatMap((p) => p.Users!.map((u) => u.Username))).toEqual(users);
    expect(pages[0]!.Users![0]).toMatchObject({ Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
  });

  it('AdminListGroupsForUser pages in group creation order', async () => {
    const pages = [];
    for await (const page of paginateAdminListGroupsForUser({ client: h.cognito, pageSize: 3 }, { UserPoolId: pool, Username: 'u0' })) pages.push(page);
    expect(pages.flatMap((p) => p.Groups!.map((g) => g.GroupName))).toEqual(groups);
    expect(pages).toHaveLength(3);
  });

  it('refuses Limit above 60, a token from another list, and a made-up token', async () => {
    await expectError(h.cognito.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 61 })), 'InvalidParameterException', /limit/);
    const first = await h.cognito.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 2 }));
    await expectError(
      h.cognito.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: 'g3', Limit: 2, NextToken: first.NextToken })),
      'InvalidParameterException',
    );
    await expectError(h.cognito.send(new ListGroupsCommand({ UserPoolId: pool, NextToken: 'garbage' })), 'InvalidParameterException');
  });
});
