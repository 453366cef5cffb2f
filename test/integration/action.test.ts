// The GitHub Action driven as GitHub runs it (test/helpers/action.ts): the committed bundle in a child process with
// INPUT_* variables, a real event payload, summary and output files, a fake GitHub REST API and the sandbox as AWS.
// Pull-request plans (one sticky comment, masked e-mails, GitHub's size limit), apply on push, drift, and failures.
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AdminAddUserToGroupCommand, AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { PutBucketCorsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actionsFor, OPERATIONS } from '../../src/core/iam-policy.js';
import { pullRequest, push, runAction, schedule, type ActionEvent, type ActionRun } from '../helpers/action.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { base, useSandbox } from '../helpers/gtctl.js';
import { bucketDoc, teamDoc, type SpecDoc } from '../helpers/specs.js';

const world = useSandbox({ quotas: { scale: 20 } });
let github: FakeGitHub;

beforeAll(async () => {
  github = await startFakeGitHub();
});
afterAll(async () => {
  await github?.close();
});
beforeEach(() => {
  github.calls.length = 0;
  github.comments.length = 0;
  github.issues.length = 0;
  github.denyWrites(undefined);
  for (const branch of Object.keys(github.branches)) delete github.branches[branch];
});

/** Writes the tree and runs the Action on it: the workspace is the tree's parent, `directory` its name. */
async function action(tree: string, event: ActionEvent, inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({ cwd: path.dirname(tree), inputs: { directory: path.basename(tree), ...inputs }, event, awsEndpoint: world.url, apiUrl: github.url });
}

const team = (members: string[]): SpecDoc => teamDoc({ spec: { members } });
const marker = (tree: string) => `<!-- gtctl:plan:${path.basename(tree)} -->`;

/** Every AWS call the sandbox saw is one the IAM policy for `mode` permits (what `gtctl iam-policy` prints). */
async function expectPermitted(mode: 'plan' | 'apply'): Promise<void> {
  const granted = new Set([...actionsFor(mode).values()].flat());
  for (const { service, operation } of await world.requests()) {
    const op = OPERATIONS[service as keyof typeof OPERATIONS]?.[operation];
    expect(op, `${service}.${operation} is in the IAM table`).toBeDefined();
    for (const action of op!.actions) expect(granted.has(action), `${service}.${operation} needs ${action} in the ${mode} policy`).toBe(true);
  }
}

describe('command: plan on a pull request', () => {
  it('writes the job summary and outputs, and keeps one masked comment per directory, updated on every push', async () => {
    const first = await world.specs([...base(), team(['ann@example.com', 'bob@example.com'])]);
    github.seedComments(7, 120); // the sticky comment is searched for past GitHub's first pages of comments

    const run = await action(first, pullRequest(7), { command: 'plan' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ 'has-changes': 'true', 'exit-code': '2' });
    const planJson = JSON.parse(await readFile(run.outputs['plan-json']!, 'utf8')) as { summary: Record<string, number> };
    expect(planJson.summary).toMatchObject({ create: 6 });
    // The job summary has the whole plan, e-mails in full; the comment masks them.
    expect(run.summary).toContain('**Plan: 6 to create, 0 to update, 0 to delete, 0 to stop, 0 blocked; 0 unchanged.**');
    expect(run.summary).toContain('+ ann@example.com');
    const ours = github.comments.filter((c) => c.body.includes(marker(first)));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toContain('+ a***@example.com');
    expect(ours[0]!.body).toContain('<b>team labelers</b>: 2 added');
    expect(ours[0]!.body).not.toContain('ann@example.com');
    expect(run.stdout).not.toContain('ann@example.com');
    await expectPermitted('plan');

    // The next push to the pull request adds carol: the same comment is rewritten, no second one appears.
    await cp(await world.specs([...base(), team(['ann@example.com', 'bob@example.com', 'carol@example.com'])]), first, { recursive: true });
    const again = await action(first, pullRequest(7, 'b'.repeat(40)), { command: 'plan' });
    expect(again.code).toBe(0);
    expect(github.writes()).toEqual(['POST /issues/7/comments', `PATCH /issues/comments/${ours[0]!.id}`]);
    const after = github.comments.filter((c) => c.body.includes(marker(first)));
    expect(after).toHaveLength(1);
    expect(after[0]!.body).toContain('+ c***@example.com');
    expect(after[0]!.body).toContain('`bbbbbbbbbbbb`');
  });

  it('mask-emails: false shows e-mails in full; a token that may not comment is a warning, not a failure', async () => {
    const tree = await world.specs([...base(), team(['ann@example.com'])]);
    const run = await action(tree, pullRequest(8), { command: 'plan', 'mask-emails': 'false' });
    expect(run.code).toBe(0);
    expect(github.comments[0]!.body).toContain('+ ann@example.com');
    expect(github.comments[0]!.body).not.toContain('a***@example.com');

    github.denyWrites(403); // a pull request from a fork: the token is read-only
    const fork = await action(tree, pullRequest(9), { command: 'plan' });
    expect(fork.code).toBe(0);
    expect(fork.stdout).toMatch(/::warning::Could not comment on pull request #9 \(HTTP 403/);
    expect(fork.outputs['exit-code']).toBe('2');
  });

  it('a plan too large for one comment stays under GitHub limit and points to the job summary', async () => {
    const members = Array.from({ length: 2500 }, (_, i) => `worker-${String(i).padStart(4, '0')}@example.com`);
    const tree = await world.specs([...base(), team(members)]);
    const run = await action(tree, pullRequest(10), { command: 'plan' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const body = github.comments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(/> [\d,]+ more changes are not shown: a comment is limited to 65,536 characters\. The whole plan is in the \[job summary\]\(https:\/\/github\.com\/acme\/labeling-specs\/actions\/runs\/4242\)/);
    expect(body.indexOf('+ workforce/default')).toBeGreaterThan(0);
    // Fences and <details> are closed whatever was cut.
    expect((body.match(/^```/gm) ?? []).length % 2).toBe(0);
    expect((body.match(/<details/g) ?? []).length).toBe((body.match(/<\/details>/g) ?? []).length);
    expect(run.summary).toContain('+ worker-2499@example.com');
  });

  it('invalid specs fail the job with a readable message and annotations, and the comment says the plan failed', async () => {
    const tree = await world.specs([...base(), teamDoc({ name: 'Bad Team!' })]);
    const run = await action(tree, pullRequest(11), { command: 'plan' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::invalid-specs: the specs have 1 error\(s\); nothing was changed/m);
    expect(run.stdout).toMatch(/^::error title=gtctl invalid-format,file=.*2\.yaml,line=\d+,col=\d+::invalid-format: metadata\.name/m);
    expect(run.outputs['exit-code']).toBe('1');
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain(`### gtctl plan for \`${path.basename(tree)}\` failed`);
    expect(github.comments[0]!.body).toContain('invalid-format');
    expect(run.summary).toContain('failed');
  });
});

describe('command: apply on push', () => {
  it('applies the merged specs with auto-approve, reports to the job summary, comments nowhere', async () => {
    const tree = await world.specs([...base(), team(['ann@example.com', 'bob@example.com'])]);
    await world.clearRequests();
    github.branches.main = 'c'.repeat(40);
    const run = await action(tree, push('c'.repeat(40)), { command: 'apply' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ 'has-changes': 'true', 'exit-code': '0' });
    expect(run.summary).toContain('**Apply complete: 6 changes applied.**');
    expect(await world.changes(tree)).toEqual([]);
    expect(github.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /repos/acme/labeling-specs/branches/main']);
    await expectPermitted('apply');
  });

  it('refuses a re-run of an older push: the branch has moved on, and applying it would undo newer merges', async () => {
    const tree = await world.specs([...base(), team(['ann@example.com'])]);
    github.branches.main = 'd'.repeat(40);
    const run = await action(tree, push('c'.repeat(40)), { command: 'apply' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::nothing was applied: main is at dddddddddddd now, not cccccccccccc; applying this older commit would undo what was merged since/m);
    expect(await world.teamNames()).toEqual([]);
  });

  it('fails the job when a change fails, naming it', async () => {
    const tree = await world.specs([...base(), team(['ann@example.com'])]);
    await world.faults([{ operation: 'CreateWorkteam', failRate: 1 }]);
    const run = await action(tree, push(), { command: 'apply' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::apply failed: 1 of 4 changes failed and 1 was skipped; first: team\/labelers: aws-error \(InternalFailure\): /m);
    expect(run.summary).toContain('> [!CAUTION]');
    expect(run.summary).toContain('`team/labelers`');
  });
});

describe('command: drift (scheduled)', () => {
  it('fails naming what drifted; with drift-issue, keeps one issue up to date and closes it once resolved', async () => {
    const docs = [...base(), team(['ann@example.com']), bucketDoc()];
    const tree = await world.arrange(docs);
    const clean = await action(tree, schedule(), { command: 'drift' });
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.outputs).toMatchObject({ 'has-changes': 'false', 'exit-code': '0' });

    // Out of band: someone adds a user to the team in the console, and loosens the bucket's CORS.
    const pool = await world.poolId();
    await world.cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'eve@example.com', UserAttributes: [{ Name: 'email', Value: 'eve@example.com' }], MessageAction: 'SUPPRESS' }));
    await world.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: 'eve@example.com', GroupName: 'labelers' }));
    await world.s3.send(new PutBucketCorsCommand({ Bucket: 'gtctl-data', CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET', 'PUT'], AllowedOrigins: ['*'] }] } }));

    const failed = await action(tree, schedule(), { command: 'drift' });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^::error::live state differs from the specs in tree-\d+: bucket gtctl-data: cors drifted; 1 user added to team labelers outside gtctl$/m);
    expect(failed.outputs).toMatchObject({ 'has-changes': 'true', 'exit-code': '2' });
    expect(failed.summary).toContain('- bucket gtctl-data: cors drifted');

    const opened = await action(tree, schedule(), { command: 'drift', 'drift-issue': 'true' });
    expect(opened.code).toBe(0);
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]!.body).toContain(`<!-- gtctl:drift:${path.basename(tree)} -->`);
    expect(github.issues[0]!.body).toContain('- 1 user added to team labelers outside gtctl');
    expect(github.issues[0]!.body).toContain('e***@example.com');
    expect(github.issues[0]!.body).not.toContain('eve@example.com');

    const updated = await action(tree, schedule(), { command: 'drift', 'drift-issue': 'true' });
    expect(updated.code).toBe(0);
    expect(github.issues).toHaveLength(1);
    expect(github.writes()).toEqual(['POST /issues', `PATCH /issues/${github.issues[0]!.number}`]);

    await world.apply(tree);
    const resolved = await action(tree, schedule(), { command: 'drift', 'drift-issue': 'true' });
    expect(resolved.code).toBe(0);
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]!.state).toBe('closed');
    expect(github.issues[0]!.body).toContain('Live state matches the specs again');
  });
});
