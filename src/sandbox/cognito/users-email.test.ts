// Pools that sign in with e-mail (UsernameAttributes) or accept it as an alias (AliasAttributes), and case
// sensitivity, per BEHAVIOUR.md.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminUpdateUserAttributesCommand,
  CreateGroupCommand,
  ListUsersCommand,
  type AdminCreateUserCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, startCognito, type CognitoHarness } from './test-support.js';

let h: CognitoHarness;
beforeAll(async () => {
  h = await startCognito();
});
afterAll(() => h.close());

const createUser = (pool: string, input: Partial<AdminCreateUserCommandInput>) =>
  h.cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'x', DesiredDeliveryMediums: ['EMAIL'], ...input }));
const getUser = (pool: string, username: string) => h.cognito.send(new AdminGetUserCommand({ UserPoolId: pool, Username: username }));
const attributesOf = (attributes: Array<{ Name?: string; Value?: string }> | undefined) =>
  Object.fromEntries((attributes ?? []).map((a) => [a.Name, a.Value]));

describe('a pool that signs in with e-mail', () => {
  let pool: string;
  beforeAll(async () => {
    pool = await h.pool({ UsernameAttributes: ['email'], AdminCreateUserConfig: { InviteMessageTemplate: { EmailMessage: 'Sign in as {username} with {####}' } } });
  });

  it('generates a UUID username equal to the sub and keeps the e-mail as the email attribute', async () => {
    const user = (await createUser(pool, { Username: 'User1@Example.com' })).User!;
    const attributes = attributesOf(user.Attributes);
    expect(user.Username).toMatch(/^[0-9a-f-]{36}$/);
    expect(attributes['sub']).toBe(user.Username);
    expect(attributes['email']).toBe('User1@Example.com');
    const [email] = await h.admin<Array<{ to: string; message: string }>>('cognito/outbox', { userPoolId: pool });
    expect(email!.to).toBe('User1@Example.com');
    expect(email!.message).toMatch(/^Sign in as User1@Example\.com with \S+$/);
  });

  it('accepts the e-mail, the generated username or the sub in Admin calls; ListUsers shows the UUID', async () => {
    const created = (await createUser(pool, { Username: 'user2@example.com' })).User!;
    expect((await getUser(pool, 'user2@example.com')).Username).toBe(created.Username);
    expect((await getUser(pool, created.Username!)).Username).toBe(created.Username);
    await h.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: 'team' }));
    await h.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: 'user2@example.com', GroupName: 'team' }));
    const groups = await h.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: created.Username }));
    expect(groups.Groups!.map((g) => g.GroupName)).toEqual(['team']);
    const listed = await h.cognito.send(new ListUsersCommand({ UserPoolId: pool, Filter: 'email = "user2@example.com"' }));
    expect(listed.Users!.map((u) => u.Username)).toEqual([created.Username]);
    expect(await h.admin('cognito/sign-in', { userPoolId: pool, username: 'user2@example.com' })).toEqual({
      username: created.Username,
      userStatus: 'CONFIRMED',
    });
  });

  it('is case-sensitive by default: another case is another user, and does not find the first', async () => {
    await createUser(pool, { Username: 'case@example.com' });
    await createUser(pool, { Username: 'CASE@example.com' });
    await expectError(getUser(pool, 'Case@example.com'), 'UserNotFoundException');
  });

  it('refuses an e-mail already taken, a Username that is not an e-mail, and a mismatched email attribute', async () => {
    await createUser(pool, { Username: 'taken@example.com' });
    await expectError(createUser(pool, { Username: 'taken@example.com' }), 'UsernameExistsException', 'An account with the given email already exists.');
    await expectError(createUser(pool, { Username: 'plainname' }), 'InvalidParameterException', 'Username should be an email.');
    await expectError(
      createUser(pool, { Username: 'a@example.com', UserAttributes: [{ Name: 'email', Value: 'b@example.com' }] }),
      'InvalidParameterException',
    );
  });

  it('moves the e-mail alias with AdminUpdateUserAttributes, refusing one another user holds', async () => {
    const user = (await createUser(pool, { Username: 'old@example.com' })).User!;
    await createUser(pool, { Username: 'other@example.com' });
    const update = (Value: string) =>
      h.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: user.Username, UserAttributes: [{ Name: 'email', Value }] }));
    await expectError(update('other@example.com'), 'AliasExistsException');
    await update('new@example.com');
    expect((await getUser(pool, 'new@example.com')).Username).toBe(user.Username);
    await expectError(getUser(pool, 'old@example.com'), 'UserNotFoundException');
  });
});

describe('a case-insensitive pool (UsernameConfiguration.CaseSensitive false)', () => {
  it('matches usernames case-insensitively and keeps the case they were created with', async () => {
    const pool = await h.pool({ UsernameConfiguration: { CaseSensitive: false } });
    await createUser(pool, { Username: 'Alice', MessageAction: 'SUPPRESS' });
    expect((await getUser(pool, 'aLiCe')).Username).toBe('Alice');
    await expectError(createUser(pool, { Username: 'ALICE', MessageAction: 'SUPPRESS' }), 'UsernameExistsException');
  });

  it('matches the e-mail alias case-insensitively too', async () => {
    const pool = await h.pool({ UsernameAttributes: ['email'], UsernameConfiguration: { CaseSensitive: false } });
    const user = (await createUser(pool, { Username: 'Worker@Example.com' })).User!;
    expect((await getUser(pool, 'worker@example.COM')).Username).toBe(user.Username);
    await expectError(createUser(pool, { Username: 'WORKER@example.com' }), 'UsernameExistsException');
  });
});

describe('a pool with an e-mail alias (AliasAttributes)', () => {
  it('refuses e-mail-shaped usernames and finds users by their verified e-mail only', async () => {
    const pool = await h.pool({ AliasAttributes: ['email'] });
    await expectError(createUser(pool, { Username: 'a@example.com' }), 'InvalidParameterException', /cannot be of email format/);
    await createUser(pool, { Username: 'verified', UserAttributes: [{ Name: 'email', Value: 'v@example.com' }, { Name: 'email_verified', Value: 'true' }] });
    await createUser(pool, { Username: 'unverified', UserAttributes: [{ Name: 'email', Value: 'u@example.com' }] });
    expect((await getUser(pool, 'v@example.com')).Username).toBe('verified');
    await expectError(getUser(pool, 'u@example.com'), 'UserNotFoundException');
  });

  it('refuses a verified e-mail another user holds unless ForceAliasCreation moves it', async () => {
    const pool = await h.pool({ AliasAttributes: ['email'] });
    const verified = [{ Name: 'email', Value: 'shared@example.com' }, { Name: 'email_verified', Value: 'true' }];
    await createUser(pool, { Username: 'first', UserAttributes: verified });
    await expectError(createUser(pool, { Username: 'second', UserAttributes: verified }), 'AliasExistsException');
    await createUser(pool, { Username: 'second', UserAttributes: verified, ForceAliasCreation: true });
    expect((await getUser(pool, 'shared@example.com')).Username).toBe('second');
    expect(attributesOf((await getUser(pool, 'first')).UserAttributes)['email_verified']).toBe('false');
  });
});
