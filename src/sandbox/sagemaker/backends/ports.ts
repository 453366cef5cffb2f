// What SageMaker reads and writes of other services: a workforce's Cognito pool, app client, domain, groups and
// users, and the S3 objects of its labeling jobs. Two implementations: the sandbox's own state (local.ts) and SDK
// calls to another endpoint, moto's or AWS's (external.ts, `gtctl sandbox --cognito-endpoint/--s3-endpoint`).
// Absent things are answers (undefined, false), never errors; a backend that cannot answer throws a ServiceError
// in SageMaker's own terms (external.ts says which).

export interface CognitoUserView {
  username: string;
  sub: string;
  email?: string;
  enabled: boolean;
  status: string;
}

export interface CognitoBackend {
  poolExists(region: string, userPool: string): Promise<boolean>;
  /** The app client's writable settings in AWS's UserPoolClientType names; undefined when there is no such client. */
  clientSettings(region: string, userPool: string, clientId: string): Promise<Record<string, unknown> | undefined>;
  /** Replaces the client's writable settings, as UpdateUserPoolClient does (members left out are reset). */
  updateClientSettings(region: string, userPool: string, clientId: string, settings: Record<string, unknown>): Promise<void>;
  /** The pool's prefix domain (a custom domain is not one) and whether it is ACTIVE yet (aws-evidence E4). */
  prefixDomain(region: string, userPool: string): Promise<{ domain: string; active: boolean } | undefined>;
  /** Whether the group exists and SageMaker can see it (aws-evidence E2: a new group is not visible at once). */
  groupVisible(region: string, userPool: string, group: string): Promise<boolean>;
  /** By username, or by e-mail alias when the pool signs in with e-mail. */
  findUser(region: string, userPool: string, usernameOrAlias: string): Promise<CognitoUserView | undefined>;
  /** The names of the groups the user (by username) is in. */
  groupsOfUser(region: string, userPool: string, username: string): Promise<string[]>;
}

export interface S3Backend {
  /** The bucket's Region; undefined when the bucket does not exist (or SageMaker may not see it). */
  bucketRegion(bucket: string): Promise<string | undefined>;
  getObject(bucket: string, key: string): Promise<Buffer | undefined>;
  /** False when the bucket does not exist. */
  putObject(bucket: string, key: string, body: Buffer, contentType: string, at: Date): Promise<boolean>;
}

export interface SageMakerBackends {
  cognito: CognitoBackend;
  s3: S3Backend;
}
