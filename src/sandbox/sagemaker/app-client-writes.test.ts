// SageMaker writing the Cognito app client (BEHAVIOUR.md, "Workforces"; aws-evidence E6) under each value of the
// `appClientWrites` variant, on CreateWorkforce and on CreateWorkteam, and not at all when ideal.
import { DescribeUserPoolClientCommand, UpdateUserPoolClientCommand, type UpdateUserPoolClientCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeWorkforceCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { cognitoPool, cognitoTeam, cognitoWorkforce, group, REALISTIC, sharedSandbox, type CognitoSetup, type World } from './test-support.js';

/** What the user set up before SageMaker came: OAuth for their own app. */
const OWN = {
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid'],
  AllowedOAuthFlowsUserPoolClient: true,
  SupportedIdentityProviders: ['COGNITO'],
  CallbackURLs: ['https://app.example.com/callback'],
  LogoutURLs: ['https://app.example.com/bye'],
} satisfies Partial<UpdateUserPoolClientCommandInput>;

describe('SageMaker writing the app client', () => {
  const shared = sharedSandbox(REALISTIC);
  const inRegion = shared.inRegion;
  const client = async (w: World, setup: CognitoSetup) =>
    (await w.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: setup.userPool, ClientId: setup.clientId }))).UserPoolClient!;
  /** A settled pool whose client has the user's own OAuth settings. */
  const ownPool = async (w: World) => {
    const setup = await cognitoPool(w);
    await w.cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: setup.userPool, ClientId: setup.clientId, ...OWN }));
    await w.settle();
    return setup;
  };
  /** Creates the region's workforce on the pool; answers its portal's base URL. */
  const workforce = async (w: World, setup: CognitoSetup) => {
    await cognitoWorkforce(w, setup);
    return `https://${(await w.sm.send(new DescribeWorkforceCommand({ WorkforceName: 'default' }))).Workforce!.SubDomain}`;
  };
  const variant = (appClientWrites: string) => shared.sandbox().realism.update({ variants: { appClientWrites } });
  const portalOAuth = {
    AllowedOAuthFlows: expect.arrayContaining(['code', 'implicit']),
    AllowedOAuthScopes: expect.arrayContaining(['openid', 'email', 'profile']),
    AllowedOAuthFlowsUserPoolClient: true,
    SupportedIdentityProviders: ['COGNITO'],
  };


  it('replaces-urls (the default): the portal OAuth settings, and URL lists that are exactly the portal\'s', async () => {
    const w = inRegion('us-east-2');
    expect(shared.sandbox().realism.variant('appClientWrites')).toBe('replaces-urls');
    const setup = await ownPool(w);
    const before = await client(w, setup);
    const portal = await workforce(w, setup);
    const after = await client(w, setup);
    expect(after).toMatchObject({ ...portalOAuth, CallbackURLs: [portal, `${portal}/oauth2/idpresponse`], LogoutURLs: [`${portal}/logout`] });
    expect(after.LastModifiedDate!.getTime()).toBeGreaterThanOrEqual(before.LastModifiedDate!.getTime());
  });

  it('adds-portal-urls: the portal OAuth settings, and the portal\'s URLs added to the client\'s own', async () => {
    const w = inRegion('us-west-1');
    variant('adds-portal-urls');
    const setup = await ownPool(w);
    const portal = await workforce(w, setup);
    expect(await client(w, setup)).toMatchObject({
      ...portalOAuth,
      CallbackURLs: [...OWN.CallbackURLs, portal, `${portal}/oauth2/idpresponse`],
      LogoutURLs: [...OWN.LogoutURLs, `${portal}/logout`],
    });
  });

  it('none: the client is left as it was', async () => {
    const w = inRegion('us-west-2');
    variant('none');
    const setup = await ownPool(w);
    const before = await client(w, setup);
    await workforce(w, setup);
    expect(await client(w, setup)).toEqual(before);
  });

  it('CreateWorkteam writes the client too', async () => {
    const w = inRegion('ca-central-1');
    variant('none');
    const setup = await ownPool(w);
    const labelers = await group(w, setup.userPool);
    const portal = await workforce(w, setup);
    await w.settle();
    variant('replaces-urls');
    await cognitoTeam(w, setup, [labelers]);
    expect(await client(w, setup)).toMatchObject({ ...portalOAuth, CallbackURLs: [portal, `${portal}/oauth2/idpresponse`] });
  });

  it('nothing is written when ideal', async () => {
    const w = inRegion('eu-west-1');
    variant('replaces-urls');
    shared.sandbox().realism.update({ ideal: true });
    const setup = await ownPool(w);
    const before = await client(w, setup);
    await workforce(w, setup);
    await cognitoTeam(w, setup, [await group(w, setup.userPool)]);
    expect(await client(w, setup)).toEqual(before);
    shared.sandbox().realism.update({ ideal: false });
  });
});
