// A role's inline policies: PutRolePolicy, GetRolePolicy, DeleteRolePolicy, ListRolePolicies. A role's inline
// policies may hold 10,240 characters together, whitespace excluded (IAM user guide, "IAM and AWS STS quotas":
// "Role policy size"); the grammar is checked as IAM does (MalformedPolicyDocument).
import { ServiceError, type RequestContext } from '../service.js';
import { element } from '../server/query-wire.js';
import { policyProblems } from './policy-evaluation.js';
import { propagates } from './propagation.js';
import { encodedPolicy, findRole, noSuchEntity, policySize } from './roles.js';

const MAX_INLINE_POLICY_CHARS = 10_240;

interface RolePolicyInput {
  RoleName: string;
  PolicyName: string;
}

export const rolePolicyOperations = {
  PutRolePolicy(input: RolePolicyInput & { PolicyDocument: string }, ctx: RequestContext): undefined {
    const role = findRole(ctx.state.iam, input.RoleName);
    const problems = policyProblems(input.PolicyDocument);
    if (problems.length > 0) throw new ServiceError('MalformedPolicyDocument', problems[0]!);
    const others = Object.entries(role.policies).filter(([name]) => name !== input.PolicyName);
    const total = others.reduce((sum, [, document]) => sum + policySize(document), policySize(input.PolicyDocument));
    if (total > MAX_INLINE_POLICY_CHARS)
      throw new ServiceError('LimitExceeded', `Maximum policy size of ${MAX_INLINE_POLICY_CHARS} bytes exceeded for role ${role.name}`, 409);
    role.policies[input.PolicyName] = input.PolicyDocument;
    propagates(ctx, role);
    return undefined;
  },

  GetRolePolicy(input: RolePolicyInput, ctx: RequestContext): string {
    const role = findRole(ctx.state.iam, input.RoleName);
    const document = role.policies[input.PolicyName];
    if (document === undefined) throw noSuchEntity(`The role policy with name ${input.PolicyName} cannot be found.`);
    return `${element('RoleName', role.name)}${element('PolicyName', input.PolicyName)}${element('PolicyDocument', encodedPolicy(document))}`;
  },

  DeleteRolePolicy(input: RolePolicyInput, ctx: RequestContext): undefined {
    const role = findRole(ctx.state.iam, input.RoleName);
    if (role.policies[input.PolicyName] === undefined) throw noSuchEntity(`The role policy with name ${input.PolicyName} cannot be found.`);
    delete role.policies[input.PolicyName];
    return undefined;
  },

  // A role holds few inline policies (their size quota): one page, never truncated.
  ListRolePolicies(input: { RoleName: string }, ctx: RequestContext): string {
    const names = Object.keys(findRole(ctx.state.iam, input.RoleName).policies).sort();
    return `<PolicyNames>${names.map((n) => element('member', n)).join('')}</PolicyNames><IsTruncated>false</IsTruncated>`;
  },
};
