// The open questions of aws-evidence §5, asked of the target and printed with their answers. Against AWS (the `aws`
// target) this is the suite's first job: the answers settle the unknowns the sandbox plays as variants. Against the
// sandbox the same probes run, so that the code is exercised here and the sandbox's current variant values are on
// record. (Question 4, RESEND and UserLastModifiedDate, is asked by the differential cases K01-K04.) Everything is
// made under the run prefix and deleted again; a Region that already has a private workforce is only read, never
// changed, apart from a prefixed tag that is removed again.
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolDomainCommand,
  DeleteGroupCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  AddTagsCommand,
  CreateWorkforceCommand,
  CreateWorkteamCommand,
  DeleteTagsCommand,
  DeleteWorkforceCommand,
  DeleteWorkteamCommand,
  DescribeWorkforceCommand,
  ListTagsCommand,
  ListWorkforcesCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { emailPool, portalClient } from '../differential/fixtures.js';
import { attempt, conformanceEnv, type Clients, type Failure } from '../differential/harness.js';
import { S3Client } from '@aws-sdk/client-s3';
import { IAMClient } from '@aws-sdk/client-iam';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';

const env = conformanceEnv();
const answered: Array<{ question: string; answer: unknown }> = [];

function answer(question: string, value: unknown): void {
  answered.push({ question, answer: value });
  if (env.answers) appendFileSync(env.answers, `${JSON.stringify({ kind: 'probe', question, answer: value, targetKind: env.target })}\n`);
}

const summary = (result: { ok: unknown } | Failure) => ('ok' in result ? 'accepted' : `${result.error} (${result.status})`);

// moto serves no SageMaker, and over moto the SageMaker is a sandbox's: nothing there to ask.
describe.runIf(env.target === 'sandbox' || env.target === 'aws')(`aws-evidence §5 questions, asked of ${env.target}`, () => {
  let sandbox: Sandbox | undefined;
  let c: Clients;
  let sm: SageMakerClient;
  const undo: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    sandbox = env.target === 'sandbox' ? await startSandbox({ quotas: { enabled: false } }) : undefined;
    const config = { region: env.region, maxAttempts: 3, ...(sandbox && { endpoint: sandbox.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }) };
    c = { side: 'target', kind: env.target, region: env.region, cognito: new CognitoIdentityProviderClient(config), s3: new S3Client(config), sts: new STSClient(config), sns: new SNSClient(config), iam: new IAMClient(config) };
    sm = new SageMakerClient(config);
  });
  afterAll(async () => {
    for (const step of undo.reverse()) await step().catch((error: unknown) => console.warn(`cleanup: ${String(error)}`));
    for (const client of [c.cognito, c.s3, c.sts, c.sns, c.iam, sm]) client.destroy();
    await sandbox?.close();
    console.log(`aws-evidence §5 on ${env.target}:\n${answered.map((a) => `  ${a.question}: ${JSON.stringify(a.answer)}`).join('\n')}`);
  });

  it('1 and 3: workforce tags, and what SageMaker writes into the app client', async () => {
    const name = (role: string) => `${env.prefix}-${role}`.slice(0, 40);
    const scope = { name, email: (role: string) => `${name(role)}@example.com`, defer: (step: () => Promise<unknown>) => void undo.push(step) };
    const existing = (await sm.send(new ListWorkforcesCommand({}))).Workforces?.find((w) => w.CognitoConfig || w.OidcConfig);
    if (existing) {
      // Only read, and one prefixed tag added and removed: the account's workforce is not ours.
      answer('1. ListTags on a workforce ARN', summary(await attempt(() => sm.send(new ListTagsCommand({ ResourceArn: existing.WorkforceArn! })))));
      const key = `${env.prefix}-probe`;
      const added = await attempt(() => sm.send(new AddTagsCommand({ ResourceArn: existing.WorkforceArn!, Tags: [{ Key: key, Value: '1' }] })));
      if ('ok' in added) undo.push(() => sm.send(new DeleteTagsCommand({ ResourceArn: existing.WorkforceArn!, TagKeys: [key] })));
      answer('1. AddTags on a workforce ARN', summary(added));
      answer('1. CreateWorkforce with Tags', `not asked: the Region already has workforce ${existing.WorkforceName}`);
      answer('3. the app client after CreateWorkforce/CreateWorkteam', 'not asked: it needs a workforce of our own');
      return;
    }
    const pool = await emailPool(c, scope);
    const clientId = await portalClient(c, pool);
    // A new domain "might take up to one minute" (E4): CreateWorkforce is asked once it is ACTIVE, so that its
    // answer is about the tags. (deletePool removes the domain too; this covers a failure before then.)
    await c.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: name('portal') }));
    undo.push(() => c.cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool, Domain: name('portal') })).catch(() => undefined));
    for (let tries = 0; tries < 40; tries++) {
      const { DomainDescription } = await c.cognito.send(new DescribeUserPoolDomainCommand({ Domain: name('portal') }));
      if (DomainDescription?.Status !== 'CREATING') break;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
    const clientNow = async () => (await c.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: pool, ClientId: clientId }))).UserPoolClient;
    const urls = (client: Awaited<ReturnType<typeof clientNow>>) => ({ callbacks: client?.CallbackURLs, logout: client?.LogoutURLs, flows: client?.AllowedOAuthFlows, scopes: client?.AllowedOAuthScopes });
    const workforceName = name('wf');
    const create = (tags: boolean) => attempt(() => sm.send(new CreateWorkforceCommand({ WorkforceName: workforceName, CognitoConfig: { UserPool: pool, ClientId: clientId }, ...(tags && { Tags: [{ Key: 'gtctl:probe', Value: '1' }] }) })));
    let created = await create(true);
    answer('1. CreateWorkforce with Tags', summary(created));
    for (let tries = 0; !('ok' in created) && tries < 40; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      created = await create(false);
    }
    if (!('ok' in created)) return answer('3. the app client after CreateWorkforce', `not asked: CreateWorkforce failed: ${summary(created)}`);
    undo.push(() => sm.send(new DeleteWorkforceCommand({ WorkforceName: workforceName })));
    answer('1. ListTags on a workforce ARN', summary(await attempt(() => sm.send(new ListTagsCommand({ ResourceArn: (created as { ok: { WorkforceArn?: string } }).ok.WorkforceArn! })))));
    answer('3. the app client right after CreateWorkforce', urls(await clientNow()));
    const { Workforce } = await sm.send(new DescribeWorkforceCommand({ WorkforceName: workforceName }));
    answer('3. the workforce portal', Workforce?.SubDomain);
    const group = name('group');
    await c.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: group }));
    undo.push(() => c.cognito.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: group })));
    const team = name('team');
    let teamMade = await attempt(() => sm.send(new CreateWorkteamCommand({ WorkteamName: team, Description: 'gtctl conformance probe', MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: pool, ClientId: clientId, UserGroup: group } }] })));
    // A new group and a workforce still Initializing are not usable at once (E2, E5): Terraform retries 2 minutes.
    for (let tries = 0; !('ok' in teamMade) && tries < 40; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      teamMade = await attempt(() => sm.send(new CreateWorkteamCommand({ WorkteamName: team, Description: 'gtctl conformance probe', MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: pool, ClientId: clientId, UserGroup: group } }] })));
    }
    if ('ok' in teamMade) {
      undo.push(() => sm.send(new DeleteWorkteamCommand({ WorkteamName: team })));
      answer('3. the app client right after CreateWorkteam', urls(await clientNow()));
    } else answer('3. the app client after CreateWorkteam', `not asked: CreateWorkteam failed: ${summary(teamMade)}`);
  });

  it('2 and 5: a tagged job, and UpdateWorkteam with an empty NotificationConfiguration', () => {
    // A job's name is burnt for good and a team topic needs SNS: both are left to a person (README, "Conformance").
    answer('2. DescribeLabelingJob Tags, ARN case', 'not asked: it burns a job name; see README "Conformance" for the by-hand check');
    answer('5. UpdateWorkteam NotificationConfiguration: {}', 'not asked: it needs an SNS topic; see README "Conformance" for the by-hand check');
  });
});
