// The narrow AWS ports: one interface per service, listing only the calls gtctl makes. SDK types in, plain arrays
// out: pagination is folded in, so a `list*` returns everything. Implementations live beside this file and are the
// only code that imports @aws-sdk values; everything else sees these interfaces (and fakes them in tests).
import type {
  AdminCreateUserCommandInput,
  CreateGroupCommandInput,
  CreateUserPoolClientCommandInput,
  CreateUserPoolCommandInput,
  DomainDescriptionType,
  GroupType,
  UpdateUserPoolClientCommandInput,
  UpdateUserPoolCommandInput,
  UserPoolClientType,
  UserPoolDescriptionType,
  UserPoolType,
  UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { LiveRole } from '../core/live.js';
import type { BucketEncryption, CorsRule, ObjectOwnership, PublicAccessBlock } from '../core/model.js';
import type {
  CreateLabelingJobCommandInput,
  CreateWorkforceCommandInput,
  CreateWorkteamCommandInput,
  DescribeLabelingJobCommandOutput,
  LabelingJobSummary,
  SubscribedWorkteam,
  Tag,
  UpdateWorkforceCommandInput,
  UpdateWorkteamCommandInput,
  Workforce,
  Workteam,
} from '@aws-sdk/client-sagemaker';

export interface StsPort {
  callerIdentity(): Promise<{ account: string; arn: string }>;
}

export interface SageMakerPort {
  listWorkforces(): Promise<Workforce[]>;
  describeWorkforce(name: string): Promise<Workforce | undefined>;
  createWorkforce(input: CreateWorkforceCommandInput): Promise<string>;
  updateWorkforce(input: UpdateWorkforceCommandInput): Promise<Workforce>;
  listWorkteams(): Promise<Workteam[]>;
  createWorkteam(input: CreateWorkteamCommandInput): Promise<string>;
  updateWorkteam(input: UpdateWorkteamCommandInput): Promise<Workteam>;
  deleteWorkteam(name: string): Promise<void>;
  listTags(arn: string): Promise<Tag[]>;
  addTags(arn: string, tags: Tag[]): Promise<void>;
  deleteTags(arn: string, keys: string[]): Promise<void>;
  listLabelingJobs(): Promise<LabelingJobSummary[]>;
  /** The vendor (AWS Marketplace) work teams the account subscribed to. */
  listSubscribedWorkteams(): Promise<SubscribedWorkteam[]>;
  describeLabelingJob(name: string): Promise<DescribeLabelingJobCommandOutput | undefined>;
  createLabelingJob(input: CreateLabelingJobCommandInput): Promise<string>;
  stopLabelingJob(name: string): Promise<void>;
}

export interface CognitoPort {
  listUserPools(): Promise<UserPoolDescriptionType[]>;
  /** Undefined when the pool does not exist. */
  describeUserPool(userPoolId: string): Promise<UserPoolType | undefined>;
  createUserPool(input: CreateUserPoolCommandInput): Promise<UserPoolType>;
  updateUserPool(input: UpdateUserPoolCommandInput): Promise<void>;
  addCustomAttribute(userPoolId: string, name: string): Promise<void>;
  /** Tags a user pool (by ARN): where gtctl records that it manages the workforce (aws-evidence A1). */
  tagResource(arn: string, tags: Record<string, string>): Promise<void>;
  untagResource(arn: string, keys: string[]): Promise<void>;
  listUserPoolClients(userPoolId: string): Promise<Array<{ ClientId?: string; ClientName?: string }>>;
  describeUserPoolClient(userPoolId: string, clientId: string): Promise<UserPoolClientType | undefined>;
  createUserPoolClient(input: CreateUserPoolClientCommandInput): Promise<UserPoolClientType>;
  updateUserPoolClient(input: UpdateUserPoolClientCommandInput): Promise<void>;
  /** Undefined when no pool has this domain prefix. */
  describeUserPoolDomain(domain: string): Promise<DomainDescriptionType | undefined>;
  createUserPoolDomain(userPoolId: string, domain: string): Promise<void>;
  listGroups(userPoolId: string): Promise<GroupType[]>;
  createGroup(input: CreateGroupCommandInput): Promise<void>;
  deleteGroup(userPoolId: string, groupName: string): Promise<void>;
  listUsers(userPoolId: string): Promise<UserType[]>;
  listUsersInGroup(userPoolId: string, groupName: string): Promise<UserType[]>;
  adminCreateUser(input: AdminCreateUserCommandInput): Promise<UserType>;
  adminUpdateUserAttributes(userPoolId: string, username: string, attributes: Record<string, string>): Promise<void>;
  adminAddUserToGroup(userPoolId: string, username: string, groupName: string): Promise<void>;
  adminRemoveUserFromGroup(userPoolId: string, username: string, groupName: string): Promise<void>;
  adminDisableUser(userPoolId: string, username: string): Promise<void>;
  adminEnableUser(userPoolId: string, username: string): Promise<void>;
  adminDeleteUser(userPoolId: string, username: string): Promise<void>;
  adminUserGlobalSignOut(userPoolId: string, username: string): Promise<void>;
}

/**
 * S3, in the terms of src/core/model.ts. Every call finds the bucket's Region itself (a client per Region), since
 * S3 answers requests signed for another Region with a redirect.
 */
export interface S3Port {
  /** Buckets of the account, with their Region. */
  listBuckets(): Promise<Array<{ name: string; region?: string }>>;
  /** The bucket's Region; undefined when no such bucket exists (403 when another account owns it: a GtctlError). */
  bucketRegion(bucket: string): Promise<string | undefined>;
  createBucket(bucket: string, region: string): Promise<void>;
  deleteBucket(bucket: string): Promise<void>;
  getTags(bucket: string): Promise<Record<string, string>>;
  putTags(bucket: string, tags: Record<string, string>): Promise<void>;
  /** Empty when the bucket has no CORS configuration. */
  getCors(bucket: string): Promise<CorsRule[]>;
  /** An empty list deletes the configuration. */
  putCors(bucket: string, rules: readonly CorsRule[]): Promise<void>;
  getEncryption(bucket: string): Promise<BucketEncryption>;
  putEncryption(bucket: string, encryption: BucketEncryption): Promise<void>;
  getPublicAccessBlock(bucket: string): Promise<PublicAccessBlock | undefined>;
  putPublicAccessBlock(bucket: string, block: PublicAccessBlock): Promise<void>;
  getObjectOwnership(bucket: string): Promise<ObjectOwnership | undefined>;
  putObjectOwnership(bucket: string, ownership: ObjectOwnership): Promise<void>;
  getVersioning(bucket: string): Promise<'Enabled' | 'Suspended' | 'Off'>;
  putVersioning(bucket: string, status: 'Enabled' | 'Suspended'): Promise<void>;
  /** Undefined when the object does not exist. `metadata` keys are lower-case, without `x-amz-meta-`. */
  headObject(bucket: string, key: string): Promise<{ etag?: string; metadata: Record<string, string> } | undefined>;
  /** The object's text (UTF-8); undefined when it does not exist. */
  getObjectText(bucket: string, key: string): Promise<string | undefined>;
  putObject(bucket: string, key: string, body: Uint8Array, options: { contentType: string; metadata?: Record<string, string> }): Promise<void>;
  /**
   * PutObject with `If-None-Match: *` (create only, aws-facts §8.4): true when written, false when the key already
   * exists (412) or another conditional write to it is in flight (409 ConditionalRequestConflict).
   */
  putObjectIfAbsent(bucket: string, key: string, body: Uint8Array, options: { contentType: string }): Promise<boolean>;
  /** DeleteObject; deleting a key that does not exist is not an error (S3 answers 204 either way). */
  deleteObject(bucket: string, key: string): Promise<void>;
  /** No object, no noncurrent version and no delete marker: what DeleteBucket needs (aws-evidence A9). */
  isEmpty(bucket: string): Promise<boolean>;
  /** HeadBucket: whether S3 already shows the bucket (a new one is not visible at once: aws-evidence E1). */
  bucketExists(bucket: string): Promise<boolean>;
  /** Every object under the prefix (paginated inside), sorted by key. `limit` stops early (to test emptiness). */
  listObjects(bucket: string, prefix: string, limit?: number): Promise<Array<{ key: string; size: number }>>;
}

/** IAM: the managed execution role only (a fixed name under the `/gtctl/` path). IAM is global. */
export interface IamPort {
  /** The role with its tags and the inline policy named, decoded from IAM's URL encoding; undefined when absent. */
  getRole(name: string, policyName: string): Promise<LiveRole | undefined>;
  createRole(input: { name: string; path: string; trustPolicy: string; description: string; tags: Readonly<Record<string, string>> }): Promise<void>;
  updateTrustPolicy(name: string, trustPolicy: string): Promise<void>;
  putRolePolicy(name: string, policyName: string, document: string): Promise<void>;
  tagRole(name: string, tags: Readonly<Record<string, string>>): Promise<void>;
  /** Deletes the inline policy (if there) and then the role. */
  deleteRole(name: string, policyName: string): Promise<void>;
  /** SimulatePrincipalPolicy: the pairs the role may not do (its decision not `allowed`), paginated inside. */
  deniedActions(roleArn: string, checks: ReadonlyArray<{ action: string; resource: string }>): Promise<Array<{ action: string; resource: string }>>;
}

/** Every port plus the count of AWS calls made through them (plans report it; benchmarks check it). */
export interface AwsPorts {
  sts: StsPort;
  iam: IamPort;
  sageMaker: SageMakerPort;
  cognito: CognitoPort;
  s3: S3Port;
  /** Calls made so far, by `Service.Operation`. */
  calls(): Record<string, number>;
  /** AWS's time in epoch ms, from the `Date` header of the latest answer; the local clock until one arrived. */
  now(): number;
}
