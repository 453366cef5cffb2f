// Differences between the sandbox and a target that are understood: each says who is right and on what evidence.
// A listed difference passes (verdict `known`); anything else fails. `right` is the side whose answer AWS gives (or
// is documented to give); `unknown` where nobody has checked AWS yet (the case then records both answers, and a run
// against AWS settles it). An entry applies only to the targets it names: a moto gap must not excuse AWS.
// Kept in step with docs/FIDELITY.md, section 2.
import type { Service, TargetName } from './harness.js';

export interface KnownDifference {
  id: string;
  targets: readonly Exclude<TargetName, 'sandbox'>[];
  service: Service;
  operation: string;
  case: string;
  right: 'sandbox' | 'target' | 'unknown';
  why: string;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  // ---- unknowns of aws-evidence: nobody has asked AWS; the sandbox plays each answer as a realism variant ----
  { id: 'K01', targets: ['moto', 'aws'], service: 'cognito-idp', operation: 'AdminCreateUser', case: 'RESEND with the e-mail as username', right: 'unknown', why: 'A8: sandbox moves UserLastModifiedDate on RESEND (variant lastModifiedOnResendEnableDisable=moves), moto keeps it; AWS unchecked (evidence §5.4)' },
  { id: 'K02', targets: ['moto', 'aws'], service: 'cognito-idp', operation: 'AdminDisableUser', case: 'disable: the user stays listed, disabled', right: 'unknown', why: 'A8: sandbox moves UserLastModifiedDate on AdminDisableUser, moto keeps it; AWS unchecked' },
  { id: 'K03', targets: ['moto', 'aws'], service: 'cognito-idp', operation: 'AdminEnableUser', case: 'enable a disabled user', right: 'unknown', why: 'A8: sandbox moves UserLastModifiedDate on AdminEnableUser, moto keeps it; AWS unchecked' },
  { id: 'K04', targets: ['moto', 'aws'], service: 'cognito-idp', operation: 'AdminCreateUser', case: 'RESEND with the generated username', right: 'unknown', why: 'A7: moto refuses a non-e-mail Username on RESEND in an e-mail pool (InvalidParameterException), the sandbox takes it; AWS unchecked; gtctl resends by e-mail, which both take' },
  { id: 'K05', targets: ['moto', 'aws'], service: 'cognito-idp', operation: 'UpdateUserPool', case: 'omitted invitation settings return to their defaults', right: 'unknown', why: 'both reset AllowAdminCreateUserOnly; moto then answers a default InviteMessageTemplate text, the sandbox no template; what DescribeUserPool shows for a defaulted template on AWS is unchecked' },
  { id: 'K06', targets: ['aws'], service: 'cognito-idp', operation: 'UpdateUserPool', case: 'omitted UserPoolTags', right: 'unknown', why: 'the sandbox and moto both clear tags an UpdateUserPool omits (sandbox BEHAVIOUR.md: UNCONFIRMED); measured exceptions to "omitted resets" exist on AWS (MfaConfiguration, Policies); gtctl always sends the tags' },
  // ---- moto's gaps (aws-evidence §4, and new ones found here) ----
  { id: 'K07', targets: ['moto'], service: 'cognito-idp', operation: 'UpdateUserPool', case: 'the full settings read back, template changed', right: 'sandbox', why: 'moto ignores UsernameConfiguration (no CaseSensitive in DescribeUserPool); evidence §4' },
  { id: 'K08', targets: ['moto'], service: 'cognito-idp', operation: 'AdminUpdateUserAttributes', case: 'e-mail given in another case (case-insensitive pool)', right: 'sandbox', why: 'moto ignores UsernameConfiguration.CaseSensitive=false and answers UserNotFoundException; evidence §4, aws-facts §6.6' },
  { id: 'K09', targets: ['moto'], service: 'cognito-idp', operation: 'ListUserPools', case: 'MaxResults omitted', right: 'sandbox', why: 'MaxResults is required in the model; moto validates almost nothing (evidence §4)' },
  { id: 'K10', targets: ['moto'], service: 'cognito-idp', operation: 'TagResource', case: 'tags added to the pool read back in DescribeUserPool', right: 'sandbox', why: 'moto 5.2.1 does not implement cognito-idp TagResource (HTTP 500 NotImplementedError)' },
  { id: 'K11', targets: ['moto'], service: 'cognito-idp', operation: 'TagResource', case: 'unknown pool ARN', right: 'sandbox', why: 'moto 5.2.1 does not implement cognito-idp TagResource (HTTP 500 NotImplementedError)' },
  { id: 'K12', targets: ['moto'], service: 'cognito-idp', operation: 'UntagResource', case: 'one key removed, the others kept', right: 'sandbox', why: 'moto 5.2.1 does not implement cognito-idp UntagResource (HTTP 500 NotImplementedError)' },
  { id: 'K13', targets: ['moto'], service: 'cognito-idp', operation: 'UpdateUserPoolClient', case: 'omitted members return to their defaults', right: 'sandbox', why: 'UpdateUserPoolClient resets omitted members (aws-facts §6.2); moto merges them (evidence §4)' },
  { id: 'K14', targets: ['moto'], service: 'cognito-idp', operation: 'CreateUserPoolDomain', case: 'new prefix, then described', right: 'sandbox', why: 'DomainDescription.AWSAccountId is in the model; moto leaves it out' },
  { id: 'K15', targets: ['moto'], service: 'cognito-idp', operation: 'CreateUserPoolDomain', case: 'prefix taken by another pool', right: 'sandbox', why: 'AWS: InvalidParameterException "Domain already associated with another user pool." (many public CDK/Terraform reports); moto moves the prefix (evidence §4)' },
  { id: 'K16', targets: ['moto'], service: 'cognito-idp', operation: 'CreateUserPoolDomain', case: 'second domain on one pool', right: 'sandbox', why: 'AWS refuses a second domain for a pool ("User pool ... already has a domain configured", aws-samples/websocket-chat-application#29); moto takes it' },
  { id: 'K17', targets: ['moto'], service: 's3', operation: 'ListBuckets', case: 'MaxBuckets 1 pages with ContinuationToken', right: 'sandbox', why: 'moto answers no ContinuationToken with MaxBuckets (evidence §4), so later buckets are never listed, and no BucketRegion (a member of Bucket in the model)' },
  { id: 'K18', targets: ['moto'], service: 's3', operation: 'GetBucketEncryption', case: 'new bucket', right: 'sandbox', why: 'every new bucket has SSE-S3 since Jan 2023 (aws-facts §8.2); moto answers pre-2023 ServerSideEncryptionConfigurationNotFoundError (evidence §4)' },
  { id: 'K19', targets: ['moto'], service: 's3', operation: 'GetPublicAccessBlock', case: 'new bucket', right: 'sandbox', why: 'new buckets block public access since Apr 2023 (aws-facts §8.2); moto answers NoSuchPublicAccessBlockConfiguration (evidence §4)' },
  { id: 'K20', targets: ['moto'], service: 's3', operation: 'GetBucketOwnershipControls', case: 'new bucket', right: 'sandbox', why: 'new buckets are BucketOwnerEnforced since Apr 2023 (aws-facts §8.2); moto answers OwnershipControlsNotFoundError (evidence §4)' },
  { id: 'K21', targets: ['moto'], service: 's3', operation: 'PutObject', case: 'text with a content type and metadata', right: 'sandbox', why: 'with default SSE-S3 every PutObject answers x-amz-server-side-encryption: AES256; moto has no default encryption (evidence §4)' },
  { id: 'K22', targets: ['moto'], service: 's3', operation: 'PutBucketTagging', case: 'tags read back, then deleted', right: 'sandbox', why: 'a tag with an empty value reads back as "" (Tag.Value is required in the model); moto leaves the Value element out' },
  { id: 'K23', targets: ['moto'], service: 'iam', operation: 'CreateRole', case: 'the same name in another letter case', right: 'sandbox', why: 'IAM role names are unique case-insensitively (CreateRole API reference: "Role names are not distinguished by case"), so AWS answers EntityAlreadyExists; moto creates a second role' },
  { id: 'K24', targets: ['moto'], service: 'iam', operation: 'SimulatePrincipalPolicy', case: 'a role allowed to read one bucket: allowed there, implicitly denied elsewhere and for writes', right: 'sandbox', why: 'moto 5.2.1 does not implement SimulatePrincipalPolicy (HTTP 500); the sandbox decides as AWS documents its policy evaluation logic' },
];

export function knownDifference(target: TargetName, service: Service, operation: string, caseName: string): KnownDifference | undefined {
  if (target === 'sandbox') return undefined;
  return KNOWN_DIFFERENCES.find((d) => d.targets.includes(target) && d.service === service && d.operation === operation && d.case === caseName);
}
