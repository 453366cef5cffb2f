// ListUsers: pagination, filters and AttributesToGet, per BEHAVIOUR.md.
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AddCustomAttributesCommand,
  ListUsersCommand,
  paginateListUsers,
  type ListUsersCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, startCognito, type CognitoHarness } from './test-support.js';

let h: CognitoHarness;
let pool: string;
const people = [
  { username: 'ann', email: 'ann@example.com', name: 'Ann Lee' },
  { username: 'andy', email: 'andy@example.org', name: 'Andy "Quote" Park' },
  { username: 'bea', email: 'bea@example.com', name: 'Bea Ray' },
  { username: 'bob', email: 'bob@example.com', name: 'Bob Stone' },
  { username: 'cal', email: 'cal@example.net', name: 'Cal Moe' },
  { username: 'dee', email: 'dee@example.com', name: 'Dee Fox' },
  { username: 'eve', email: 'eve@example.com', name: 'Eve Kim' },
  { username: 'Ann2', email: 'ANN2@example.com', name: 'Ann Two' },
];

beforeAll(async () => {
  h = await startCognito();
  pool = await h.pool();
  await h.cognito.send(new AddCustomAttributesCommand({ UserPoolId: pool, CustomAttributes: [{ Name: 'team', AttributeDataType: 'String' }] }));
  for (const p of people) {
    const attributes = [
      { Name: 'email', Value: p.email },
      { Name: 'name', Value: p.name },
      ...(p.username.startsWith('a') ? [{ Name: 'custom:team', Value: 'a-team' }] : []),
    ];
    await h.cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: p.username, UserAttributes: attributes, MessageAction: 'SUPPRESS' }));
  }
  await h.cognito.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: 'bob' }));
  await h.admin('cognito/sign-in', { userPoolId: pool, username: 'cal' });
});
afterAll(() => h.close());

const list = async (input: Partial<ListUsersCommandInput>) => (await h.cognito.send(new ListUsersCommand({ UserPoolId: pool, ...input }))).Users!;
const names = async (Filter: string) => (await list({ Filter })).map((u) => u.Username);

describe('ListUsers pagination', () => {
  it('pages with Limit and PaginationToken in creation order', async () => {
    const pages = [];
    for await (const page of paginateListUsers({ client: h.cognito, pageSize: 3 }, { UserPoolId: pool })) pages.push(page);
    expect(pages.map((p) => p.Users!.length)).toEqual([3, 3, 2]);
    expect(pages.flatMap((p) => p.Users!.map((u) => u.Username))).toEqual(people.map((p) => p.username));
    expect(pages[2]!.PaginationToken).toBeUndefined();
  });

  it('returns everyone in one page without a Limit, and refuses Limit 61', async () => {
    expect(await list({})).toHaveLength(people.length);
    await expectError(h.cognito.send(new ListUsersCommand({ UserPoolId: pool, Limit: 61 })), 'InvalidParameterException', /less than or equal to 60/);
  });

  it('continues a filtered listing only with the same filter', async () => {
    const first = await h.cognito.send(new ListUsersCommand({ UserPoolId: pool, Limit: 2, Filter: 'email ^= "a"' }));
    expect(first.Users!.map((u) => u.Username)).toEqual(['ann', 'andy']);
    expect(first.PaginationToken).toBeUndefined();
    const unfiltered = await h.cognito.send(new ListUsersCommand({ UserPoolId: pool, Limit: 2 }));
    await expectError(
      h.cognito.send(new ListUsersCommand({ UserPoolId: pool, Limit: 2, Filter: 'email ^= "a"', PaginationToken: unfiltered.PaginationToken })),
      'InvalidParameterException',
    );
  });
});

describe('ListUsers filters', () => {
  it.each([
    ['username = "bea"', ['bea']],
    ['username ^= "a"', ['ann', 'andy']],
    ['email = "dee@example.com"', ['dee']],
    ['email ^= "b"', ['bea', 'bob']],
    ['name = "Andy \\"Quote\\" Park"', ['andy']],
    ['status = "Disabled"', ['bob']],
    ['status = "Enabled"', ['ann', 'andy', 'bea', 'cal', 'dee', 'eve', 'Ann2']],
    ['cognito:user_status = "confirmed"', ['cal']],
    ['  email   =   "eve@example.com"  ', ['eve']],
    ['email = "nobody@example.com"', []],
    ['', ['ann', 'andy', 'bea', 'bob', 'cal', 'dee', 'eve', 'Ann2']],
  ])('%s', async (filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it('matches by sub', async () => {
    const [ann] = await list({ Filter: 'username = "ann"' });
    const sub = ann!.Attributes!.find((a) => a.Name === 'sub')!.Value!;
    expect(await names(`sub = "${sub}"`)).toEqual(['ann']);
  });

  it('is case-sensitive on usernames and e-mails in a case-sensitive pool', async () => {
    expect(await names('username = "ann2"')).toEqual([]);
    expect(await names('email = "ann2@example.com"')).toEqual([]);
  });

  it.each([['email != "x"'], ['email = x'], ['email "x"'], ['email = "a" and name = "b"']])('refuses the malformed filter %s', async (filter) => {
    await expectError(h.cognito.send(new ListUsersCommand({ UserPoolId: pool, Filter: filter })), 'InvalidParameterException', 'Error while parsing filter.');
  });

  it('refuses attributes that cannot be searched', async () => {
    await expectError(h.cognito.send(new ListUsersCommand({ UserPoolId: pool, Filter: 'custom:team = "a-team"' })), 'InvalidParameterException');
    await expectError(h.cognito.send(new ListUsersCommand({ UserPoolId: pool, Filter: 'locale = "en"' })), 'InvalidParameterException');
  });

  it('matches usernames and e-mails case-insensitively in a case-insensitive pool', async () => {
    const other = await h.pool({ UsernameConfiguration: { CaseSensitive: false } });
    await h.cognito.send(
      new AdminCreateUserCommand({ UserPoolId: other, Username: 'Mixed', UserAttributes: [{ Name: 'email', Value: 'Mixed@Example.com' }], MessageAction: 'SUPPRESS' }),
    );
    const found = await h.cognito.send(new ListUsersCommand({ UserPoolId: other, Filter: 'email = "mixed@example.com"' }));
    expect(found.Users!.map((u) => u.Username)).toEqual(['Mixed']);
    const byName = await h.cognito.send(new ListUsersCommand({ UserPoolId: other, Filter: 'username ^= "mix"' }));
    expect(byName.Users!.map((u) => u.Username)).toEqual(['Mixed']);
  });
});

describe('ListUsers AttributesToGet', () => {
  it('returns only the attributes asked for', async () => {
    const [user] = await list({ Filter: 'username = "ann"', AttributesToGet: ['email'] });
    expect(user!.Attributes).toEqual([{ Name: 'email', Value: 'ann@example.com' }]);
  });

  it('allows an attribute that cannot be searched only when every listed user has it', async () => {
    const aTeam = await list({ Filter: 'username ^= "a"', AttributesToGet: ['custom:team'] });
    expect(aTeam.map((u) => u.Attributes)).toEqual([
      [{ Name: 'custom:team', Value: 'a-team' }],
      [{ Name: 'custom:team', Value: 'a-team' }],
    ]);
    await expectError(h.cognito.send(new ListUsersCommand({ UserPoolId: pool, AttributesToGet: ['custom:team'] })), 'InvalidParameterException');
  });

  it('refuses attributes the pool does not have', async () => {
    await expectError(h.cognito.send(new ListUsersCommand({ UserPoolId: pool, AttributesToGet: ['custom:nope'] })), 'InvalidParameterException');
  });
});
