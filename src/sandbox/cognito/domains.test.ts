// User pool domains, per BEHAVIOUR.md.
import {
  CreateUserPoolDomainCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, startCognito, type CognitoHarness } from './test-support.js';

let h: CognitoHarness;
beforeAll(async () => {
  h = await startCognito();
});
afterAll(() => h.close());

const createDomain = (UserPoolId: string, Domain: string) => h.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain }));
const describeDomain = async (Domain: string) => (await h.cognito.send(new DescribeUserPoolDomainCommand({ Domain }))).DomainDescription;

describe('CreateUserPoolDomain and DescribeUserPoolDomain', () => {
  it('creates an ACTIVE prefix domain that DescribeUserPool shows', async () => {
    const pool = await h.pool();
    expect((await createDomain(pool, 'techblogger-labeling')).ManagedLoginVersion).toBe(1);
    expect(await describeDomain('techblogger-labeling')).toMatchObject({
      UserPoolId: pool,
      AWSAccountId: '000000000000',
      Domain: 'techblogger-labeling',
      Status: 'ACTIVE',
    });
    expect((await h.cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool }))).UserPool!.Domain).toBe('techblogger-labeling');
  });

  it('describes an unknown domain as an empty DomainDescription', async () => {
    expect(await describeDomain('nobody-has-this')).toEqual({});
  });

  it('keeps one domain per pool and each prefix for one pool', async () => {
    const first = await h.pool();
    const second = await h.pool();
    await createDomain(first, 'taken-prefix');
    await expectError(createDomain(second, 'taken-prefix'), 'InvalidParameterException', 'Domain already associated with another user pool.');
    await expectError(createDomain(first, 'another-prefix'), 'InvalidParameterException', /already has a domain/);
  });

  it('refuses reserved words, names outside the pattern and unknown pools', async () => {
    const pool = await h.pool();
    await expectError(createDomain(pool, 'my-cognito-login'), 'InvalidParameterException', /reserved word: cognito/);
    await expectError(createDomain(pool, 'Upper-Case'), 'InvalidParameterException', /domain/);
    await expectError(createDomain(pool, 'ends-with-dash-'), 'InvalidParameterException', /domain/);
    await expectError(createDomain('us-east-1_missing00', 'free-prefix'), 'ResourceNotFoundException');
  });
});

describe('DeleteUserPoolDomain', () => {
  it('deletes the pool domain, freeing the prefix; a wrong domain is refused', async () => {
    const pool = await h.pool();
    await createDomain(pool, 'short-lived');
    await expectError(
      h.cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool, Domain: 'not-this-one' })),
      'InvalidParameterException',
      'No such domain or user pool exists.',
    );
    await h.cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool, Domain: 'short-lived' }));
    expect(await describeDomain('short-lived')).toEqual({});
    expect((await h.cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool }))).UserPool!.Domain).toBeUndefined();
    await createDomain(await h.pool(), 'short-lived');
  });
});
