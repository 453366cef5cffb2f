// What the SageMaker sandbox remembers, per region. Plain JSON (times are epoch milliseconds) so `--state FILE`
// can persist it. Statuses that change with time are not stored as they are now: each record keeps the status it
// was put in and when that status settles, and `job-status.ts` / `workforces.ts` read the clock to compute the rest.
import type { FrameLabelFile } from './frame-label-file.js';

export interface SageMakerState {
  /** Sandbox-only knobs (admin route `settings`). */
  settings: { transitionMs: number };
  regions: Record<string, RegionState>;
  /**
   * Execution roles made just now (admin route `roles`), by ARN: when SageMaker can assume each (aws-evidence E3).
   * IAM is global, so this is not per region. Absent in state files saved before it existed.
   */
  roles?: Record<string, number>;
}

export interface RegionState {
  /** By name; AWS allows one per region. */
  workforces: Record<string, WorkforceRecord>;
  /** By name. */
  workteams: Record<string, WorkteamRecord>;
  /** By lower-cased name: job names are case-insensitive and never reusable, so jobs are never removed. */
  jobs: Record<string, JobRecord>;
  /** By name. */
  humanTaskUis: Record<string, HumanTaskUiRecord>;
  /** By resource ARN; removed with the resource. */
  tags: Record<string, Tag[]>;
  /**
   * Vendor work teams the account subscribes to (admin route `vendor-workteam`), by team name, as
   * DescribeSubscribedWorkteam answers them. Absent in state files saved before it existed.
   */
  subscribedWorkteams?: Record<string, SubscribedWorkteam>;
}

export interface Tag {
  Key: string;
  Value: string;
}

/** Status transitions take this long (simulated time) unless the admin route `settings` changes it. */
export const DEFAULT_TRANSITION_MS = 500;

export interface WorkforceRecord {
  name: string;
  arn: string;
  /** The worker portal host, `<id>.labeling.<region>.sagemaker.aws`; vendor workforces have none here. */
  subDomain?: string;
  /**
   * A vendor (AWS Marketplace) workforce the account subscribes to (admin route `vendor-workforce`): listed and
   * described, never the region's private workforce, never updated or deleted by the account. Absent: private.
   */
  vendor?: true;
  createdMs: number;
  lastUpdatedMs: number;
  cognito?: { UserPool: string; ClientId: string };
  /** As sent, ClientSecret included (it is never returned). */
  oidc?: Record<string, unknown> & { ClientSecret?: string };
  cidrs: string[];
  vpc?: { VpcId: string; SecurityGroupIds: string[]; Subnets: string[]; VpcEndpointId: string };
  /** The status the last Create/Update put it in; it reads as Active from `settlesAtMs` on. */
  pendingStatus: 'Initializing' | 'Updating';
  settlesAtMs: number;
}

/** A vendor's work team as ListSubscribedWorkteams and DescribeSubscribedWorkteam answer it. */
export interface SubscribedWorkteam {
  WorkteamArn: string;
  MarketplaceTitle?: string;
  SellerName?: string;
  MarketplaceDescription?: string;
  ListingId: string;
}

export interface CognitoMember {
  UserPool: string;
  UserGroup: string;
  ClientId: string;
}

export interface MemberDefinition {
  CognitoMemberDefinition?: CognitoMember;
  OidcMemberDefinition?: { Groups: string[] };
}

export interface WorkteamRecord {
  name: string;
  arn: string;
  workforceName: string;
  memberDefinitions: MemberDefinition[];
  description: string;
  notificationConfiguration?: { NotificationTopicArn?: string };
  workerAccessConfiguration?: Record<string, unknown>;
  createdMs: number;
  lastUpdatedMs: number;
}

export type JobStatus = 'Initializing' | 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

/** One worker's answer to one data object. */
export interface WorkerAnswer {
  /**
   * Cognito username and `sub` of the worker, and the pool that vouches for them. Public-crowd and vendor workers
   * are no Cognito users of the account: the name they were given as, an id derived from it, and no pool.
   */
  worker: string;
  sub: string;
  userPool?: string;
  /** A label name, several for multi-label types, or the worker's raw answer object for other types. */
  label: string | string[] | Record<string, unknown>;
  answeredMs: number;
}

/** One frame of a sequence file: its `frame-no` as written, and its file name under the sequence's prefix. */
export interface Frame {
  no: number | string;
  name: string;
}

/** One line of the input manifest and what workers made of it. */
export interface DataObject {
  /** The input manifest line, as parsed. */
  line: Record<string, unknown>;
  /** Video frame and point cloud sequence jobs: the frames of the line's sequence file. */
  frames?: Frame[];
  answers: WorkerAnswer[];
  /** Set once the object has its NumberOfHumanWorkersPerDataObject answers. */
  consolidated?: { value: unknown; metadata: Record<string, unknown> };
  /** Why the object will never be labeled (its tasks expired); counted as FailedNonRetryableError. */
  failureReason?: string;
  /**
   * Streaming jobs: when the object reached the job (its message was published, or the job started if that was
   * later); its tasks' availability is counted from here. Manifest lines count from the job's start.
   */
  arrivedMs?: number;
}

/** Why an object whose tasks expired before enough workers answered is never labeled (the wording is UNCONFIRMED). */
export const TASKS_EXPIRED = 'ClientError: The tasks expired before enough workers answered.';

/** The HumanTaskConfig of a job as sent; the members the sandbox reads are typed, the rest are kept as they came. */
export interface HumanTaskConfig {
  WorkteamArn: string;
  UiConfig: { UiTemplateS3Uri?: string; HumanTaskUiArn?: string };
  PreHumanTaskLambdaArn?: string;
  AnnotationConsolidationConfig?: { AnnotationConsolidationLambdaArn: string };
  NumberOfHumanWorkersPerDataObject: number;
  TaskTimeLimitInSeconds: number;
  TaskAvailabilityLifetimeInSeconds?: number;
  PublicWorkforceTaskPrice?: { AmountInUsd?: { Dollars?: number; Cents?: number; TenthFractionsOfACent?: number } };
  [member: string]: unknown;
}

/** The CreateLabelingJob members a job keeps (all but its name and Tags), returned by Describe as sent. */
export interface LabelingJobRequest {
  LabelAttributeName: string;
  InputConfig: { DataSource: { S3DataSource?: { ManifestS3Uri: string }; SnsDataSource?: { SnsTopicArn: string } }; DataAttributes?: unknown };
  OutputConfig: { S3OutputPath: string; KmsKeyId?: string; SnsTopicArn?: string };
  RoleArn: string;
  LabelCategoryConfigS3Uri?: string;
  StoppingConditions?: { MaxHumanLabeledObjectCount?: number; MaxPercentageOfInputDatasetLabeled?: number };
  LabelingJobAlgorithmsConfig?: unknown;
  HumanTaskConfig: HumanTaskConfig;
}

export interface JobRecord {
  name: string;
  arn: string;
  referenceCode: string;
  request: LabelingJobRequest;
  /** From the label category file; empty when the job has none or failed to read it. */
  labels: string[];
  /** Video frame and 3D point cloud jobs: their 2020-03-01 label category file. */
  frameLabels?: FrameLabelFile;
  objects: DataObject[];
  createdMs: number;
  lastModifiedMs: number;
  /** The status as of `lastModifiedMs`; Initializing and Stopping settle at `settlesAtMs`. */
  status: JobStatus;
  settlesAtMs?: number;
  /** Reason an Initializing job will fail with (input problems found at creation), or why it failed. */
  failureReason?: string;
  /** When the job became InProgress: task availability is counted from here. */
  startedMs?: number;
  /** Set when the output manifest has been written. */
  outputUri?: string;
  /**
   * A streaming job's subscription (its `GroundTruth-<name>` queue) to its input topic, from creation (when its inputs
   * are good) until it stops or fails (sns/delivery.ts).
   */
  subscriptionArn?: string;
}

export interface HumanTaskUiRecord {
  name: string;
  arn: string;
  content: string;
  createdMs: number;
}

export function emptySageMakerState(): SageMakerState {
  return { settings: { transitionMs: DEFAULT_TRANSITION_MS }, regions: {}, roles: {} };
}

/** The region's records, created empty on first use. */
export function regionState(state: SageMakerState, region: string): RegionState {
  let records = state.regions[region];
  if (!records) {
    records = { workforces: {}, workteams: {}, jobs: {}, humanTaskUis: {}, tags: {} };
    state.regions[region] = records;
  }
  return records;
}
