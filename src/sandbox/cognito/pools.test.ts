// User pools, custom attributes and tags, per BEHAVIOUR.md.
import {
  AddCustomAttributesCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolCommand,
  ListTagsForResourceCommand,
  ListUserPoolsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUserPoolCommand,
  paginateListUserPools,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, startCognito, type CognitoHarness } from './test-support.js';

let h: CognitoHarness;
beforeAll(async () => {
  h = await startCognito();
});
afterAll(() => h.close());

const describePool = async (id: string) => (await h.cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool!;

const invitation = {
  AllowAdminCreateUserOnly: true,
  InviteMessageTemplate: { EmailSubject: 'Join us', EmailMessage: 'Hello {username}, your password is {####}' },
};

describe('CreateUserPool and DescribeUserPool', () => {
  it('mints a Region-prefixed id and an ARN, keeps tags, and returns AWS defaults for what was not set', async () => {
    const created = await h.cognito.send(new CreateUserPoolCommand({ PoolName: 'workers', UserPoolTags: { 'gtctl:project': 'demo' } }));
    const pool = created.UserPool!;
    expect(pool.Id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(pool.Arn).toBe(`arn:aws:cognito-idp:us-east-1:000000000000:userpool/${pool.Id}`);
    const described = await describePool(pool.Id!);
    expect(described).toMatchObject({
      Name: 'workers',
      UserPoolTags: { 'gtctl:project': 'demo' },
      DeletionProtection: 'INACTIVE',
      MfaConfiguration: 'OFF',
      EstimatedNumberOfUsers: 0,
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
      Policies: { PasswordPolicy: { MinimumLength: 8, RequireSymbols: true, TemporaryPasswordValidityDays: 7 } },
    });
    expect(described.CreationDate).toBeInstanceOf(Date);
    expect(described.UsernameAttributes).toBeUndefined();
    expect(described.UsernameConfiguration).toBeUndefined();
    expect(described.SchemaAttributes!.map((a) => a.Name)).toContain('email');
  });

  it('keeps sign-in settings, case sensitivity, the invitation template and custom attributes', async () => {
    const id = await h.pool({
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AdminCreateUserConfig: invitation,
      Policies: { PasswordPolicy: { MinimumLength: 12, TemporaryPasswordValidityDays: 3 } },
      Schema: [{ Name: 'team', AttributeDataType: 'String', Mutable: true }, { Name: 'email', Required: true }],
    });
    const pool = await describePool(id);
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(pool.AdminCreateUserConfig).toEqual({ ...invitation, UnusedAccountValidityDays: 3 });
    expect(pool.Policies!.PasswordPolicy).toMatchObject({ MinimumLength: 12, RequireUppercase: false, TemporaryPasswordValidityDays: 3 });
    const schema = Object.fromEntries(pool.SchemaAttributes!.map((a) => [a.Name, a]));
    expect(schema['custom:team']).toMatchObject({ AttributeDataType: 'String', Mutable: true, Required: false });
    expect(schema['email']).toMatchObject({ Required: true });
  });

  it('refuses both alias and username attributes, both validity settings, and bad names', async () => {
    await expectError(h.pool({ AliasAttributes: ['email'], UsernameAttributes: ['email'] }), 'InvalidParameterException', /Only one of/);
    await expectError(
      h.pool({ AdminCreateUserConfig: { UnusedAccountValidityDays: 3 }, Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 3 } } }),
      'InvalidParameterException',
      /TemporaryPasswordValidityDays/,
    );
    await expectError(h.pool({ PoolName: 'no/slashes' }), 'InvalidParameterException', /poolName/);
    await expectError(h.pool({ Schema: [{ Name: 'team', Required: true }] }), 'InvalidParameterException', /Required custom attributes/);
  });

  it('answers ResourceNotFoundException for an unknown pool, and for a pool of another Region', async () => {
    await expectError(describePool('us-east-1_nothere12'), 'ResourceNotFoundException', 'User pool us-east-1_nothere12 does not exist.');
    const id = await h.pool();
    const other = await startCognito('eu-west-1');
    try {
      await expectError(other.cognito.send(new DescribeUserPoolCommand({ UserPoolId: id })), 'ResourceNotFoundException');
    } finally {
      await other.close();
    }
  });
});

describe('UpdateUserPool', () => {
  it('resets every member it omits to the default, tags included, and keeps the name', async () => {
    const id = await h.pool({
      PoolName: 'kept',
      AdminCreateUserConfig: invitation,
      Policies: { PasswordPolicy: { MinimumLength: 10 } },
      MfaConfiguration: 'OFF',
      DeletionProtection: 'ACTIVE',
      UserPoolTags: { owner: 'me' },
    });
    const before = await describePool(id);
    await h.cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, AutoVerifiedAttributes: ['email'] }));
    const after = await describePool(id);
    expect(after.Name).toBe('kept');
    expect(after.AutoVerifiedAttributes).toEqual(['email']);
    expect(after.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 });
    expect(after.Policies!.PasswordPolicy).toMatchObject({ MinimumLength: 8, TemporaryPasswordValidityDays: 7 });
    expect(after.DeletionProtection).toBe('INACTIVE');
    expect(after.UserPoolTags).toEqual({});
    expect(after.LastModifiedDate!.getTime()).toBeGreaterThanOrEqual(before.LastModifiedDate!.getTime());
  });

  it('sets what it is given, including a new name', async () => {
    const id = await h.pool();
    await h.cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, PoolName: 'renamed', AdminCreateUserConfig: invitation, UserPoolTags: { a: '1' } }));
    const pool = await describePool(id);
    expect(pool).toMatchObject({ Name: 'renamed', AdminCreateUserConfig: { InviteMessageTemplate: invitation.InviteMessageTemplate }, UserPoolTags: { a: '1' } });
  });
});

describe('DeleteUserPool', () => {
  it('refuses while deletion protection is on or a domain exists, then deletes', async () => {
    const id = await h.pool({ DeletionProtection: 'ACTIVE' });
    await expectError(h.cognito.send(new DeleteUserPoolCommand({ UserPoolId: id })), 'InvalidParameterException', /deletion protection/);
    await h.cognito.send(new UpdateUserPoolCommand({ UserPoolId: id }));
    await h.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: id, Domain: 'delete-me-pool' }));
    await expectError(h.cognito.send(new DeleteUserPoolCommand({ UserPoolId: id })), 'InvalidParameterException', /domain/);
    await h.cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: id, Domain: 'delete-me-pool' }));
    await h.cognito.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    await expectError(describePool(id), 'ResourceNotFoundException');
  });
});

describe('ListUserPools', () => {
  it('pages in creation order with MaxResults and NextToken', async () => {
    const fresh = await startCognito('ap-south-1');
    try {
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) ids.push(await fresh.pool({ PoolName: `p${i}` }));
      const pages = [];
      for await (const page of paginateListUserPools({ client: fresh.cognito, pageSize: 3 }, { MaxResults: 3 })) pages.push(page);
      expect(pages.map((p) => p.UserPools!.length)).toEqual([3, 3, 1]);
      expect(pages.flatMap((p) => p.UserPools!.map((u) => u.Id))).toEqual(ids);
      expect(pages[2]!.NextToken).toBeUndefined();
      expect(pages[0]!.UserPools![0]).toMatchObject({ Name: 'p0', LambdaConfig: {} });
    } finally {
      await fresh.close();
    }
  });

  it('requires MaxResults between 1 and 60 and refuses a foreign token', async () => {
    await expectError(h.cognito.send(new ListUserPoolsCommand({} as never)), 'InvalidParameterException', /maxResults/);
    await expectError(h.cognito.send(new ListUserPoolsCommand({ MaxResults: 61 })), 'InvalidParameterException', /less than or equal to 60/);
    await expectError(h.cognito.send(new ListUserPoolsCommand({ MaxResults: 1, NextToken: 'bm90LWEtdG9rZW4' })), 'InvalidParameterException');
  });
});

describe('AddCustomAttributes', () => {
  it('adds custom: attributes and refuses a name already taken', async () => {
    const id = await h.pool();
    await h.cognito.send(new AddCustomAttributesCommand({ UserPoolId: id, CustomAttributes: [{ Name: 'managed', AttributeDataType: 'Boolean' }] }));
    const names = (await describePool(id)).SchemaAttributes!.map((a) => a.Name);
    expect(names).toContain('custom:managed');
    await expectError(
      h.cognito.send(new AddCustomAttributesCommand({ UserPoolId: id, CustomAttributes: [{ Name: 'managed' }] })),
      'InvalidParameterException',
      'Existing attribute already has name custom:managed.',
    );
  });
});

describe('tags', () => {
  it('adds, lists and removes tags on the pool ARN', async () => {
    const id = await h.pool({ UserPoolTags: { a: '1' } });
    const arn = (await describePool(id)).Arn!;
    await h.cognito.send(new TagResourceCommand({ ResourceArn: arn, Tags: { b: '2', a: 'one' } }));
    expect((await h.cognito.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual({ a: 'one', b: '2' });
    await h.cognito.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a'] }));
    expect((await h.cognito.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual({ b: '2' });
  });

  it('refuses an unknown pool, reserved keys and more than 50 tags', async () => {
    const id = await h.pool();
    const arn = (await describePool(id)).Arn!;
    await expectError(
      h.cognito.send(new ListTagsForResourceCommand({ ResourceArn: arn.replace(id, 'us-east-1_missing00') })),
      'ResourceNotFoundException',
    );
    await expectError(h.cognito.send(new TagResourceCommand({ ResourceArn: arn, Tags: { 'aws:x': '1' } })), 'InvalidParameterException');
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await expectError(h.cognito.send(new TagResourceCommand({ ResourceArn: arn, Tags: many })), 'InvalidParameterException', /at most 50/);
  });
});
