// Work teams, through the SageMaker and Cognito SDK clients (BEHAVIOUR.md, "Work teams").
import { DeleteGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateWorkteamCommand,
  DeleteWorkteamCommand,
  DescribeWorkforceCommand,
  DescribeWorkteamCommand,
  ListWorkteamsCommand,
  UpdateWorkteamCommand,
  type MemberDefinition,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import {
  cognitoPool,
  cognitoTeam,
  cognitoWorkforce,
  expectError,
  group,
  REALISTIC,
  startSandboxForTests,
  takenOnceSettled,
  world,
  type CognitoSetup,
  type World,
} from './test-support.js';

const member = (setup: CognitoSetup, UserGroup: string): MemberDefinition => ({
  CognitoMemberDefinition: { UserPool: setup.userPool, ClientId: setup.clientId, UserGroup },
});

describe('SageMaker work teams', () => {
  let sandbox: Sandbox;
  let w: World;
  let setup: CognitoSetup;
  let labelers: string;
  const create = (WorkteamName: string, MemberDefinitions: MemberDefinition[], client = w) =>
    client.sm.send(new CreateWorkteamCommand({ WorkteamName, Description: 'Workers who classify numbers', MemberDefinitions }));

  beforeAll(async () => {
    sandbox = await startSandboxForTests();
    w = world(sandbox);
    setup = await cognitoPool(w);
    labelers = await group(w, setup.userPool, 'labelers');
    await cognitoWorkforce(w, setup);
  });
  afterAll(async () => {
    await w.close();
    await sandbox.close();
  });

  it('creates a team on the workforce portal', async () => {
    const { WorkteamArn } = await create('Image-Classification-Testing-Team', [member(setup, labelers)]);
    expect(WorkteamArn).toBe('arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Image-Classification-Testing-Team');
    const { Workteam } = await w.sm.send(new DescribeWorkteamCommand({ WorkteamName: 'Image-Classification-Testing-Team' }));
    const { Workforce } = await w.sm.send(new DescribeWorkforceCommand({ WorkforceName: 'default' }));
    expect(Workteam).toMatchObject({
      WorkteamArn,
      WorkforceArn: Workforce!.WorkforceArn,
      SubDomain: Workforce!.SubDomain,
      Description: 'Workers who classify numbers',
      MemberDefinitions: [member(setup, labelers)],
      // A team without a topic still has the block (aws-evidence A11).
      NotificationConfiguration: {},
    });
    expect(Workteam!.CreateDate).toBeInstanceOf(Date);
    const listed = await w.sm.send(new ListWorkteamsCommand({ NameContains: 'Testing' }));
    expect(listed.Workteams![0]!.NotificationConfiguration).toEqual({});
  });

  it('refuses a second team of the same name (ResourceInUse)', async () => {
    await create('twice', [member(setup, labelers)]);
    await expectError(create('twice', [member(setup, labelers)]), 'ResourceInUse', /already exists/);
  });

  it('needs every Cognito definition to share the workforce pool and client', async () => {
    const other = await group(w, setup.userPool);
    await expectError(
      create('mixed-clients', [member(setup, labelers), member({ ...setup, clientId: 'another-client' }, other)]),
      'ValidationException',
      /same UserPool and ClientId/,
    );
    const otherPool = await cognitoPool(w);
    const otherGroup = await group(w, otherPool.userPool);
    await expectError(create('foreign-pool', [member(otherPool, otherGroup)]), 'ValidationException', /user pool .* and app client of workforce default/);
  });

  it('needs every group to exist in the pool', async () => {
    await expectError(create('ghosts', [member(setup, 'no-such-group')]), 'ValidationException', /group no-such-group does not exist/);
  });

  it('refuses OIDC members for a Cognito workforce, and mixed definitions', async () => {
    const oidcMember = { OidcMemberDefinition: { Groups: ['labelers'] } };
    await expectError(create('oidc', [oidcMember]), 'ValidationException', /uses Cognito/);
    await expectError(create('both', [member(setup, labelers), oidcMember]), 'ValidationException', /cannot mix/);
  });

  it('answers an unknown team with a ValidationException mentioning "The work team"', async () => {
    await expectError(w.sm.send(new DescribeWorkteamCommand({ WorkteamName: 'ghost' })), 'ValidationException', /The work team/);
    await expectError(w.sm.send(new UpdateWorkteamCommand({ WorkteamName: 'ghost', Description: 'x' })), 'ValidationException', /The work team/);
    await expectError(w.sm.send(new DeleteWorkteamCommand({ WorkteamName: 'ghost' })), 'ValidationException', /The work team/);
  });

  it('replaces member definitions and description on update', async () => {
    const reviewers = await group(w, setup.userPool, 'reviewers');
    await create('changing', [member(setup, labelers)]);
    const { Workteam } = await w.sm.send(
      new UpdateWorkteamCommand({ WorkteamName: 'changing', Description: 'Reviewers only', MemberDefinitions: [member(setup, reviewers)] }),
    );
    expect(Workteam).toMatchObject({ Description: 'Reviewers only', MemberDefinitions: [member(setup, reviewers)] });
    await expectError(
      w.sm.send(new UpdateWorkteamCommand({ WorkteamName: 'changing', MemberDefinitions: [member(setup, 'missing')] })),
      'ValidationException',
      /does not exist/,
    );
  });

  it('deletes a team, after which its name is free again', async () => {
    await create('short-lived', [member(setup, labelers)]);
    expect(await w.sm.send(new DeleteWorkteamCommand({ WorkteamName: 'short-lived' }))).toMatchObject({ Success: true });
    await create('short-lived', [member(setup, labelers)]);
  });

  it('keeps Cognito from deleting a group a team uses', async () => {
    const used = await group(w, setup.userPool);
    await cognitoTeam(w, setup, [used], 'uses-group');
    await expectError(w.cognito.send(new DeleteGroupCommand({ UserPoolId: setup.userPool, GroupName: used })), 'InvalidParameterException', /uses-group/);
    await w.sm.send(new DeleteWorkteamCommand({ WorkteamName: 'uses-group' }));
    await w.cognito.send(new DeleteGroupCommand({ UserPoolId: setup.userPool, GroupName: used }));
  });

  it('pages through teams two at a time, sorted and filtered by name', async () => {
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await w.sm.send(new ListWorkteamsCommand({ MaxResults: 2, SortBy: 'Name', NextToken }));
      expect(page.Workteams!.length).toBeLessThanOrEqual(2);
      names.push(...page.Workteams!.map((t) => t.WorkteamName!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(names).toEqual([...names].sort());
    expect(names.length).toBeGreaterThan(2);
    const filtered = await w.sm.send(new ListWorkteamsCommand({ NameContains: 'Testing' }));
    expect(filtered.Workteams!.map((t) => t.WorkteamName)).toEqual(['Image-Classification-Testing-Team']);
    await expectError(w.sm.send(new ListWorkteamsCommand({ NextToken: 'not-a-token' })), 'ValidationException', /pagination token/);
  });

  it('allows 25 teams per region; the 26th is ResourceLimitExceeded', async () => {
    const region = world(sandbox, 'eu-west-3');
    const local = await cognitoPool(region);
    const localGroup = await group(region, local.userPool);
    await cognitoWorkforce(region, local);
    for (let i = 1; i <= 25; i++) await create(`team-${i}`, [member(local, localGroup)], region);
    await expectError(create('team-26', [member(local, localGroup)], region), 'ResourceLimitExceeded', /at most 25/);
    await region.close();
  });

  it('creates the default workforce with the first Cognito team of a region that has none', async () => {
    const region = world(sandbox, 'sa-east-1');
    const local = await cognitoPool(region);
    await create('first', [member(local, await group(region, local.userPool))], region);
    const { Workforce } = await region.sm.send(new DescribeWorkforceCommand({ WorkforceName: 'default' }));
    expect(Workforce!.CognitoConfig).toEqual({ UserPool: local.userPool, ClientId: local.clientId });
    await region.close();
  });
});

describe.each([
  ['realistic', REALISTIC],
  ['ideal', { ideal: true }],
])('SageMaker work teams, %s', (_mode, realism) => {
  const TOPIC = 'arn:aws:sns:us-east-1:000000000000:labeling-tasks';
  let sandbox: Sandbox;
  let w: World;
  let setup: CognitoSetup;
  let labelers: string;
  const create = (WorkteamName: string, NotificationConfiguration?: { NotificationTopicArn: string }) =>
    w.sm.send(new CreateWorkteamCommand({ WorkteamName, Description: 'a team', MemberDefinitions: [member(setup, labelers)], NotificationConfiguration }));

  beforeAll(async () => {
    sandbox = await startSandboxForTests(realism);
    w = world(sandbox);
    setup = await cognitoPool(w);
    labelers = await group(w, setup.userPool);
    await w.settle();
    await cognitoWorkforce(w, setup);
  });
  afterAll(async () => {
    await w.close();
    await sandbox.close();
  });

  it('refuses a team while its workforce is Initializing, until it is Active (realistic only)', async () => {
    await takenOnceSettled(w, () => create('early'), 'Workforce default is still Initializing', sandbox.state.sagemaker.settings.transitionMs);
  });

  it.each(['keeps', 'clears'] as const)('UpdateWorkteam with NotificationConfiguration {}, emptyNotificationConfiguration=%s', async (value) => {
    sandbox.realism.update({ variants: { emptyNotificationConfiguration: value } });
    const name = `topic-${value}`;
    await create(name, { NotificationTopicArn: TOPIC });
    const { Workteam } = await w.sm.send(new UpdateWorkteamCommand({ WorkteamName: name, NotificationConfiguration: {} }));
    // The variant applies when realistic; the ideal sandbox clears.
    const expected = sandbox.realism.on && value === 'keeps' ? { NotificationTopicArn: TOPIC } : {};
    expect(Workteam!.NotificationConfiguration).toEqual(expected);
    expect((await w.sm.send(new DescribeWorkteamCommand({ WorkteamName: name }))).Workteam!.NotificationConfiguration).toEqual(expected);
  });
});
