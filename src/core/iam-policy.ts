// Least-privilege IAM policies for the roles CI runs gtctl with (aws-facts §9.2): `plan` (pull requests, drift
// checks: reads only) and `apply` (merges: reads and writes, and passing labeling-job roles to SageMaker). Built
// from one table of the AWS operations gtctl calls, so a new call cannot go unpermitted: a test reads the SDK
// commands src/aws/*.ts send and checks each has its row here, and that no row is left without a caller.

import { MANAGED_ROLE_PATH } from './execution-role.js';

export type PolicyMode = 'plan' | 'apply';

/** The roles gtctl manages: any account's, under gtctl's path. */
const MANAGED_ROLES = `arn:aws:iam::*:role${MANAGED_ROLE_PATH}*`;
const SIMULATE = 'iam:SimulatePrincipalPolicy';

export interface Operation {
  /** The IAM actions the call needs; S3's differ from its API names (HeadBucket is s3:ListBucket). */
  actions: string[];
  /** Reads go in both policies; writes only in apply's. */
  access: 'read' | 'write';
}

const read = (...actions: string[]): Operation => ({ actions, access: 'read' });
const write = (...actions: string[]): Operation => ({ actions, access: 'write' });

// SageMaker checks these on Create/UpdateWorkforce and CreateWorkteam with a Cognito workforce (aws-facts §9.2).
const COGNITO_FOR_SAGEMAKER = ['cognito-idp:DescribeUserPool', 'cognito-idp:UpdateUserPool', 'cognito-idp:DescribeUserPoolClient', 'cognito-idp:UpdateUserPoolClient'];

/** Every AWS operation gtctl calls, by SDK service and operation (the SDK command's name without `Command`). */
export const OPERATIONS: Readonly<Record<'sts' | 'sagemaker' | 'cognito-idp' | 's3' | 'iam', Readonly<Record<string, Operation>>>> = {
  sts: {
    GetCallerIdentity: read('sts:GetCallerIdentity'),
  },
  sagemaker: {
    ListWorkforces: read('sagemaker:ListWorkforces'),
    DescribeWorkforce: read('sagemaker:DescribeWorkforce'),
    ListWorkteams: read('sagemaker:ListWorkteams'),
    ListLabelingJobs: read('sagemaker:ListLabelingJobs'),
    // Only for specs with vendor jobs: the AWS Marketplace teams the account subscribed to.
    ListSubscribedWorkteams: read('sagemaker:ListSubscribedWorkteams'),
    DescribeLabelingJob: read('sagemaker:DescribeLabelingJob'),
    ListTags: read('sagemaker:ListTags'),
    // Team and job creates carry Tags, which SageMaker authorizes as AddTags as well; CreateWorkforce carries none
    // (a workforce takes no tags gtctl could read back: aws-evidence A1).
    CreateWorkforce: write('sagemaker:CreateWorkforce', ...COGNITO_FOR_SAGEMAKER),
    UpdateWorkforce: write('sagemaker:UpdateWorkforce', ...COGNITO_FOR_SAGEMAKER),
    CreateWorkteam: write('sagemaker:CreateWorkteam', 'sagemaker:AddTags', ...COGNITO_FOR_SAGEMAKER),
    UpdateWorkteam: write('sagemaker:UpdateWorkteam'),
    DeleteWorkteam: write('sagemaker:DeleteWorkteam'),
    AddTags: write('sagemaker:AddTags'),
    DeleteTags: write('sagemaker:DeleteTags'),
    // iam:PassRole for the job's execution role is its own statement (a condition and role resources).
    CreateLabelingJob: write('sagemaker:CreateLabelingJob', 'sagemaker:AddTags'),
    StopLabelingJob: write('sagemaker:StopLabelingJob'),
  },
  'cognito-idp': {
    ListUserPools: read('cognito-idp:ListUserPools'),
    DescribeUserPool: read('cognito-idp:DescribeUserPool'),
    ListUserPoolClients: read('cognito-idp:ListUserPoolClients'),
    DescribeUserPoolClient: read('cognito-idp:DescribeUserPoolClient'),
    DescribeUserPoolDomain: read('cognito-idp:DescribeUserPoolDomain'),
    ListGroups: read('cognito-idp:ListGroups'),
    ListUsers: read('cognito-idp:ListUsers'),
    ListUsersInGroup: read('cognito-idp:ListUsersInGroup'),
    // The pool is created and updated with UserPoolTags (the ownership tag, which is also the workforce's).
    CreateUserPool: write('cognito-idp:CreateUserPool', 'cognito-idp:TagResource'),
    UpdateUserPool: write('cognito-idp:UpdateUserPool', 'cognito-idp:TagResource'),
    AddCustomAttributes: write('cognito-idp:AddCustomAttributes'),
    CreateUserPoolClient: write('cognito-idp:CreateUserPoolClient'),
    UpdateUserPoolClient: write('cognito-idp:UpdateUserPoolClient'),
    CreateUserPoolDomain: write('cognito-idp:CreateUserPoolDomain'),
    // The workforce's ownership and tags, kept on its pool (a workforce takes none: aws-evidence A1).
    TagResource: write('cognito-idp:TagResource'),
    UntagResource: write('cognito-idp:UntagResource'),
    CreateGroup: write('cognito-idp:CreateGroup'),
    DeleteGroup: write('cognito-idp:DeleteGroup'),
    AdminCreateUser: write('cognito-idp:AdminCreateUser'),
    AdminUpdateUserAttributes: write('cognito-idp:AdminUpdateUserAttributes'),
    AdminAddUserToGroup: write('cognito-idp:AdminAddUserToGroup'),
    AdminRemoveUserFromGroup: write('cognito-idp:AdminRemoveUserFromGroup'),
    AdminDisableUser: write('cognito-idp:AdminDisableUser'),
    AdminEnableUser: write('cognito-idp:AdminEnableUser'),
    AdminDeleteUser: write('cognito-idp:AdminDeleteUser'),
    AdminUserGlobalSignOut: write('cognito-idp:AdminUserGlobalSignOut'),
  },
  s3: {
    ListBuckets: read('s3:ListAllMyBuckets'),
    HeadBucket: read('s3:ListBucket'),
    GetBucketLocation: read('s3:GetBucketLocation'),
    GetBucketCors: read('s3:GetBucketCORS'),
    GetBucketEncryption: read('s3:GetEncryptionConfiguration'),
    GetPublicAccessBlock: read('s3:GetBucketPublicAccessBlock'),
    GetBucketOwnershipControls: read('s3:GetBucketOwnershipControls'),
    GetBucketVersioning: read('s3:GetBucketVersioning'),
    GetBucketTagging: read('s3:GetBucketTagging'),
    ListObjectsV2: read('s3:ListBucket'),
    ListObjectVersions: read('s3:ListBucketVersions'),
    HeadObject: read('s3:GetObject'),
    GetObject: read('s3:GetObject'),
    CreateBucket: write('s3:CreateBucket'),
    DeleteBucket: write('s3:DeleteBucket'),
    PutBucketCors: write('s3:PutBucketCORS'),
    DeleteBucketCors: write('s3:PutBucketCORS'),
    PutBucketEncryption: write('s3:PutEncryptionConfiguration'),
    PutPublicAccessBlock: write('s3:PutBucketPublicAccessBlock'),
    PutBucketOwnershipControls: write('s3:PutBucketOwnershipControls'),
    PutBucketVersioning: write('s3:PutBucketVersioning'),
    PutBucketTagging: write('s3:PutBucketTagging'),
    DeleteBucketTagging: write('s3:PutBucketTagging'),
    PutObject: write('s3:PutObject'),
    // Releasing the apply lock (Project spec.lock).
    DeleteObject: write('s3:DeleteObject'),
  },
  // The managed execution role (`roleArn: managed`), under the /gtctl/ path: read only when the specs use it.
  iam: {
    GetRole: read('iam:GetRole'),
    GetRolePolicy: read('iam:GetRolePolicy'),
    // The pre-flight of every job's role, not only gtctl's: its own statement, on any role of the account.
    SimulatePrincipalPolicy: read('iam:SimulatePrincipalPolicy'),
    // Created with its tags, which IAM authorizes as TagRole as well.
    CreateRole: write('iam:CreateRole', 'iam:TagRole'),
    UpdateAssumeRolePolicy: write('iam:UpdateAssumeRolePolicy'),
    PutRolePolicy: write('iam:PutRolePolicy'),
    TagRole: write('iam:TagRole'),
    DeleteRolePolicy: write('iam:DeleteRolePolicy'),
    DeleteRole: write('iam:DeleteRole'),
  },
};

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PolicyOptions {
  /** Execution roles labeling jobs may be given (apply); default any role, still only for SageMaker. */
  roleArns?: string[];
}

const SIDS: Record<keyof typeof OPERATIONS, string> = { sts: 'GtctlIdentity', sagemaker: 'GtctlSageMaker', 'cognito-idp': 'GtctlCognito', s3: 'GtctlS3', iam: 'GtctlManagedRole' };

/** The IAM actions `mode` needs, by service prefix (sorted): what the policy grants. */
export function actionsFor(mode: PolicyMode): Map<string, string[]> {
  const byPrefix = new Map<string, Set<string>>();
  for (const operations of Object.values(OPERATIONS)) {
    for (const op of Object.values(operations)) {
      if (op.access === 'write' && mode === 'plan') continue;
      for (const action of op.actions) {
        const prefix = action.slice(0, action.indexOf(':'));
        byPrefix.set(prefix, (byPrefix.get(prefix) ?? new Set()).add(action));
      }
    }
  }
  return new Map([...byPrefix].map(([prefix, set]) => [prefix, [...set].sort()]));
}

/**
 * The policy document for the CI role of `mode`. SageMaker's List calls and Cognito's ListUserPools take no resource
 * narrower than `*`; narrow the others to your pools and buckets if you like. PassRole is limited to SageMaker.
 */
export function iamPolicy(mode: PolicyMode, options: PolicyOptions = {}): PolicyDocument {
  const actions = actionsFor(mode);
  // One statement per IAM service prefix, which is also the SDK service name (a SageMaker call's Cognito actions land
  // in the Cognito statement).
  const statements: PolicyStatement[] = (Object.keys(SIDS) as Array<keyof typeof OPERATIONS>).flatMap((service) => {
    const sid = `${SIDS[service]}${mode === 'plan' ? 'Read' : ''}`;
    const list = actions.get(service) ?? [];
    if (service !== 'iam') return list.length ? [{ Sid: sid, Effect: 'Allow' as const, Action: list, Resource: '*' }] : [];
    // gtctl's IAM calls touch only its own roles, all under the /gtctl/ path; but it simulates every job's role.
    const own = list.filter((a) => a !== SIMULATE);
    return [
      ...(own.length ? [{ Sid: sid, Effect: 'Allow' as const, Action: own, Resource: MANAGED_ROLES }] : []),
      ...(list.includes(SIMULATE) ? [{ Sid: `GtctlCheckJobRoles${mode === 'plan' ? 'Read' : ''}`, Effect: 'Allow' as const, Action: [SIMULATE], Resource: 'arn:aws:iam::*:role/*' }] : []),
    ];
  });
  if (mode === 'apply') {
    const roles = options.roleArns?.length ? [...options.roleArns].sort() : ['*'];
    statements.push({ Sid: 'GtctlPassLabelingJobRole', Effect: 'Allow', Action: ['iam:PassRole'], Resource: roles.length === 1 ? roles[0]! : roles, Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } });
  }
  return { Version: '2012-10-17', Statement: statements };
}

export interface GithubTrust {
  account: string;
  /** `owner/name`. */
  repo: string;
  /** The default branch, which alone may apply (and may plan, for drift checks). */
  branch: string;
  /** A GitHub environment the apply job runs in (reviewers required): then only that environment may apply. */
  environment?: string;
}

export interface TrustPolicyDocument {
  Version: '2012-10-17';
  Statement: Array<{
    Sid: string;
    Effect: 'Allow';
    Principal: { Federated: string };
    Action: string[];
    Condition: { StringEquals: Record<string, string | string[]> };
  }>;
}

const GITHUB_OIDC = 'token.actions.githubusercontent.com';

/**
 * The trust policy of a CI role for GitHub Actions' OIDC provider (the provider must exist in the account): pull
 * requests may assume only the plan role; the default branch (or its environment) alone the apply role. The `sub`
 * claims are GitHub's documented forms (`repo:<owner>/<repo>:pull_request`, `:ref:refs/heads/<branch>`,
 * `:environment:<name>`); `aud` is the audience aws-actions/configure-aws-credentials asks for.
 */
export function githubTrustPolicy(mode: PolicyMode, trust: GithubTrust): TrustPolicyDocument {
  const repo = `repo:${trust.repo}`;
  const branch = `${repo}:ref:refs/heads/${trust.branch}`;
  const subjects = mode === 'plan' ? [`${repo}:pull_request`, branch] : [trust.environment ? `${repo}:environment:${trust.environment}` : branch];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: mode === 'plan' ? 'GitHubPullRequestsAndDefaultBranchPlan' : 'GitHubDefaultBranchApplies',
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${trust.account}:oidc-provider/${GITHUB_OIDC}` },
        Action: ['sts:AssumeRoleWithWebIdentity'],
        // Several values of one key: any of them (the token has one `sub`).
        Condition: { StringEquals: { [`${GITHUB_OIDC}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC}:sub`]: subjects.length === 1 ? subjects[0]! : subjects } },
      },
    ],
  };
}
