// Cognito users: invitations, listing, attributes, enable/disable, delete, sign-out, in an e-mail-username pool
// like the one gtctl manages. Users are created with SUPPRESS (fixtures.ts) except in the cases about sending.
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect } from 'vitest';
import { emailPool, userByEmail, userView, worker } from './fixtures.js';
import { attempt, conformanceSuite, okOrFailure, sleep, type Clients, type Scope } from './harness.js';

const { differential } = conformanceSuite();

/** A pool with one worker: its id, the e-mail and the username the pool gave. */
async function poolWithWorker(c: Clients, scope: Scope) {
  const pool = await emailPool(c, scope);
  const email = scope.email('w');
  const username = await worker(c, pool, email, 'Ann');
  return { pool, email, username };
}

/**
 * Whether `change` moves UserLastModifiedDate (aws-evidence A8: unknown on AWS). Dates are to the second on some
 * servers, so the change waits past one.
 */
async function movesLastModified(c: Clients, pool: string, email: string, change: () => Promise<unknown>) {
  const before = (await userByEmail(c, pool, email))?.UserLastModifiedDate?.getTime();
  await sleep(1_100);
  const result = await attempt(change);
  const after = (await userByEmail(c, pool, email))?.UserLastModifiedDate?.getTime();
  return { result: okOrFailure(result), moved: before !== undefined && after !== undefined && after > before };
}

// ---- AdminCreateUser ----

differential({
  service: 'cognito-idp',
  operation: 'AdminCreateUser',
  case: 'e-mail as username in an e-mail pool, SUPPRESS',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    const email = scope.email('w');
    const { User } = await c.cognito.send(
      new AdminCreateUserCommand({ UserPoolId: pool, Username: email, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] }),
    );
    return userView(User);
  },
  expect: (answer) => expect(answer).toMatchObject({ status: 'FORCE_CHANGE_PASSWORD', enabled: true }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminCreateUser',
  case: 'invitation by e-mail, as gtctl sends it',
  // The one case that sends a first invitation (to example.com): on AWS it counts toward the 50 a day of A5.
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    const email = scope.email('w');
    const created = await attempt(() =>
      c.cognito.send(
        new AdminCreateUserCommand({ UserPoolId: pool, Username: email, DesiredDeliveryMediums: ['EMAIL'], UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }, { Name: 'custom:gtctl_project', Value: 'demo' }] }),
      ),
    );
    return 'ok' in created ? userView(created.ok.User) : created;
  },
  expect: (answer) => expect(answer).toMatchObject({ status: 'FORCE_CHANGE_PASSWORD', attributes: { 'custom:gtctl_project': 'demo' } }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminCreateUser',
  case: 'the e-mail is already a user',
  run: async (c, scope) => {
    const { pool, email } = await poolWithWorker(c, scope);
    return attempt(() => worker(c, pool, email));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'UsernameExistsException', status: 400 }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminCreateUser',
  case: 'unknown pool',
  run: async (c, scope) => attempt(() => worker(c, `${c.region}_AAAAAAAAA`, scope.email('w'))),
  expect: (answer) => expect(answer).toMatchObject({ error: 'ResourceNotFoundException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminCreateUser',
  case: 'RESEND with the e-mail as username',
  run: async (c, scope) => {
    const { pool, email } = await poolWithWorker(c, scope);
    return movesLastModified(c, pool, email, () =>
      c.cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: email, MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] })),
    );
  },
  expect: (answer) => expect(answer).toMatchObject({ result: 'ok' }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminCreateUser',
  case: 'RESEND with the generated username',
  // aws-evidence §5.4: whether AWS takes the generated username here is unknown; gtctl resends by e-mail.
  run: async (c, scope) => {
    const { pool, username } = await poolWithWorker(c, scope);
    return okOrFailure(await attempt(() => c.cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: username, MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] }))));
  },
});

differential({
  service: 'cognito-idp',
  operation: 'AdminCreateUser',
  case: 'RESEND for an unknown user',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    return attempt(() => c.cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: scope.email('nobody'), MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] })));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'UserNotFoundException' }),
});

// ---- ListUsers ----

differential({
  service: 'cognito-idp',
  operation: 'ListUsers',
  case: 'Limit 2 pages with PaginationToken',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    const emails = ['u1', 'u2', 'u3', 'u4', 'u5'].map((r) => scope.email(r));
    for (const email of emails) await worker(c, pool, email);
    const pages: string[][] = [];
    let PaginationToken: string | undefined;
    do {
      const page = await c.cognito.send(new ListUsersCommand({ UserPoolId: pool, Limit: 2, PaginationToken }));
      pages.push((page.Users ?? []).map((u) => u.Attributes?.find((a) => a.Name === 'email')?.Value ?? ''));
      PaginationToken = page.PaginationToken;
    } while (PaginationToken && pages.length < 10);
    // The order of users is not documented: the set and the page sizes are.
    return { emails: pages.flat().sort(), pageSizes: pages.map((p) => p.length) };
  },
  expect: (answer) => expect(answer).toMatchObject({ pageSizes: [2, 2, 1] }),
});

differential({
  service: 'cognito-idp',
  operation: 'ListUsers',
  case: 'filter by e-mail',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    await worker(c, pool, scope.email('a'));
    await worker(c, pool, scope.email('b'), 'Bob');
    const { Users } = await c.cognito.send(new ListUsersCommand({ UserPoolId: pool, Filter: `email = "${scope.email('b')}"` }));
    return (Users ?? []).map(userView);
  },
});

differential({
  service: 'cognito-idp',
  operation: 'ListUsers',
  case: 'unknown pool',
  run: async (c) => attempt(() => c.cognito.send(new ListUsersCommand({ UserPoolId: `${c.region}_AAAAAAAAA`, Limit: 60 }))),
  expect: (answer) => expect(answer).toMatchObject({ error: 'ResourceNotFoundException' }),
});

// ---- attributes, enable, disable ----

differential({
  service: 'cognito-idp',
  operation: 'AdminUpdateUserAttributes',
  case: 'display name and a custom attribute, by e-mail',
  run: async (c, scope) => {
    const { pool, email } = await poolWithWorker(c, scope);
    const change = await movesLastModified(c, pool, email, () =>
      c.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: email, UserAttributes: [{ Name: 'name', Value: 'Ann B.' }, { Name: 'custom:gtctl_invited', Value: '2026-01-01T00:00:00Z' }] })),
    );
    return { ...change, user: userView(await userByEmail(c, pool, email)) };
  },
  expect: (answer) => expect(answer).toMatchObject({ result: 'ok', moved: true }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminUpdateUserAttributes',
  case: 'e-mail given in another case (case-insensitive pool)',
  run: async (c, scope) => {
    const { pool, email } = await poolWithWorker(c, scope);
    return okOrFailure(await attempt(() => c.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: email.toUpperCase(), UserAttributes: [{ Name: 'name', Value: 'X' }] }))));
  },
  expect: (answer) => expect(answer).toBe('ok'),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminUpdateUserAttributes',
  case: 'unknown user',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    return attempt(() => c.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: scope.email('nobody'), UserAttributes: [{ Name: 'name', Value: 'X' }] })));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'UserNotFoundException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminDisableUser',
  case: 'disable: the user stays listed, disabled',
  run: async (c, scope) => {
    const { pool, email } = await poolWithWorker(c, scope);
    const change = await movesLastModified(c, pool, email, () => c.cognito.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: email })));
    const user = await userByEmail(c, pool, email);
    return { ...change, enabled: user?.Enabled, status: user?.UserStatus };
  },
  expect: (answer) => expect(answer).toMatchObject({ result: 'ok', enabled: false }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminDisableUser',
  case: 'unknown user',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    return attempt(() => c.cognito.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: scope.email('nobody') })));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'UserNotFoundException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminEnableUser',
  case: 'enable a disabled user',
  run: async (c, scope) => {
    const { pool, email } = await poolWithWorker(c, scope);
    await c.cognito.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: email }));
    const change = await movesLastModified(c, pool, email, () => c.cognito.send(new AdminEnableUserCommand({ UserPoolId: pool, Username: email })));
    return { ...change, enabled: (await userByEmail(c, pool, email))?.Enabled };
  },
  expect: (answer) => expect(answer).toMatchObject({ result: 'ok', enabled: true }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminEnableUser',
  case: 'unknown user',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    return attempt(() => c.cognito.send(new AdminEnableUserCommand({ UserPoolId: pool, Username: scope.email('nobody') })));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'UserNotFoundException' }),
});

// ---- delete, sign-out ----

differential({
  service: 'cognito-idp',
  operation: 'AdminDeleteUser',
  case: 'delete, then the e-mail is free again',
  run: async (c, scope) => {
    const { pool, email } = await poolWithWorker(c, scope);
    await c.cognito.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: email }));
    const listed = (await c.cognito.send(new ListUsersCommand({ UserPoolId: pool }))).Users?.length;
    const again = await attempt(() => worker(c, pool, email));
    return { listed, again: okOrFailure(again) };
  },
  expect: (answer) => expect(answer).toEqual({ listed: 0, again: 'ok' }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminDeleteUser',
  case: 'unknown user',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    return attempt(() => c.cognito.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: scope.email('nobody') })));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'UserNotFoundException' }),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminUserGlobalSignOut',
  case: 'a user who never signed in',
  run: async (c, scope) => {
    const { pool, email } = await poolWithWorker(c, scope);
    return okOrFailure(await attempt(() => c.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool, Username: email }))));
  },
  expect: (answer) => expect(answer).toBe('ok'),
});

differential({
  service: 'cognito-idp',
  operation: 'AdminUserGlobalSignOut',
  case: 'unknown user',
  run: async (c, scope) => {
    const pool = await emailPool(c, scope);
    return attempt(() => c.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool, Username: scope.email('nobody') })));
  },
  expect: (answer) => expect(answer).toMatchObject({ error: 'UserNotFoundException' }),
});
