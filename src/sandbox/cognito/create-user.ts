// AdminCreateUser: a new user in FORCE_CHANGE_PASSWORD with a temporary password and an invitation (sent, or not with
// MessageAction SUPPRESS), or with MessageAction RESEND a fresh invitation to an existing user.
import { randomUUID } from 'node:crypto';
import { ServiceError, type JsonOperation, type RequestContext } from '../service.js';
import { aliasesOf, invalidParameter, nextSeq, requirePool, requireUser, userKey } from './find.js';
import { codeDeliveryFailed, deliveryOf, emailLimitExceeded, sent } from './email-delivery.js';
import { checkPassword, generatePassword, invitationEmail } from './invitations.js';
import { checkAttributes, EMAIL, PHONE, type AttributeInput } from './schema.js';
import type { PoolRecord, UserRecord } from './state.js';
import { aliasConflict, movedByResendEnableDisable, reindexAliases, userType } from './users.js';

/**
 * The username to store and the attribute the given Username fills, if any. In pools with UsernameAttributes the
 * caller passes the e-mail or phone number and Cognito generates the username: a UUID equal to the user's `sub`
 * (INFERRED from real pools, where both show the same value).
 */
function chooseUsername(pool: PoolRecord, given: string, sub: string): { username: string; attribute?: string } {
  const signInBy = pool.usernameAttributes;
  if (signInBy.length > 0) {
    if (signInBy.includes('email') && EMAIL.test(given)) return { username: sub, attribute: 'email' };
    if (signInBy.includes('phone_number') && PHONE.test(given)) return { username: sub, attribute: 'phone_number' };
    if (signInBy.length > 1) throw invalidParameter('Username should be either an email or a phone number.');
    throw invalidParameter(signInBy[0] === 'email' ? 'Username should be an email.' : 'Username should be a phone number.');
  }
  if (pool.aliasAttributes.includes('email') && EMAIL.test(given))
    throw invalidParameter('Username cannot be of email format, since user pool is configured for email alias.');
  if (pool.aliasAttributes.includes('phone_number') && PHONE.test(given))
    throw invalidParameter('Username cannot be of phone number format, since user pool is configured for phone number alias.');
  return { username: given };
}

const adminCreateUser: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  if (input.MessageAction === 'RESEND') return resend(input, ctx, pool);
  const sub = randomUUID();
  const { username, attribute } = chooseUsername(pool, input.Username, sub);
  const given: AttributeInput[] = input.UserAttributes ?? [];
  const sameAttribute = attribute === undefined ? undefined : given.find((a) => a.Name === attribute);
  if (sameAttribute && sameAttribute.Value !== input.Username)
    throw invalidParameter(`The ${attribute} attribute must match the Username when the user pool signs in with ${attribute}.`);
  const attributes = [...given, ...(attribute && !sameAttribute ? [{ Name: attribute, Value: input.Username as string }] : [])];
  checkAttributes(pool, attributes, true);

  const key = userKey(pool, username);
  if (pool.users[key]) throw new ServiceError('UsernameExistsException', 'User account already exists');
  const password: string = input.TemporaryPassword ?? generatePassword(pool);
  if (input.TemporaryPassword !== undefined) checkPassword(pool, password);
  const now = ctx.now().getTime();
  const user: UserRecord = {
    username,
    seq: nextSeq(pool),
    createdMs: now,
    modifiedMs: now,
    enabled: true,
    status: 'FORCE_CHANGE_PASSWORD',
    attributes: { sub, ...Object.fromEntries(attributes.map((a) => [a.Name, a.Value ?? ''])) },
    temporaryPasswordIssuedMs: now,
    groups: [],
  };
  const email =
    input.MessageAction === 'SUPPRESS'
      ? undefined
      : invitationEmail(pool, user, { password, kind: 'invitation', mediums: input.DesiredDeliveryMediums }, now);
  const delivery = email ? deliveryOf(pool, ctx) : 'send';
  // Whether a user refused by the e-mail limit exists all the same is unknown (A5): a variant.
  if (delivery === 'limit' && ctx.realism.variant('userAfterEmailLimit') === 'not-created') throw emailLimitExceeded();
  // Last of the checks: with ForceAliasCreation it changes another user.
  takeAliases(pool, key, user, input.ForceAliasCreation === true);

  pool.users[key] = user;
  reindexAliases(pool, key, [], user);
  if (delivery === 'limit') throw emailLimitExceeded();
  // The user exists; the e-mail did not go (A6).
  if (delivery === 'undelivered') throw codeDeliveryFailed();
  if (email) {
    ctx.state.cognito.outbox.push(email);
    sent(pool, ctx);
  }
  return { User: userType(user) };
};

/**
 * Refuses a new user whose alias another user holds. A sign-in attribute (UsernameAttributes) is a username clash;
 * an alias attribute clash is AliasExistsException unless ForceAliasCreation moves the alias to the new user, which
 * leaves the previous holder's address unverified.
 */
function takeAliases(pool: PoolRecord, key: string, user: UserRecord, force: boolean): void {
  const conflict = aliasConflict(pool, key, user);
  if (!conflict) return;
  if (pool.usernameAttributes.includes(conflict.attribute))
    throw new ServiceError('UsernameExistsException', `An account with the given ${conflict.attribute} already exists.`);
  const previous = pool.users[conflict.owner];
  if (!force || conflict.attribute === 'preferred_username' || !previous)
    throw new ServiceError('AliasExistsException', `An account with the ${conflict.attribute} already exists.`);
  const before = aliasesOf(pool, previous);
  previous.attributes[`${conflict.attribute}_verified`] = 'false';
  reindexAliases(pool, conflict.owner, before, previous);
  takeAliases(pool, key, user, force);
}

/**
 * RESEND: only for a user still waiting for their first sign-in (UnsupportedUserStateException otherwise: UNCONFIRMED
 * which states AWS accepts, aws-facts §11.7). A new temporary password, valid for the full period again.
 */
function resend(input: any, ctx: RequestContext, pool: PoolRecord): unknown {
  const user = requireUser(pool, input.Username);
  if (user.status !== 'FORCE_CHANGE_PASSWORD')
    throw new ServiceError('UnsupportedUserStateException', `Resend not possible. ${user.username} status is ${user.status}.`);
  const password: string = input.TemporaryPassword ?? generatePassword(pool);
  if (input.TemporaryPassword !== undefined) checkPassword(pool, password);
  const now = ctx.now().getTime();
  const email = invitationEmail(pool, user, { password, kind: 'resend', mediums: input.DesiredDeliveryMediums }, now);
  const delivery = email ? deliveryOf(pool, ctx) : 'send';
  if (delivery === 'limit') throw emailLimitExceeded();
  user.temporaryPasswordIssuedMs = now;
  movedByResendEnableDisable(user, ctx, now);
  if (delivery === 'undelivered') throw codeDeliveryFailed();
  if (email) {
    ctx.state.cognito.outbox.push(email);
    sent(pool, ctx);
  }
  return { User: userType(user) };
}

export const createUserOperations: Record<string, JsonOperation> = { AdminCreateUser: adminCreateUser };
