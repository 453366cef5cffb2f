// Cognito user pools, app clients, domains and tags: the calls gtctl makes to set up a managed workforce's pool.
import {
  AddCustomAttributesCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  type UserPoolClientType,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect } from 'vitest';
import { emailPool, portalClient } from './fixtures.js';
import { attempt, conformanceSuite, okOrFailure, type Clients } from './harness.js';

const { differential } = conformanceSuite();

const missingPool = (c: Clients) => `${c.region}_AAAAAAAAA`;

/** What gtctl reads back from a pool; the rest (schema of standard attributes, tiers, defaults it never sets) is not compared. */
function poolView(pool: UserPoolType | undefined) {
  return {
    Id: pool?.Id,
    Arn: pool?.Arn,
    Name: pool?.Name,
    UsernameAttributes: pool?.UsernameAttributes,
    UsernameConfiguration: pool?.UsernameConfiguration,
    AutoVerifiedAttributes: pool?.AutoVerifiedAttributes,
    AdminCreateUserConfig: pool?.AdminCreateUserConfig && {
      AllowAdminCreateUserOnly: pool.AdminCreateUserConfig.AllowAdminCreateUserOnly,
      InviteMessageTemplate: pool.AdminCreateUserConfig.InviteMessageTemplate,
    },
    customAttributes: (pool?.SchemaAttributes ?? []).map((a) => a.Name ?? '').filter((n) => n.startsWith('custom:')).sort(),
    UserPoolTags: pool?.UserPoolTags,
    Domain: pool?.Domain,
  };
}

async function describePool(c: Clients, id: string) {
  return (await c.cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool;
}

/** What gtctl reads of a client; the secret only as "there is one" (its value is the server's to choose). */
function clientView(client: UserPoolClientType | undefined) {
  return {
    ClientName: client?.ClientName,
    hasSecret: typeof client?.ClientSecret === 'string' && client.ClientSecret.length > 0,
    AllowedOAuthFlowsUserPoolClient: client?.AllowedOAuthFlowsUserPoolClient,
    AllowedOAuthFlows: client?.AllowedOAuthFlows,
    AllowedOAuthScopes: client?.AllowedOAuthScopes,
    SupportedIdentityProviders: client?.SupportedIdentityProviders,
    CallbackURLs: client?.CallbackURLs,
    LogoutURLs: client?.LogoutURLs,
    DefaultRedirectURI: client?.DefaultRedirectURI,
  };
}

// ---- pools ----

differential({
  service: 'cognito-idp',
  operation: 'CreateUserPool',
  case: 'e-mail pool as gtctl makes it',
  run: async (c, scope) => poolView((await describePool(c, await emailPool(c, scope)))),
  expect: (answer) => expect(answer).toMatchObject({ UsernameAttributes: ['email'], customAttributes: ['custom:gtctl_invited', 'custom:gtctl_project'] }),
});

differential({
  service: 'cognito-idp',
  operation: 'DescribeUserPool',
  case: 'unknown pool',
  run: async (c) => attempt(() => c.cognito.send(new DescribeUserPoolCommand({ UserPoolId: missingPool(c) }))),
  expect: (answer) => expect(answer).toMatchObject({ error: 'ResourceNotFoundException', status: 400 }),
});

differential({
  service: 'cognito-idp',
  operation: 'UpdateUserPool',
  case: 'omitted invitation settings return to their defaults',
  run: async (c, scope) => {
    const id = await emailPool(c, scope);
    // Only AutoVerifiedAttributes (which is measured to reset when omitted): the invitation template and the
    // admin-only flag are left out.
    await c.cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, AutoVerifiedAttributes: ['email'], UserPoolTags: { keep: 'yes' } }));
    const pool = poolView(await describePool(c, id));
    return { AdminCreateUserConfig: pool.AdminCreateUserConfig, AutoVerifiedAttributes: pool.AutoVerifiedAttributes };
  },
  expect: (answer) => expect(answer).toMatchObject({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: false } }),
});

differential({
  service: 'cognito-idp',
  operation: 'UpdateUserPool',
  case: 'omitted UserPoolTags',
  // gtctl always sends the tags it read; this records whether leaving them out clears them (nobody has checked AWS).
  run: async (c, scope) => {
    const id = await emailPool(c, scope, 'pool', { tags: { keep: 'yes' } });
    await c.cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, AutoVerifiedAttributes: ['email'] }));
    return (await describePool(c, id))?.UserPoolTags ?? {};
  },
});

differential({
  service: 'cognito-idp',
  operation: 'UpdateUserPool',
  case: 'the full settings read back, template changed',
  run: async (c, scope) => {
    const id = await emailPool(c, scope);
    const before = await describePool(c, id);
    // As gtctl updates: everything it read, with one member changed.
    await c.cognito.send(
      new UpdateUserPoolCommand({
        UserPoolId: id,
        AutoVerifiedAttributes: before?.AutoVerifiedAttributes,
        UserPoolTags: before?.UserPoolTags,
        AdminCreateUserConfig: {
          AllowAdminCreateUserOnly: true,
          InviteMessageTemplate: { EmailSubject: 'New subject', EmailMessage: 'Portal: https://x.example {username} {####}' },
        },
      }),
    );
    return poolView(await describePool(c, id));
  },
});

differential({
  service: 'cognito-idp',
  operation: 'UpdateUserPool',
  case: 'unknown pool',
  run: async (c) => attempt(() => c.cognito.send(new UpdateUserPoolCommand({ UserPoolId: missingPool(c), AutoVerifiedAttributes: ['email'] }))),
  expect: (answer) => expect(answer).toMatchObject({ error: 'ResourceNotFoundException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'ListUserPools',
  case: 'MaxResults 2 pages with NextToken',
  run: async (c, scope) => {
    const ours = new Set<string>();
    for (const role of ['p1', 'p2', 'p3']) ours.add(await emailPool(c, scope, role));
    // The list is account-wide (other files' and other people's pools too): follow every page, keep ours.
    const found: string[] = [];
    let pages = 0;
    let oversized = 0;
    let NextToken: string | undefined;
    do {
      const page = await c.cognito.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken }));
      pages += 1;
      if ((page.UserPools?.length ?? 0) > 2) oversized += 1;
      for (const p of page.UserPools ?? []) if (p.Id && ours.has(p.Id)) found.push(p.Name ?? '');
      NextToken = page.NextToken;
    } while (NextToken && pages < 500);
    return { found: found.sort(), paged: pages >= 2, oversized };
  },
  expect: (answer) => expect(answer).toMatchObject({ paged: true, oversized: 0 }),
});

differential({
  service: 'cognito-idp',
  operation: 'ListUserPools',
  case: 'MaxResults omitted',
  // The model marks MaxResults required; gtctl always sends it, so this only shows how strict each server is.
  run: async (c) => okOrFailure(await attempt(() => c.cognito.send(new ListUserPoolsCommand({} as never)))),
  expect: (answer) => expect(answer).toMatchObject({ error: 'InvalidParameterException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'AddCustomAttributes',
  case: 'new attribute, then the same again',
  run: async (c, scope) => {
    const id = await emailPool(c, scope);
    const add = () =>
      c.cognito.send(new AddCustomAttributesCommand({ UserPoolId: id, CustomAttributes: [{ Name: 'team_note', AttributeDataType: 'String', Mutable: true }] }));
    const first = await attempt(add);
    const again = await attempt(add);
    return { first: okOrFailure(first), again: okOrFailure(again), customAttributes: poolView(await describePool(c, id)).customAttributes };
  },
  expect: (answer) => expect(answer).toMatchObject({ first: 'ok', again: { error: 'InvalidParameterException' } }),
});

differential({
  service: 'cognito-idp',
  operation: 'TagResource',
  case: 'tags added to the pool read back in DescribeUserPool',
  run: async (c, scope) => {
    const id = await emailPool(c, scope);
    const arn = (await describePool(c, id))?.Arn;
    await c.cognito.send(new TagResourceCommand({ ResourceArn: arn, Tags: { 'gtctl:project': 'demo', team: 'a' } }));
    return (await describePool(c, id))?.UserPoolTags;
  },
});

differential({
  service: 'cognito-idp',
  operation: 'TagResource',
  case: 'unknown pool ARN',
  run: async (c) => {
    const arn = `arn:aws:cognito-idp:${c.region}:123456789012:userpool/${missingPool(c)}`;
    return attempt(() => c.cognito.send(new TagResourceCommand({ ResourceArn: arn, Tags: { a: 'b' } })));
  },
});

differential({
  service: 'cognito-idp',
  operation: 'UntagResource',
  case: 'one key removed, the others kept',
  run: async (c, scope) => {
    const id = await emailPool(c, scope, 'pool', { tags: { keep: '1', drop: '2' } });
    const arn = (await describePool(c, id))?.Arn;
    await c.cognito.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['drop', 'never-there'] }));
    return (await describePool(c, id))?.UserPoolTags;
  },
  expect: (answer) => expect(answer).toEqual({ keep: '1' }),
});

// ---- app clients ----

differential({
  service: 'cognito-idp',
  operation: 'CreateUserPoolClient',
  case: 'portal client with a secret',
  run: async (c, scope) => {
    const id = await emailPool(c, scope);
    const created = await attempt(() =>
      c.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: id, ClientName: 'gtctl-labeling-portal', GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code', 'implicit'], AllowedOAuthScopes: ['email', 'openid', 'profile'], SupportedIdentityProviders: ['COGNITO'], CallbackURLs: ['https://example.com/gtctl-placeholder'], LogoutURLs: ['https://example.com/gtctl-placeholder'] })),
    );
    return 'ok' in created ? clientView(created.ok.UserPoolClient) : created;
  },
  expect: (answer) => expect(answer).toMatchObject({ hasSecret: true, AllowedOAuthFlows: ['code', 'implicit'] }),
});

differential({
  service: 'cognito-idp',
  operation: 'CreateUserPoolClient',
  case: 'unknown pool',
  run: async (c) => attempt(() => c.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: missingPool(c), ClientName: 'x' }))),
  expect: (answer) => expect(answer).toMatchObject({ error: 'ResourceNotFoundException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'DescribeUserPoolClient',
  case: 'as created',
  run: async (c, scope) => {
    const id = await emailPool(c, scope);
    const clientId = await portalClient(c, id);
    return clientView((await c.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: id, ClientId: clientId }))).UserPoolClient);
  },
});

differential({
  service: 'cognito-idp',
  operation: 'DescribeUserPoolClient',
  case: 'unknown client',
  run: async (c, scope) => {
    const id = await emailPool(c, scope);
    return attempt(() => c.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: id, ClientId: 'a1b2c3d4e5f6g7h8i9j0k1l2m3' })));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'ResourceNotFoundException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'UpdateUserPoolClient',
  case: 'omitted members return to their defaults',
  run: async (c, scope) => {
    const id = await emailPool(c, scope);
    const clientId = await portalClient(c, id);
    await c.cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: id, ClientId: clientId, ClientName: 'renamed' }));
    return clientView((await c.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: id, ClientId: clientId }))).UserPoolClient);
  },
});

differential({
  service: 'cognito-idp',
  operation: 'UpdateUserPoolClient',
  case: 'read, add the portal URLs, write back',
  run: async (c, scope) => {
    const id = await emailPool(c, scope);
    const clientId = await portalClient(c, id);
    const before = (await c.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: id, ClientId: clientId }))).UserPoolClient;
    const portal = 'https://abc123.labeling.us-east-1.sagemaker.aws';
    await c.cognito.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: id,
        ClientId: clientId,
        ClientName: before?.ClientName,
        AllowedOAuthFlowsUserPoolClient: before?.AllowedOAuthFlowsUserPoolClient,
        AllowedOAuthFlows: before?.AllowedOAuthFlows,
        AllowedOAuthScopes: before?.AllowedOAuthScopes,
        SupportedIdentityProviders: before?.SupportedIdentityProviders,
        CallbackURLs: [...(before?.CallbackURLs ?? []), portal, `${portal}/oauth2/idpresponse`],
        LogoutURLs: [...(before?.LogoutURLs ?? []), `${portal}/logout`],
        DefaultRedirectURI: `${portal}/oauth2/idpresponse`,
      }),
    );
    return clientView((await c.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: id, ClientId: clientId }))).UserPoolClient);
  },
});

differential({
  service: 'cognito-idp',
  operation: 'ListUserPoolClients',
  case: 'MaxResults 1 pages with NextToken',
  run: async (c, scope) => {
    const id = await emailPool(c, scope);
    for (const name of ['client-a', 'client-b', 'client-c']) await portalClient(c, id, name);
    const pages: string[][] = [];
    let NextToken: string | undefined;
    do {
      const page = await c.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: id, MaxResults: 1, NextToken }));
      pages.push((page.UserPoolClients ?? []).map((x) => x.ClientName ?? ''));
      NextToken = page.NextToken;
    } while (NextToken && pages.length < 10);
    // Order within the pool is not documented: compare the names found and the page sizes.
    return { names: pages.flat().sort(), pageSizes: pages.map((p) => p.length) };
  },
  expect: (answer) => expect(answer).toMatchObject({ names: ['client-a', 'client-b', 'client-c'] }),
});

// ---- domains ----

differential({
  service: 'cognito-idp',
  operation: 'CreateUserPoolDomain',
  case: 'new prefix, then described',
  run: async (c, scope) => {
    const id = await emailPool(c, scope);
    const domain = scope.name('d');
    await c.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: id, Domain: domain }));
    const { DomainDescription: d } = await c.cognito.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
    return {
      UserPoolId: d?.UserPoolId === id,
      Domain: d?.Domain,
      // CREATING for up to a minute on AWS (aws-evidence E4): either means "made".
      made: d?.Status === 'ACTIVE' || d?.Status === 'CREATING',
      AWSAccountId: /^\d{12}$/.test(d?.AWSAccountId ?? ''),
      poolDomain: (await describePool(c, id))?.Domain,
    };
  },
  expect: (answer) => expect(answer).toMatchObject({ UserPoolId: true, made: true }),
});

differential({
  service: 'cognito-idp',
  operation: 'CreateUserPoolDomain',
  case: 'prefix taken by another pool',
  run: async (c, scope) => {
    const first = await emailPool(c, scope, 'p1');
    const second = await emailPool(c, scope, 'p2');
    const domain = scope.name('d');
    await c.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: first, Domain: domain }));
    const taken = await attempt(() => c.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: second, Domain: domain })));
    const owner = (await c.cognito.send(new DescribeUserPoolDomainCommand({ Domain: domain }))).DomainDescription?.UserPoolId;
    return { taken: okOrFailure(taken), ownerIsFirst: owner === first };
  },
  expect: (answer) => expect(answer).toMatchObject({ taken: { error: 'InvalidParameterException' }, ownerIsFirst: true }),
});

differential({
  service: 'cognito-idp',
  operation: 'CreateUserPoolDomain',
  case: 'second domain on one pool',
  run: async (c, scope) => {
    const id = await emailPool(c, scope);
    await c.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: id, Domain: scope.name('d1') }));
    const again = await attempt(() => c.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: id, Domain: scope.name('d2') })));
    return { again: okOrFailure(again), poolDomain: (await describePool(c, id))?.Domain };
  },
  expect: (answer) => expect(answer).toMatchObject({ again: { error: 'InvalidParameterException' } }),
});

differential({
  service: 'cognito-idp',
  operation: 'DescribeUserPoolDomain',
  case: 'unknown domain',
  run: async (c, scope) => attempt(async () => (await c.cognito.send(new DescribeUserPoolDomainCommand({ Domain: scope.name('nobody') }))).DomainDescription),
  expect: (answer) => expect(answer).toEqual({ ok: {} }),
});
