// IAM's input constraints for the operations the sandbox serves, written by hand from the IAM API reference (the
// member lengths and patterns of CreateRole, GetRole, DeleteRole, UpdateAssumeRolePolicy, TagRole, UntagRole,
// ListRoleTags, PutRolePolicy, GetRolePolicy, DeleteRolePolicy, ListRolePolicies, SimulatePrincipalPolicy). There is
// no IAM model in ../shared/reference/models, so `constraints.test.ts` cannot cross-check this table (it says so, by
// name); moto's IAM is the oracle (conformance/). What the operations check beyond these (policy grammar, quotas)
// they answer themselves.
import type { ConstraintTable, Shape } from '../constraints.js';

type Structure = Shape & { type: 'structure' };

const struct = (members: Record<string, Shape>, required: string[] = []): Structure => ({
  type: 'structure',
  members,
  ...(required.length > 0 ? { required } : {}),
});

const roleName: Shape = { type: 'string', min: 1, max: 64, pattern: '^[\\w+=,.@-]+$' };
const policyName: Shape = { type: 'string', min: 1, max: 128, pattern: '^[\\w+=,.@-]+$' };
const policyDocument: Shape = { type: 'string', min: 1, max: 131072 };
const path: Shape = { type: 'string', min: 1, max: 512, pattern: '^(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)$' };
const tagKey: Shape = { type: 'string', min: 1, max: 128 };
const tag = struct({ Key: tagKey, Value: { type: 'string', min: 0, max: 256 } }, ['Key', 'Value']);
const tags: Shape = { type: 'list', member: tag, max: 50 };
const marker: Shape = { type: 'string', min: 1, max: 320 };
const maxItems: Shape = { type: 'integer', min: 1, max: 1000 };
const arn: Shape = { type: 'string', min: 1, max: 2048 };
const roleOnly = struct({ RoleName: roleName }, ['RoleName']);
const rolePolicy = struct({ RoleName: roleName, PolicyName: policyName }, ['RoleName', 'PolicyName']);

export type IamOperationName =
  | 'CreateRole'
  | 'GetRole'
  | 'DeleteRole'
  | 'UpdateAssumeRolePolicy'
  | 'TagRole'
  | 'UntagRole'
  | 'ListRoleTags'
  | 'PutRolePolicy'
  | 'GetRolePolicy'
  | 'DeleteRolePolicy'
  | 'ListRolePolicies'
  | 'SimulatePrincipalPolicy';

export const iamConstraints: ConstraintTable & Readonly<Record<IamOperationName, Structure>> = {
  CreateRole: struct(
    {
      Path: path,
      RoleName: roleName,
      AssumeRolePolicyDocument: policyDocument,
      Description: { type: 'string', min: 0, max: 1000 },
      MaxSessionDuration: { type: 'integer', min: 3600, max: 43200 },
      PermissionsBoundary: arn,
      Tags: tags,
    },
    ['RoleName', 'AssumeRolePolicyDocument'],
  ),
  GetRole: roleOnly,
  DeleteRole: roleOnly,
  UpdateAssumeRolePolicy: struct({ RoleName: roleName, PolicyDocument: policyDocument }, ['RoleName', 'PolicyDocument']),
  TagRole: struct({ RoleName: roleName, Tags: tags }, ['RoleName', 'Tags']),
  UntagRole: struct({ RoleName: roleName, TagKeys: { type: 'list', member: tagKey, max: 50 } }, ['RoleName', 'TagKeys']),
  ListRoleTags: struct({ RoleName: roleName, Marker: marker, MaxItems: maxItems }, ['RoleName']),
  PutRolePolicy: struct({ RoleName: roleName, PolicyName: policyName, PolicyDocument: policyDocument }, ['RoleName', 'PolicyName', 'PolicyDocument']),
  GetRolePolicy: rolePolicy,
  DeleteRolePolicy: rolePolicy,
  ListRolePolicies: struct({ RoleName: roleName, Marker: marker, MaxItems: maxItems }, ['RoleName']),
  SimulatePrincipalPolicy: struct(
    {
      PolicySourceArn: arn,
      PolicyInputList: { type: 'list', member: policyDocument },
      ActionNames: { type: 'list', member: { type: 'string', min: 3, max: 128 } },
      ResourceArns: { type: 'list', member: arn },
      ContextEntries: {
        type: 'list',
        member: struct({ ContextKeyName: { type: 'string', min: 5, max: 256 }, ContextKeyValues: { type: 'list', member: { type: 'string' } }, ContextKeyType: { type: 'string' } }),
      },
      Marker: marker,
      MaxItems: maxItems,
    },
    ['PolicySourceArn', 'ActionNames'],
  ),
};
