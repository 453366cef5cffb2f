// A fresh account to a full workforce through the built CLI: what apply creates (read back through the SDK and the
// request log), that a second plan is empty, the portal URLs on the app client, status before and after a worker's
// first sign-in, the confirmation gate without a terminal, invalid specs, and an expired invitation sent again.
import { DescribeUserPoolClientCommand, DescribeUserPoolCommand, ListGroupsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeWorkforceCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/app/apply.js';
import { plan } from '../../src/app/plan.js';
import { silentReporter } from '../../src/report/reporter.js';
import { memberDoc, teamDoc } from '../helpers/specs.js';
import { actions, base, PROJECT, tally, useSandbox, writeCalls } from '../helpers/gtctl.js';

const world = useSandbox({ transitionMs: 500 });
const DAY_MS = 86_400_000;

/** Two members in one team: the smallest full tree. */
const tree = [...base(), teamDoc({ spec: { description: 'Labels things', members: ['ann@example.com', 'bob@example.com'] } })];

describe('a fresh account', () => {
  it('plans every object, applies it with paced calls, builds what the specs say, then plans nothing', async () => {
    const dir = await world.specs(tree);
    const first = await world.gtctl('plan', '-d', dir, '--json', '--detailed-exitcode');
    expect(first.code).toBe(2);
    const doc = JSON.parse(first.stdout);
    expect(doc).toMatchObject({ formatVersion: 1, project: PROJECT, region: 'us-east-1', account: '000000000000' });
    expect(actions(doc)).toEqual([
      'create workforce/default',
      'create team/labelers',
      'create member/ann@example.com',
      'create member/bob@example.com',
      'create membership/labelers/ann@example.com',
      'create membership/labelers/bob@example.com',
    ]);
    expect(doc.summary).toEqual({ create: 6, update: 0, delete: 0, stop: 0, blocked: 0, 'no-op': 0 });
    expect(writeCalls(await world.requests())).toEqual([]);

    await world.clearRequests();
    const apply = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain('Apply complete: 6 done, 0 failed, 0 skipped.');
    const log = await world.requests();
    // Writes that took effect: SageMaker refuses CreateWorkteam until it sees the new group (aws-evidence E2), and the
    // retry policy asks again.
    expect(tally(log.filter((e) => writeCalls([e]).length > 0 && e.status < 300))).toEqual({
      'cognito-idp.AdminAddUserToGroup': 2,
      'cognito-idp.AdminCreateUser': 2,
      'cognito-idp.CreateGroup': 1,
      'cognito-idp.CreateUserPool': 1,
      'cognito-idp.CreateUserPoolClient': 1,
      'cognito-idp.CreateUserPoolDomain': 1,
      // The invitation template gets the portal's address once the workforce exists (aws-evidence E7).
      'cognito-idp.UpdateUserPool': 1,
      'cognito-idp.UpdateUserPoolClient': 1,
      'sagemaker.CreateWorkforce': 1,
      'sagemaker.CreateWorkteam': 1,
    });
    // Paced under the Cognito quotas: not one call was throttled. The other errors are apply asking whether a
    // workforce left by an interrupted run exists (DescribeWorkforce of an unknown name is a ValidationException) and
    // the consistency answers of the realistic sandbox that the retry policy rides out.
    const errors = new Set(log.filter((e) => e.error).map((e) => `${e.operation} ${e.error}`));
    expect(errors).toContain('DescribeWorkforce ValidationException');
    for (const e of errors) expect(['DescribeWorkforce ValidationException', 'CreateWorkteam ValidationException']).toContain(e);

    await expectBuilt();

    const again = await world.gtctl('plan', '-d', dir, '--detailed-exitcode');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes.');
    const json = await world.planJson(dir);
    expect(json.code).toBe(0);
    expect(json.plan.changes).toEqual([]);
    expect(json.plan.summary).toEqual({ create: 0, update: 0, delete: 0, stop: 0, blocked: 0, 'no-op': 6 });
  });

  /** What the fresh apply left: pool, client, domain, workforce, team, users and memberships as specified. */
  async function expectBuilt(): Promise<void> {
    const poolId = await world.poolId();
    const pool = (await world.cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    expect(pool).toMatchObject({ Name: `gtctl-${PROJECT}`, Domain: 'labeling-portal', UsernameAttributes: ['email'], UserPoolTags: { 'gtctl:project': PROJECT } });
    expect(pool.SchemaAttributes?.map((a) => a.Name)).toContain('custom:gtctl_project');

    const workforce = (await world.sageMaker.send(new DescribeWorkforceCommand({ WorkforceName: 'default' }))).Workforce!;
    expect(workforce.Status).toBe('Active');
    expect(workforce.CognitoConfig?.UserPool).toBe(poolId);
    const client = (await world.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: workforce.CognitoConfig!.ClientId! }))).UserPoolClient!;
    expect(client).toMatchObject({
      ClientName: 'gtctl-labeling-portal',
      // The portal's URLs are there, beside whatever SageMaker wrote itself (aws-evidence E6).
      CallbackURLs: expect.arrayContaining([`https://${workforce.SubDomain}/oauth2/idpresponse`]),
      LogoutURLs: expect.arrayContaining([`https://${workforce.SubDomain}/logout`]),
      DefaultRedirectURI: `https://${workforce.SubDomain}/oauth2/idpresponse`,
      AllowedOAuthFlowsUserPoolClient: true,
    });
    // The secret exists, so the file's final check (no output contains it) is not vacuous.
    expect(client.ClientSecret).toMatch(/^\S{51}$/);
    // A workforce takes no tags gtctl could read (aws-evidence A1): its ownership is the pool's tag.
    const poolTags = (await world.cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.UserPoolTags;
    expect(poolTags).toMatchObject({ 'gtctl:project': PROJECT });

    expect(await world.teamNames()).toEqual(['labelers']);
    expect((await world.cognito.send(new ListGroupsCommand({ UserPoolId: poolId }))).Groups?.map((g) => g.GroupName)).toEqual(['labelers']);
    expect(await world.groupMembers(poolId, 'labelers')).toEqual(['ann@example.com', 'bob@example.com']);
    expect(await world.users(poolId)).toEqual([
      expect.objectContaining({ email: 'ann@example.com', enabled: true, status: 'FORCE_CHANGE_PASSWORD', managedBy: PROJECT }),
      expect.objectContaining({ email: 'bob@example.com', enabled: true, status: 'FORCE_CHANGE_PASSWORD', managedBy: PROJECT }),
    ]);
    const outbox = await world.outbox();
    expect(outbox.map((m) => `${m.kind} ${m.to}`).sort()).toEqual(['invitation ann@example.com', 'invitation bob@example.com']);
    // The invitation carries a temporary password: the file's final check looks for it in every output too.
    expect(outbox[0]!.message).toMatch(/temporary password <b>[^<]+<\/b>/);
  }

  it('shows members as invited in status, and confirmed after their first sign-in', async () => {
    const dir = await world.arrange(tree);
    const before = await world.gtctl('status', '-d', dir, '--json');
    expect(before.code, before.stderr).toBe(0);
    const report = JSON.parse(before.stdout);
    const portal = (await world.sageMaker.send(new DescribeWorkforceCommand({ WorkforceName: 'default' }))).Workforce!.SubDomain;
    expect(report).toMatchObject({ project: PROJECT, account: '000000000000', region: 'us-east-1', workforce: { name: 'default', status: 'Active', identity: 'cognito', portalUrl: `https://${portal}` } });
    expect(report.teams).toEqual([
      {
        name: 'labelers',
        state: 'managed',
        portalUrl: `https://${portal}`,
        members: [
          { email: 'ann@example.com', status: 'invited' },
          { email: 'bob@example.com', status: 'invited' },
        ],
      },
    ]);

    await world.signIn(await world.poolId(), 'ann@example.com');
    const after = JSON.parse((await world.gtctl('status', '-d', dir, '--json')).stdout);
    expect(after.teams[0].members).toEqual([
      { email: 'ann@example.com', status: 'confirmed' },
      { email: 'bob@example.com', status: 'invited' },
    ]);
    // A confirmed worker is not a change.
    expect(await world.changes(dir)).toEqual([]);
  });

  it('shows a declared team that does not exist yet as missing, with its members not invited', async () => {
    const dir = await world.specs(tree);
    const run = await world.gtctl('status', '-d', dir, '--json');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.workforce).toBeUndefined();
    expect(report.teams).toEqual([
      {
        name: 'labelers',
        state: 'missing',
        members: [
          { email: 'ann@example.com', status: 'not invited' },
          { email: 'bob@example.com', status: 'not invited' },
        ],
      },
    ]);
    expect(writeCalls(await world.requests())).toEqual([]);
  });
});

describe('what stops apply before any write', () => {
  it('refuses apply without --auto-approve when there is no terminal to ask on', async () => {
    const dir = await world.specs(tree);
    const run = await world.gtctl('apply', '-d', dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('+ workforce/default');
    expect(run.stderr).toContain('error needs-approval: apply needs a confirmation, and there is no terminal to ask on');
    expect(writeCalls(await world.requests())).toEqual([]);
  });

  it('refuses invalid specs with every diagnostic and makes no AWS call at all', async () => {
    const dir = await world.specs([...base(), teamDoc({ spec: { members: ['not-an-email'] } }), memberDoc({ name: 'carol@example.com', spec: { teams: ['nobody'] } })]);
    for (const args of [['plan'], ['apply', '--auto-approve'], ['status']]) {
      const run = await world.gtctl(...args, '-d', dir);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stdout).toBe('');
      const diagnostics = run.stderr.split('\n').filter((l) => / error [a-z-]+: /.test(l));
      expect(diagnostics.length, run.stderr).toBeGreaterThanOrEqual(2);
      for (const line of diagnostics) expect(line).toMatch(/^\S+\.yaml:\d+:\d+: error [a-z-]+: /);
      expect(run.stderr).toMatch(/error invalid-specs: the specs have \d+ error\(s\); nothing was changed/);
    }
    expect(await world.requests()).toEqual([]);
  });
});

describe('an expired invitation', () => {
  /** ann invited, then eight days on the sandbox clock: her temporary password (valid 7 days) has expired. */
  async function expired(): Promise<string> {
    const dir = await world.arrange([...base(), teamDoc({ spec: { members: ['ann@example.com'] } })]);
    await world.advanceClock(8 * DAY_MS);
    await expect(world.signIn(await world.poolId(), 'ann@example.com')).rejects.toThrow('Temporary password has expired');
    return dir;
  }

  it('is sent again once (RESEND) in process, recording when, after which the worker can sign in', async () => {
    const dir = await expired();
    const options = { region: 'us-east-1', endpoint: world.url };
    const { plan: planned, ports } = await plan(dir, options, silentReporter());
    expect(planned.changes).toMatchObject([{ address: 'member/ann@example.com', action: 'update', steps: ['resend-invitation'], diff: [{ path: 'invitation', before: 'expired', after: 'sent again' }] }]);
    await world.clearRequests();
    expect((await applyPlan(planned, ports, silentReporter())).counts).toEqual({ done: 1, failed: 0, skipped: 0, deferred: 0 });
    // The resend, then the time gtctl sent it (what the next expiry is judged from: aws-evidence A8).
    expect(writeCalls(await world.requests())).toEqual(['cognito-idp.AdminCreateUser', 'cognito-idp.AdminUpdateUserAttributes']);
    expect((await world.outbox()).map((m) => `${m.kind} ${m.to}`)).toEqual(['invitation ann@example.com', 'resend ann@example.com']);
    expect((await plan(dir, options, silentReporter())).plan.changes).toEqual([]);
    await expect(world.signIn(await world.poolId(), 'ann@example.com')).resolves.toMatchObject({ userStatus: 'CONFIRMED' });
  });

  // The CLI judges expiry by AWS's clock (the Date header), which the sandbox moves with `/_sandbox/clock`.
  it('is sent again once (RESEND) through the CLI, after which the plan is empty', async () => {
    const dir = await expired();
    const { code, plan: planned } = await world.planJson(dir);
    expect(code).toBe(2);
    expect(planned.changes).toEqual([expect.objectContaining({ address: 'member/ann@example.com', action: 'update', diff: [{ path: 'invitation', before: 'expired', after: 'sent again' }] })]);
    await world.apply(dir);
    expect((await world.outbox()).map((m) => `${m.kind} ${m.to}`)).toEqual(['invitation ann@example.com', 'resend ann@example.com']);
    expect((await world.planJson(dir)).code).toBe(0);
  });
});
