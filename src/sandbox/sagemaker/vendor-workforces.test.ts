// Vendor workforces (BEHAVIOUR.md, "Workforces"; aws-evidence E8): added by the sandbox-only route, listed and
// described beside the private workforce, never counted as it, never changed by the account. Always on.
import {
  CreateWorkteamCommand,
  DeleteWorkforceCommand,
  DescribeWorkforceCommand,
  ListWorkforcesCommand,
  UpdateWorkforceCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { cognitoPool, cognitoWorkforce, expectError, group, startSandboxForTests, world, type World } from './test-support.js';

describe('SageMaker vendor workforces', () => {
  let sandbox: Sandbox;
  let w: World;

  beforeAll(async () => {
    sandbox = await startSandboxForTests();
    w = world(sandbox);
  });
  afterAll(async () => {
    await w.close();
    await sandbox.close();
  });

  it('adds one that ListWorkforces and DescribeWorkforce show, Active, with neither Cognito nor OIDC', async () => {
    const added = await w.admin<Record<string, unknown>>('sagemaker/vendor-workforce', { name: 'acme-labeling' });
    expect(added).toMatchObject({
      WorkforceName: 'acme-labeling',
      WorkforceArn: 'arn:aws:sagemaker:us-east-1:000000000000:workforce/vendor-crowd/acme-labeling',
      Status: 'Active',
    });
    const { Workforce } = await w.sm.send(new DescribeWorkforceCommand({ WorkforceName: 'acme-labeling' }));
    expect(Workforce).toMatchObject({ WorkforceName: 'acme-labeling', Status: 'Active', SourceIpConfig: { Cidrs: [] } });
    expect(Workforce).not.toHaveProperty('CognitoConfig');
    expect(Workforce).not.toHaveProperty('OidcConfig');
    expect((await w.sm.send(new ListWorkforcesCommand({}))).Workforces!.map((f) => f.WorkforceName)).toEqual(['acme-labeling']);
  });

  it('does not count as the region\'s private workforce: one can still be created, and both are listed', async () => {
    const setup = await cognitoPool(w);
    await cognitoWorkforce(w, setup);
    const listed = await w.sm.send(new ListWorkforcesCommand({ SortBy: 'Name' }));
    expect(listed.Workforces!.map((f) => f.WorkforceName)).toEqual(['acme-labeling', 'default']);
    // A team without WorkforceName joins the private one.
    await w.sm.send(
      new CreateWorkteamCommand({
        WorkteamName: 'in-house',
        Description: 'private team',
        MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: setup.userPool, ClientId: setup.clientId, UserGroup: await group(w, setup.userPool) } }],
      }),
    );
  });

  it('cannot be updated, deleted or given teams by the account', async () => {
    const refused = /acme-labeling is a vendor workforce/;
    await expectError(w.sm.send(new UpdateWorkforceCommand({ WorkforceName: 'acme-labeling', SourceIpConfig: { Cidrs: ['10.0.0.0/8'] } })), 'ValidationException', refused);
    await expectError(w.sm.send(new DeleteWorkforceCommand({ WorkforceName: 'acme-labeling' })), 'ValidationException', refused);
    await expectError(
      w.sm.send(new CreateWorkteamCommand({ WorkteamName: 'theirs', WorkforceName: 'acme-labeling', Description: 'x', MemberDefinitions: [{ OidcMemberDefinition: { Groups: ['g'] } }] })),
      'ValidationException',
      refused,
    );
  });

  it('refuses a malformed or taken name', async () => {
    await expect(w.admin('sagemaker/vendor-workforce', { name: '-bad' })).rejects.toMatchObject({ code: 'ValidationException' });
    await expect(w.admin('sagemaker/vendor-workforce', { name: 'default' })).rejects.toMatchObject({ code: 'ValidationException', message: /already exists/ });
  });
});
