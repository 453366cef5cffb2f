// App clients, per BEHAVIOUR.md: generated ids and secrets, defaults, OAuth rules, full-replacement updates, lists.
import {
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
  paginateListUserPoolClients,
  type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, startCognito, type CognitoHarness } from './test-support.js';

let h: CognitoHarness;
let poolId: string;
beforeAll(async () => {
  h = await startCognito();
  poolId = await h.pool();
});
afterAll(() => h.close());

const create = (input: Partial<CreateUserPoolClientCommandInput> = {}) =>
  h.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'portal', ...input }));
const describeClient = async (clientId: string) =>
  (await h.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient!;

/** What the labeling portal's client looks like (aws-facts §6.1). */
const portal: Partial<CreateUserPoolClientCommandInput> = {
  GenerateSecret: true,
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code', 'implicit'],
  AllowedOAuthScopes: ['email', 'openid', 'profile'],
  SupportedIdentityProviders: ['COGNITO'],
  CallbackURLs: ['https://abc123.labeling.us-east-1.sagemaker.aws/oauth2/idpresponse'],
  LogoutURLs: ['https://abc123.labeling.us-east-1.sagemaker.aws/logout'],
};

describe('CreateUserPoolClient', () => {
  it('generates a 26-character id and, when asked, a secret that Describe also returns', async () => {
    const client = (await create(portal)).UserPoolClient!;
    expect(client.ClientId).toMatch(/^[a-z0-9]{26}$/);
    expect(client.ClientSecret).toMatch(/^[a-z0-9]{51}$/);
    const described = await describeClient(client.ClientId!);
    const { GenerateSecret: _, ...settings } = portal;
    expect(described).toMatchObject({ ...settings, ClientSecret: client.ClientSecret, UserPoolId: poolId, ClientName: 'portal' });
    expect(described.CreationDate).toBeInstanceOf(Date);
  });

  it('fills AWS defaults and has no secret unless asked', async () => {
    const client = (await create()).UserPoolClient!;
    expect(client.ClientSecret).toBeUndefined();
    expect(client).toMatchObject({
      RefreshTokenValidity: 30,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AuthSessionValidity: 3,
    });
    expect(client.AllowedOAuthFlows).toBeUndefined();
    expect(client.CallbackURLs).toBeUndefined();
  });

  it.each([
    ['client_credentials with another flow', { ...portal, AllowedOAuthFlows: ['client_credentials', 'code'] }, 'InvalidOAuthFlowException', /along with code flow/],
    ['client_credentials without a secret', { AllowedOAuthFlows: ['client_credentials'] }, 'InvalidOAuthFlowException', /client secret/],
    ['OAuth on without flows', { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['openid'] }, 'InvalidOAuthFlowException', /AllowedOAuthFlows/],
    ['an unknown scope', { AllowedOAuthScopes: ['Cognito'] }, 'ScopeDoesNotExistException', 'Invalid scope requested: Cognito'],
    ['a DefaultRedirectURI not among the callbacks', { ...portal, DefaultRedirectURI: 'https://elsewhere.example/cb' }, 'InvalidParameterException', /DefaultRedirectURI/],
    ['a plain-http callback', { CallbackURLs: ['http://portal.example/cb'] }, 'InvalidParameterException', /HTTPS/],
    ['a callback with a fragment', { CallbackURLs: ['https://portal.example/cb#x'] }, 'InvalidParameterException', /fragment/],
    ['a relative callback', { CallbackURLs: ['/cb'] }, 'InvalidParameterException', /absolute/],
    ['code flow without a callback', { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'] }, 'InvalidParameterException', /CallbackURLs/],
    ['an identity provider the pool lacks', { SupportedIdentityProviders: ['Google'] }, 'InvalidParameterException', /provider Google does not exist/],
    ['legacy and ALLOW_ auth flows mixed', { ExplicitAuthFlows: ['USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'] }, 'InvalidParameterException', /legacy/],
    ['an access token valid for two days', { AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'days' } }, 'InvalidParameterException', /Access token/],
    ['more than three flows (constraint table)', { AllowedOAuthFlows: ['code', 'implicit', 'code', 'implicit'] }, 'InvalidParameterException', /allowedOAuthFlows/],
  ] as const)('refuses %s', async (_, input, code, message) => {
    await expectError(create(input as Partial<CreateUserPoolClientCommandInput>), code, message);
  });

  it('allows http://localhost callbacks and custom app schemes', async () => {
    const client = (await create({ CallbackURLs: ['http://localhost:3000/cb', 'myapp://cb'] })).UserPoolClient!;
    expect(client.CallbackURLs).toEqual(['http://localhost:3000/cb', 'myapp://cb']);
  });

  it('answers ResourceNotFoundException for an unknown pool or client', async () => {
    await expectError(
      h.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: 'us-east-1_missing00', ClientName: 'x' })),
      'ResourceNotFoundException',
      'User pool us-east-1_missing00 does not exist.',
    );
    await expectError(describeClient('abcdefghijklmnopqrstuvwxyz'), 'ResourceNotFoundException', 'User pool client abcdefghijklmnopqrstuvwxyz does not exist.');
  });
});

describe('UpdateUserPoolClient', () => {
  it('replaces the whole configuration: omitted members return to their defaults, the secret and name stay', async () => {
    const created = (await create({ ...portal, RefreshTokenValidity: 5, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] })).UserPoolClient!;
    const updated = (
      await h.cognito.send(
        new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId, LogoutURLs: ['https://portal.example/bye'] }),
      )
    ).UserPoolClient!;
    expect(updated).toMatchObject({
      ClientName: 'portal',
      ClientSecret: created.ClientSecret,
      LogoutURLs: ['https://portal.example/bye'],
      RefreshTokenValidity: 30,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
    });
    expect(updated.AllowedOAuthFlows).toBeUndefined();
    expect(updated.CallbackURLs).toBeUndefined();
    expect(await describeClient(created.ClientId!)).toEqual({ ...updated });
  });

  it('applies the same rules as create, with the client secret it has', async () => {
    const withSecret = (await create({ GenerateSecret: true })).UserPoolClient!;
    await h.cognito.send(
      new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: withSecret.ClientId, AllowedOAuthFlows: ['client_credentials'] }),
    );
    const without = (await create()).UserPoolClient!;
    await expectError(
      h.cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: without.ClientId, AllowedOAuthFlows: ['client_credentials'] })),
      'InvalidOAuthFlowException',
    );
  });
});

describe('DeleteUserPoolClient and ListUserPoolClients', () => {
  it('lists in creation order in small pages and forgets deleted clients', async () => {
    const pool = await h.pool();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await h.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: `c${i}` }))).UserPoolClient!.ClientId!);
    await h.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: pool, ClientId: ids[3] }));
    const pages = [];
    for await (const page of paginateListUserPoolClients({ client: h.cognito, pageSize: 2 }, { UserPoolId: pool })) pages.push(page);
    expect(pages.map((p) => p.UserPoolClients!.length)).toEqual([2, 2, 2]);
    const listed = pages.flatMap((p) => p.UserPoolClients!);
    expect(listed.map((c) => c.ClientId)).toEqual(ids.filter((_, i) => i !== 3));
    expect(listed[0]).toEqual({ ClientId: ids[0], UserPoolId: pool, ClientName: 'c0' });
    await expectError(h.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: pool, ClientId: ids[3] })), 'ResourceNotFoundException');
  });
});
