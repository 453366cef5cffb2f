// Groups and membership: CreateGroup, GetGroup, UpdateGroup, DeleteGroup, ListGroups, AdminAddUserToGroup,
// AdminRemoveUserFromGroup, AdminListGroupsForUser, ListUsersInGroup. Membership lives on the user (`groups`).
import { ServiceError, type JsonOperation } from '../service.js';
import { workteamUsingGroup } from '../sagemaker/lookup.js';
import { invalidParameter, nextSeq, requireGroup, requirePool, requireUser, userKey } from './find.js';
import { paginate } from './pagination.js';
import type { GroupRecord, PoolRecord } from './state.js';
import { userType } from './users.js';

/** AWS quotas: groups per user pool, groups per user. */
const MAX_GROUPS = 10_000;
const MAX_GROUPS_PER_USER = 100;

function groupType(pool: PoolRecord, group: GroupRecord): Record<string, unknown> {
  return {
    GroupName: group.name,
    UserPoolId: pool.id,
    ...(group.description !== undefined && { Description: group.description }),
    ...(group.roleArn !== undefined && { RoleArn: group.roleArn }),
    ...(group.precedence !== undefined && { Precedence: group.precedence }),
    LastModifiedDate: new Date(group.modifiedMs),
    CreationDate: new Date(group.createdMs),
  };
}

const createGroup: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  const name: string = input.GroupName;
  // After DeleteGroup the name lingers for a while (aws-evidence E2: CreateGroup says it exists, GetGroup that it does not).
  const lingers = pool.deletedGroups?.[name];
  if (pool.groups[name] || (lingers !== undefined && ctx.now().getTime() < lingers))
    throw new ServiceError('GroupExistsException', `A group with the name ${name} already exists.`);
  if (Object.keys(pool.groups).length >= MAX_GROUPS)
    throw new ServiceError('LimitExceededException', `A user pool can have at most ${MAX_GROUPS} groups.`);
  const now = ctx.now().getTime();
  // Realistic: SageMaker does not see the group until then (E2; sagemaker/cognito-propagation.ts reads it).
  const group: GroupRecord = { name, seq: nextSeq(pool), createdMs: now, modifiedMs: now, ...(ctx.realism.on && { visibleAtMs: now + ctx.realism.window() }) };
  if (pool.deletedGroups) delete pool.deletedGroups[name];
  applyGroupSettings(group, input);
  pool.groups[name] = group;
  return { Group: groupType(pool, group) };
};

// UpdateGroup sets every member: one it omits is cleared (UNCONFIRMED: older API docs say "If you don't provide a
// value for an attribute, it will be set to the default value"; newer ones are silent). The stricter reading makes
// gtctl send the whole group, which is right under either reading.
function applyGroupSettings(group: GroupRecord, input: any): void {
  delete group.description;
  delete group.roleArn;
  delete group.precedence;
  if (input.Description !== undefined) group.description = input.Description;
  if (input.RoleArn !== undefined) group.roleArn = input.RoleArn;
  if (input.Precedence !== undefined) group.precedence = input.Precedence;
}

const getGroup: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  return { Group: groupType(pool, requireGroup(pool, input.GroupName)) };
};

const updateGroup: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  const group = requireGroup(pool, input.GroupName);
  applyGroupSettings(group, input);
  group.modifiedMs = ctx.now().getTime();
  return { Group: groupType(pool, group) };
};

const deleteGroup: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  const group = requireGroup(pool, input.GroupName);
  // The developer guide says deleting a group a work team uses "results in an error"; the code is UNCONFIRMED.
  const team = workteamUsingGroup(ctx.state.sagemaker, ctx.region, pool.id, group.name);
  if (team !== undefined)
    throw invalidParameter(`Group ${group.name} cannot be deleted: the SageMaker work team ${team} uses it. Delete the team first.`);
  for (const user of Object.values(pool.users)) user.groups = user.groups.filter((g) => g !== group.name);
  delete pool.groups[group.name];
  if (ctx.realism.on) (pool.deletedGroups ??= {})[group.name] = ctx.now().getTime() + ctx.realism.window();
  return {};
};

const listGroups: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  const page = paginate(Object.values(pool.groups), { limit: input.Limit, token: input.NextToken, scope: `ListGroups:${pool.id}` });
  return { Groups: page.items.map((g) => groupType(pool, g)), ...(page.next && { NextToken: page.next }) };
};

/** Adding a member twice is not an error. */
const adminAddUserToGroup: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  const user = requireUser(pool, input.Username);
  const group = requireGroup(pool, input.GroupName);
  if (user.groups.includes(group.name)) return {};
  if (user.groups.length >= MAX_GROUPS_PER_USER)
    throw new ServiceError('LimitExceededException', `A user can be a member of at most ${MAX_GROUPS_PER_USER} groups.`);
  user.groups.push(group.name);
  return {};
};

/** Removing a user who is not a member is not an error either. */
const adminRemoveUserFromGroup: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  const user = requireUser(pool, input.Username);
  const group = requireGroup(pool, input.GroupName);
  user.groups = user.groups.filter((g) => g !== group.name);
  return {};
};

const adminListGroupsForUser: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  const user = requireUser(pool, input.Username);
  const groups = user.groups.map((name) => pool.groups[name]).filter((g): g is GroupRecord => g !== undefined);
  const scope = `AdminListGroupsForUser:${pool.id}:${userKey(pool, user.username)}`;
  const page = paginate(groups, { limit: input.Limit, token: input.NextToken, scope });
  return { Groups: page.items.map((g) => groupType(pool, g)), ...(page.next && { NextToken: page.next }) };
};

const listUsersInGroup: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  const group = requireGroup(pool, input.GroupName);
  const members = Object.values(pool.users).filter((u) => u.groups.includes(group.name));
  const page = paginate(members, { limit: input.Limit, token: input.NextToken, scope: `ListUsersInGroup:${pool.id}:${group.name}` });
  return { Users: page.items.map((u) => userType(u)), ...(page.next && { NextToken: page.next }) };
};

export const groupOperations: Record<string, JsonOperation> = {
  CreateGroup: createGroup,
  GetGroup: getGroup,
  UpdateGroup: updateGroup,
  DeleteGroup: deleteGroup,
  ListGroups: listGroups,
  AdminAddUserToGroup: adminAddUserToGroup,
  AdminRemoveUserFromGroup: adminRemoveUserFromGroup,
  AdminListGroupsForUser: adminListGroupsForUser,
  ListUsersInGroup: listUsersInGroup,
};
