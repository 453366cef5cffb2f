// Workforces, through the SageMaker SDK client (BEHAVIOUR.md, "Workforces"). Each test uses its own region, since a
// region holds one workforce.
import {
  AddTagsCommand,
  CreateWorkforceCommand,
  CreateWorkteamCommand,
  DeleteWorkforceCommand,
  DeleteWorkteamCommand,
  DescribeWorkforceCommand,
  ListTagsCommand,
  ListWorkforcesCommand,
  UpdateWorkforceCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { cognitoPool, cognitoTeam, cognitoWorkforce, expectError, group, startSandboxForTests, world, type World } from './test-support.js';

const oidc = {
  ClientId: 'client',
  ClientSecret: 'secret',
  Issuer: 'https://idp.example.com',
  AuthorizationEndpoint: 'https://idp.example.com/authorize',
  TokenEndpoint: 'https://idp.example.com/token',
  UserInfoEndpoint: 'https://idp.example.com/userinfo',
  LogoutEndpoint: 'https://idp.example.com/logout',
  JwksUri: 'https://idp.example.com/jwks',
};

describe('SageMaker workforces', () => {
  let sandbox: Sandbox;
  const worlds: World[] = [];
  const inRegion = (region: string) => {
    const w = world(sandbox, region);
    worlds.push(w);
    return w;
  };
  beforeAll(async () => {
    sandbox = await startSandboxForTests();
  });
  afterAll(async () => {
    for (const w of worlds) await w.close();
    await sandbox.close();
  });

  it('creates a Cognito workforce that is Initializing, then Active after the transition delay', async () => {
    const w = inRegion('us-east-1');
    const setup = await cognitoPool(w);
    const created = await w.sm.send(new CreateWorkforceCommand({ WorkforceName: 'default', CognitoConfig: { UserPool: setup.userPool, ClientId: setup.clientId } }));
    expect(created.WorkforceArn).toBe('arn:aws:sagemaker:us-east-1:000000000000:workforce/default');

    const { Workforce } = await w.sm.send(new DescribeWorkforceCommand({ WorkforceName: 'default' }));
    expect(Workforce).toMatchObject({
      WorkforceName: 'default',
      Status: 'Initializing',
      CognitoConfig: { UserPool: setup.userPool, ClientId: setup.clientId },
      SourceIpConfig: { Cidrs: [] },
    });
    expect(Workforce!.SubDomain).toMatch(/^[a-z0-9]{10}\.labeling\.us-east-1\.sagemaker\.aws$/);
    expect(Workforce!.CreateDate).toBeInstanceOf(Date);

    await w.advance(500);
    expect((await w.sm.send(new DescribeWorkforceCommand({ WorkforceName: 'default' }))).Workforce!.Status).toBe('Active');
  });

  it('allows one workforce per region, refusing a second with AWS\'s ValidationException', async () => {
    const w = inRegion('us-east-2');
    const setup = await cognitoPool(w);
    await cognitoWorkforce(w, setup, 'first');
    await expectError(
      cognitoWorkforce(w, setup, 'second'),
      'ValidationException',
      'Cannot create more than one workforce for account 000000000000. If you are trying to update existing workforce, please use UpdateWorkforce API',
    );
  });

  it('needs exactly one of CognitoConfig and OidcConfig', async () => {
    const w = inRegion('us-west-2');
    const setup = await cognitoPool(w);
    await expectError(w.sm.send(new CreateWorkforceCommand({ WorkforceName: 'none' })), 'ValidationException', /exactly one/);
    await expectError(
      w.sm.send(new CreateWorkforceCommand({ WorkforceName: 'both', CognitoConfig: { UserPool: setup.userPool, ClientId: setup.clientId }, OidcConfig: oidc })),
      'ValidationException',
      /exactly one/,
    );
  });

  it('needs a user pool, app client and pool domain that exist in the region', async () => {
    const w = inRegion('ca-central-1');
    const setup = await cognitoPool(w);
    const noDomain = await cognitoPool(w, { domain: false });
    const create = (UserPool: string, ClientId: string) => w.sm.send(new CreateWorkforceCommand({ WorkforceName: 'default', CognitoConfig: { UserPool, ClientId } }));
    await expectError(create('ca-central-1_missing', setup.clientId), 'ValidationException', /User pool ca-central-1_missing does not exist/);
    await expectError(create(setup.userPool, 'nosuchclient'), 'ValidationException', /App client nosuchclient does not exist/);
    await expectError(create(noDomain.userPool, noDomain.clientId), 'ValidationException', /has no domain/);
    // A pool of another region is not found either.
    const elsewhere = await cognitoPool(inRegion('eu-west-2'));
    await expectError(create(elsewhere.userPool, elsewhere.clientId), 'ValidationException', /does not exist/);
  });

  it('refuses a malformed name with the constraint message', async () => {
    const w = inRegion('us-east-1');
    await expectError(w.sm.send(new DescribeWorkforceCommand({ WorkforceName: '-bad' })), 'ValidationException', /at 'workforceName' failed to satisfy constraint/);
  });

  it('answers an unknown workforce with a ValidationException mentioning "No workforce"', async () => {
    const w = inRegion('us-east-1');
    await expectError(w.sm.send(new DescribeWorkforceCommand({ WorkforceName: 'nope' })), 'ValidationException', /No workforce/);
    await expectError(w.sm.send(new DeleteWorkforceCommand({ WorkforceName: 'nope' })), 'ValidationException', /No workforce/);
  });

  it('updates source CIDRs (Updating, then Active) and never returns the OIDC client secret', async () => {
    const w = inRegion('eu-central-1');
    await w.sm.send(new CreateWorkforceCommand({ WorkforceName: 'oidc', OidcConfig: oidc }));
    const { Workforce: created } = await w.sm.send(new DescribeWorkforceCommand({ WorkforceName: 'oidc' }));
    expect(created!.OidcConfig).toEqual({ ...oidc, ClientSecret: undefined });
    expect(created!.OidcConfig).not.toHaveProperty('ClientSecret');

    await w.advance(500);
    const { Workforce } = await w.sm.send(new UpdateWorkforceCommand({ WorkforceName: 'oidc', SourceIpConfig: { Cidrs: ['10.0.0.0/16'] } }));
    expect(Workforce).toMatchObject({ Status: 'Updating', SourceIpConfig: { Cidrs: ['10.0.0.0/16'] } });
    await w.advance(500);
    expect((await w.sm.send(new DescribeWorkforceCommand({ WorkforceName: 'oidc' }))).Workforce!.Status).toBe('Active');

    await expectError(
      w.sm.send(new UpdateWorkforceCommand({ WorkforceName: 'oidc', SourceIpConfig: { Cidrs: ['10.0.0.0/33'] } })),
      'ValidationException',
      /failed to satisfy constraint/,
    );
  });

  it('refuses OidcConfig on a Cognito workforce, and on an OIDC workforce that has teams', async () => {
    const cognitoRegion = inRegion('ap-south-1');
    const setup = await cognitoPool(cognitoRegion);
    await cognitoWorkforce(cognitoRegion, setup);
    await expectError(cognitoRegion.sm.send(new UpdateWorkforceCommand({ WorkforceName: 'default', OidcConfig: oidc })), 'ValidationException', /uses Cognito/);

    const w = inRegion('ap-southeast-1');
    await w.sm.send(new CreateWorkforceCommand({ WorkforceName: 'oidc', OidcConfig: oidc }));
    await w.sm.send(
      new CreateWorkteamCommand({
        WorkteamName: 'oidc-team',
        Description: 'OIDC team',
        MemberDefinitions: [{ OidcMemberDefinition: { Groups: ['labelers'] } }],
      }),
    );
    await expectError(w.sm.send(new UpdateWorkforceCommand({ WorkforceName: 'oidc', OidcConfig: oidc })), 'ConflictException', /no work teams/);
  });

  it('refuses to delete a workforce that has teams (ResourceInUse), and deletes it once they are gone', async () => {
    const w = inRegion('ap-northeast-1');
    const setup = await cognitoPool(w);
    await cognitoWorkforce(w, setup);
    await cognitoTeam(w, setup, [await group(w, setup.userPool)], 'the-team');
    await expectError(w.sm.send(new DeleteWorkforceCommand({ WorkforceName: 'default' })), 'ResourceInUse', /the-team/);
    await w.sm.send(new DeleteWorkteamCommand({ WorkteamName: 'the-team' }));
    await w.sm.send(new DeleteWorkforceCommand({ WorkforceName: 'default' }));
    expect((await w.sm.send(new ListWorkforcesCommand({}))).Workforces).toEqual([]);
  });

  it('lists the region workforce, filtered by NameContains', async () => {
    const w = inRegion('eu-west-1');
    const setup = await cognitoPool(w);
    await cognitoWorkforce(w, setup, 'Labelers');
    const all = await w.sm.send(new ListWorkforcesCommand({ MaxResults: 2, SortBy: 'Name', SortOrder: 'Descending' }));
    expect(all.Workforces!.map((f) => f.WorkforceName)).toEqual(['Labelers']);
    expect(all.NextToken).toBeUndefined();
    expect((await w.sm.send(new ListWorkforcesCommand({ NameContains: 'label' }))).Workforces).toHaveLength(1);
    expect((await w.sm.send(new ListWorkforcesCommand({ NameContains: 'other' }))).Workforces).toEqual([]);
  });

  it('serves a VPC-mode portal when given the VPC, its security groups and subnets together', async () => {
    const w = inRegion('eu-north-1');
    const setup = await cognitoPool(w);
    const CognitoConfig = { UserPool: setup.userPool, ClientId: setup.clientId };
    await expectError(
      w.sm.send(new CreateWorkforceCommand({ WorkforceName: 'vpc', CognitoConfig, WorkforceVpcConfig: { VpcId: 'vpc-1' } })),
      'ValidationException',
      /VpcId, SecurityGroupIds and Subnets/,
    );
    const WorkforceVpcConfig = { VpcId: 'vpc-1', SecurityGroupIds: ['sg-1'], Subnets: ['subnet-1'] };
    await w.sm.send(new CreateWorkforceCommand({ WorkforceName: 'vpc', CognitoConfig, WorkforceVpcConfig }));
    const { Workforce } = await w.sm.send(new DescribeWorkforceCommand({ WorkforceName: 'vpc' }));
    expect(Workforce!.WorkforceVpcConfig).toEqual({ ...WorkforceVpcConfig, VpcEndpointId: expect.stringMatching(/^vpce-[0-9a-f]{17}$/) });
  });

  it('stores tags given at creation and takes more through AddTags', async () => {
    const w = inRegion('ap-northeast-2');
    const setup = await cognitoPool(w);
    const { WorkforceArn } = await w.sm.send(
      new CreateWorkforceCommand({ WorkforceName: 'tagged', CognitoConfig: { UserPool: setup.userPool, ClientId: setup.clientId }, Tags: [{ Key: 'gtctl:project', Value: 'demo' }] }),
    );
    await w.sm.send(new AddTagsCommand({ ResourceArn: WorkforceArn, Tags: [{ Key: 'team', Value: 'ml' }] }));
    expect((await w.sm.send(new ListTagsCommand({ ResourceArn: WorkforceArn }))).Tags).toEqual([
      { Key: 'gtctl:project', Value: 'demo' },
      { Key: 'team', Value: 'ml' },
    ]);
  });
});
