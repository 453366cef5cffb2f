// Users in username pools: creation, invitations and the outbox, RESEND/SUPPRESS, first sign-in, attributes,
// disable/enable/delete and sign-outs, per BEHAVIOUR.md. E-mail pools: users-email.test.ts.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
  ListUsersInGroupCommand,
  type AdminCreateUserCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, startCognito, type CognitoHarness } from './test-support.js';

interface Email {
  time: string;
  pool: string;
  to: string;
  subject: string;
  message: string;
  kind: string;
}

let h: CognitoHarness;
beforeAll(async () => {
  h = await startCognito();
});
afterAll(() => h.close());

const template = { EmailSubject: 'Welcome to {username}', EmailMessage: 'Sign in as {username} with {####} before it expires.' };
const createUser = (pool: string, input: Partial<AdminCreateUserCommandInput> = {}) =>
  h.cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: 'alice',
      UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
      DesiredDeliveryMediums: ['EMAIL'],
      ...input,
    }),
  );
const getUser = (pool: string, username: string) => h.cognito.send(new AdminGetUserCommand({ UserPoolId: pool, Username: username }));
const outbox = (pool: string) => h.admin<Email[]>('cognito/outbox', { userPoolId: pool });
const signIn = (pool: string, username: string) => h.admin<{ userStatus: string }>('cognito/sign-in', { userPoolId: pool, username });

describe('AdminCreateUser', () => {
  it('creates an enabled FORCE_CHANGE_PASSWORD user with a sub and e-mails the invitation', async () => {
    const pool = await h.pool({ AdminCreateUserConfig: { InviteMessageTemplate: template } });
    const user = (await createUser(pool, { UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }] })).User!;
    expect(user).toMatchObject({ Username: 'alice', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    const attributes = Object.fromEntries(user.Attributes!.map((a) => [a.Name, a.Value]));
    expect(attributes).toMatchObject({ email: 'alice@example.com', email_verified: 'true' });
    expect(attributes['sub']).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.Attributes![0]!.Name).toBe('sub');

    const [email, ...more] = await outbox(pool);
    expect(more).toEqual([]);
    expect(email).toMatchObject({ pool, to: 'alice@example.com', subject: 'Welcome to alice', kind: 'invitation' });
    const password = /^Sign in as alice with (\S+) before it expires\.$/.exec(email!.message)?.[1];
    expect(password).toMatch(/[A-Z]/);
    expect(password).toMatch(/[a-z]/);
    expect(password).toMatch(/[0-9]/);
    expect(password!.length).toBeGreaterThanOrEqual(8);
    expect(Date.parse(email!.time)).not.toBeNaN();
  });

  it('uses AWS default invitation text without a template', async () => {
    const pool = await h.pool();
    await createUser(pool);
    const [email] = await outbox(pool);
    expect(email!.subject).toBe('Your temporary password');
    expect(email!.message).toMatch(/^Your username is alice and temporary password is \S+\.$/);
  });

  it('sends nothing with SUPPRESS, with the default SMS medium, or with a template lacking {####}', async () => {
    const pool = await h.pool();
    await createUser(pool, { Username: 'quiet', MessageAction: 'SUPPRESS' });
    await createUser(pool, { Username: 'sms-only', DesiredDeliveryMediums: undefined });
    const noPassword = await h.pool({ AdminCreateUserConfig: { InviteMessageTemplate: { EmailMessage: 'Hello {username}' } } });
    await createUser(noPassword);
    expect(await outbox(pool)).toEqual([]);
    expect(await outbox(noPassword)).toEqual([]);
  });

  it('refuses EMAIL delivery without an e-mail attribute, and creates nothing', async () => {
    const pool = await h.pool();
    await expectError(createUser(pool, { UserAttributes: [] }), 'InvalidParameterException', /email/);
    await expectError(getUser(pool, 'alice'), 'UserNotFoundException', 'User does not exist.');
  });

  it('refuses a username that exists, bad attributes, and a temporary password the policy rejects', async () => {
    const pool = await h.pool({ Schema: [{ Name: 'given_name', Required: true }] });
    const given = { Name: 'given_name', Value: 'Alice' };
    await createUser(pool, { UserAttributes: [given], DesiredDeliveryMediums: undefined });
    await expectError(createUser(pool, { UserAttributes: [given] }), 'UsernameExistsException', 'User account already exists');
    await expectError(createUser(pool, { Username: 'b', UserAttributes: [] }), 'InvalidParameterException', /given_name: The attribute is required/);
    await expectError(createUser(pool, { Username: 'b', UserAttributes: [given, { Name: 'custom:nope', Value: 'x' }] }), 'InvalidParameterException', /does not exist in the schema/);
    await expectError(createUser(pool, { Username: 'b', UserAttributes: [given, { Name: 'email', Value: 'not-an-address' }] }), 'InvalidParameterException', 'Invalid email address format.');
    await expectError(createUser(pool, { Username: 'b', UserAttributes: [given, { Name: 'email_verified', Value: 'yes' }] }), 'InvalidParameterException', /true or false/);
    await expectError(createUser(pool, { Username: 'b', UserAttributes: [given], TemporaryPassword: 'short' }), 'InvalidPasswordException', /not long enough/);
    await expectError(createUser(pool, { Username: 'b', UserAttributes: [given], TemporaryPassword: 'alllowercase1!' }), 'InvalidPasswordException', /uppercase/);
    await expectError(createUser(pool, { Username: 'has space' }), 'InvalidParameterException', /username/);
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expectError(createUser('us-east-1_missing00'), 'ResourceNotFoundException', 'User pool us-east-1_missing00 does not exist.');
  });
});

describe('AdminCreateUser with RESEND', () => {
  it('e-mails a new temporary password and restarts its validity', async () => {
    const pool = await h.pool();
    const created = (await createUser(pool)).User!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const resent = (await createUser(pool, { MessageAction: 'RESEND', UserAttributes: undefined })).User!;
    expect(resent.UserLastModifiedDate!.getTime()).toBeGreaterThan(created.UserLastModifiedDate!.getTime());
    const [first, second] = await outbox(pool);
    expect(second).toMatchObject({ kind: 'resend', to: 'alice@example.com' });
    expect(second!.message).not.toBe(first!.message);
  });

  it('needs an existing user still waiting for the first sign-in', async () => {
    const pool = await h.pool();
    await expectError(createUser(pool, { MessageAction: 'RESEND' }), 'UserNotFoundException');
    await createUser(pool);
    await signIn(pool, 'alice');
    await expectError(createUser(pool, { MessageAction: 'RESEND' }), 'UnsupportedUserStateException');
  });
});

describe('first sign-in (admin route sign-in)', () => {
  it('confirms the user; a disabled user or an unknown one cannot sign in', async () => {
    const pool = await h.pool();
    await createUser(pool);
    expect(await signIn(pool, 'alice')).toEqual({ username: 'alice', userStatus: 'CONFIRMED' });
    expect((await getUser(pool, 'alice')).UserStatus).toBe('CONFIRMED');
    await h.cognito.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: 'alice' }));
    await expect(signIn(pool, 'alice')).rejects.toMatchObject({ body: { __type: 'NotAuthorizedException' } });
    await expect(signIn(pool, 'nobody')).rejects.toMatchObject({ body: { __type: 'UserNotFoundException' } });
  });

  it('finds the pool in the Region its id names', async () => {
    const europe = new CognitoIdentityProviderClient({ endpoint: h.sandbox.url, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const pool = (await europe.send(new CreateUserPoolCommand({ PoolName: 'europe' }))).UserPool!.Id!;
    await europe.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'eu', MessageAction: 'SUPPRESS' }));
    europe.destroy();
    expect(pool).toMatch(/^eu-west-1_/);
    expect((await signIn(pool, 'eu')).userStatus).toBe('CONFIRMED');
  });

  it('refuses a temporary password older than TemporaryPasswordValidityDays', async () => {
    const pool = await h.pool({ Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 1 } } });
    await createUser(pool);
    await h.admin('clock', { advanceMs: 2 * 86_400_000 });
    await expect(signIn(pool, 'alice')).rejects.toMatchObject({ body: { __type: 'NotAuthorizedException', message: /expired/ } });
    await createUser(pool, { MessageAction: 'RESEND' });
    expect((await signIn(pool, 'alice')).userStatus).toBe('CONFIRMED');
  });
});

describe('AdminGetUser and AdminUpdateUserAttributes', () => {
  it('returns the user and updates attributes; a changed e-mail becomes unverified', async () => {
    const pool = await h.pool();
    await createUser(pool, { UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }] });
    await h.cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: pool,
        Username: 'alice',
        UserAttributes: [{ Name: 'email', Value: 'alice@new.example' }, { Name: 'name', Value: 'Alice' }],
      }),
    );
    const user = await getUser(pool, 'alice');
    expect(user).toMatchObject({ Username: 'alice', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value]))).toMatchObject({
      email: 'alice@new.example',
      email_verified: 'false',
      name: 'Alice',
    });
  });

  it('refuses to change sub or an immutable custom attribute, and unknown users', async () => {
    const pool = await h.pool({ Schema: [{ Name: 'badge', AttributeDataType: 'String', Mutable: false }] });
    await createUser(pool, { UserAttributes: [{ Name: 'custom:badge', Value: '7' }], DesiredDeliveryMediums: undefined });
    const update = (Name: string, Username = 'alice') =>
      h.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username, UserAttributes: [{ Name, Value: 'x' }] }));
    await expectError(update('sub'), 'InvalidParameterException', /immutable/);
    await expectError(update('custom:badge'), 'InvalidParameterException', /immutable/);
    await expectError(update('name', 'nobody'), 'UserNotFoundException');
  });
});

describe('AdminDisableUser, AdminEnableUser, AdminUserGlobalSignOut, AdminDeleteUser', () => {
  it('disables and enables; disabling and signing out are recorded as sign-outs', async () => {
    const pool = await h.pool();
    await createUser(pool);
    await h.cognito.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: 'alice' }));
    expect((await getUser(pool, 'alice')).Enabled).toBe(false);
    await h.cognito.send(new AdminEnableUserCommand({ UserPoolId: pool, Username: 'alice' }));
    expect((await getUser(pool, 'alice')).Enabled).toBe(true);
    await h.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool, Username: 'alice' }));
    const signOuts = await h.admin<Array<{ pool: string; username: string; cause: string }>>('cognito/sign-outs', { userPoolId: pool });
    expect(signOuts.map(({ pool: p, username, cause }) => ({ p, username, cause }))).toEqual([
      { p: pool, username: 'alice', cause: 'disable' },
      { p: pool, username: 'alice', cause: 'global-sign-out' },
    ]);
    await expectError(h.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool, Username: 'bob' })), 'UserNotFoundException');
  });

  it('deletes a user and their group memberships; the name is free again', async () => {
    const pool = await h.pool();
    await createUser(pool);
    await h.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: 'team' }));
    await h.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: 'alice', GroupName: 'team' }));
    await h.cognito.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: 'alice' }));
    await expectError(getUser(pool, 'alice'), 'UserNotFoundException');
    expect((await h.cognito.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: 'team' }))).Users).toEqual([]);
    await expectError(h.cognito.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: 'alice' })), 'UserNotFoundException');
    await createUser(pool);
  });
});
