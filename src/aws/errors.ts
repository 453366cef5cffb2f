// How a failed AWS call leaves the ports: always a GtctlError with gtctl's code for the kind of failure
// (`aws-access-denied`, `aws-throttled`...) and AWS's own error name as `awsCode`, saying whose fault it is, naming the
// operation, with a hint where one helps and the SDK error as `cause`. Messages carry AWS's own text
// (with sensitive values masked), never the request: its parameters may be secrets.
import { GtctlError } from '../core/errors.js';

/** SigV4 signing names, which are also the IAM action prefixes and the `calls()` prefixes. */
export type AwsService = 'sagemaker' | 'cognito-idp' | 's3' | 'sts' | 'iam';

/** What the hints may mention about how the clients were built. */
export interface ErrorContext {
  endpoint?: string;
  profile?: string;
  maxAttempts: number;
}

// No usable credentials, or credentials AWS refuses as such: the user has to provide others.
const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
]);

// Valid credentials without the permission. (Cognito's NotAuthorizedException is about a user pool's users, not IAM.)
const ACCESS_DENIED_ERRORS = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);

// Still throttled after every attempt the SDK made.
const THROTTLING_ERRORS = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);

// Node socket errors: the request never got an AWS answer.
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'TimeoutError']);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

// S3 answers HEAD requests without a body, so the SDK can name only a 404 (`NotFound`); other statuses arrive as
// `Unknown`. Named here by status, as S3 names them in answers that have a body.
const BODILESS_S3_CODES: Readonly<Record<number, string>> = { 301: 'PermanentRedirect', 400: 'BadRequest', 403: 'AccessDenied', 404: 'NotFound', 412: 'PreconditionFailed' };

// S3's IAM action names differ from its API names (aws-facts §9.2); the others' are `<service>:<Operation>`.
const S3_ACTIONS: Readonly<Record<string, string>> = {
  HeadBucket: 's3:ListBucket',
  ListObjectsV2: 's3:ListBucket',
  ListBuckets: 's3:ListAllMyBuckets',
  GetBucketCors: 's3:GetBucketCORS',
  PutBucketCors: 's3:PutBucketCORS',
  DeleteBucketCors: 's3:PutBucketCORS',
  GetBucketEncryption: 's3:GetEncryptionConfiguration',
  PutBucketEncryption: 's3:PutEncryptionConfiguration',
  GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
  PutPublicAccessBlock: 's3:PutBucketPublicAccessBlock',
  DeleteBucketTagging: 's3:PutBucketTagging',
  HeadObject: 's3:GetObject',
};

/** The AWS error code of an SDK error (its `name`), or the socket error code of a network failure. */
function codeOf(error: SdkErrorShape, service: AwsService): string {
  if (typeof error.code === 'string' && (error.name === 'Error' || error.name === undefined)) return error.code;
  const status = error.$metadata?.httpStatusCode;
  if (service === 's3' && error.name === 'Unknown' && status !== undefined) return BODILESS_S3_CODES[status] ?? `Http${status}`;
  return typeof error.name === 'string' && error.name !== '' ? error.name : 'UnknownError';
}

/** The HTTP status of the AWS answer behind a port error, if there was one. */
export function httpStatusOf(error: unknown): number | undefined {
  const cause = error instanceof GtctlError ? error.cause : error;
  return (cause as SdkErrorShape | undefined)?.$metadata?.httpStatusCode;
}

/** A header of the AWS answer behind a port error (lower-case name), if there was one. */
export function responseHeaderOf(error: unknown, name: string): string | undefined {
  const cause = error instanceof GtctlError ? error.cause : error;
  const headers = (cause as { $response?: { headers?: Record<string, string | undefined> } } | undefined)?.$response?.headers;
  return headers?.[name];
}

/**
 * AWS validation messages quote the offending value (`Value 'x' at 'temporaryPassword' failed to satisfy ...`); a
 * value at a member whose name says it is a secret is masked.
 */
export function maskSecrets(message: string): string {
  return message.replace(/Value '((?:[^']|'(?! at '))*)' at '([^']*)'/g, (whole, _value: string, member: string) =>
    /password|secret|token|credential/i.test(member) ? `Value '***' at '${member}'` : whole,
  );
}

/** The GtctlError for an error thrown by an SDK call of `service`'s `operation`. */
export function toGtctlError(error: unknown, service: AwsService, operation: string, context: ErrorContext): GtctlError {
  if (error instanceof GtctlError) return error;
  const shape: SdkErrorShape = typeof error === 'object' && error !== null ? (error as SdkErrorShape) : { message: String(error) };
  const code = codeOf(shape, service);
  const text = typeof shape.message === 'string' && shape.message !== '' && shape.message !== 'UnknownError' ? shape.message : code;
  const message = `${service} ${operation} failed: ${maskSecrets(text)}`;
  const options = { cause: error, awsCode: code };
  const action = (service === 's3' ? S3_ACTIONS[operation] : undefined) ?? `${service}:${operation}`;

  if (CREDENTIAL_ERRORS.has(code)) {
    const where = context.profile !== undefined ? `profile "${context.profile}"` : 'the default credential chain';
    const hint =
      code.startsWith('Expired') || code === 'TokenProviderError'
        ? `The credentials from ${where} have expired: refresh them (e.g. \`aws sso login\`) and run again.`
        : `gtctl found no usable AWS credentials in ${where}. Provide them the way the AWS CLI takes them ` +
          '(AWS_PROFILE or --profile, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, `aws sso login`, an instance or CI role), ' +
          'or run against the sandbox: `gtctl sandbox`, then --endpoint http://127.0.0.1:4566 with any credentials ' +
          '(AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test).';
    return new GtctlError('aws-credentials', message, 'user', hint, options);
  }
  if (ACCESS_DENIED_ERRORS.has(code)) {
    const passRole = service === 'sagemaker' && operation === 'CreateLabelingJob' ? ', and iam:PassRole on the job\'s role' : '';
    return new GtctlError('aws-access-denied', message, 'user', `The identity gtctl runs as needs the IAM permission ${action}${passRole}.`, options);
  }
  if (THROTTLING_ERRORS.has(code)) {
    const attempts = shape.$metadata?.attempts ?? context.maxAttempts;
    const pacing = service === 'cognito-idp' ? ' If other tools use Cognito in this account and Region, lower gtctl\'s Cognito rates.' : '';
    return new GtctlError('aws-throttled', message, 'aws', `AWS still throttled ${action} after ${attempts} attempt(s); run again later.${pacing}`, options);
  }
  if (NETWORK_ERRORS.has(code)) {
    const hint =
      context.endpoint !== undefined
        ? `Nothing answered at ${context.endpoint}: check --endpoint (is \`gtctl sandbox\` running?).`
        : 'No answer from AWS: check the network, proxy settings and --region.';
    return new GtctlError('aws-unreachable', message, 'aws', hint, options);
  }
  // An answer from AWS (it carries an HTTP status or a fault) is AWS's; anything else thrown inside the SDK is a
  // request gtctl should not have built, or a bug.
  const answered = shape.$metadata?.httpStatusCode !== undefined || shape.$fault !== undefined;
  return answered ? new GtctlError('aws-error', message, 'aws', undefined, options) : new GtctlError('aws-sdk-error', message, 'internal', undefined, options);
}

/** Whether `error` is AWS's answer `awsCode` (and, if given, with a message containing or matching `text`). */
export function isAwsError(error: unknown, awsCode: string, text?: string | RegExp): boolean {
  if (!(error instanceof GtctlError) || error.awsCode !== awsCode) return false;
  return text === undefined || (typeof text === 'string' ? error.message.includes(text) : text.test(error.message));
}

/** A member the API always returns; an answer without it is one gtctl cannot use. */
export function required<T>(value: T | undefined, service: AwsService, operation: string, member: string): T {
  if (value === undefined) throw new GtctlError('unexpected-response', `${service} ${operation} answered without ${member}`, 'aws');
  return value;
}
