// The contract between the sandbox's HTTP layer and its service implementations.
// Service code never sees HTTP: it gets a decoded input and a context, returns an output or throws ServiceError.
import type { CognitoState } from './cognito/state.js';
import type { SageMakerState } from './sagemaker/state.js';
import type { S3State } from './s3/state.js';
import type { IamState } from './iam/state.js';
import type { SnsState } from './sns/state.js';
import type { Realism } from './realism.js';
import type { SageMakerBackends } from './sagemaker/backends/ports.js';

/** The sandbox's account; every ARN it mints uses it. */
export const SANDBOX_ACCOUNT = '000000000000';

/** The AWS services the sandbox serves, named by their SigV4 signing names (as the request log shows them). */
export type AwsServiceName = 'sagemaker' | 'cognito-idp' | 's3' | 'sts' | 'sns' | 'iam';

/** An AWS error as the wire reports it: `code` becomes `__type` (JSON) or `<Code>` (XML). */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status: 400 for client faults unless AWS documents another (S3 uses 404/409/412...). */
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** Everything the sandbox remembers. Plain JSON so it can be persisted and restored as is. */
export interface SandboxState {
  cognito: CognitoState;
  sagemaker: SageMakerState;
  s3: S3State;
  sns: SnsState;
  iam: IamState;
  /** Milliseconds added to the real clock (admin route `POST /_sandbox/clock`), so tests can expire tasks and passwords. */
  clockOffsetMs: number;
}

export interface RequestContext {
  /** From the SigV4 credential scope of the request; `us-east-1` when absent. */
  region: string;
  account: string;
  requestId: string;
  /** The simulated clock: real time plus `state.clockOffsetMs`. Services must not call Date.now() themselves. */
  now(): Date;
  state: SandboxState;
  /** The rough behaviours of real AWS (realism.ts): services ask it before playing any of them. */
  realism: Realism;
  /** The Cognito and S3 that SageMaker uses: the sandbox's own, or another endpoint's (sagemaker/backends/). */
  backends: SageMakerBackends;
}

/** One operation of a JSON (awsJson1_1) service. `input` has already passed the constraint table. */
export type JsonOperation = (input: any, ctx: RequestContext) => unknown | Promise<unknown>;

/** A worker's answers to a labeling job's tasks (admin route `POST /_sandbox/sagemaker/label`, `gtctl sandbox label`). */
export interface LabelRequest {
  job: string;
  /**
   * The worker: on a private team, the e-mail (or Cognito username) of a member of the team; on the public crowd or a
   * vendor team, any name (such workers are in no Cognito group of the account).
   */
  worker: string;
  /** Answers by data object: `object` is the 0-based line index in the job's input manifest. */
  /** Classification: a label or a list of labels; other task types: the worker's raw answer object. */
  answers: Array<{ object: number; label: string | string[] | Record<string, unknown> }>;
}

/** A task still open for a worker (admin route `POST /_sandbox/sagemaker/tasks` with `{ job, worker }`). */
export interface PendingTask {
  object: number;
  /** The data object as the worker sees it: the `source` text or the `source-ref` URI. */
  source: string;
  labels: string[];
  multiLabel: boolean;
  /** Video frame and point cloud sequence jobs: the file names of the sequence's frames, in order. */
  frames?: string[];
}

import type { ConstraintTable } from './constraints.js';

/** A service's sandbox-only routes, served as `POST /_sandbox/<routePrefix>/<name>` with a JSON body and a JSON answer. */
export interface AdminRouteSet {
  adminRoutes?: Readonly<Record<string, AdminRoute>>;
  /** The path segment for `adminRoutes`, e.g. `cognito`, `sagemaker` or `sns`. */
  routePrefix: string;
  /** Operations and admin routes run one at a time (server/turns.ts): their check-then-act rules span awaits. */
  oneAtATime?: boolean;
}

/** An awsJson1_1 service: operations selected by `X-Amz-Target: <targetPrefix>.<Operation>`. */
export interface JsonService extends AdminRouteSet {
  targetPrefix: string;
  operations: Readonly<Record<string, JsonOperation>>;
  constraints: ConstraintTable;
  /** The error code AWS uses for a constraint violation (SageMaker: ValidationException, Cognito: InvalidParameterException). */
  validationErrorCode: string;
}

/** A sandbox-only route: not AWS, used by tests and by `gtctl sandbox label` to stand in for people. */
export type AdminRoute = (body: any, ctx: RequestContext) => unknown | Promise<unknown>;

/** A decoded HTTP request as REST services (S3) see it. */
export interface HttpRequest {
  method: string;
  /** Decoded path, e.g. `/bucket/key/with/slashes`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}
