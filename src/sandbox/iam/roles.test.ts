// IAM roles and their inline policies over the real SDK client (BEHAVIOUR.md, "Roles" and "Inline policies").
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { expectError, sharedSandbox, unique } from '../sagemaker/test-support.js';

const shared = sharedSandbox({ ideal: true });

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const READ = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] });

describe('IAM roles', () => {
  const w = () => shared.inRegion('us-east-1');

  it('creates a role with its ARN, id and tags, and answers its trust policy URL-encoded', async () => {
    const iam = w().iam;
    const name = unique('Labeling');
    const created = await iam.send(new CreateRoleCommand({ RoleName: name, Path: '/gtctl/', AssumeRolePolicyDocument: TRUST, Description: 'jobs', Tags: [{ Key: 'gtctl:project', Value: 'labeling' }] }));
    expect(created.Role).toMatchObject({ RoleName: name, Path: '/gtctl/', Arn: `arn:aws:iam::000000000000:role/gtctl/${name}`, Description: 'jobs', MaxSessionDuration: 3600 });
    expect(created.Role!.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    const got = await iam.send(new GetRoleCommand({ RoleName: name.toUpperCase() }));
    expect(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)).toBe(TRUST);
    expect(got.Role!.AssumeRolePolicyDocument).not.toBe(TRUST);
    expect(got.Role!.Tags).toEqual([{ Key: 'gtctl:project', Value: 'labeling' }]);
    await expectError(iam.send(new CreateRoleCommand({ RoleName: name.toLowerCase(), AssumeRolePolicyDocument: TRUST })), 'EntityAlreadyExistsException', /already exists/);
  });

  it.each([
    ['not JSON', '{', /Syntax errors/],
    ['a Resource', JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }] }), /prohibited field Resource/],
    ['no Principal', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }), /Principal/],
  ])('refuses a trust policy with %s', async (_, document, message) => {
    await expectError(w().iam.send(new CreateRoleCommand({ RoleName: unique('r'), AssumeRolePolicyDocument: document })), 'MalformedPolicyDocumentException', message);
  });

  it('refuses a trust policy over 2,048 characters without whitespace, and a name IAM does not allow', async () => {
    const long = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: Array.from({ length: 100 }, (_, i) => `service${i}.amazonaws.com`) }, Action: 'sts:AssumeRole' }] });
    await expectError(w().iam.send(new CreateRoleCommand({ RoleName: unique('r'), AssumeRolePolicyDocument: long })), 'LimitExceededException', /ACLSizePerRole: 2048/);
    await expectError(w().iam.send(new CreateRoleCommand({ RoleName: 'has space', AssumeRolePolicyDocument: TRUST })), 'ValidationError', /roleName|RoleName/);
  });

  it('tags, untags and updates the trust policy; unknown roles are NoSuchEntity', async () => {
    const iam = w().iam;
    const name = unique('r');
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'a', Value: '1' }] }));
    await iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }] }));
    await iam.send(new UntagRoleCommand({ RoleName: name, TagKeys: ['b'] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: name }))).Tags).toEqual([{ Key: 'a', Value: '2' }]);
    const trust = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: ['sagemaker.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: trust }));
    expect(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: name }))).Role!.AssumeRolePolicyDocument!)).toBe(trust);
    await expectError(iam.send(new GetRoleCommand({ RoleName: 'nobody' })), 'NoSuchEntityException', 'The role with name nobody cannot be found.');
  });

  it('keeps inline policies: put replaces, get answers URL-encoded, list sorts, a role with policies cannot be deleted', async () => {
    const iam = w().iam;
    const name = unique('r');
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'write', PolicyDocument: READ }));
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'read', PolicyDocument: READ }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames).toEqual(['read', 'write']);
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: 'read' }));
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(READ);
    await expectError(iam.send(new DeleteRoleCommand({ RoleName: name })), 'DeleteConflictException', 'Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'read' }));
    await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'write' }));
    await expectError(iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: 'read' })), 'NoSuchEntityException', /role policy with name read cannot be found/);
    await iam.send(new DeleteRoleCommand({ RoleName: name }));
    await expectError(iam.send(new GetRoleCommand({ RoleName: name })), 'NoSuchEntityException');
  });

  it('refuses malformed permission policies and more than 10,240 characters of them per role', async () => {
    const iam = w().iam;
    const name = unique('r');
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
    const principal = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] });
    await expectError(iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: principal })), 'MalformedPolicyDocumentException', /should not specify a principal/);
    const big = (n: number) => JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }] });
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'a', PolicyDocument: big(200) }));
    await expectError(iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'b', PolicyDocument: big(200) })), 'LimitExceededException', /10240/);
    // Replacing a policy counts its new size, not both.
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'a', PolicyDocument: big(300) }));
  });
});
