// The Cognito port against the sandbox, with Cognito's quotas on at AWS's rates: every call of this file goes
// through the client-side pacing, and the last test checks the sandbox never had to throttle one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GtctlError } from '../core/errors.js';
import { startSandbox, type RequestLogEntry, type Sandbox } from '../sandbox/index.js';
import { createAwsPorts } from './clients.js';
import type { AwsPorts } from './ports.js';
import { COGNITO_OPERATION_CATEGORY } from './rate-limits.js';

let sandbox: Sandbox;
let aws: AwsPorts;
let pool: string;

beforeAll(async () => {
  sandbox = await startSandbox({ quotas: { enabled: true, scale: 1 }, realism: { ideal: true } });
  aws = createAwsPorts({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  pool = (await aws.cognito.createUserPool({ PoolName: 'workers' })).Id!;
});
afterAll(() => sandbox.close());

/** How many more calls of `operation` `action` made. */
async function callsOf(operation: string, action: () => Promise<unknown>): Promise<number> {
  const before = aws.calls()[`cognito-idp.${operation}`] ?? 0;
  await action();
  return (aws.calls()[`cognito-idp.${operation}`] ?? 0) - before;
}

async function failure(promise: Promise<unknown>): Promise<GtctlError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GtctlError);
  return error as GtctlError;
}

const email = (i: number) => `worker${String(i).padStart(3, '0')}@example.com`;
const createUser = (userPoolId: string, username: string) =>
  aws.cognito.adminCreateUser({ UserPoolId: userPoolId, Username: username, UserAttributes: [{ Name: 'email', Value: username }], MessageAction: 'SUPPRESS' });

describe('lists, with pagination folded in', () => {
  it('lists 130 users in three ListUsers calls of 60', async () => {
    await Promise.all(Array.from({ length: 130 }, (_, i) => createUser(pool, email(i))));
    let users: Awaited<ReturnType<AwsPorts['cognito']['listUsers']>> = [];
    expect(await callsOf('ListUsers', async () => (users = await aws.cognito.listUsers(pool)))).toBe(3);
    expect(users).toHaveLength(130);
    expect(new Set(users.map((u) => u.Username)).size).toBe(130);
  });

  it('lists the 61 members of a group in two ListUsersInGroup calls', async () => {
    await aws.cognito.createGroup({ UserPoolId: pool, GroupName: 'labelers', Description: 'Labelers' });
    await Promise.all(Array.from({ length: 61 }, (_, i) => aws.cognito.adminAddUserToGroup(pool, email(i), 'labelers')));
    let members: Awaited<ReturnType<AwsPorts['cognito']['listUsersInGroup']>> = [];
    expect(await callsOf('ListUsersInGroup', async () => (members = await aws.cognito.listUsersInGroup(pool, 'labelers')))).toBe(2);
    expect(members.map((u) => u.Username)).toEqual(Array.from({ length: 61 }, (_, i) => email(i)));
  });

  it('lists groups, pools and app clients', async () => {
    expect((await aws.cognito.listGroups(pool)).map((g) => g.GroupName)).toEqual(['labelers']);
    expect((await aws.cognito.listUserPools()).map((p) => p.Id)).toEqual([pool]);
    const created = await aws.cognito.createUserPoolClient({ UserPoolId: pool, ClientName: 'portal', GenerateSecret: true });
    expect(await aws.cognito.listUserPoolClients(pool)).toEqual([{ ClientId: created.ClientId, ClientName: 'portal' }]);
  });
});

describe('describing what does not exist', () => {
  it('returns undefined for an unknown pool, app client or domain', async () => {
    expect(await aws.cognito.describeUserPool('us-east-1_nothere00')).toBeUndefined();
    expect(await aws.cognito.describeUserPoolClient(pool, 'nosuchclient0000000000000')).toBeUndefined();
    expect(await aws.cognito.describeUserPoolClient('us-east-1_nothere00', 'nosuchclient0000000000000')).toBeUndefined();
    expect(await aws.cognito.describeUserPoolDomain('nobody-has-this-prefix')).toBeUndefined();
  });

  it('returns what exists', async () => {
    expect((await aws.cognito.describeUserPool(pool))?.Name).toBe('workers');
    const [client] = await aws.cognito.listUserPoolClients(pool);
    expect((await aws.cognito.describeUserPoolClient(pool, client!.ClientId!))?.ClientName).toBe('portal');
    await aws.cognito.createUserPoolDomain(pool, 'gtctl-port-test');
    expect(await aws.cognito.describeUserPoolDomain('gtctl-port-test')).toMatchObject({ UserPoolId: pool, Domain: 'gtctl-port-test' });
  });
});

describe('errors', () => {
  it('a duplicate group is GroupExistsException from AWS, naming the operation', async () => {
    const error = await failure(aws.cognito.createGroup({ UserPoolId: pool, GroupName: 'labelers' }));
    expect(error).toMatchObject({ code: 'aws-error', awsCode: 'GroupExistsException', source: 'aws', message: 'cognito-idp CreateGroup failed: A group with the name labelers already exists.' });
    expect((error.cause as Error).name).toBe('GroupExistsException');
  });

  it('an invalid group name is InvalidParameterException', async () => {
    const error = await failure(aws.cognito.createGroup({ UserPoolId: pool, GroupName: 'two words' }));
    expect(error).toMatchObject({ code: 'aws-error', awsCode: 'InvalidParameterException', source: 'aws' });
  });

  it('never repeats a secret from the request', async () => {
    const error = await failure(
      aws.cognito.adminCreateUser({ UserPoolId: pool, Username: 'someone@example.com', TemporaryPassword: 'correct horse', MessageAction: 'SUPPRESS' }),
    );
    expect(error.awsCode).toBe('InvalidParameterException');
    expect(error.message).not.toContain('correct horse');
  });

  it('an unknown user is UserNotFoundException', async () => {
    expect(await failure(aws.cognito.adminDisableUser(pool, 'nobody@example.com'))).toMatchObject({ code: 'aws-error', awsCode: 'UserNotFoundException', source: 'aws' });
  });
});

describe('pools, clients, groups and users', () => {
  it('adds a custom attribute, and adding it again is not an error', async () => {
    await aws.cognito.addCustomAttribute(pool, 'gtctl-managed');
    await aws.cognito.addCustomAttribute(pool, 'custom:gtctl-managed');
    const attributes = (await aws.cognito.describeUserPool(pool))?.SchemaAttributes ?? [];
    expect(attributes.filter((a) => a.Name === 'custom:gtctl-managed')).toEqual([
      expect.objectContaining({ AttributeDataType: 'String', Mutable: true }),
    ]);
  });

  it('updates user attributes from a plain record', async () => {
    await aws.cognito.adminUpdateUserAttributes(pool, email(0), { 'custom:gtctl-managed': 'techblogger', name: 'Worker Zero' });
    const user = (await aws.cognito.listUsers(pool)).find((u) => u.Username === email(0));
    const attributes = Object.fromEntries((user?.Attributes ?? []).map((a) => [a.Name, a.Value]));
    expect(attributes).toMatchObject({ 'custom:gtctl-managed': 'techblogger', name: 'Worker Zero' });
  });

  it('updates a pool and an app client', async () => {
    await aws.cognito.updateUserPool({ UserPoolId: pool, UserPoolTags: { 'gtctl:project': 'test' } });
    expect((await aws.cognito.describeUserPool(pool))?.UserPoolTags).toEqual({ 'gtctl:project': 'test' });
    const arn = (await aws.cognito.describeUserPool(pool))!.Arn!;
    await aws.cognito.tagResource(arn, { team: 'data' });
    await aws.cognito.untagResource(arn, ['gtctl:project']);
    expect((await aws.cognito.describeUserPool(pool))?.UserPoolTags).toEqual({ team: 'data' });
    const [client] = await aws.cognito.listUserPoolClients(pool);
    await aws.cognito.updateUserPoolClient({ UserPoolId: pool, ClientId: client!.ClientId!, ClientName: 'portal', RefreshTokenValidity: 7 });
    expect((await aws.cognito.describeUserPoolClient(pool, client!.ClientId!))?.RefreshTokenValidity).toBe(7);
  });

  it('disables, enables, signs out, removes from a group and deletes users', async () => {
    const enabled = async (username: string) => (await aws.cognito.listUsers(pool)).find((u) => u.Username === username)?.Enabled;
    await aws.cognito.adminDisableUser(pool, email(1));
    expect(await enabled(email(1))).toBe(false);
    await aws.cognito.adminEnableUser(pool, email(1));
    expect(await enabled(email(1))).toBe(true);
    await aws.cognito.adminUserGlobalSignOut(pool, email(1));
    await aws.cognito.adminRemoveUserFromGroup(pool, email(1), 'labelers');
    expect((await aws.cognito.listUsersInGroup(pool, 'labelers')).map((u) => u.Username)).not.toContain(email(1));
    await aws.cognito.adminDeleteUser(pool, email(1));
    expect(await enabled(email(1))).toBeUndefined();
  });

  it('deletes a group', async () => {
    await aws.cognito.createGroup({ UserPoolId: pool, GroupName: 'short-lived' });
    await aws.cognito.deleteGroup(pool, 'short-lived');
    expect((await aws.cognito.listGroups(pool)).map((g) => g.GroupName)).toEqual(['labelers']);
  });
});

describe('pacing and counting', () => {
  it('made every call of the port, each in the quota table, and the sandbox throttled none of them', async () => {
    const log = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as RequestLogEntry[];
    expect(log.filter((entry) => entry.error === 'TooManyRequestsException')).toEqual([]);
    expect(log.filter((entry) => entry.operation === 'AdminAddUserToGroup')).toHaveLength(61);
    // calls() counted each request the sandbox saw (no retries were needed), failures included.
    const counted = Object.entries(aws.calls()).filter(([key]) => key.startsWith('cognito-idp.'));
    const logged = new Map<string, number>();
    for (const entry of log) logged.set(`cognito-idp.${entry.operation}`, (logged.get(`cognito-idp.${entry.operation}`) ?? 0) + 1);
    expect(Object.fromEntries(counted)).toEqual(Object.fromEntries(logged));
    expect(counted.map(([key]) => key.replace('cognito-idp.', '')).sort()).toEqual(Object.keys(COGNITO_OPERATION_CATEGORY).sort());
  });
});

describe('without the pacing', () => {
  it('the same kind of burst is throttled (so the check above has teeth)', async () => {
    // Another Region: the sandbox meters each Region separately, so this leaves the calls above untouched.
    const unpaced = createAwsPorts({
      region: 'eu-west-1',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      cognitoRates: { UserCreation: 10_000 },
    });
    const otherPool = (await unpaced.cognito.createUserPool({ PoolName: 'unpaced' })).Id!;
    // A tenth of AWS's rates on the sandbox (5 creations a second): a burst of 20 is over quota however slowly a
    // loaded machine sends it, and small enough that the SDK's adaptive slow-down after the first refusal stays short.
    const quotas = (body: object) => fetch(`${sandbox.url}/_sandbox/quotas`, { method: 'POST', body: JSON.stringify(body) });
    await quotas({ scale: 0.1 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => unpaced.cognito.adminCreateUser({ UserPoolId: otherPool, Username: email(i), MessageAction: 'SUPPRESS' })),
    ).finally(() => quotas({ scale: 1 }));
    const codes = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as GtctlError).awsCode] : []));
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(['TooManyRequestsException']));
  });
});
