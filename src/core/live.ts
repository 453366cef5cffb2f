// Live state: what gtctl read from AWS, mapped by the providers into plain values. The diff compares these with
// the desired models; nothing here is an SDK type.
import type { BucketEncryption, CorsRule, ObjectOwnership, PublicAccessBlock, Tags } from './model.js';
import type { LabelingJobRequest } from './jobs/request.js';

/** The tag that marks what a project owns (design §3). */
export const OWNERSHIP_TAG = 'gtctl:project';
/**
 * On an existing user pool (one gtctl does not manage), the tag that records which project manages the workforce on
 * it: not OWNERSHIP_TAG, which would make the pool itself look managed (and its invitation and client gtctl's).
 */
export const WORKFORCE_OWNERSHIP_TAG = 'gtctl:workforce';
/** Cognito users take no tags: a managed user carries this custom attribute, set to the project name. */
export const MANAGED_USER_ATTRIBUTE = 'gtctl_project';
/**
 * When gtctl last sent the user an invitation (ISO time by AWS's clock). AWS records no issue time for a temporary
 * password, and UserLastModifiedDate moves with any attribute change (aws-evidence A8): expiry is judged from this.
 * Empty: the last invitation was not delivered (refused by the e-mail limit).
 */
export const INVITED_USER_ATTRIBUTE = 'gtctl_invited';
/** The custom attributes gtctl needs in a pool (they cannot be removed once added). */
export const GTCTL_USER_ATTRIBUTES = [MANAGED_USER_ATTRIBUTE, INVITED_USER_ATTRIBUTE] as const;

export interface LiveWorkforce {
  name: string;
  arn: string;
  status: string;
  /** The worker portal host, e.g. `abc123.labeling.us-east-1.sagemaker.aws`. */
  subDomain?: string;
  cognito?: { userPool: string; clientId: string };
  oidc?: {
    clientId: string;
    issuer: string;
    authorizationEndpoint: string;
    tokenEndpoint: string;
    userInfoEndpoint: string;
    logoutEndpoint: string;
    jwksUri: string;
    scope?: string;
    authenticationRequestExtraParams: Readonly<Record<string, string>>;
  };
  sourceIpCidrs: readonly string[];
  /**
   * The workforce's ownership record: its user pool's tags. AWS refuses tags on workforce ARNs (aws-evidence A1), so
   * gtctl records ownership on the pool; empty for OIDC workforces, which have no pool.
   */
  tags: Tags;
}

export interface LiveAppClient {
  id: string;
  name: string;
  callbackUrls: readonly string[];
  logoutUrls: readonly string[];
  oauthFlows: readonly string[];
  oauthScopes: readonly string[];
  identityProviders: readonly string[];
  hasSecret: boolean;
}

export interface LiveUserPool {
  id: string;
  name: string;
  arn: string;
  tags: Tags;
  domain?: string;
  /** `['email']` when users sign in with their e-mail (usernames are then generated). */
  usernameAttributes: readonly string[];
  caseSensitive: boolean;
  invitation?: { subject?: string; message?: string };
  /** How the pool sends e-mail: `COGNITO_DEFAULT` (50 a day per account) or `DEVELOPER` (SES, with `sourceArn`). */
  emailSending: { account: string; sourceArn?: string; from?: string; replyTo?: string };
  temporaryPasswordValidityDays: number;
  /** Custom attribute names without the `custom:` prefix. */
  customAttributes: readonly string[];
  client?: LiveAppClient;
}

export interface LiveTeam {
  name: string;
  arn: string;
  description: string;
  /** Cognito teams: the group behind the team (first member definition). */
  userGroup?: string;
  userPool?: string;
  /** OIDC teams. */
  oidcGroups: readonly string[];
  notificationTopicArn?: string;
  presignedUrlSourceIp: boolean;
  subDomain?: string;
  tags: Tags;
}

export type InvitationStatus = 'invited' | 'confirmed' | 'disabled' | 'other';

export interface LiveUser {
  /** The Cognito username: the e-mail, or a generated id in pools that sign in with e-mail. */
  username: string;
  email?: string;
  displayName?: string;
  enabled: boolean;
  /** Cognito UserStatus: FORCE_CHANGE_PASSWORD until the first sign-in, then CONFIRMED. */
  status: string;
  /** Epoch ms of the last change: only for users gtctl never invited (it moves with any attribute change: A8). */
  modifiedAt: number;
  /** Epoch ms of gtctl's last invitation (INVITED_USER_ATTRIBUTE); null when the last one was not delivered. */
  invitedAt?: number | null;
  /** The project that manages the user (custom attribute), if any. */
  managedBy?: string;
}

export interface LiveBucket {
  name: string;
  region: string;
  tags: Tags;
  cors: readonly CorsRule[];
  encryption: BucketEncryption;
  /** Absent when the bucket has no public access block configuration. */
  publicAccessBlock?: PublicAccessBlock;
  objectOwnership?: ObjectOwnership;
  /** `Off` when versioning was never enabled. */
  versioning: 'Enabled' | 'Suspended' | 'Off';
  /** No object, version or delete marker (a bucket holding any is never deleted; S3 refuses it: aws-evidence A9). */
  empty: boolean;
}

/** An object as a HEAD answers: gtctl writes the SHA-256 of what it uploads into the object's metadata. */
export interface LiveObject {
  sha256?: string;
  /** The ETag without quotes: the MD5 of the body for single-part, non-KMS uploads. */
  etag?: string;
}

/** An object under a job's `fromPrefix`, with its text when the task type inlines it (`source`). */
export interface LivePrefixObject {
  key: string;
  text?: string;
}

export interface LiveJob {
  name: string;
  arn: string;
  status: string;
  tags: Tags;
  failureReason?: string;
  labelCounters: { total: number; human: number; machine: number; failed: number; unlabeled: number };
  outputManifest?: string;
  /** The job as created, in the shape of the CreateLabelingJob request gtctl would send (to compare with the specs). */
  request: LabelingJobRequest;
}

export interface LiveState {
  account: string;
  region: string;
  workforce?: LiveWorkforce;
  userPool?: LiveUserPool;
  teams: readonly LiveTeam[];
  /** Group names of the pool. */
  groups: readonly string[];
  users: readonly LiveUser[];
  /** Group name -> usernames, for the groups gtctl reads (those of desired and managed teams). */
  groupMembers: Readonly<Record<string, readonly string[]>>;
  /** The buckets of the specs that exist, and the buckets this project owns. */
  buckets: readonly LiveBucket[];
  /** `bucket/key` -> the object, for the objects the specs declare and the manifests jobs name. */
  objects: Readonly<Record<string, LiveObject>>;
  /** Job `fromPrefix` URI -> the objects under it (sorted by key). */
  prefixes: Readonly<Record<string, readonly LivePrefixObject[]>>;
  /** Job input manifest URI -> its text, for manifests the specs do not declare (read for the pre-flight). */
  manifests: Readonly<Record<string, string>>;
  /**
   * Bucket -> its CORS rules, for buckets the specs do not declare that hold images of jobs (ReadTargets.imageBuckets
   * and the `source-ref` buckets of `manifests`). A bucket missing here is unknown: absent, or not readable.
   */
  imageBucketCors: Readonly<Record<string, readonly CorsRule[]>>;
  /** The AWS Marketplace vendor teams the account subscribed to (read only when a job goes to one). */
  vendorTeams: readonly LiveVendorTeam[];
  /** Every labeling job name in the Region: names can never be reused, case-insensitively. */
  jobNames: readonly string[];
  /** Jobs the specs name (matched case-insensitively), described. */
  jobs: readonly LiveJob[];
  /** The managed execution role, when ReadTargets.executionRole asked for it and it exists. */
  executionRole?: LiveRole;
  /**
   * Only when asked for (`plan --show-unmanaged`): every bucket and labeling job of the account with the value of its
   * ownership tag (absent: unmanaged, or its tags could not be read), to list what no spec declares.
   */
  inventory?: LiveInventory;
}

/** An IAM role as gtctl reads it: its policies as the JSON text IAM holds (decoded from IAM's URL encoding). */
export interface LiveRole {
  name: string;
  arn: string;
  path: string;
  trustPolicy: string;
  tags: Readonly<Record<string, string>>;
  /** Inline policy name -> its document text, for the policy gtctl writes (absent when the role has none of that name). */
  policies: Readonly<Record<string, string>>;
}

/** A vendor work team the account subscribed to: `name` is its ARN's last part (`workteam/vendor-crowd/<name>`). */
export interface LiveVendorTeam {
  arn: string;
  name: string;
  title?: string;
  seller?: string;
}

export interface LiveInventory {
  buckets: ReadonlyArray<{ name: string; owner?: string }>;
  jobs: ReadonlyArray<{ name: string; status: string; owner?: string }>;
}

/** The e-mail a user is known by in specs: the `email` attribute, or the username when it is an e-mail. */
export function userEmail(user: LiveUser): string | undefined {
  return user.email ?? (user.username.includes('@') ? user.username : undefined);
}

export function invitationStatus(user: LiveUser): InvitationStatus {
  if (!user.enabled) return 'disabled';
  if (user.status === 'FORCE_CHANGE_PASSWORD') return 'invited';
  if (user.status === 'CONFIRMED' || user.status === 'EXTERNAL_PROVIDER') return 'confirmed';
  return 'other';
}
