// The workforce beyond a fresh managed pool, through the built CLI: an existing pool and app client (referenced,
// checked, left as they were apart from the one custom attribute gtctl adds, which the plan names), source CIDRs
// updated in place, a Cognito change that cannot be made in place (blocked, nothing written), an OIDC workforce
// (its client secret only in the environment, never in any output; OIDC settings that change only while no team
// exists; no Cognito call at all for its teams and members), and tags updated on their own.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { DescribeWorkforceCommand, DescribeWorkteamCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/app/apply.js';
import { plan as makePlan } from '../../src/app/plan.js';
import { silentReporter } from '../../src/report/reporter.js';
import { memberDoc, projectDoc, teamDoc, workforceDoc, type SpecDoc } from '../helpers/specs.js';
import { actions, base, PROJECT, REGION, tally, useSandbox, writeCalls, type Run } from '../helpers/gtctl.js';

const world = useSandbox();

/** What an OIDC workforce is given in place of its client secret, and the secret itself (for the leak check too). */
const SECRET_ENV = 'OIDC_SECRET';
const SECRET = 'oidc-client-secret-4d1f9a7c2e';
const ROTATED = 'oidc-client-secret-rotated-88b3';

async function describeWorkforce() {
  return (await world.sageMaker.send(new DescribeWorkforceCommand({ WorkforceName: 'default' }))).Workforce!;
}

async function describeTeam(name: string) {
  return (await world.sageMaker.send(new DescribeWorkteamCommand({ WorkteamName: name }))).Workteam!;
}

/** A workforce's tags live on its user pool (a workforce takes none gtctl could read: aws-evidence A1). */
async function workforceTags(): Promise<Record<string, string>> {
  const pool = (await describeWorkforce()).CognitoConfig!.UserPool!;
  return (await world.cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool }))).UserPool?.UserPoolTags ?? {};
}

/** A plan of DIR made in this process (no CLI start): for checks of what a plan says rather than of the CLI. */
async function planned(dir: string) {
  return makePlan(dir, { region: REGION, endpoint: world.url }, silentReporter());
}

/** Exit code `code`, with nothing written to AWS since the request log was last cleared. */
async function expectNoWrites(run: Run, code: number): Promise<void> {
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(code);
  expect(writeCalls(await world.requests())).toEqual([]);
}

// --- an existing pool -------------------------------------------------------------------------------------------

/**
 * A pool, an app client with a secret and a domain made as a console user would, with settings of their own that
 * gtctl must leave alone: password policy, invitation, tags, OAuth settings of the client.
 */
async function consolePool(options: { domain?: boolean } = {}): Promise<{ poolId: string; clientId: string }> {
  const pool = await world.cognito.send(
    new CreateUserPoolCommand({
      PoolName: 'console-workers',
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireNumbers: true, RequireSymbols: false, RequireUppercase: true, RequireLowercase: true, TemporaryPasswordValidityDays: 3 } },
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: true,
        InviteMessageTemplate: { EmailSubject: 'Welcome to our labeling crew', EmailMessage: 'Hello {username}, your code is {####}.' },
      },
      UserPoolTags: { owner: 'console-user' },
    }),
  );
  const poolId = pool.UserPool!.Id!;
  const client = await world.cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'labeling-portal-by-hand',
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['email', 'openid'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://portal.example.com/oauth2/idpresponse'],
      LogoutURLs: ['https://portal.example.com/logout'],
    }),
  );
  if (options.domain !== false) await world.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'console-workers' }));
  return { poolId, clientId: client.UserPoolClient!.ClientId! };
}

const existingWorkforce = (poolId: string, clientId: string): SpecDoc => workforceDoc({ spec: { cognito: { userPool: poolId, clientId, domain: undefined } } });

async function snapshot(poolId: string, clientId: string): Promise<{ pool: UserPoolType; client: unknown }> {
  const pool = (await world.cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
  const client = (await world.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient!;
  return { pool, client };
}

describe('an existing user pool and app client', () => {
  it('plans the workforce and the custom attribute in words, applies on that pool, teams and members work, nothing else of the pool or client changes', async () => {
    // What gtctl leaves alone, seen without what SageMaker itself may write into the client (aws-evidence E6).
    await world.realism({ variants: { appClientWrites: 'none' } });
    const { poolId, clientId } = await consolePool();
    const before = await snapshot(poolId, clientId);
    const dir = await world.specs([projectDoc({ name: PROJECT }), existingWorkforce(poolId, clientId), teamDoc({ spec: { members: ['ann@example.com'] } }), memberDoc({ name: 'bob@example.com' })]);

    await world.clearRequests();
    const { code, plan } = await world.planJson(dir);
    expect(code).toBe(2);
    expect(actions(plan)).toEqual([
      'create workforce/default',
      'create team/labelers',
      'create member/ann@example.com',
      'create member/bob@example.com',
      'create membership/labelers/ann@example.com',
      'create membership/labelers/bob@example.com',
    ]);
    const workforce = plan.changes[0]!;
    expect(workforce.diff).toEqual(
      expect.arrayContaining([
        { path: 'userPool', after: poolId },
        { path: 'clientId', after: clientId },
        { path: 'userPool.customAttributes', after: 'custom:gtctl_project, custom:gtctl_invited' },
        { path: 'tags.gtctl:workforce', after: PROJECT },
      ]),
    );
    expect(workforce.reasons.join('\n')).toMatch(/custom attribute\(s\) custom:gtctl_project, custom:gtctl_invited .*record which users gtctl manages/);
    const human = await world.gtctl('plan', '-d', dir);
    expect(human.stdout).toContain('custom:gtctl_project');
    expect(human.stdout).toMatch(/user pool .* cannot be removed/);
    expect(writeCalls(await world.requests())).toEqual([]);

    await world.clearRequests();
    await world.apply(dir);
    expect(tally((await world.requests()).filter((e) => writeCalls([e]).length > 0 && e.status < 300))).toEqual({
      // gtctl's two attributes, and the tag that records the workforce's owner on the pool (A1).
      'cognito-idp.AddCustomAttributes': 2,
      'cognito-idp.TagResource': 1,
      'cognito-idp.AdminAddUserToGroup': 2,
      'cognito-idp.AdminCreateUser': 2,
      'cognito-idp.CreateGroup': 1,
      'sagemaker.CreateWorkforce': 1,
      'sagemaker.CreateWorkteam': 1,
    });
    expect((await describeWorkforce()).CognitoConfig).toEqual({ UserPool: poolId, ClientId: clientId });
    expect((await describeTeam('labelers')).MemberDefinitions).toEqual([{ CognitoMemberDefinition: { UserPool: poolId, UserGroup: 'labelers', ClientId: clientId } }]);
    expect(await world.groupMembers(poolId, 'labelers')).toEqual(['ann@example.com', 'bob@example.com']);
    expect((await world.users(poolId)).map((u) => `${u.email} ${u.managedBy}`)).toEqual([`ann@example.com ${PROJECT}`, `bob@example.com ${PROJECT}`]);
    // The pool's own invitation went out, not gtctl's.
    expect((await world.outbox()).map((m) => m.subject)).toEqual(['Welcome to our labeling crew', 'Welcome to our labeling crew']);

    const after = await snapshot(poolId, clientId);
    expect(after.client).toEqual(before.client);
    const { SchemaAttributes: schemaAfter, LastModifiedDate: _a, EstimatedNumberOfUsers: _n, UserPoolTags: tagsAfter, ...poolAfter } = after.pool;
    const { SchemaAttributes: schemaBefore, LastModifiedDate: _b, EstimatedNumberOfUsers: _m, UserPoolTags: tagsBefore, ...poolBefore } = before.pool;
    expect(poolAfter).toEqual(poolBefore);
    // The one tag that records the workforce's owner (a workforce takes none: A1), not the pool's ownership tag.
    expect(tagsAfter).toEqual({ ...tagsBefore, 'gtctl:workforce': PROJECT });
    expect(schemaAfter).toEqual([
      ...schemaBefore!,
      expect.objectContaining({ Name: 'custom:gtctl_project', AttributeDataType: 'String', Mutable: true }),
      expect.objectContaining({ Name: 'custom:gtctl_invited', AttributeDataType: 'String', Mutable: true }),
    ]);

    expect(await world.changes(dir)).toEqual([]);
  });

  it('blocks a pool id that does not exist, and a client or domain the pool lacks, with the reason and no write', async () => {
    const missing = await world.specs([projectDoc({ name: PROJECT }), existingWorkforce('us-east-1_Nope123', 'abc123')]);
    const { code, plan } = await world.planJson(missing);
    expect(code).toBe(1);
    expect(plan.changes.map((c) => [c.action, c.address, c.reasons])).toEqual([['blocked', 'workforce/default', ['user pool us-east-1_Nope123 does not exist in us-east-1']]]);
    await expectNoWrites(await world.gtctl('apply', '-d', missing, '--auto-approve'), 1);

    const { poolId, clientId } = await consolePool({ domain: false });
    const noDomain = await world.specs([projectDoc({ name: PROJECT }), existingWorkforce(poolId, clientId)]);
    const noClient = await world.specs([projectDoc({ name: PROJECT }), existingWorkforce(poolId, 'nosuchclient123')]);
    const secretless = (await world.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'no-secret' }))).UserPoolClient!.ClientId!;
    const noSecret = await world.specs([projectDoc({ name: PROJECT }), existingWorkforce(poolId, secretless)]);
    await world.clearRequests();
    expect((await planned(noDomain)).plan.changes.map((c) => [c.action, c.reasons])).toEqual([['blocked', [expect.stringContaining(`user pool ${poolId} has no domain`)]]]);
    expect((await planned(noClient)).plan.changes.map((c) => [c.action, c.reasons])).toEqual([['blocked', [`app client nosuchclient123 does not exist in user pool ${poolId}`]]]);
    expect((await planned(noSecret)).plan.changes.map((c) => [c.action, c.reasons])).toEqual([['blocked', [expect.stringContaining(`app client ${secretless} has no client secret, which Ground Truth needs`)]]]);
    expect(writeCalls(await world.requests())).toEqual([]);
  });

  it('refuses a pool of another Region at validate, before any AWS call', async () => {
    const dir = await world.specs([projectDoc({ name: PROJECT }), existingWorkforce('eu-west-1_AbC123', 'abc123')]);
    const run = await world.gtctl('validate', '-d', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error region-mismatch: user pool eu-west-1_AbC123 is in eu-west-1, but the project is in us-east-1/);
    expect(await world.requests()).toEqual([]);
  });
});

// --- source CIDRs and tags: in place ----------------------------------------------------------------------------

describe('a managed workforce changed in place', () => {
  it('adds source CIDRs with an update of just them, then removes them again', async () => {
    await world.arrange(base());
    const restricted = await world.specs([projectDoc({ name: PROJECT }), workforceDoc({ spec: { sourceIpCidrs: ['192.168.10.0/24', '10.0.0.0/16'] } })]);
    await world.clearRequests();
    const { code, plan } = await world.planJson(restricted);
    expect(code).toBe(2);
    expect(plan.changes).toEqual([
      expect.objectContaining({ address: 'workforce/default', action: 'update', diff: [{ path: 'sourceIpCidrs', before: [], after: ['10.0.0.0/16', '192.168.10.0/24'] }], reasons: ['allowed source CIDRs changed'] }),
    ]);
    await world.apply(restricted);
    expect(writeCalls(await world.requests())).toEqual(['sagemaker.UpdateWorkforce']);
    expect((await describeWorkforce()).SourceIpConfig?.Cidrs?.slice().sort()).toEqual(['10.0.0.0/16', '192.168.10.0/24']);
    expect(await world.changes(restricted)).toEqual([]);

    const open = await world.specs(base());
    const back = await planned(open);
    expect(back.plan.changes).toEqual([expect.objectContaining({ address: 'workforce/default', action: 'update', diff: [{ path: 'sourceIpCidrs', before: ['10.0.0.0/16', '192.168.10.0/24'], after: [] }] })]);
    await world.clearRequests();
    await world.apply(open);
    expect(writeCalls(await world.requests())).toEqual(['sagemaker.UpdateWorkforce']);
    expect((await describeWorkforce()).SourceIpConfig?.Cidrs ?? []).toEqual([]);
    expect(await world.changes(open)).toEqual([]);
  });

  it('updates tags alone: Project tags and Workforce tags added, then a Workforce tag removed', async () => {
    await world.arrange(base());
    const tagged = await world.specs([projectDoc({ name: PROJECT, spec: { tags: { cost: 'ml' } } }), workforceDoc({ spec: { tags: { tier: 'gold' } } })]);
    await world.clearRequests();
    const { plan } = await world.planJson(tagged);
    expect(plan.changes).toEqual([
      expect.objectContaining({
        address: 'workforce/default',
        action: 'update',
        diff: [
          { path: 'tags.cost', after: 'ml' },
          { path: 'tags.tier', after: 'gold' },
        ],
        reasons: ['tags changed'],
      }),
    ]);
    await world.apply(tagged);
    expect(writeCalls(await world.requests())).toEqual(['cognito-idp.TagResource']);
    expect(await workforceTags()).toEqual({ cost: 'ml', tier: 'gold', 'gtctl:project': PROJECT });

    const untiered = await world.specs([projectDoc({ name: PROJECT, spec: { tags: { cost: 'ml' } } }), workforceDoc()]);
    await world.clearRequests();
    await world.apply(untiered);
    expect(writeCalls(await world.requests()).sort()).toEqual(['cognito-idp.TagResource', 'cognito-idp.UntagResource']);
    expect(await workforceTags()).toEqual({ cost: 'ml', 'gtctl:project': PROJECT });
    expect(await world.changes(untiered)).toEqual([]);
  });
});

// --- what cannot change in place --------------------------------------------------------------------------------

describe('a Cognito change that cannot be made in place', () => {
  it('is blocked with the reason, and apply writes nothing: another pool, another domain, another pool name', async () => {
    await world.arrange([...base(), teamDoc()]);
    const managedPool = await world.poolId();
    const { poolId, clientId } = await consolePool();
    const moved = await world.specs([projectDoc({ name: PROJECT }), existingWorkforce(poolId, clientId), teamDoc()]);
    const renamed = await world.specs([projectDoc({ name: PROJECT }), workforceDoc({ spec: { cognito: { domain: 'another-portal' } } }), teamDoc()]);

    await world.clearRequests();
    const toPool = await world.planJson(moved);
    expect(toPool.code).toBe(1);
    const blocked = toPool.plan.changes.find((c) => c.address === 'workforce/default')!;
    expect(blocked.action).toBe('blocked');
    expect(blocked.reasons).toEqual([expect.stringMatching(new RegExp(`the workforce uses user pool ${managedPool} .*it cannot change in place: AWS needs the workforce deleted and created again`))]);
    expect(blocked.diff).toEqual([{ path: 'userPool', before: expect.stringContaining(managedPool), after: `${poolId}/${clientId}` }]);
    await expectNoWrites(await world.gtctl('apply', '-d', moved, '--auto-approve'), 1);

    const toDomain = await planned(renamed);
    expect(toDomain.plan.changes.map((c) => [c.action, c.address, c.reasons])).toEqual([
      ['blocked', 'workforce/default', [expect.stringContaining('the managed user pool\'s domain is "labeling-portal"')]],
    ]);
    const repooled = await world.specs([projectDoc({ name: PROJECT }), workforceDoc({ spec: { cognito: { poolName: 'workers' } } }), teamDoc()]);
    expect((await planned(repooled)).plan.changes.map((c) => [c.action, c.address, c.reasons])).toEqual([
      ['blocked', 'workforce/default', [`the managed user pool is named "gtctl-${PROJECT}"; a user pool cannot be renamed`]],
    ]);
    const apply = await world.gtctl('apply', '-d', renamed, '--auto-approve');
    expect(apply.stdout).toContain('! workforce/default');
    await expectNoWrites(apply, 1);
    expect((await describeWorkforce()).CognitoConfig?.UserPool).toBe(managedPool);
  });

  it('is blocked, too, for `managed` on a pool gtctl did not create (it would rewrite its invitation and client), and for another domain of an existing pool', async () => {
    const { poolId, clientId } = await consolePool();
    await world.arrange([projectDoc({ name: PROJECT }), existingWorkforce(poolId, clientId)]);
    const adopted = await world.specs([projectDoc({ name: PROJECT }), workforceDoc({ spec: { cognito: { domain: 'console-workers', poolName: 'console-workers' } } })]);
    await world.clearRequests();
    const { plan } = await planned(adopted);
    expect(plan.changes).toEqual([
      expect.objectContaining({
        address: 'workforce/default',
        action: 'blocked',
        diff: [{ path: 'userPool', before: poolId, after: 'managed' }],
        reasons: [expect.stringContaining(`the workforce uses user pool ${poolId} ("console-workers"), which gtctl does not manage`)],
      }),
    ]);
    const otherDomain = await world.specs([projectDoc({ name: PROJECT }), workforceDoc({ spec: { cognito: { userPool: poolId, clientId, domain: 'elsewhere' } } })]);
    expect((await planned(otherDomain)).plan.changes.map((c) => [c.action, c.diff, c.reasons])).toEqual([
      ['blocked', [{ path: 'domain', before: 'console-workers', after: 'elsewhere' }], [`user pool ${poolId} has the domain "console-workers"; gtctl does not change the domain of a pool it does not manage`]],
    ]);
    expect(writeCalls(await world.requests())).toEqual([]);
  });
});

// --- OIDC -------------------------------------------------------------------------------------------------------

const OIDC = {
  clientId: 'gt-portal',
  clientSecretEnv: SECRET_ENV,
  issuer: 'https://idp.example.com',
  authorizationEndpoint: 'https://idp.example.com/authorize',
  tokenEndpoint: 'https://idp.example.com/token',
  userInfoEndpoint: 'https://idp.example.com/userinfo',
  logoutEndpoint: 'https://idp.example.com/logout',
  jwksUri: 'https://idp.example.com/.well-known/jwks.json',
  scope: 'openid profile',
};

const oidcWorkforce = (oidc: Record<string, unknown> = {}): SpecDoc => workforceDoc({ spec: { cognito: undefined, oidc: { ...OIDC, ...oidc } } });

/** The same OidcConfig as DescribeWorkforce shows it: everything but the secret. */
const OIDC_CONFIG = {
  ClientId: 'gt-portal',
  Issuer: 'https://idp.example.com',
  AuthorizationEndpoint: 'https://idp.example.com/authorize',
  TokenEndpoint: 'https://idp.example.com/token',
  UserInfoEndpoint: 'https://idp.example.com/userinfo',
  LogoutEndpoint: 'https://idp.example.com/logout',
  JwksUri: 'https://idp.example.com/.well-known/jwks.json',
  Scope: 'openid profile',
};

/** The client secret the sandbox keeps (it never shows it in DescribeWorkforce). */
async function storedSecret(): Promise<unknown> {
  return (await world.state()).sagemaker.regions[REGION]?.workforces['default']?.oidc?.['ClientSecret'];
}

const withSecret = (secret = SECRET) => ({ [SECRET_ENV]: secret });

/** `world.arrange` with the secret in the apply's environment (and not in this process's). */
async function arrangeOidc(docs: SpecDoc[]): Promise<void> {
  const { plan, ports } = await planned(await world.specs(docs));
  expect((await applyPlan(plan, ports, silentReporter(), withSecret())).counts).toEqual({ done: plan.changes.length, failed: 0, skipped: 0, deferred: 0 });
}

describe('an OIDC workforce', () => {
  world.secret(SECRET);
  world.secret(ROTATED);

  it('is created with the secret from the environment, its teams from groups, and no Cognito call for teams or members', async () => {
    const dir = await world.specs([
      projectDoc({ name: PROJECT }),
      oidcWorkforce(),
      teamDoc({ spec: { oidcGroups: ['annotators', 'reviewers'], members: ['ann@example.com'] } }),
      teamDoc({ name: 'vendors', spec: { members: [] } }),
      memberDoc({ name: 'bob@example.com', spec: { teams: ['labelers'], displayName: 'Bob' } }),
    ]);
    const { code, plan } = await world.planJson(dir);
    expect(code).toBe(2);
    expect(actions(plan)).toEqual(['create workforce/default', 'create team/labelers', 'create team/vendors']);
    expect(plan.changes[0]!.reasons).toEqual(['create the workforce', `the OIDC client secret is read from the environment variable ${SECRET_ENV} when applied`]);
    expect(plan.changes[1]!.diff).toContainEqual({ path: 'oidcGroups', after: ['annotators', 'reviewers'] });

    await world.clearRequests();
    const apply = await world.gtctlWith(withSecret(), 'apply', '-d', dir, '--auto-approve');
    expect(apply.code, apply.stderr).toBe(0);
    const log = await world.requests();
    expect(log.filter((e) => e.service === 'cognito-idp')).toEqual([]);
    expect(tally(log.filter((e) => writeCalls([e]).length > 0 && e.status < 300))).toEqual({ 'sagemaker.CreateWorkforce': 1, 'sagemaker.CreateWorkteam': 2 });

    const workforce = await describeWorkforce();
    expect(workforce.OidcConfig).toEqual(OIDC_CONFIG);
    expect(workforce.CognitoConfig).toBeUndefined();
    expect(await storedSecret()).toBe(SECRET);
    expect((await describeTeam('labelers')).MemberDefinitions).toEqual([{ OidcMemberDefinition: { Groups: ['annotators', 'reviewers'] } }]);
    expect((await describeTeam('vendors')).MemberDefinitions).toEqual([{ OidcMemberDefinition: { Groups: ['vendors'] } }]);

    await world.clearRequests();
    expect(await world.changes(dir)).toEqual([]);
    expect((await world.requests()).filter((e) => e.service === 'cognito-idp')).toEqual([]);
  });

  it('updates its settings (and CIDRs, in one call) while it has no team, with the secret read again at apply', async () => {
    await arrangeOidc([projectDoc({ name: PROJECT }), oidcWorkforce()]);
    const dir = await world.specs([projectDoc({ name: PROJECT }), workforceDoc({ spec: { cognito: undefined, oidc: { ...OIDC, issuer: 'https://login.example.org', scope: undefined }, sourceIpCidrs: ['10.0.0.0/8'] } })]);
    await world.clearRequests();
    const { plan, ports } = await planned(dir);
    expect(plan.changes).toEqual([
      expect.objectContaining({
        address: 'workforce/default',
        action: 'update',
        diff: [
          { path: 'sourceIpCidrs', before: [], after: ['10.0.0.0/8'] },
          { path: 'oidc.issuer', before: 'https://idp.example.com', after: 'https://login.example.org' },
          { path: 'oidc.scope', before: 'openid profile' },
        ],
        reasons: ['allowed source CIDRs changed', `OIDC settings changed; the OIDC client secret is read from the environment variable ${SECRET_ENV} when applied`],
      }),
    ]);
    // Without the secret nothing is sent, not even the CIDRs.
    expect((await applyPlan(plan, ports, silentReporter(), {})).counts).toEqual({ done: 0, failed: 1, skipped: 0, deferred: 0 });
    expect(writeCalls(await world.requests())).toEqual([]);
    // A saved plan holds the variable's name, never its value: apply reads the value when it runs.
    const saved = path.join(dir, 'oidc.plan.json');
    expect((await world.gtctl('plan', '-d', dir, '--out', saved)).code).toBe(0);
    expect(await readFile(saved, 'utf8')).toContain(`"clientSecretEnv": "${SECRET_ENV}"`);
    const apply = await world.gtctlWith(withSecret(ROTATED), 'apply', saved);
    expect(apply.code, apply.stderr).toBe(0);
    expect(writeCalls(await world.requests())).toEqual(['sagemaker.UpdateWorkforce']);
    const { Scope: _scope, ...unscoped } = OIDC_CONFIG;
    expect((await describeWorkforce()).OidcConfig).toEqual({ ...unscoped, Issuer: 'https://login.example.org' });
    expect((await describeWorkforce()).SourceIpConfig?.Cidrs).toEqual(['10.0.0.0/8']);
    expect(await storedSecret()).toBe(ROTATED);
    expect(await world.changes(dir)).toEqual([]);
  });

  it('blocks an OIDC change once a team exists (AWS allows it only without teams), writing nothing', async () => {
    await arrangeOidc([projectDoc({ name: PROJECT }), oidcWorkforce(), teamDoc()]);
    const dir = await world.specs([projectDoc({ name: PROJECT }), oidcWorkforce({ issuer: 'https://login.example.org' }), teamDoc()]);
    await world.clearRequests();
    const { code, plan } = await world.planJson(dir);
    expect(code).toBe(1);
    expect(plan.changes).toEqual([
      expect.objectContaining({
        address: 'workforce/default',
        action: 'blocked',
        diff: [{ path: 'oidc.issuer', before: 'https://idp.example.com', after: 'https://login.example.org' }],
        reasons: [expect.stringContaining('OIDC settings can change only while the workforce has no work teams')],
      }),
    ]);
    await expectNoWrites(await world.gtctlWith(withSecret(), 'apply', '-d', dir, '--auto-approve'), 1);
    expect((await describeWorkforce()).OidcConfig?.Issuer).toBe('https://idp.example.com');
  });

  it('fails the workforce change when the secret variable is unset, naming the variable, and skips its teams', async () => {
    const dir = await world.specs([projectDoc({ name: PROJECT }), oidcWorkforce(), teamDoc()]);
    await world.clearRequests();
    const apply = await world.gtctlWith({ [SECRET_ENV]: undefined }, 'apply', '-d', dir, '--auto-approve');
    expect(apply.code).toBe(1);
    expect(`${apply.stdout}\n${apply.stderr}`).toContain(`environment variable ${SECRET_ENV} (the OIDC client secret) is not set`);
    expect(apply.stdout).toContain(`hint: Set ${SECRET_ENV} in the environment gtctl runs in`);
    expect(apply.stdout).toMatch(/0 done, 1 failed, 1 skipped/);
    expect(writeCalls(await world.requests())).toEqual([]);
    // An empty variable is no secret either.
    const { plan, ports } = await planned(dir);
    expect((await applyPlan(plan, ports, silentReporter(), { [SECRET_ENV]: '' })).counts).toEqual({ done: 0, failed: 1, skipped: 1, deferred: 0 });
    expect(writeCalls(await world.requests())).toEqual([]);
  });
});
