// The read-only queries SageMaker makes of Cognito state, and the state's plain-JSON shape (for --state FILE).
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appClientExists, findUser, groupExists, groupsOfUser, userPoolDomain, userPoolExists } from './lookup.js';
import { startCognito, type CognitoHarness } from './test-support.js';

let h: CognitoHarness;
let pool: string;
let clientId: string;
beforeAll(async () => {
  h = await startCognito();
  pool = await h.pool({ UsernameAttributes: ['email'], UsernameConfiguration: { CaseSensitive: false } });
  clientId = (await h.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'portal' }))).UserPoolClient!.ClientId!;
  await h.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'lookup-portal' }));
  await h.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: 'team' }));
  for (const email of ['b@example.com', 'a@example.com']) {
    await h.cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: email, MessageAction: 'SUPPRESS' }));
    await h.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: email, GroupName: 'team' }));
  }
  await h.cognito.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: 'a@example.com' }));
});
afterAll(() => h.close());

describe('lookup', () => {
  const state = () => h.sandbox.state.cognito;

  it('answers existence questions per Region', () => {
    expect(userPoolExists(state(), 'us-east-1', pool)).toBe(true);
    expect(userPoolExists(state(), 'eu-west-1', pool)).toBe(false);
    expect(appClientExists(state(), 'us-east-1', pool, clientId)).toBe(true);
    expect(appClientExists(state(), 'us-east-1', pool, 'nope')).toBe(false);
    expect(groupExists(state(), 'us-east-1', pool, 'team')).toBe(true);
    expect(groupExists(state(), 'us-east-1', 'us-east-1_missing00', 'team')).toBe(false);
    expect(userPoolDomain(state(), 'us-east-1', pool)).toBe('lookup-portal');
  });

  it("finds users by e-mail, case-insensitively here, and names a user's groups", () => {
    const a = findUser(state(), 'us-east-1', pool, 'A@Example.com');
    expect(a).toMatchObject({ email: 'a@example.com', enabled: false, status: 'FORCE_CHANGE_PASSWORD' });
    expect(a!.sub).toBe(a!.username);
    expect(findUser(state(), 'us-east-1', pool, 'c@example.com')).toBeUndefined();
    expect(groupsOfUser(state(), 'us-east-1', pool, 'b@example.com')).toEqual(['team']);
    expect(groupsOfUser(state(), 'us-east-1', pool, 'c@example.com')).toEqual([]);
  });

  it('keeps state as plain JSON, so --state FILE can persist it', () => {
    expect(JSON.parse(JSON.stringify(state()))).toEqual(state());
  });
});
