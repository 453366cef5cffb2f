import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionsFor, githubTrustPolicy, iamPolicy, OPERATIONS } from './iam-policy.js';

/** The SDK commands a port sends (`new sdk.ListUsersCommand(...)`), by operation name: read from the source. */
function commandsIn(file: string): string[] {
  const source = readFileSync(new URL(`../aws/${file}`, import.meta.url), 'utf8');
  return [...new Set([...source.matchAll(/new\s+(?:sdk\.)?([A-Z][A-Za-z0-9]*)Command\b/g)].map((m) => m[1]!))].sort();
}

const PORTS = { sts: 'sts.ts', sagemaker: 'sagemaker.ts', 'cognito-idp': 'cognito.ts', s3: 's3.ts', iam: 'iam.ts' } as const;
const granted = (mode: 'plan' | 'apply') => new Set([...actionsFor(mode).values()].flat());

describe('the IAM table covers exactly what the AWS ports call', () => {
  for (const [service, file] of Object.entries(PORTS) as Array<[keyof typeof PORTS, string]>) {
    it(`src/aws/${file}: every command has IAM actions in the apply policy, and every row has a caller`, () => {
      const used = commandsIn(file);
      expect(used.length).toBeGreaterThan(0);
      const apply = granted('apply');
      for (const operation of used) {
        const row = OPERATIONS[service][operation];
        expect(row, `${service}.${operation} (sent by src/aws/${file}) has no row in OPERATIONS`).toBeDefined();
        for (const action of row!.actions) expect(apply.has(action), `${action} for ${operation}`).toBe(true);
      }
      expect(Object.keys(OPERATIONS[service]).sort(), 'rows nobody calls widen the policy').toEqual(used);
    });
  }

  it("S3's IAM names are not its API names", () => {
    const s3 = OPERATIONS.s3;
    expect(s3.HeadBucket!.actions).toEqual(['s3:ListBucket']);
    expect(s3.ListObjectsV2!.actions).toEqual(['s3:ListBucket']);
    expect(s3.ListBuckets!.actions).toEqual(['s3:ListAllMyBuckets']);
    expect(s3.GetBucketCors!.actions).toEqual(['s3:GetBucketCORS']);
    expect(s3.PutBucketEncryption!.actions).toEqual(['s3:PutEncryptionConfiguration']);
    expect(s3.GetPublicAccessBlock!.actions).toEqual(['s3:GetBucketPublicAccessBlock']);
    expect(s3.HeadObject!.actions).toEqual(['s3:GetObject']);
  });
});

describe('iamPolicy', () => {
  it('plan: reads only, identity and bucket listing included', () => {
    const actions = granted('plan');
    for (const a of ['sts:GetCallerIdentity', 's3:ListAllMyBuckets', 's3:GetBucketTagging', 's3:ListBucket', 'sagemaker:ListWorkteams', 'cognito-idp:ListUsersInGroup']) expect(actions.has(a), a).toBe(true);
    for (const a of actions) expect(a, 'a read').toMatch(/^[a-z0-9-]+:(Get|List|Describe|Simulate)/);
    expect(iamPolicy('plan').Statement.map((s) => s.Sid)).toEqual(['GtctlIdentityRead', 'GtctlSageMakerRead', 'GtctlCognitoRead', 'GtctlS3Read', 'GtctlManagedRoleRead', 'GtctlCheckJobRolesRead']);
  });

  it('touches only the roles under gtctl\'s path', () => {
    const iam = iamPolicy('apply').Statement.find((s) => s.Sid === 'GtctlManagedRole')!;
    expect(iam.Resource).toBe('arn:aws:iam::*:role/gtctl/*');
    expect(iam.Action).toContain('iam:CreateRole');
    expect(iam.Action).not.toContain('iam:SimulatePrincipalPolicy');
    expect(iamPolicy('plan').Statement.find((s) => s.Sid === 'GtctlCheckJobRolesRead')).toMatchObject({ Action: ['iam:SimulatePrincipalPolicy'], Resource: 'arn:aws:iam::*:role/*' });
  });

  it('apply: the reads plus the writes, and PassRole to SageMaker only', () => {
    const plan = granted('plan');
    const apply = granted('apply');
    for (const a of plan) expect(apply.has(a)).toBe(true);
    for (const a of ['sagemaker:CreateLabelingJob', 'sagemaker:AddTags', 'cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminUserGlobalSignOut', 's3:PutEncryptionConfiguration', 's3:PutObject']) expect(apply.has(a), a).toBe(true);
    const passRole = iamPolicy('apply').Statement.at(-1)!;
    expect(passRole).toEqual({ Sid: 'GtctlPassLabelingJobRole', Effect: 'Allow', Action: ['iam:PassRole'], Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } });
    expect(iamPolicy('plan').Statement.some((s) => s.Action.includes('iam:PassRole'))).toBe(false);
  });

  it('PassRole can be narrowed to the execution roles', () => {
    expect(iamPolicy('apply', { roleArns: ['arn:aws:iam::1:role/b', 'arn:aws:iam::1:role/a'] }).Statement.at(-1)!.Resource).toEqual(['arn:aws:iam::1:role/a', 'arn:aws:iam::1:role/b']);
    expect(iamPolicy('apply', { roleArns: ['arn:aws:iam::1:role/a'] }).Statement.at(-1)!.Resource).toBe('arn:aws:iam::1:role/a');
  });

  it('is a stable document: sorted actions, no duplicates', () => {
    for (const statement of iamPolicy('apply').Statement) {
      expect(statement.Action).toEqual([...new Set(statement.Action)].sort());
    }
    expect(JSON.stringify(iamPolicy('apply'))).toBe(JSON.stringify(iamPolicy('apply')));
  });
});

describe('githubTrustPolicy', () => {
  const trust = { account: '123456789012', repo: 'acme/specs', branch: 'main' };
  const subjects = (mode: 'plan' | 'apply', more = {}) => githubTrustPolicy(mode, { ...trust, ...more }).Statement[0]!.Condition.StringEquals['token.actions.githubusercontent.com:sub'];

  it('trusts GitHub\'s OIDC provider of the account, for the STS audience only', () => {
    const [statement] = githubTrustPolicy('plan', trust).Statement;
    expect(statement!.Principal).toEqual({ Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' });
    expect(statement!.Action).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(statement!.Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
  });

  it('lets pull requests and the default branch plan, and only the default branch (or its environment) apply', () => {
    expect(subjects('plan')).toEqual(['repo:acme/specs:pull_request', 'repo:acme/specs:ref:refs/heads/main']);
    expect(subjects('apply')).toBe('repo:acme/specs:ref:refs/heads/main');
    expect(subjects('apply', { environment: 'production' })).toBe('repo:acme/specs:environment:production');
    expect(subjects('apply', { branch: 'trunk' })).toBe('repo:acme/specs:ref:refs/heads/trunk');
  });
});
