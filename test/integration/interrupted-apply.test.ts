// An apply killed mid-way (SIGKILL: no clean-up of any kind) under injected latency, then applied again: the second
// run finds what the first one made, finishes the rest, and converges; nobody is invited twice. Calls in flight when
// the process died still complete in the sandbox, as they would in AWS, so the test waits for it to go quiet first.
// Also an apply interrupted with SIGINT (design §7): it starts no new change, finishes those running, releases its
// lock, prints its summary and exits 130; and an apply whose calls fail: exit 1, dependents skipped, the next
// run converges.
import { DescribeUserPoolClientCommand, ListUserPoolClientsCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeWorkforceCommand, ListWorkforcesCommand } from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { teamDoc, workforceDoc } from '../helpers/specs.js';
import { base, quiet, useSandbox, waitFor, type World } from '../helpers/gtctl.js';
import type { RequestLogEntry } from '../../src/sandbox/index.js';

const world = useSandbox();

const emails = (n: number, prefix = 'worker') => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}@example.com`);

/**
 * Starts apply, kills it once `enough` says so about the request log, and waits until the sandbox has gone quiet
 * (no new entry for `quietMs`, longer than the injected latency).
 */
async function applyAndKill(w: World, dir: string, quietMs: number, enough: (log: RequestLogEntry[]) => boolean): Promise<void> {
  const running = w.start('apply', '-d', dir, '--auto-approve');
  let exited = false;
  void running.done.then(() => (exited = true));
  await waitFor('enough writes to interrupt apply', async () => {
    if (exited) throw new Error(`apply finished before it could be interrupted:\n${(await running.done).stdout}`);
    return enough(await w.requests()) ? true : undefined;
  });
  running.child.kill('SIGKILL');
  expect((await running.done).signal).toBe('SIGKILL');
  // Calls the dead process had in flight finish in the sandbox after their latency: wait until no entry arrives.
  await quiet(w, quietMs);
  await w.faults([]);
}

const count = (log: readonly RequestLogEntry[], operation: string) => log.filter((e) => e.operation === operation && e.status === 200).length;

describe('an apply interrupted with SIGINT', () => {
  it('in the middle of 300 invitations: exit 130, the summary printed, the lock released; the next apply converges', async () => {
    const lock = { Bucket: 'gtctl-locks', Key: 'labeling/apply.lock' };
    await world.settled(() => world.s3.send(new CreateBucketCommand({ Bucket: lock.Bucket })));
    const [project] = base({ lock: `s3://${lock.Bucket}/${lock.Key}` });
    const workforce = workforceDoc({ spec: { cognito: { userPool: 'managed', domain: 'labeling-portal' }, email: { sesSourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/labeling@example.com' } } });
    const labelers = emails(300);
    const dir = await world.specs([project!, workforce, teamDoc({ name: 'labelers', spec: { members: labelers } })]);
    await world.faults([{ service: 'cognito-idp', operation: 'AdminCreateUser', latencyMs: 100 }]);
    const running = world.start('apply', '-d', dir, '--auto-approve');
    let exited = false;
    void running.done.then(() => (exited = true));
    await waitFor('some invitations sent', async () => {
      if (exited) throw new Error(`apply finished before it could be interrupted:\n${(await running.done).stdout}`);
      return count(await world.requests(), 'AdminCreateUser') >= 20 ? true : undefined;
    });
    running.child.kill('SIGINT');
    const stopped = await running.done;
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(130);
    expect(stopped.stdout).toMatch(/Interrupted: no new change starts/);
    expect(stopped.stdout).toMatch(/Apply interrupted: \d+ done, 0 failed, \d+ skipped, \d+ not started\. Run apply again to finish\./);
    await expect(world.s3.send(new HeadObjectCommand(lock))).rejects.toMatchObject({ name: 'NotFound' });
    await world.faults([]);

    const again = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(again.code, again.stderr + again.stdout).toBe(0);
    expect(await world.changes(dir)).toEqual([]);
    expect((await world.groupMembers(await world.poolId(), 'labelers')).sort()).toEqual([...labelers].sort());
  });
});

describe('an apply killed mid-way', () => {
  it('while inviting members: the next apply converges and every member is invited exactly once', async () => {
    // More than a page (60) of users and of one group's members: the re-apply's read must follow the pages.
    const labelers = emails(65);
    const reviewers = labelers.slice(0, 10);
    // Through SES: 65 invitations are more than Cognito's default sender sends in a day (that limit: realism.test.ts).
    const [project] = base();
    const workforce = workforceDoc({ spec: { cognito: { userPool: 'managed', domain: 'labeling-portal' }, email: { sesSourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/labeling@example.com' } } });
    const dir = await world.specs([project!, workforce, teamDoc({ name: 'labelers', spec: { members: labelers } }), teamDoc({ name: 'reviewers', spec: { members: reviewers } })]);
    await world.faults([
      { service: 'cognito-idp', operation: 'AdminCreateUser', latencyMs: 400 },
      { service: 'cognito-idp', operation: 'AdminAddUserToGroup', latencyMs: 400 },
    ]);
    await applyAndKill(world, dir, 800, (log) => count(log, 'AdminCreateUser') >= 5);

    const pool = await world.poolId();
    const memberships = (await world.groupMembers(pool, 'labelers')).length + (await world.groupMembers(pool, 'reviewers')).length;
    expect(memberships, 'the first apply was interrupted before it added everyone').toBeLessThan(labelers.length + reviewers.length);
    expect((await world.users(pool)).length).toBeGreaterThanOrEqual(5);

    await world.clearRequests();
    const again = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(again.code, again.stderr + again.stdout).toBe(0);
    // Paced under the quotas, with the same process-wide limits as a fresh run.
    expect((await world.requests()).filter((e) => e.error === 'TooManyRequestsException')).toEqual([]);

    expect(await world.changes(dir)).toEqual([]);
    expect(await world.groupMembers(pool, 'labelers')).toEqual(labelers);
    expect(await world.groupMembers(pool, 'reviewers')).toEqual(reviewers);
    // One e-mail each: the invitation, or its resend when the first delivery failed (aws-evidence A6).
    const invited = (await world.outbox()).map((m) => m.to).sort();
    expect(invited).toEqual(labelers);
  });

  it('while building the workforce: the next apply reuses the pool, domain and app client it left', async () => {
    const dir = await world.specs([...base(), teamDoc({ spec: { members: ['ann@example.com'] } })]);
    await world.faults([{ service: 'cognito-idp', operation: 'CreateUserPoolClient', latencyMs: 600 }]);
    await applyAndKill(world, dir, 1_000, (log) => count(log, 'CreateUserPoolDomain') >= 1);
    expect((await world.sageMaker.send(new ListWorkforcesCommand({}))).Workforces).toEqual([]);

    const again = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(again.code, again.stderr + again.stdout).toBe(0);
    const pools = (await world.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? [];
    expect(pools).toHaveLength(1);
    const clients = (await world.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: pools[0]!.Id!, MaxResults: 60 }))).UserPoolClients ?? [];
    expect(clients.map((c) => c.ClientName)).toEqual(['gtctl-labeling-portal']);
    expect(await world.changes(dir)).toEqual([]);
    expect((await world.outbox()).map((m) => m.to)).toEqual(['ann@example.com']);
  });

  it('while waiting for the new workforce: the next apply points the app client at the portal', async () => {
    const dir = await world.specs([...base(), teamDoc({ spec: { members: ['ann@example.com'] } })]);
    // The workforce stays Initializing for a while, and apply waits for it before it sets the client's portal URLs.
    await world.transitionMs(3_000);
    await applyAndKill(world, dir, 300, (log) => count(log, 'CreateWorkforce') >= 1);
    const pool = await world.poolId();
    const workforce = (await world.sageMaker.send(new DescribeWorkforceCommand({ WorkforceName: 'default' }))).Workforce!;
    const clientOf = async () => (await world.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: pool, ClientId: workforce.CognitoConfig!.ClientId! }))).UserPoolClient!;
    expect((await clientOf()).CallbackURLs).not.toEqual([`https://${workforce.SubDomain}/oauth2/idpresponse`]);

    const { plan } = await world.planJson(dir);
    // What the killed apply had left to do once the workforce existed: the invitation's portal address (and the
    // client's portal URLs, unless SageMaker wrote them itself: aws-evidence E6).
    expect(plan.changes[0]).toMatchObject({ address: 'workforce/default', action: 'update', reasons: expect.arrayContaining(['invitation e-mail changed']) });
    const again = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(again.code, again.stderr + again.stdout).toBe(0);
    // The portal's callback is there, beside what SageMaker may have written itself (E6); gtctl's placeholder is gone.
    expect((await clientOf()).CallbackURLs).toEqual(expect.arrayContaining([`https://${workforce.SubDomain}/oauth2/idpresponse`]));
    expect((await clientOf()).CallbackURLs).not.toContain('https://example.com/gtctl-placeholder');
    expect(await world.changes(dir)).toEqual([]);
  });
});

describe('an apply whose calls fail', () => {
  it('exits 1, skips what depends on the failed changes and nothing else, and the next apply converges', async () => {
    const dir = await world.specs([...base(), teamDoc({ spec: { members: ['ann@example.com', 'bob@example.com'] } })]);
    // Every invitation fails (after the SDK's retries); a failed call never reaches the operation.
    await world.faults([{ service: 'cognito-idp', operation: 'AdminCreateUser', failRate: 1 }]);
    const failed = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('Apply finished with errors: 2 done, 2 failed, 2 skipped.');
    expect(failed.stdout).toContain('+ membership/labelers/ann@example.com ... skipped (depends on member/ann@example.com, which failed)');
    expect(await world.teamNames()).toEqual(['labelers']);
    expect(await world.outbox()).toEqual([]);

    await world.faults([]);
    await world.apply(dir);
    expect(await world.changes(dir)).toEqual([]);
    expect(await world.groupMembers(await world.poolId(), 'labelers')).toEqual(['ann@example.com', 'bob@example.com']);
    expect((await world.outbox()).map((m) => m.to).sort()).toEqual(['ann@example.com', 'bob@example.com']);
  });
});
