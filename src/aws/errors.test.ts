import { describe, expect, it } from 'vitest';
import { GtctlError } from '../core/errors.js';
import { isAwsError, maskSecrets, toGtctlError, type ErrorContext } from './errors.js';

const context: ErrorContext = { maxAttempts: 5 };

/** An error shaped as the SDK throws for an AWS answer: `name` is the code, with a fault and metadata. */
function sdkError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400, attempts: 1 }, ...extra });
}

describe('toGtctlError', () => {
  it('codes an AWS answer as aws-error with AWS’s name beside it, names the operation and keeps the SDK error as the cause', () => {
    const cause = sdkError('ResourceInUse', 'Workteam team-a already exists.');
    const error = toGtctlError(cause, 'sagemaker', 'CreateWorkteam', context);
    expect(error).toBeInstanceOf(GtctlError);
    expect(error).toMatchObject({
      code: 'aws-error', awsCode: 'ResourceInUse',
      source: 'aws',
      message: 'sagemaker CreateWorkteam failed: Workteam team-a already exists.',
      hint: undefined,
    });
    expect(error.cause).toBe(cause);
  });

  it.each([
    ['AccessDeniedException', 'cognito-idp', 'AdminAddUserToGroup', 'cognito-idp:AdminAddUserToGroup.'],
    ['AccessDenied', 'sts', 'GetCallerIdentity', 'sts:GetCallerIdentity.'],
    ['AccessDeniedException', 'sagemaker', 'CreateLabelingJob', "sagemaker:CreateLabelingJob, and iam:PassRole on the job's role."],
  ] as const)('makes %s from %s %s the user’s error, naming the IAM permission', (code, service, operation, permission) => {
    const error = toGtctlError(sdkError(code, 'User: arn:aws:iam::1:user/ci is not authorized'), service, operation, context);
    expect(error).toMatchObject({ code: 'aws-access-denied', awsCode: code, source: 'user' });
    expect(error.hint).toBe(`The identity gtctl runs as needs the IAM permission ${permission}`);
  });

  it('makes missing credentials the user’s error, with how to provide them or use the sandbox', () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    const error = toGtctlError(missing, 'sts', 'GetCallerIdentity', { ...context, profile: 'labeling' });
    expect(error).toMatchObject({ code: 'aws-credentials', awsCode: 'CredentialsProviderError', source: 'user' });
    expect(error.hint).toContain('profile "labeling"');
    expect(error.hint).toContain('--endpoint http://127.0.0.1:4566');
  });

  it.each(['ExpiredToken', 'ExpiredTokenException'])('makes %s the user’s error, asking to refresh the session', (code) => {
    const error = toGtctlError(sdkError(code, 'The security token included in the request is expired'), 'sagemaker', 'ListWorkteams', context);
    expect(error).toMatchObject({ code: 'aws-credentials', awsCode: code, source: 'user' });
    expect(error.hint).toMatch(/expired: refresh them/);
  });

  it.each(['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException'])('treats %s as bad credentials', (code) => {
    expect(toGtctlError(sdkError(code, 'The security token included in the request is invalid.'), 'sts', 'GetCallerIdentity', context)).toMatchObject({
      code: 'aws-credentials',
      awsCode: code,
      source: 'user',
    });
  });

  it('says how many attempts a still-throttled call took, and suggests lower Cognito rates for Cognito', () => {
    const throttled = sdkError('TooManyRequestsException', 'Too many requests', { $metadata: { httpStatusCode: 400, attempts: 5 } });
    const error = toGtctlError(throttled, 'cognito-idp', 'AdminCreateUser', context);
    expect(error).toMatchObject({ code: 'aws-throttled', awsCode: 'TooManyRequestsException', source: 'aws' });
    expect(error.hint).toMatch(/^AWS still throttled cognito-idp:AdminCreateUser after 5 attempt\(s\); run again later\. .*lower gtctl's Cognito rates/);
    expect(toGtctlError(sdkError('ThrottlingException', 'Rate exceeded'), 'sagemaker', 'ListWorkteams', context).hint).not.toMatch(/Cognito/);
  });

  it('codes a network failure with the socket error, pointing at --endpoint when one is set', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED', $metadata: { attempts: 5 } });
    const error = toGtctlError(refused, 'sts', 'GetCallerIdentity', { ...context, endpoint: 'http://127.0.0.1:4566' });
    expect(error).toMatchObject({ code: 'aws-unreachable', awsCode: 'ECONNREFUSED', source: 'aws', message: 'sts GetCallerIdentity failed: connect ECONNREFUSED 127.0.0.1:4566' });
    expect(error.hint).toContain('Nothing answered at http://127.0.0.1:4566');
    expect(toGtctlError(refused, 'sts', 'GetCallerIdentity', context).hint).toMatch(/check the network/);
  });

  it('calls anything thrown without an AWS answer a gtctl bug', () => {
    expect(toGtctlError(new TypeError('Cannot read properties of undefined'), 'sagemaker', 'CreateWorkteam', context)).toMatchObject({
      code: 'aws-sdk-error', awsCode: 'TypeError',
      source: 'internal',
    });
    expect(toGtctlError('boom', 'sagemaker', 'CreateWorkteam', context)).toMatchObject({ code: 'aws-sdk-error', awsCode: 'UnknownError', source: 'internal' });
  });

  it('names S3’s bodiless HEAD answers by their status, and S3 permissions by their IAM names', () => {
    const forbidden = sdkError('Unknown', 'UnknownError', { $metadata: { httpStatusCode: 403, attempts: 1 } });
    const error = toGtctlError(forbidden, 's3', 'HeadBucket', context);
    expect(error).toMatchObject({ code: 'aws-access-denied', awsCode: 'AccessDenied', source: 'user', message: 's3 HeadBucket failed: AccessDenied' });
    expect(error.hint).toBe('The identity gtctl runs as needs the IAM permission s3:ListBucket.');
    const moved = sdkError('Unknown', 'UnknownError', { $metadata: { httpStatusCode: 301, attempts: 1 } });
    expect(toGtctlError(moved, 's3', 'HeadBucket', context)).toMatchObject({ code: 'aws-error', awsCode: 'PermanentRedirect', source: 'aws' });
    expect(toGtctlError(sdkError('AccessDenied', 'Access Denied'), 's3', 'PutBucketTagging', context).hint).toMatch(/s3:PutBucketTagging\.$/);
  });

  it('passes a GtctlError through unchanged', () => {
    const own = new GtctlError('unpaced-cognito-operation', 'No Cognito quota category is known for X', 'internal');
    expect(toGtctlError(own, 'cognito-idp', 'X', context)).toBe(own);
  });

  it('masks a quoted value at a secret member', () => {
    const cause = sdkError(
      'InvalidParameterException',
      "1 validation error detected: Value 'hunter 2' at 'temporaryPassword' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+$",
    );
    const error = toGtctlError(cause, 'cognito-idp', 'AdminCreateUser', context);
    expect(error.message).not.toContain('hunter');
    expect(error.message).toContain("Value '***' at 'temporaryPassword'");
  });
});

describe('maskSecrets', () => {
  it.each([
    ["Value 'abc' at 'clientSecret' failed", "Value '***' at 'clientSecret' failed"],
    ["Value 'it's' at 'oidcConfig.clientSecret' failed", "Value '***' at 'oidcConfig.clientSecret' failed"],
    ["Value 'my team' at 'workteamName' failed", "Value 'my team' at 'workteamName' failed"],
    ['No workforce found with name default', 'No workforce found with name default'],
  ])('%s', (message, masked) => expect(maskSecrets(message)).toBe(masked));
});

describe('isAwsError', () => {
  const error = toGtctlError(sdkError('ValidationException', 'No workforce found with name default'), 'sagemaker', 'DescribeWorkforce', context);
  it('matches the code, and the text when given', () => {
    expect(isAwsError(error, 'ValidationException')).toBe(true);
    expect(isAwsError(error, 'ValidationException', 'No workforce')).toBe(true);
    expect(isAwsError(error, 'ValidationException', /no workforce/i)).toBe(true);
    expect(isAwsError(error, 'ValidationException', 'The work team')).toBe(false);
    expect(isAwsError(error, 'ResourceNotFound')).toBe(false);
    expect(isAwsError(new Error('ValidationException'), 'ValidationException')).toBe(false);
    // gtctl's own codes are not AWS's: an error gtctl raised never passes for an AWS answer.
    expect(isAwsError(new GtctlError('aws-error', 'x', 'aws'), 'aws-error')).toBe(false);
  });
});
