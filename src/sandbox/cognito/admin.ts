// Sandbox-only routes (`POST /_sandbox/cognito/<name>`), standing in for the people AWS would e-mail and sign in:
//   sign-in   { userPoolId, username }  a worker's first sign-in: FORCE_CHANGE_PASSWORD -> CONFIRMED
//   outbox    { userPoolId? }           the invitation e-mails sent, oldest first
//   sign-outs { userPoolId? }           the token revocations (AdminUserGlobalSignOut, AdminDisableUser), oldest first
//   email-usage {}                      the default sender's e-mails today (sandbox clock) and its daily limit
// The Region is the one in the pool id (`us-east-1_AbC123xyz`), so callers need not pass `?region=`.
import { ServiceError, type AdminRoute, type RequestContext } from '../service.js';
import { findPool, requireUser } from './find.js';
import { temporaryPasswordExpired } from './invitations.js';
import type { PoolRecord } from './state.js';
import { DEFAULT_SENDER_DAILY_LIMIT, sentToday } from './email-delivery.js';

function stringField(body: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '') throw new ServiceError('InvalidParameterException', `Expected a non-empty string ${name}`);
  return value;
}

function poolFromId(ctx: RequestContext, poolId: string): PoolRecord {
  const region = poolId.includes('_') ? poolId.slice(0, poolId.indexOf('_')) : ctx.region;
  const pool = findPool(ctx.state.cognito, region, poolId);
  if (!pool) throw new ServiceError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
  return pool;
}

/** By username or alias, as the worker would type it. Refused as AWS refuses the sign-in itself. */
const signIn: AdminRoute = (body, ctx) => {
  const pool = poolFromId(ctx, stringField(body, 'userPoolId', true)!);
  const user = requireUser(pool, stringField(body, 'username', true)!);
  const now = ctx.now().getTime();
  if (!user.enabled) throw new ServiceError('NotAuthorizedException', 'User is disabled.');
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    if (user.temporaryPasswordIssuedMs !== undefined && temporaryPasswordExpired(pool, user.temporaryPasswordIssuedMs, now))
      throw new ServiceError('NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.');
    user.status = 'CONFIRMED';
    delete user.temporaryPasswordIssuedMs;
    user.modifiedMs = now;
  }
  return { username: user.username, userStatus: user.status };
};

const outbox: AdminRoute = (body, ctx) => {
  const poolId = stringField(body, 'userPoolId', false);
  return ctx.state.cognito.outbox.filter((e) => poolId === undefined || e.pool === poolId).map((e) => ({ ...e, time: new Date(e.time) }));
};

const signOuts: AdminRoute = (body, ctx) => {
  const poolId = stringField(body, 'userPoolId', false);
  return ctx.state.cognito.signOuts.filter((s) => poolId === undefined || s.pool === poolId).map((s) => ({ ...s, time: new Date(s.time) }));
};

export const cognitoAdminRoutes: Readonly<Record<string, AdminRoute>> = {
  'sign-in': signIn,
  outbox,
  'sign-outs': signOuts,
  'email-usage': (_body, ctx) => ({ day: ctx.now().toISOString().slice(0, 10), sent: sentToday(ctx), limit: DEFAULT_SENDER_DAILY_LIMIT }),
};
