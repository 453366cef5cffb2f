// IAM: what gtctl's managed execution role and its pre-flight use (roles, inline policies, SimulatePrincipalPolicy),
// on the sandbox's IAM against moto's.
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { expect } from 'vitest';
import { attempt, conformanceSuite, okOrFailure, type Scope } from './harness.js';

const { differential } = conformanceSuite();

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const READ = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::gtctl-conformance/*' }] });

/** A role deleted again at the end of the case (its inline policies first, as IAM requires). */
async function role(iam: IAMClient, scope: Scope, policies: Record<string, string> = {}): Promise<{ name: string; arn: string }> {
  const name = scope.name('role');
  const { Role } = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
  for (const [PolicyName, PolicyDocument] of Object.entries(policies)) await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName, PolicyDocument }));
  scope.defer(async () => {
    for (const PolicyName of Object.keys(policies)) await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName })).catch(() => undefined);
    await iam.send(new DeleteRoleCommand({ RoleName: name }));
  });
  return { name, arn: Role!.Arn! };
}

differential({
  service: 'iam',
  operation: 'CreateRole',
  case: 'the same name in another letter case',
  run: async (c, scope) => {
    const { name, arn } = await role(c.iam, scope);
    const again = await attempt(() => c.iam.send(new CreateRoleCommand({ RoleName: name.toUpperCase(), AssumeRolePolicyDocument: TRUST })));
    return { arn: arn.endsWith(`:role/${name}`), again: okOrFailure(again) };
  },
  expect: (answer) => expect(answer).toMatchObject({ arn: true, again: { error: 'EntityAlreadyExists', status: 409 } }),
});

differential({
  service: 'iam',
  operation: 'GetRole',
  case: 'answers the trust policy URL-encoded, and an unknown role as NoSuchEntity',
  run: async (c, scope) => {
    const { name } = await role(c.iam, scope);
    const got = await c.iam.send(new GetRoleCommand({ RoleName: name }));
    const document = got.Role?.AssumeRolePolicyDocument ?? '';
    const unknown = await attempt(() => c.iam.send(new GetRoleCommand({ RoleName: `${name}-nope` })));
    return { decodes: JSON.parse(decodeURIComponent(document)).Statement[0].Action === 'sts:AssumeRole', unknown: okOrFailure(unknown) };
  },
  expect: (answer) => expect(answer).toMatchObject({ decodes: true, unknown: { error: 'NoSuchEntity', status: 404 } }),
});

differential({
  service: 'iam',
  operation: 'PutRolePolicy',
  case: 'stores an inline policy, answered URL-encoded; a role with one cannot be deleted',
  run: async (c, scope) => {
    const { name } = await role(c.iam, scope, { read: READ });
    const got = await c.iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: 'read' }));
    const deleted = await attempt(() => c.iam.send(new DeleteRoleCommand({ RoleName: name })));
    return { document: JSON.parse(decodeURIComponent(got.PolicyDocument ?? '{}')), deleted: okOrFailure(deleted) };
  },
  expect: (answer) => expect(answer).toMatchObject({ document: JSON.parse(READ), deleted: { error: 'DeleteConflict', status: 409 } }),
});

differential({
  service: 'iam',
  operation: 'SimulatePrincipalPolicy',
  case: 'a role allowed to read one bucket: allowed there, implicitly denied elsewhere and for writes',
  run: async (c, scope) => {
    const { arn } = await role(c.iam, scope, { read: READ });
    const { EvaluationResults } = await c.iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:GetObject', 's3:PutObject'], ResourceArns: ['arn:aws:s3:::gtctl-conformance/a', 'arn:aws:s3:::elsewhere/a'] }),
    );
    return (EvaluationResults ?? []).map((r) => `${r.EvalActionName} ${r.EvalResourceName} ${r.EvalDecision}`);
  },
  expect: (answer) =>
    expect(answer).toEqual([
      's3:GetObject arn:aws:s3:::gtctl-conformance/a allowed',
      's3:GetObject arn:aws:s3:::elsewhere/a implicitDeny',
      's3:PutObject arn:aws:s3:::gtctl-conformance/a implicitDeny',
      's3:PutObject arn:aws:s3:::elsewhere/a implicitDeny',
    ]),
});
