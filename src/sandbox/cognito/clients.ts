// App clients: CreateUserPoolClient, DescribeUserPoolClient, UpdateUserPoolClient, DeleteUserPoolClient,
// ListUserPoolClients. UpdateUserPoolClient replaces the whole configuration: omitted members take their defaults
// (aws-facts §6.2); only the name (UNCONFIRMED) and the secret survive.
import { randomInt } from 'node:crypto';
import { ServiceError, type JsonOperation, type RequestContext } from '../service.js';
import { nextSeq, requireClient, requirePool } from './find.js';
import { checkClientSettings } from './oauth.js';
import { paginate } from './pagination.js';
import type { ClientRecord, PoolRecord } from './state.js';

/** App clients per user pool (AWS quota). */
const MAX_CLIENTS = 1000;

// Members of Create/UpdateUserPoolClientRequest stored as given (apart from the defaults below); also what
// SageMaker over an external Cognito reads back and writes (sagemaker/backends/external.ts).
export const CLIENT_SETTINGS = [
  'ClientName',
  'RefreshTokenValidity',
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'AnalyticsConfiguration',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
  'AuthSessionValidity',
] as const;

/** What AWS sets for members a request omits. */
const DEFAULTS: Readonly<Record<string, unknown>> = {
  RefreshTokenValidity: 30,
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
  AllowedOAuthFlowsUserPoolClient: false,
  PreventUserExistenceErrors: 'ENABLED',
  EnableTokenRevocation: true,
  EnablePropagateAdditionalUserContextData: false,
  AuthSessionValidity: 3,
};

function clientSettings(input: Record<string, unknown>): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const member of CLIENT_SETTINGS) {
    const value = input[member] ?? DEFAULTS[member];
    if (value !== undefined) settings[member] = value;
  }
  // 0 means "the default", 30 days.
  if (settings['RefreshTokenValidity'] === 0) settings['RefreshTokenValidity'] = 30;
  return settings;
}

function randomString(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

// Client ids are unique across the Region's pools, like AWS's.
function newClientId(ctx: RequestContext): string {
  const pools = Object.values(ctx.state.cognito.regions[ctx.region]?.pools ?? {});
  for (;;) {
    const id = randomString(26);
    if (!pools.some((pool) => id in pool.clients)) return id;
  }
}

/** `UserPoolClientType`. The secret is returned, as AWS returns it: it is gtctl's job never to print it. */
function describeClient(pool: PoolRecord, client: ClientRecord): Record<string, unknown> {
  return {
    UserPoolId: pool.id,
    ClientId: client.clientId,
    ...(client.secret && { ClientSecret: client.secret }),
    LastModifiedDate: new Date(client.modifiedMs),
    CreationDate: new Date(client.createdMs),
    ...client.settings,
  };
}

const createUserPoolClient: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  if (Object.keys(pool.clients).length >= MAX_CLIENTS)
    throw new ServiceError('LimitExceededException', `A user pool can have at most ${MAX_CLIENTS} app clients.`);
  const secret = input.GenerateSecret === true ? randomString(51) : undefined;
  const settings = clientSettings(input);
  checkClientSettings(settings, pool.id, secret !== undefined);
  const now = ctx.now().getTime();
  const client: ClientRecord = {
    clientId: newClientId(ctx),
    seq: nextSeq(pool),
    createdMs: now,
    modifiedMs: now,
    ...(secret && { secret }),
    settings,
  };
  pool.clients[client.clientId] = client;
  return { UserPoolClient: describeClient(pool, client) };
};

const describeUserPoolClient: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  return { UserPoolClient: describeClient(pool, requireClient(pool, input.ClientId)) };
};

const updateUserPoolClient: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  const client = requireClient(pool, input.ClientId);
  const settings = clientSettings({ ...input, ClientName: input.ClientName ?? client.settings['ClientName'] });
  checkClientSettings(settings, pool.id, client.secret !== undefined);
  client.settings = settings;
  client.modifiedMs = ctx.now().getTime();
  return { UserPoolClient: describeClient(pool, client) };
};

const deleteUserPoolClient: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  requireClient(pool, input.ClientId);
  delete pool.clients[input.ClientId];
  return {};
};

const listUserPoolClients: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  const scope = `ListUserPoolClients:${pool.id}`;
  const page = paginate(Object.values(pool.clients), { limit: input.MaxResults, token: input.NextToken, scope });
  return {
    UserPoolClients: page.items.map((c) => ({ ClientId: c.clientId, UserPoolId: pool.id, ClientName: c.settings['ClientName'] })),
    ...(page.next && { NextToken: page.next }),
  };
};

export const clientOperations: Record<string, JsonOperation> = {
  CreateUserPoolClient: createUserPoolClient,
  DescribeUserPoolClient: describeUserPoolClient,
  UpdateUserPoolClient: updateUserPoolClient,
  DeleteUserPoolClient: deleteUserPoolClient,
  ListUserPoolClients: listUserPoolClients,
};
