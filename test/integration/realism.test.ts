// gtctl on a sandbox as rough as AWS (design §6.1, ../shared/reference/aws-evidence.md): consistency windows,
// conflicting bucket writes, domains CREATING, groups and roles SageMaker does not see yet, SageMaker writing the app
// client, undelivered e-mails, and the default sender's 50 e-mails a day. Every scenario converges in one apply with
// zero failed changes, under every value of every variant, and the next plan is empty.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import { VARIANTS } from '../../src/sandbox/index.js';
import { DEFAULT_CODE_DELIVERY_FAILURE_RATE } from '../../src/sandbox/realism.js';
import { PROJECT, ROOT, useSandbox } from '../helpers/gtctl.js';
import { bucketDoc, jobDoc, memberDoc, projectDoc, teamDoc, workforceDoc, ROLE_ARN, type SpecDoc } from '../helpers/specs.js';

const world = useSandbox();
const DAY_MS = 86_400_000;
// The sandbox's own defaults, undelivered invitations (A6) included, which the other test files leave out.
beforeEach(() => world.realism({ codeDeliveryFailureRate: DEFAULT_CODE_DELIVERY_FAILURE_RATE }));

/** Everything gtctl makes, made at once: workforce, team, members, a versioned bucket with objects, and a job. */
function everything(): SpecDoc[] {
  return [
    projectDoc({ name: PROJECT }),
    workforceDoc(),
    teamDoc({ spec: { members: ['ann@example.com', 'bob@example.com'] } }),
    memberDoc({ name: 'carol@example.com' }),
    bucketDoc({ spec: { cors: 'ground-truth', versioning: true, objects: [{ key: 'input/1.txt', content: '42' }, { key: 'input/2.txt', content: '19' }] } }),
    jobDoc(),
  ];
}

/** The job's role was made moments ago: SageMaker cannot assume it until it has propagated (aws-evidence E3). */
async function roleJustMade(): Promise<void> {
  const res = await fetch(`${world.url}/_sandbox/sagemaker/roles?region=us-east-1`, { method: 'POST', body: JSON.stringify({ roleArn: ROLE_ARN }) });
  expect(res.ok).toBe(true);
}

const variantValues = Object.entries(VARIANTS).flatMap(([name, v]) => v.values.map((value) => [name, value] as const));

describe('one apply converges on the realistic sandbox', () => {
  it.each(variantValues)('with %s = %s: zero failed changes, then an empty plan', async (name, value) => {
    await world.realism({ variants: { [name]: value } });
    await roleJustMade();
    // `arrange` applies in process and fails unless every change is done.
    const dir = await world.arrange(everything());
    expect(await world.changes(dir)).toEqual([]);
    // Every invitation names the portal (aws-evidence E7).
    const outbox = await world.outbox();
    expect(outbox).toHaveLength(3);
    for (const mail of outbox) expect(mail.message).toMatch(/https:\/\/[a-z0-9]+\.labeling\.us-east-1\.sagemaker\.aws/);
  });

  it('when half the invitations are not delivered (A6): the users exist, gtctl sends each again', async () => {
    await world.realism({ codeDeliveryFailureRate: 0.5 });
    const dir = await world.arrange(everything());
    expect(await world.changes(dir)).toEqual([]);
    const log = await world.requests();
    expect(log.some((e) => e.error === 'CodeDeliveryFailureException')).toBe(true);
    expect(new Set((await world.outbox()).map((m) => m.to))).toEqual(new Set(['ann@example.com', 'bob@example.com', 'carol@example.com']));
  });

  it("with a vendor workforce in ListWorkforces (E8): the project's is the private one", async () => {
    const res = await fetch(`${world.url}/_sandbox/sagemaker/vendor-workforce?region=us-east-1`, { method: 'POST', body: JSON.stringify({ name: 'acme-labeling' }) });
    expect(res.ok).toBe(true);
    const dir = await world.arrange(everything());
    expect(await world.changes(dir)).toEqual([]);
  });

  it('a dropped bucket with only old versions and delete markers left is not empty (A9): blocked, with the reason', async () => {
    const versioned = bucketDoc({ name: 'gtctl-versions', spec: { versioning: true, objects: [{ key: 'notes.txt', content: 'v1' }] } });
    await world.arrange([projectDoc({ name: PROJECT }), versioned]);
    // Deleted out of band: ListObjectsV2 is empty, but the old version and a delete marker remain.
    await world.s3.send(new DeleteObjectCommand({ Bucket: 'gtctl-versions', Key: 'notes.txt' }));
    expect((await world.s3.send(new ListObjectsV2Command({ Bucket: 'gtctl-versions' }))).KeyCount).toBe(0);
    const { code, plan } = await world.planJson(await world.specs([projectDoc({ name: PROJECT })]));
    expect(code).toBe(1);
    expect(plan.changes.map((c) => [c.action, c.address])).toEqual([['blocked', 'bucket/gtctl-versions']]);
    expect(plan.changes[0]!.reasons[0]).toMatch(/holds objects, object versions or delete markers/);
  });

  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('the seed scenario (specs/even-odd), seed %i', async (seed) => {
    await world.realism({ seed });
    const source = path.join(ROOT, 'specs/even-odd');
    const files = await readdir(source);
    const dir = await world.arrange(Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(path.join(source, f), 'utf8')] as const))));
    expect(await world.changes(dir)).toEqual([]);
  });
});

describe("Cognito's default sender: 50 e-mails a day per account (aws-evidence A5)", () => {
  const people = Array.from({ length: 60 }, (_, i) => `worker${String(i).padStart(2, '0')}@example.com`);
  const tree = (email?: Record<string, unknown>) =>
    world.specs([projectDoc({ name: PROJECT }), workforceDoc(email ? { spec: { cognito: { userPool: 'managed', domain: 'labeling-portal' }, email } } : {}), teamDoc({ spec: { members: people } })]);

  it.each(VARIANTS.userAfterEmailLimit.values)('60 invitations (the user after a refusal: %s): the plan warns, apply sends 50 and defers 10 (exit 0); the next day sends the rest', async (after) => {
    await world.realism({ variants: { userAfterEmailLimit: after } });
    const dir = await tree();
    const plan = await world.gtctl('plan', '-d', dir);
    expect(plan.stderr).toMatch(/warning email-limit: the plan sends 60 invitations, and Cognito's default sender sends at most 50 e-mails a day/);

    const first = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(first.code, first.stdout + first.stderr).toBe(0);
    // Each deferred member's membership waits with it.
    expect(first.stdout).toMatch(/, 0 failed, 0 skipped, 20 deferred to the next apply\./);
    expect(await world.outbox()).toHaveLength(50);
    // Deferred, not done: the next plan still has them, and sends nothing before the day is over.
    expect((await world.changes(dir)).filter((c) => c.startsWith('create member/') || c.startsWith('update member/'))).toHaveLength(10);

    await world.advanceClock(DAY_MS);
    const next = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(next.stdout).toContain('0 failed, 0 skipped.');
    const outbox = await world.outbox();
    expect(new Set(outbox.map((m) => m.to))).toEqual(new Set(people));
    expect(outbox).toHaveLength(60);
    expect(await world.changes(dir)).toEqual([]);
  });

  it('with spec.email (SES), all 60 go out at once, and the plan does not warn', async () => {
    const dir = await tree({ sesSourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/labeling@example.com', from: 'Labeling <labeling@example.com>' });
    const plan = await world.gtctl('plan', '-d', dir);
    expect(plan.stderr).not.toContain('email-limit');
    const apply = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('0 failed, 0 skipped.');
    const outbox = await world.outbox();
    expect(outbox).toHaveLength(60);
    for (const mail of outbox) expect(mail.message).toContain('.labeling.us-east-1.sagemaker.aws');
    expect(await world.changes(dir)).toEqual([]);
  });
});

describe('invitation expiry, judged from when gtctl sent it (aws-evidence A8)', () => {
  it.each(VARIANTS.lastModifiedOnResendEnableDisable.values)('a display-name change on day 6 does not hide the expiry: the day-8 plan sends the invitation again (%s)', async (moves) => {
    await world.realism({ variants: { lastModifiedOnResendEnableDisable: moves } });
    const docs = (name?: string) => [projectDoc({ name: PROJECT }), workforceDoc(), teamDoc({ spec: { members: [] } }), memberDoc({ name: 'dana@example.com', spec: { teams: ['labelers'], ...(name ? { displayName: name } : {}) } })];
    await world.arrange(docs());
    await world.advanceClock(6 * DAY_MS);
    const renamed = await world.arrange(docs('Dana'));
    await world.advanceClock(2 * DAY_MS);
    expect(await world.changes(renamed)).toEqual(['update member/dana@example.com']);
    const before = (await world.outbox()).length;
    const apply = await world.gtctl('apply', '-d', renamed, '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    // One more e-mail, the new invitation (the first may itself have been a resend after an undelivered one: A6).
    expect((await world.outbox()).slice(before).map((m) => `${m.kind} ${m.to}`)).toEqual(['resend dana@example.com']);
    expect(await world.changes(renamed)).toEqual([]);
  });
});
