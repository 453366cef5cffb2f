// IAM roles: CreateRole, GetRole, DeleteRole, UpdateAssumeRolePolicy and the role tags (TagRole, UntagRole,
// ListRoleTags). Answers are the inner XML of each action's Result element (index.ts frames them). Error codes and
// messages are IAM's (IAM API reference; moto words them the same way); quotas from the IAM user guide's
// "IAM and AWS STS quotas": 50 tags per role, a trust policy of at most 2,048 characters (whitespace excluded).
import { randomBytes } from 'node:crypto';
import { ServiceError, type RequestContext } from '../service.js';
import { element } from '../server/query-wire.js';
import { propagates } from './propagation.js';
import type { IamState, RoleRecord, Tag } from './state.js';
import { trustPolicyProblems } from './trust-policy.js';

const MAX_TAGS = 50;
const MAX_TRUST_POLICY_CHARS = 2048;

export const noSuchEntity = (message: string) => new ServiceError('NoSuchEntity', message, 404);
const malformed = (problems: string[]) => new ServiceError('MalformedPolicyDocument', problems[0]!);
const limitExceeded = (message: string) => new ServiceError('LimitExceeded', message, 409);

/** The role named (case-insensitively, as IAM finds them), or NoSuchEntity. */
export function findRole(iam: IamState, name: string): RoleRecord {
  const role = iam.roles[name.toLowerCase()];
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

/** A policy's size as IAM counts it for its quotas: without whitespace. */
export const policySize = (document: string) => document.replace(/\s/g, '').length;

function checkTrustPolicy(document: string): void {
  const problems = trustPolicyProblems(document);
  if (problems.length > 0) throw malformed(problems);
  if (policySize(document) > MAX_TRUST_POLICY_CHARS)
    throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${MAX_TRUST_POLICY_CHARS}`);
}

/** `AROA` and 17 characters, the shape of IAM's role ids. */
const roleId = () => `AROA${randomBytes(16).toString('base64').replace(/[^A-Z0-9]/gi, '').toUpperCase().slice(0, 17).padEnd(17, 'X')}`;

/** IAM answers policy documents URL-encoded (RFC 3986): "The policy document returned in this structure is URL-encoded". */
export const encodedPolicy = (document: string) => encodeURIComponent(document);

const tagXml = (tags: readonly Tag[]) => tags.map((t) => `<member>${element('Key', t.Key)}${element('Value', t.Value)}</member>`).join('');

function roleXml(role: RoleRecord): string {
  return (
    `<Role>${element('Path', role.path)}${element('RoleName', role.name)}${element('RoleId', role.roleId)}${element('Arn', role.arn)}` +
    `${element('CreateDate', new Date(role.createdMs).toISOString())}${element('AssumeRolePolicyDocument', encodedPolicy(role.assumeRolePolicyDocument))}` +
    (role.description !== undefined ? element('Description', role.description) : '') +
    `${element('MaxSessionDuration', String(role.maxSessionDuration))}` +
    (role.tags.length > 0 ? `<Tags>${tagXml(role.tags)}</Tags>` : '') +
    `<RoleLastUsed/></Role>`
  );
}

/** Tags merged by key (a key given again takes the new value), within the per-role quota. */
function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.Key, t]));
  for (const t of added) byKey.set(t.Key, { Key: t.Key, Value: t.Value });
  if (byKey.size > MAX_TAGS) throw limitExceeded(`The number of tags has reached the maximum limit of ${MAX_TAGS}.`);
  return [...byKey.values()];
}

interface CreateRoleInput {
  RoleName: string;
  AssumeRolePolicyDocument: string;
  Path?: string;
  Description?: string;
  MaxSessionDuration?: number;
  Tags?: Tag[];
}

export const roleOperations = {
  CreateRole(input: CreateRoleInput, ctx: RequestContext): string {
    const iam = ctx.state.iam;
    if (iam.roles[input.RoleName.toLowerCase()]) throw new ServiceError('EntityAlreadyExists', `Role with name ${input.RoleName} already exists.`, 409);
    checkTrustPolicy(input.AssumeRolePolicyDocument);
    const path = input.Path ?? '/';
    const role: RoleRecord = {
      name: input.RoleName,
      path,
      arn: `arn:aws:iam::${ctx.account}:role${path}${input.RoleName}`,
      roleId: roleId(),
      createdMs: ctx.now().getTime(),
      assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
      ...(input.Description !== undefined && { description: input.Description }),
      maxSessionDuration: input.MaxSessionDuration ?? 3600,
      tags: mergeTags([], input.Tags ?? []),
      policies: {},
    };
    iam.roles[role.name.toLowerCase()] = role;
    propagates(ctx, role);
    return roleXml(role);
  },

  GetRole(input: { RoleName: string }, ctx: RequestContext): string {
    return roleXml(findRole(ctx.state.iam, input.RoleName));
  },

  DeleteRole(input: { RoleName: string }, ctx: RequestContext): undefined {
    const role = findRole(ctx.state.iam, input.RoleName);
    if (Object.keys(role.policies).length > 0) throw new ServiceError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
    delete ctx.state.iam.roles[role.name.toLowerCase()];
    return undefined;
  },

  UpdateAssumeRolePolicy(input: { RoleName: string; PolicyDocument: string }, ctx: RequestContext): undefined {
    const role = findRole(ctx.state.iam, input.RoleName);
    checkTrustPolicy(input.PolicyDocument);
    role.assumeRolePolicyDocument = input.PolicyDocument;
    propagates(ctx, role);
    return undefined;
  },

  TagRole(input: { RoleName: string; Tags: Tag[] }, ctx: RequestContext): undefined {
    const role = findRole(ctx.state.iam, input.RoleName);
    role.tags = mergeTags(role.tags, input.Tags);
    return undefined;
  },

  UntagRole(input: { RoleName: string; TagKeys: string[] }, ctx: RequestContext): undefined {
    const role = findRole(ctx.state.iam, input.RoleName);
    role.tags = role.tags.filter((t) => !input.TagKeys.includes(t.Key));
    return undefined;
  },

  // Fewer than the 1,000 items a page may hold: one page, never truncated.
  ListRoleTags(input: { RoleName: string }, ctx: RequestContext): string {
    return `<Tags>${tagXml(findRole(ctx.state.iam, input.RoleName).tags)}</Tags><IsTruncated>false</IsTruncated>`;
  },
};
