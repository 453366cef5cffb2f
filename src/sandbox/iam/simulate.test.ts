// SimulatePrincipalPolicy over the real SDK client (BEHAVIOUR.md, "SimulatePrincipalPolicy").
import { CreateRoleCommand, PutRolePolicyCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { expectError, sharedSandbox, unique } from '../sagemaker/test-support.js';

const shared = sharedSandbox({ ideal: true });
const TRUST = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::data/*' },
    { Sid: 'NoSecrets', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/secret/*' },
    { Sid: 'List', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::data', Condition: { StringLike: { 's3:prefix': 'input/*' } } },
  ],
});

describe('SimulatePrincipalPolicy', () => {
  const w = () => shared.inRegion('us-east-1');

  async function role(): Promise<string> {
    const name = unique('sim');
    const { Role } = await w().iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
    await w().iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'jobs', PolicyDocument: POLICY }));
    return Role!.Arn!;
  }

  it('decides each action on each resource from the role\'s policies: allowed, explicit and implicit denials', async () => {
    const arn = await role();
    const { EvaluationResults, IsTruncated } = await w().iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:GetObject', 's3:PutObject'], ResourceArns: ['arn:aws:s3:::data/in/1.jpg', 'arn:aws:s3:::data/secret/k'] }),
    );
    expect(IsTruncated).toBe(false);
    expect(EvaluationResults!.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::data/in/1.jpg', 'allowed'],
      ['s3:GetObject', 'arn:aws:s3:::data/secret/k', 'explicitDeny'],
      ['s3:PutObject', 'arn:aws:s3:::data/in/1.jpg', 'implicitDeny'],
      ['s3:PutObject', 'arn:aws:s3:::data/secret/k', 'implicitDeny'],
    ]);
    expect(EvaluationResults![0]!.MatchedStatements).toEqual([{ SourcePolicyId: 'jobs', SourcePolicyType: 'IAM Policy' }]);
  });

  it('reads condition keys from ContextEntries', async () => {
    const arn = await role();
    const list = (prefix: string) =>
      w().iam.send(
        new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:ListBucket'], ResourceArns: ['arn:aws:s3:::data'], ContextEntries: [{ ContextKeyName: 's3:prefix', ContextKeyValues: [prefix], ContextKeyType: 'string' }] }),
      );
    expect((await list('input/a')).EvaluationResults![0]!.EvalDecision).toBe('allowed');
    expect((await list('output/')).EvaluationResults![0]!.EvalDecision).toBe('implicitDeny');
  });

  it('pages by MaxItems, and refuses roles it does not hold', async () => {
    const arn = await role();
    const page1 = await w().iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], MaxItems: 2 }));
    expect(page1).toMatchObject({ IsTruncated: true, Marker: '2' });
    const page2 = await w().iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], MaxItems: 2, Marker: page1.Marker }));
    expect(page2.EvaluationResults!.map((r) => r.EvalActionName)).toEqual(['s3:ListBucket']);
    expect(page2.IsTruncated).toBe(false);
    await expectError(w().iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::000000000000:role/nobody', ActionNames: ['s3:GetObject'] })), 'NoSuchEntityException');
  });
});
