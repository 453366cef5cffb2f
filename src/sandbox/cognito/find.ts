// Finding pools, clients, groups and users: the non-throwing finders `lookup.ts` shares with the operations, and the
// throwing `require*` forms that answer with AWS's error codes and messages.
import { ServiceError, type RequestContext } from '../service.js';
import type { ClientRecord, CognitoState, GroupRecord, PoolRecord, UserRecord } from './state.js';

export function findPool(state: CognitoState, region: string, poolId: string): PoolRecord | undefined {
  return state.regions[region]?.pools[poolId];
}

export function requirePool(ctx: RequestContext, poolId: string): PoolRecord {
  const pool = findPool(ctx.state.cognito, ctx.region, poolId);
  if (!pool) throw new ServiceError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
  return pool;
}

export function requireClient(pool: PoolRecord, clientId: string): ClientRecord {
  const client = pool.clients[clientId];
  if (!client) throw new ServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
  return client;
}

export function requireGroup(pool: PoolRecord, groupName: string): GroupRecord {
  const group = pool.groups[groupName];
  if (!group) throw new ServiceError('ResourceNotFoundException', 'Group not found.');
  return group;
}

/** `UsernameConfiguration.CaseSensitive: false`; a pool created without it is case-sensitive (the API default). */
export function caseInsensitive(pool: PoolRecord): boolean {
  return pool.caseSensitive === false;
}

export function userKey(pool: PoolRecord, username: string): string {
  return caseInsensitive(pool) ? username.toLowerCase() : username;
}

/**
 * The attributes a user can be named by in place of the username: the pool's UsernameAttributes (always) and its
 * AliasAttributes (e-mail and phone only once verified; preferred_username always).
 */
export function aliasAttributes(pool: PoolRecord): string[] {
  return [...pool.usernameAttributes, ...pool.aliasAttributes];
}

function aliasKey(pool: PoolRecord, attribute: string, value: string): string {
  // Case-insensitive pools match the e-mail and preferred_username aliases case-insensitively too.
  const folded = caseInsensitive(pool) && attribute !== 'phone_number' ? value.toLowerCase() : value;
  return `${attribute}:${folded}`;
}

/** The alias keys a user holds right now, given the pool's alias rules. */
export function aliasesOf(pool: PoolRecord, user: UserRecord): string[] {
  const keys: string[] = [];
  for (const attribute of aliasAttributes(pool)) {
    const value = user.attributes[attribute];
    if (value === undefined || value === '') continue;
    const needsVerification = pool.aliasAttributes.includes(attribute) && attribute !== 'preferred_username';
    if (needsVerification && user.attributes[`${attribute}_verified`] !== 'true') continue;
    keys.push(aliasKey(pool, attribute, value));
  }
  return keys;
}

/** By username, then by alias, then (as the API reference allows) by `sub`. */
export function findUser(pool: PoolRecord, usernameOrAlias: string): UserRecord | undefined {
  const direct = pool.users[userKey(pool, usernameOrAlias)];
  if (direct) return direct;
  for (const attribute of aliasAttributes(pool)) {
    const owner = pool.aliases[aliasKey(pool, attribute, usernameOrAlias)];
    if (owner !== undefined) return pool.users[owner];
  }
  return Object.values(pool.users).find((user) => user.attributes['sub'] === usernameOrAlias);
}

export function requireUser(pool: PoolRecord, usernameOrAlias: string): UserRecord {
  const user = findUser(pool, usernameOrAlias);
  if (!user) throw new ServiceError('UserNotFoundException', 'User does not exist.');
  return user;
}

export function invalidParameter(message: string): ServiceError {
  return new ServiceError('InvalidParameterException', message);
}

/** Next creation number within a pool (clients, groups, users): lists are in creation order. */
export function nextSeq(pool: PoolRecord): number {
  return pool.nextSeq++;
}
