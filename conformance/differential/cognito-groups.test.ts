// Cognito groups (one per work team) and memberships.
import {
  AdminAddUserToGroupCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  ListGroupsCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect } from 'vitest';
import { emailPool, group, worker } from './fixtures.js';
import { attempt, conformanceSuite, okOrFailure, type Clients, type Scope } from './harness.js';

const { differential } = conformanceSuite();

/** A pool with one worker, a member of group `team-a`. */
async function poolWithMember(c: Clients, scope: Scope) {
  const pool = await emailPool(c, scope);
  const email = scope.email('w');
  await worker(c, pool, email);
  await group(c, pool, 'team-a');
  await c.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: email, GroupName: 'team-a' }));
  return { pool, email };
}

async function emailsInGroup(c: Clients, pool: string, groupName: string, Limit = 60): Promise<{ emails: string[]; pageSizes: number[] }> {
  const pages: string[][] = [];
  let NextToken: string | undefined;
  do {
    const page = await c.cognito.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: groupName, Limit, NextToken }));
    pages.push((page.Users ?? []).map((u) => u.Attributes?.find((a) => a.Name === 'email')?.Value ?? ''));
    NextToken = page.NextToken;
  } while (NextToken && pages.length < 10);
  return { emails: pages.flat().sort(), pageSizes: pages.map((p) => p.length) };
}

differential({
  service: 'cognito-idp',
  operation: 'CreateGroup',
  case: 'new group with a description',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    const { Group } = await c.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: 'team-a', Description: 'Team A' }));
    return { GroupName: Group?.GroupName, Description: Group?.Description, UserPoolId: Group?.UserPoolId === pool, dates: Group?.CreationDate instanceof Date && Group.LastModifiedDate instanceof Date };
  },
});

differential({
  service: 'cognito-idp',
  operation: 'CreateGroup',
  case: 'the group exists',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    await group(c, pool, 'team-a');
    return attempt(() => group(c, pool, 'team-a'));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'GroupExistsException', status: 400 }),
});

differential({
  service: 'cognito-idp',
  operation: 'CreateGroup',
  case: 'unknown pool',
  run: async (c) => attempt(() => group(c, `${c.region}_AAAAAAAAA`, 'team-a')),
  expect: (answer) => expect(answer).toMatchObject({ error: 'ResourceNotFoundException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'ListGroups',
  case: 'Limit 2 pages with NextToken',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    for (const name of ['g1', 'g2', 'g3', 'g4', 'g5']) await group(c, pool, name, `about ${name}`);
    const pages: string[][] = [];
    let NextToken: string | undefined;
    do {
      const page = await c.cognito.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 2, NextToken }));
      pages.push((page.Groups ?? []).map((g) => `${g.GroupName}: ${g.Description}`));
      NextToken = page.NextToken;
    } while (NextToken && pages.length < 10);
    return { groups: pages.flat().sort(), pageSizes: pages.map((p) => p.length) };
  },
  expect: (answer) => expect(answer).toMatchObject({ pageSizes: [2, 2, 1] }),
});

differential({
  service: 'cognito-idp',
  operation: 'DeleteGroup',
  case: 'delete, then the name is free and the member stays',
  run: async (c, scope) => {
    const { pool } = await poolWithMember(c, scope);
    await c.cognito.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: 'team-a' }));
    const groups = (await c.cognito.send(new ListGroupsCommand({ UserPoolId: pool }))).Groups?.length;
    const again = okOrFailure(await attempt(() => group(c, pool, 'team-a')));
    // Re-created, the group must not have kept the old membership.
    return { groups, again, members: (await emailsInGroup(c, pool, 'team-a')).emails.length };
  },
  expect: (answer) => expect(answer).toEqual({ groups: 0, again: 'ok', members: 0 }),
});

differential({
  service: 'cognito-idp',
  operation: 'DeleteGroup',
  case: 'unknown group',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    return attempt(() => c.cognito.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: 'nobody' })));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'ResourceNotFoundException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminAddUserToGroup',
  case: 'add by e-mail, twice',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    const email = scope.email('w');
    await worker(c, pool, email);
    await group(c, pool, 'team-a');
    const add = () => c.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: email, GroupName: 'team-a' }));
    const first = okOrFailure(await attempt(add));
    const again = okOrFailure(await attempt(add));
    return { first, again, members: (await emailsInGroup(c, pool, 'team-a')).emails };
  },
  expect: (answer) => expect(answer).toMatchObject({ first: 'ok', again: 'ok' }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminAddUserToGroup',
  case: 'unknown group',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    const email = scope.email('w');
    await worker(c, pool, email);
    return attempt(() => c.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: email, GroupName: 'nobody' })));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'ResourceNotFoundException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminAddUserToGroup',
  case: 'unknown user',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    await group(c, pool, 'team-a');
    return attempt(() => c.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: scope.email('nobody'), GroupName: 'team-a' })));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'UserNotFoundException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'ListUsersInGroup',
  case: 'Limit 2 pages with NextToken',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    await group(c, pool, 'team-a');
    for (const role of ['u1', 'u2', 'u3', 'u4', 'u5']) {
      await worker(c, pool, scope.email(role));
      await c.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: scope.email(role), GroupName: 'team-a' }));
    }
    return emailsInGroup(c, pool, 'team-a', 2);
  },
  expect: (answer) => expect(answer).toMatchObject({ pageSizes: [2, 2, 1] }),
});

differential({
  service: 'cognito-idp',
  operation: 'ListUsersInGroup',
  case: 'unknown group',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    return attempt(() => emailsInGroup(c, pool, 'nobody'));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'ResourceNotFoundException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminRemoveUserFromGroup',
  case: 'remove a member, then a non-member',
  run: async (c, scope) => {
    const { pool, email } = await poolWithMember(c, scope);
    const remove = () => c.cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, Username: email, GroupName: 'team-a' }));
    const first = okOrFailure(await attempt(remove));
    const again = okOrFailure(await attempt(remove));
    return { first, again, members: (await emailsInGroup(c, pool, 'team-a')).emails };
  },
  expect: (answer) => expect(answer).toMatchObject({ first: 'ok', members: [] }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminRemoveUserFromGroup',
  case: 'unknown user',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    await group(c, pool, 'team-a');
    return attempt(() => c.cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, Username: scope.email('nobody'), GroupName: 'team-a' })));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'UserNotFoundException' }),
});
