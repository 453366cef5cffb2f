// The conformance scenarios: the real CLI end to end against a target (targets.ts), each outcome checked through the
// SDK on the target's own Cognito and S3, not through gtctl. They run in order on one account, each from where the
// one before left it: the seed scenario, workers labeling its job, a membership change, a team removal, bucket
// settings drift, a stale plan and an import round trip.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CognitoIdentityProviderClient, GetGroupCommand, ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DeleteBucketCorsCommand, GetBucketCorsCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeWorkteamCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REGION, type Target } from '../targets.js';
import { gtctl, sandboxRoute, seedSpecs, type Run } from './gtctl.js';

const JOB = 'text-analysis-job-creation';
const TEAM = 'Image-Classification-Testing-Team';
const BUCKET = 'custom-sagemaker-bucket-s3-feature-engineering123';

const ok = (run: Run, code = 0) => expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(code);

/** Registers the scenarios (vitest `it`s, in order) against the target `target()` answers once started. */
export function scenarios(target: () => Target): void {
  let dir: string;
  let work: string;
  let cognito: CognitoIdentityProviderClient;
  let s3: S3Client;
  let sageMaker: SageMakerClient;
  const run = (...args: string[]) => gtctl(target(), work, ...args);
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

  beforeAll(() => {
    dir = seedSpecs(target());
    work = mkdtempSync(path.join(tmpdir(), 'gtctl-conformance-work-'));
    const config = { region: REGION, credentials, endpoint: target().endpoint };
    cognito = new CognitoIdentityProviderClient(config);
    s3 = new S3Client({ ...config, forcePathStyle: true });
    sageMaker = new SageMakerClient({ region: REGION, credentials, endpoint: target().sageMakerUrl });
  });
  afterAll(() => {
    for (const client of [cognito, s3, sageMaker]) client?.destroy();
    for (const folder of [dir, work]) if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** The team's Cognito pool and group, as SageMaker records them. */
  const teamGroup = async (team: string) => {
    const { Workteam } = await sageMaker.send(new DescribeWorkteamCommand({ WorkteamName: team }));
    const member = Workteam!.MemberDefinitions![0]!.CognitoMemberDefinition!;
    return { pool: member.UserPool!, group: member.UserGroup! };
  };
  const groupEmails = async (team: string) => {
    const { pool, group } = await teamGroup(team);
    const { Users = [] } = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: group }));
    return Users.map((u) => u.Attributes?.find((a) => a.Name === 'email')?.Value).sort();
  };
  const writeSpec = (file: string, text: string) => writeFileSync(path.join(dir, file), text);
  const team = (name: string, members: string[]) =>
    `apiVersion: gtctl/v1\nkind: Team\nmetadata:\n  name: ${name}\nspec:\n  description: Workers who classify numbers as odd or even\n  members:\n${members.map((m) => `    - ${m}\n`).join('')}`;

  it('the seed scenario (specs/even-odd) applies in one go, and the next plan is empty', async () => {
    ok(await run('validate', '-d', dir));
    ok(await run('apply', '-d', dir, '--auto-approve'));
    ok(await run('plan', '-d', dir, '--detailed-exitcode'));
    expect(await groupEmails(TEAM)).toEqual(['user1@gmail.com', 'user2@gmail.com', 'user3@gmail.com']);
  });

  it("sandbox workers label the job: its output manifest lands in the target's S3, and gtctl results reads it", async () => {
    // The job starts once Ground Truth is ready: the sandbox's clock moves on instead of waiting.
    await sandboxRoute(target(), 'clock', { advanceMs: 60_000 });
    const answers = [
      ['user1@gmail.com', 0, 'Even Number'],
      ['user2@gmail.com', 1, 'Odd Number'],
      ['user3@gmail.com', 2, 'Odd Number'],
    ] as const;
    for (const [email, object, label] of answers) {
      const file = path.join(work, `${email}.json`);
      writeFileSync(file, JSON.stringify([{ object, label }]));
      ok(await run('sandbox', 'label', '--endpoint', target().sageMakerUrl, '--job', JOB, '--as', email, '--answers', file));
    }
    const manifest = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `Output/${JOB}/manifests/output/output.manifest` }));
    const lines = (await manifest.Body!.transformToString()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => (l[`${JOB}-metadata`] as { 'class-name': string })['class-name'])).toEqual(['Even Number', 'Odd Number', 'Odd Number']);
    const results = await run('results', JOB, '-d', dir, '--json');
    ok(results);
    expect(results.stdout).toContain('Even Number');
    ok(await run('plan', '-d', dir, '--detailed-exitcode'));
  });

  it('a membership change: one member leaves the team, one joins', async () => {
    writeSpec('team.yaml', team(TEAM, ['user1@gmail.com', 'user2@gmail.com', 'user4@gmail.com']));
    const plan = await run('plan', '-d', dir, '--detailed-exitcode');
    ok(plan, 2);
    expect(plan.stdout).toMatch(/membership\/Image-Classification-Testing-Team\/user3@gmail\.com/);
    ok(await run('apply', '-d', dir, '--auto-approve'));
    expect(await groupEmails(TEAM)).toEqual(['user1@gmail.com', 'user2@gmail.com', 'user4@gmail.com']);
    ok(await run('plan', '-d', dir, '--detailed-exitcode'));
  });

  it('a team removal: the work team and its Cognito group go', async () => {
    writeSpec('reviewers.yaml', team('reviewers', ['user1@gmail.com']));
    ok(await run('apply', '-d', dir, '--auto-approve'));
    const { pool, group } = await teamGroup('reviewers');
    rmSync(path.join(dir, 'reviewers.yaml'));
    ok(await run('apply', '-d', dir, '--auto-approve'));
    await expect(sageMaker.send(new DescribeWorkteamCommand({ WorkteamName: 'reviewers' }))).rejects.toThrow();
    await expect(cognito.send(new GetGroupCommand({ UserPoolId: pool, GroupName: group }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    ok(await run('plan', '-d', dir, '--detailed-exitcode'));
  });

  it("bucket settings drift (CORS deleted behind gtctl's back) is planned and repaired", async () => {
    await s3.send(new DeleteBucketCorsCommand({ Bucket: BUCKET }));
    const plan = await run('plan', '-d', dir, '--detailed-exitcode');
    ok(plan, 2);
    expect(plan.stdout).toMatch(/bucket\/custom-sagemaker-bucket-s3-feature-engineering123/);
    ok(await run('apply', '-d', dir, '--auto-approve'));
    expect((await s3.send(new GetBucketCorsCommand({ Bucket: BUCKET }))).CORSRules?.length).toBeGreaterThan(0);
    ok(await run('plan', '-d', dir, '--detailed-exitcode'));
  });

  it('a saved plan refuses to apply once the live state it read has moved (stale-plan, nothing changed)', async () => {
    writeSpec('team.yaml', team(TEAM, ['user1@gmail.com', 'user2@gmail.com']));
    const planFile = path.join(work, 'plan.json');
    ok(await run('plan', '-d', dir, '--out', planFile, '--detailed-exitcode'), 2);
    await s3.send(new DeleteBucketCorsCommand({ Bucket: BUCKET }));
    const stale = await run('apply', planFile, '--auto-approve');
    ok(stale, 1);
    expect(stale.stderr).toMatch(/stale-plan/);
    expect(await groupEmails(TEAM)).toEqual(['user1@gmail.com', 'user2@gmail.com', 'user4@gmail.com']);
    ok(await run('apply', '-d', dir, '--auto-approve'));
    ok(await run('plan', '-d', dir, '--detailed-exitcode'));
  });

  it('an import round trip: the specs gtctl import writes plan no changes', async () => {
    const imported = path.join(work, 'imported');
    ok(await run('import', '--out', imported, '--project', 'techblogger-labeling', '--region', REGION));
    ok(await run('plan', '-d', imported, '--detailed-exitcode'));
  });
}
