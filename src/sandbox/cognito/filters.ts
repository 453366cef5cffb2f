// ListUsers filters: `attribute = "value"` (exact) or `attribute ^= "value"` (prefix), one attribute, on the
// attributes AWS lets you search (aws-facts §6.5). Quotes inside the value are escaped with a backslash.
import { caseInsensitive, invalidParameter } from './find.js';
import type { PoolRecord, UserRecord } from './state.js';

export interface UserFilter {
  attribute: string;
  prefix: boolean;
  value: string;
}

const SEARCHABLE = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
]);

const SYNTAX = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/su;

/** Undefined for an empty filter (the model allows length 0, which lists everyone). */
export function parseFilter(filter: string | undefined): UserFilter | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  const match = SYNTAX.exec(filter);
  if (!match) throw invalidParameter('Error while parsing filter.');
  const [, attribute, operator, raw] = match;
  if (!SEARCHABLE.has(attribute!)) throw invalidParameter(`Invalid search attribute: ${attribute} cannot be searched.`);
  return { attribute: attribute!, prefix: operator === '^=', value: raw!.replace(/\\(.)/gsu, '$1') };
}

export function matchesFilter(pool: PoolRecord, user: UserRecord, filter: UserFilter): boolean {
  const actual = searchedValue(user, filter.attribute);
  if (actual === undefined) return false;
  // The API reference: cognito:user_status is matched case-insensitively. Username, e-mail and preferred_username
  // follow the pool's case sensitivity (UNCONFIRMED); everything else is exact.
  const fold =
    filter.attribute === 'cognito:user_status' ||
    (caseInsensitive(pool) && ['username', 'email', 'preferred_username'].includes(filter.attribute));
  const have = fold ? actual.toLowerCase() : actual;
  const want = fold ? filter.value.toLowerCase() : filter.value;
  return filter.prefix ? have.startsWith(want) : have === want;
}

function searchedValue(user: UserRecord, attribute: string): string | undefined {
  switch (attribute) {
    case 'username':
      return user.username;
    case 'cognito:user_status':
      return user.status;
    case 'status':
      return user.enabled ? 'Enabled' : 'Disabled';
    default:
      return user.attributes[attribute];
  }
}
