// Resolved models: complete values with defaults filled and references resolved, one per kind.
// The spec loader produces them from written specs; the planner compares them with live state.
// Plain data only: no positions, no I/O handles.

export type Tags = Readonly<Record<string, string>>;

export type UnlistedUsersPolicy = 'keep' | 'disable' | 'delete';

export interface Project {
  /** The ownership name: `gtctl:project=<name>` marks what this project owns. */
  name: string;
  /** Undefined when the specs leave it to `--region` / AWS_REGION. */
  region?: string;
  accountId?: string;
  /** `managed`: jobs without a `roleArn` use the role gtctl manages for the project (core/execution-role.ts). */
  executionRole?: 'managed';
  policies: { unlistedUsers: UnlistedUsersPolicy };
  /** Extra tags for every taggable resource the project creates. */
  tags: Tags;
  /** The apply lock object (`spec.lock`); undefined when applies do not lock. */
  lock?: { bucket: string; key: string };
}

export type WorkforceIdentity =
  | {
      type: 'cognito-managed';
      poolName: string;
      domain: string;
      /** `message` as written: the portal URL is added once the workforce exists (core/invitation.ts). */
      invitation: { subject: string; message: string };
      /** Invitations through SES (`spec.email`); absent: Cognito's default sender, 50 e-mails a day. */
      email?: EmailSending;
    }
  | { type: 'cognito-existing'; userPoolId: string; clientId: string; domain?: string }
  | {
      type: 'oidc';
      clientId: string;
      /** The environment variable holding the client secret; the secret is read only at apply time. */
      clientSecretEnv: string;
      issuer: string;
      authorizationEndpoint: string;
      tokenEndpoint: string;
      userInfoEndpoint: string;
      logoutEndpoint: string;
      jwksUri: string;
      scope?: string;
      authenticationRequestExtraParams: Readonly<Record<string, string>>;
    };

/** The pool's e-mail through SES (Cognito's `DEVELOPER` account). */
export interface EmailSending {
  sourceArn: string;
  from?: string;
  replyTo?: string;
}

export interface Workforce {
  name: string;
  identity: WorkforceIdentity;
  /** Sorted; empty means no source-IP restriction. */
  sourceIpCidrs: readonly string[];
  tags: Tags;
  /** Take over a same-named live object that has no ownership tag (`metadata.adopt`). */
  adopt: boolean;
}

export interface Team {
  name: string;
  description: string;
  /** The union of the team's `members` and the Members naming it; sorted, original case kept. */
  members: readonly string[];
  /** The Cognito group behind the team (Cognito workforces). */
  userGroup: string;
  /** The identity provider groups (OIDC workforces). */
  oidcGroups: readonly string[];
  notificationTopicArn?: string;
  presignedUrlSourceIp: boolean;
  tags: Tags;
  /** Take over a same-named live object that has no ownership tag (`metadata.adopt`). */
  adopt: boolean;
}

export interface Member {
  email: string;
  displayName?: string;
  /** Every team the member belongs to (from Team lists and the Member document); sorted. */
  teams: readonly string[];
  disabled: boolean;
}

export interface CorsRule {
  id?: string;
  allowedMethods: readonly string[];
  allowedOrigins: readonly string[];
  allowedHeaders: readonly string[];
  exposeHeaders: readonly string[];
  maxAgeSeconds?: number;
}

export type BucketEncryption = { algorithm: 'AES256' } | { algorithm: 'aws:kms'; kmsKeyId: string; bucketKey: boolean };

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';

export interface BucketObject {
  key: string;
  /** The object's bytes, base64-encoded so the model stays plain, comparable data. */
  bodyBase64: string;
  /** Hex SHA-256 of the body: what "changed" means for an object. */
  sha256: string;
  contentType: string;
}

export interface Bucket {
  name: string;
  region?: string;
  /** Empty: no CORS configuration. */
  cors: readonly CorsRule[];
  encryption: BucketEncryption;
  publicAccessBlock: PublicAccessBlock;
  objectOwnership: ObjectOwnership;
  versioning: boolean;
  tags: Tags;
  objects: readonly BucketObject[];
  /** Take over a same-named live object that has no ownership tag (`metadata.adopt`). */
  adopt: boolean;
}

export const TASK_TYPES = [
  'text-classification',
  'text-classification-multilabel',
  'named-entity-recognition',
  'image-classification',
  'image-classification-multilabel',
  'bounding-box',
  'semantic-segmentation',
  'bounding-box-verification',
  'bounding-box-adjustment',
  'semantic-segmentation-verification',
  'semantic-segmentation-adjustment',
  'video-classification',
  'video-object-detection',
  'video-object-tracking',
  'video-object-detection-adjustment',
  'video-object-tracking-adjustment',
  'point-cloud-object-detection',
  'point-cloud-object-tracking',
  'point-cloud-semantic-segmentation',
  'point-cloud-object-detection-adjustment',
  'point-cloud-object-tracking-adjustment',
  'point-cloud-semantic-segmentation-adjustment',
  'custom',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Whether workers of an adjustment job may change a label or an attribute (`editsAllowed`; AWS's default: any). */
export type EditsAllowed = 'none' | 'any';

/**
 * A question workers answer in a video frame or 3D point cloud task: about each object of a label (a label category
 * attribute) or about a whole frame (a frame attribute). `enum` offers choices; a string without it is free text; a
 * number lies in minimum..maximum.
 */
export interface TaskAttribute {
  name: string;
  type: 'string' | 'number';
  description?: string;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  required: boolean;
  editsAllowed?: EditsAllowed;
}

/** What workers draw in a video frame task (`annotationType`; AWS's default: boxes). */
export type VideoAnnotationType = 'bounding-box' | 'polyline' | 'polygon' | 'keypoint';

/** The settings of a video frame or 3D point cloud task, written to its label category file (2020-03-01 format). */
export interface FrameTask {
  /** Video frame types only; undefined: AWS's default, boxes. */
  annotationType?: VideoAnnotationType;
  frameAttributes: readonly TaskAttribute[];
  /** Asked of the objects of every label (`categoryGlobalAttributes`). */
  categoryAttributes: readonly TaskAttribute[];
  /** By label, for the labels that have their own attributes or edit rule. */
  labels: Readonly<Record<string, { categoryAttributes: readonly TaskAttribute[]; editsAllowed?: EditsAllowed }>>;
  /** Adjustment types: the label attribute of the job whose labels are adjusted (a chain: its source's). */
  auditLabelAttributeName?: string;
}

/**
 * A manifest in S3, a prefix gtctl builds one from, the output manifest of another job of the specs (a chain), or
 * objects published to an SNS topic as they come (a streaming job, which runs until stopped).
 */
export type JobInput = { manifest: string } | { fromPrefix: string } | { fromJob: string } | { stream: { snsTopicArn: string } };

/**
 * Who gets a job's tasks: a Team of the specs (`private`), Amazon Mechanical Turk's public crowd, paid per task
 * (`public`; the price in tenths of a cent, exact), or a vendor team the account subscribed to through AWS
 * Marketplace (`vendor`; its name or ARN, found at plan time).
 */
export type JobWorkforce = { type: 'private'; team: string } | { type: 'public'; priceTenthCents: number } | { type: 'vendor'; team: string };

/** What the data is free of (`InputConfig.DataAttributes.ContentClassifiers`): Mechanical Turk workers may see it. */
export type ContentClassifier = 'freeOfPersonallyIdentifiableInformation' | 'freeOfAdultContent';

export interface LabelingJob {
  name: string;
  workforce: JobWorkforce;
  roleArn: string;
  input: JobInput;
  output: string;
  /** An SNS topic labeled objects are published to as well (streaming jobs). */
  outputTopicArn?: string;
  labelAttributeName: string;
  task: {
    type: TaskType;
    title: string;
    description: string;
    keywords: readonly string[];
    labels: readonly string[];
    instructions: { short?: string; full?: string; examples: { good: readonly string[]; bad: readonly string[] } };
    /** Custom tasks: the template's text (read from the spec's `template` file). */
    template?: string;
    /** An existing worker template in S3, sent as `UiTemplateS3Uri` as is (nothing generated or uploaded). */
    templateUri?: string;
    /** An existing label category file in S3, sent as `LabelCategoryConfigS3Uri` as is; `labels` documents it. */
    labelCategoryUri?: string;
    preAnnotationLambdaArn?: string;
    consolidationLambdaArn?: string;
    /** Video frame and 3D point cloud types (and only they) have these. */
    frames?: FrameTask;
  };
  workers: {
    perObject: number;
    taskTimeLimitSeconds: number;
    taskAvailabilitySeconds: number;
    maxConcurrentTasks: number;
    contentClassifiers: readonly ContentClassifier[];
  };
  state: 'running' | 'stopped';
  autoLabeling: boolean;
  outputKmsKeyId?: string;
  stoppingConditions?: { maxHumanLabeledObjects?: number; maxPercentageLabeled?: number };
  tags: Tags;
  /** Take over a same-named live object that has no ownership tag (`metadata.adopt`). */
  adopt: boolean;
}

/** Everything the specs ask for. */
export interface DesiredState {
  project: Project;
  workforce?: Workforce;
  teams: readonly Team[];
  members: readonly Member[];
  buckets: readonly Bucket[];
  jobs: readonly LabelingJob[];
}
