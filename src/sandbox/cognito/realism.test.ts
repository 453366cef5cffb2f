// The Cognito sandbox as rough as AWS (aws-evidence E2, E4, A5, A6, A8): each behaviour occurs when realistic, under
// each value of its variant, and none of it under --ideal.
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  CreateGroupCommand,
  CreateUserPoolDomainCommand,
  DeleteGroupCommand,
  DescribeUserPoolDomainCommand,
  GetGroupCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SENDER_DAILY_LIMIT } from './email-delivery.js';
import { expectError, startCognito, type CognitoHarness } from './test-support.js';

const SES = { EmailSendingAccount: 'DEVELOPER' as const, SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/labeling@example.com' };
const email = (i: number) => `worker${i}@example.com`;

let h: CognitoHarness;
beforeAll(async () => void (h = await startCognito('us-east-1', { seed: 3, consistencyMs: 2_000 })));
afterAll(() => h.close());
beforeEach(async () => {
  h.sandbox.realism.update({ ideal: false, seed: 3, variants: { userAfterEmailLimit: 'created', lastModifiedOnResendEnableDisable: 'moves' } });
  await fetch(`${h.sandbox.url}/_sandbox/reset`, { method: 'POST' });
});

async function invite(pool: string, i: number): Promise<'sent' | string> {
  try {
    await h.cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: email(i), DesiredDeliveryMediums: ['EMAIL'] }));
    return 'sent';
  } catch (error) {
    return (error as Error).name;
  }
}

/** Pools that sign in with e-mail, as gtctl's managed pool does. */
const aPool = (input: Record<string, unknown> = {}) => h.pool({ UsernameAttributes: ['email'], ...input });

const users = async (pool: string) => Object.keys(h.sandbox.state.cognito.regions['us-east-1']!.pools[pool]!.users).length;

describe('a new domain (E4)', () => {
  it('is CREATING for a while when realistic, ACTIVE at once when ideal', async () => {
    const pool = await aPool();
    await h.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'slow-portal' }));
    expect((await h.cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'slow-portal' }))).DomainDescription?.Status).toBe('CREATING');
    await fetch(`${h.sandbox.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 10_000 }) });
    expect((await h.cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'slow-portal' }))).DomainDescription?.Status).toBe('ACTIVE');

    h.sandbox.realism.update({ ideal: true });
    const other = await aPool();
    await h.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: 'fast-portal' }));
    expect((await h.cognito.send(new DescribeUserPoolDomainCommand({ Domain: 'fast-portal' }))).DomainDescription?.Status).toBe('ACTIVE');
  });
});

describe('groups (E2)', () => {
  it('a new group is not visible to SageMaker for a while; a deleted name lingers for CreateGroup, not for GetGroup', async () => {
    const pool = await aPool();
    await h.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: 'labelers' }));
    const record = h.sandbox.state.cognito.regions['us-east-1']!.pools[pool]!.groups['labelers']!;
    expect(record.visibleAtMs).toBeGreaterThan(record.createdMs);
    await h.cognito.send(new DeleteGroupCommand({ UserPoolId: pool, GroupName: 'labelers' }));
    await expectError(h.cognito.send(new GetGroupCommand({ UserPoolId: pool, GroupName: 'labelers' })), 'ResourceNotFoundException');
    await expectError(h.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: 'labelers' })), 'GroupExistsException', 'A group with the name labelers already exists.');
    await fetch(`${h.sandbox.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 10_000 }) });
    await h.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: 'labelers' }));
  });
});

describe("the default sender's 50 e-mails a day (A5)", () => {
  it.each([
    ['created', 1],
    ['not-created', 0],
  ] as const)('refuses the 51st with LimitExceededException; the refused user exists: %s', async (variant, extra) => {
    h.sandbox.realism.update({ variants: { userAfterEmailLimit: variant } });
    const pool = await aPool();
    const outcomes: string[] = [];
    for (let i = 0; outcomes.filter((o) => o === 'sent').length < DEFAULT_SENDER_DAILY_LIMIT && i < 200; i++) outcomes.push(await invite(pool, i));
    const sent = outcomes.filter((o) => o === 'sent').length;
    expect(sent).toBe(DEFAULT_SENDER_DAILY_LIMIT);
    const before = await users(pool);
    expect(await invite(pool, 999)).toBe('LimitExceededException');
    expect(await users(pool)).toBe(before + extra);
    expect(await h.admin('cognito/email-usage')).toMatchObject({ sent: DEFAULT_SENDER_DAILY_LIMIT, limit: DEFAULT_SENDER_DAILY_LIMIT });
    // The next day (sandbox clock) the sender sends again.
    await fetch(`${h.sandbox.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 86_400_000 }) });
    expect(['sent', 'CodeDeliveryFailureException']).toContain(await invite(pool, 1000));
  });

  it('has no limit for a pool sending through SES, nor when ideal', async () => {
    const ses = await aPool({ EmailConfiguration: SES });
    const outcomes = [];
    for (let i = 0; i < 60; i++) outcomes.push(await invite(ses, i));
    expect(outcomes).not.toContain('LimitExceededException');
    h.sandbox.realism.update({ ideal: true });
    const plain = await aPool();
    for (let i = 0; i < 60; i++) expect(await invite(plain, i)).toBe('sent');
  });
});

describe('an undelivered invitation (A6)', () => {
  it('is CodeDeliveryFailureException now and then, and the user exists all the same; never when ideal', async () => {
    const pool = await aPool({ EmailConfiguration: SES });
    const outcomes = [];
    for (let i = 0; i < 150; i++) outcomes.push(await invite(pool, i));
    expect(outcomes).toContain('CodeDeliveryFailureException');
    expect(await users(pool)).toBe(150);
    const outbox = await h.admin<unknown[]>('cognito/outbox', { userPoolId: pool });
    expect(outbox).toHaveLength(outcomes.filter((o) => o === 'sent').length);
  });
});

describe('UserLastModifiedDate after RESEND, enable and disable (A8)', () => {
  it.each([
    ['moves', true],
    ['kept', false],
  ] as const)('variant %s', async (variant, moves) => {
    h.sandbox.realism.update({ variants: { lastModifiedOnResendEnableDisable: variant } });
    const pool = await aPool({ EmailConfiguration: SES });
    // A created user whatever the delivery (A6).
    await invite(pool, 1);
    const modified = async () => (await h.cognito.send(new ListUsersCommand({ UserPoolId: pool }))).Users![0]!.UserLastModifiedDate!.getTime();
    const before = await modified();
    await fetch(`${h.sandbox.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 60_000 }) });
    await h.cognito.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: email(1) }));
    await h.cognito.send(new AdminEnableUserCommand({ UserPoolId: pool, Username: email(1) }));
    expect((await modified()) > before).toBe(moves);
  });
});
