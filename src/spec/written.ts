// Specs "as written": the shapes the JSON Schemas accept, optional fields and shorthand included.
// Read, only the schema step may produce these; the normalizers turn them into the resolved models of
// src/core/model.ts. The kinds' writers (`write*` in kinds/, for import) make them back from resolved values.
import type { API_VERSION } from './kinds.js';

type Tags = Record<string, string>;

interface Document<K extends string, S> {
  apiVersion: typeof API_VERSION;
  kind: K;
  /** `adopt` is read for Workforce, Team, Bucket and LabelingJob only (the other schemas refuse it). */
  metadata: { name: string; labels?: Record<string, string>; adopt?: boolean };
  spec?: S;
}

export type ProjectDocument = Document<
  'Project',
  { region?: string; accountId?: string; executionRole?: 'managed'; policies?: { unlistedUsers?: 'keep' | 'disable' | 'delete' }; tags?: Tags; lock?: string }
>;

export type WorkforceDocument = Document<
  'Workforce',
  {
    cognito?: { userPool: string; clientId?: string; domain?: string; poolName?: string };
    oidc?: {
      clientId: string;
      clientSecretEnv: string;
      issuer: string;
      authorizationEndpoint: string;
      tokenEndpoint: string;
      userInfoEndpoint: string;
      logoutEndpoint: string;
      jwksUri: string;
      scope?: string;
      authenticationRequestExtraParams?: Record<string, string>;
    };
    sourceIpCidrs?: string[];
    invitation?: { organizationName?: string; contactEmail?: string; subject?: string; message?: string };
    email?: { sesSourceArn: string; from?: string; replyTo?: string };
    tags?: Tags;
  }
>;

export type TeamDocument = Document<
  'Team',
  {
    description?: string;
    members?: string[];
    userGroup?: string;
    oidcGroups?: string[];
    notificationTopicArn?: string;
    presignedUrlSourceIp?: boolean;
    tags?: Tags;
  }
>;

export type MemberDocument = Document<'Member', { displayName?: string; teams?: string[]; disabled?: boolean }>;

export interface WrittenCorsRule {
  id?: string;
  allowedMethods: string[];
  allowedOrigins: string[];
  allowedHeaders?: string[];
  exposeHeaders?: string[];
  maxAgeSeconds?: number;
}

export type BucketDocument = Document<
  'Bucket',
  {
    region?: string;
    cors?: 'ground-truth' | 'ground-truth-video' | 'none' | WrittenCorsRule[];
    encryption?: 'sse-s3' | { kmsKeyId: string; bucketKey?: boolean };
    blockPublicAccess?:
      | boolean
      | { blockPublicAcls?: boolean; ignorePublicAcls?: boolean; blockPublicPolicy?: boolean; restrictPublicBuckets?: boolean };
    objectOwnership?: 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';
    versioning?: boolean;
    tags?: Tags;
    objects?: Array<{ key: string; content?: string; file?: string; contentType?: string }>;
  }
>;

export type LabelingJobDocument = Document<
  'LabelingJob',
  {
    workforce?: 'private' | 'public' | 'vendor';
    team?: string;
    roleArn?: string;
    input: { manifest?: string; fromPrefix?: string; fromJob?: string; stream?: { snsTopicArn: string } };
    outputTopicArn?: string;
    output: string;
    labelAttributeName?: string;
    task: {
      type: import('../core/model.js').TaskType;
      title: string;
      description: string;
      keywords?: string[];
      labels?: Array<string | WrittenLabel>;
      instructions?: { short?: string; full?: string; examples?: { good?: string[]; bad?: string[] } };
      categoryAttributes?: WrittenAttribute[];
      frameAttributes?: WrittenAttribute[];
      annotationType?: import('../core/model.js').VideoAnnotationType;
      auditLabelAttributeName?: string;
      template?: string;
      templateUri?: string;
      labelCategoryUri?: string;
      preAnnotationLambdaArn?: string;
      consolidationLambdaArn?: string;
    };
    workers?: {
      perObject?: number;
      taskTimeLimit?: string;
      taskAvailability?: string;
      maxConcurrentTasks?: number;
      pricePerTask?: number;
      contentClassifiers?: Array<import('../core/model.js').ContentClassifier>;
    };
    state?: 'running' | 'stopped';
    autoLabeling?: boolean;
    outputKmsKeyId?: string;
    stoppingConditions?: { maxHumanLabeledObjects?: number; maxPercentageLabeled?: number };
    tags?: Tags;
  }
>;

/** A label of a video frame or 3D point cloud task, with its own attributes. */
export interface WrittenLabel {
  label: string;
  categoryAttributes?: WrittenAttribute[];
  editsAllowed?: import('../core/model.js').EditsAllowed;
}

/** A label category or frame attribute; `type` may be left to what the other fields imply. */
export interface WrittenAttribute {
  name: string;
  type?: 'string' | 'number';
  description?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  required?: boolean;
  editsAllowed?: import('../core/model.js').EditsAllowed;
}

/** A document of any kind. */
export type WrittenDocument = ProjectDocument | WorkforceDocument | TeamDocument | MemberDocument | BucketDocument | LabelingJobDocument;
