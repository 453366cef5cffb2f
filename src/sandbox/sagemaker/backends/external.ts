// SageMaker over another endpoint's Cognito and S3 (`gtctl sandbox --cognito-endpoint URL --s3-endpoint URL`):
// moto's, a second sandbox's, or AWS's (the value `aws`: the SDK's own endpoint for each Region). The SDK clients
// are loaded only when a sandbox is started this way. Failures are answered in SageMaker's own terms:
//   throttled by the backend          -> ThrottlingException (the caller's SDK retries it)
//   refused access                    -> ValidationException naming what SageMaker could not read or write
//   anything else (unreachable, 5xx)  -> ServiceUnavailable, 503
// What cannot be enforced this way (BEHAVIOUR.md "External backends"): the sandbox's own Cognito refuses to delete
// a group a team uses, an external one does not know about teams; consistency windows are the backend's own.
import { CLIENT_SETTINGS } from '../../cognito/clients.js';
import { ServiceError } from '../../service.js';
import type { CognitoBackend, CognitoUserView, S3Backend, SageMakerBackends } from './ports.js';

export interface ExternalEndpoints {
  /** Cognito's endpoint URL, or `aws`. */
  cognitoEndpoint?: string;
  /** S3's endpoint URL (path-style addressing), or `aws`. */
  s3Endpoint?: string;
}

/** The value that means "AWS's own endpoints". */
export const AWS_ENDPOINTS = 'aws';

const THROTTLED = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'SlowDown', 'RequestLimitExceeded']);
const REFUSED = new Set(['AccessDenied', 'AccessDeniedException', 'NotAuthorizedException', 'UnrecognizedClientException', 'InvalidAccessKeyId']);

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** SageMaker's answer when the backend fails while SageMaker tries to `what`. */
function backendFailure(what: string, error: unknown): ServiceError {
  const { name = 'Error', message = String(error) } = error as SdkError;
  if (THROTTLED.has(name)) return new ServiceError('ThrottlingException', `Rate exceeded (while trying to ${what}).`);
  if (REFUSED.has(name)) return new ServiceError('ValidationException', `SageMaker could not ${what}: ${name}: ${message}`);
  return new ServiceError('ServiceUnavailable', `SageMaker could not ${what} (${name}: ${message}); try again.`, 503);
}

/** Runs an SDK call; an error named in `absent` means the thing is not there, any other is a backend failure. */
async function call<T>(what: string, absent: readonly string[], send: () => Promise<T>): Promise<T | undefined> {
  try {
    return await send();
  } catch (error) {
    const { name, $metadata } = error as SdkError;
    if ((name && absent.includes(name)) || (absent.includes('404') && $metadata?.httpStatusCode === 404)) return undefined;
    throw backendFailure(what, error);
  }
}

function clientConfig(endpoint: string, region: string) {
  const custom = endpoint !== AWS_ENDPOINTS;
  const loopback = custom && /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(endpoint);
  return {
    region,
    maxAttempts: 3,
    ...(custom && { endpoint }),
    // A local emulator takes any key; without one in the environment the SDK's chain would fail.
    ...(loopback && !process.env['AWS_ACCESS_KEY_ID'] && !process.env['AWS_PROFILE'] && { credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' } }),
  };
}

/** A client per Region, made on first use. */
function perRegion<C>(make: (region: string) => C): (region: string) => C {
  const clients = new Map<string, C>();
  return (region) => {
    let client = clients.get(region);
    if (!client) clients.set(region, (client = make(region)));
    return client;
  };
}

async function externalCognito(endpoint: string, opened: Array<{ destroy(): void }>): Promise<CognitoBackend> {
  const sdk = await import('@aws-sdk/client-cognito-identity-provider');
  const client = perRegion((region) => {
    const made = new sdk.CognitoIdentityProviderClient(clientConfig(endpoint, region));
    opened.push(made);
    return made;
  });
  const pool = (region: string, UserPoolId: string) =>
    call(`read user pool ${UserPoolId}`, ['ResourceNotFoundException'], () => client(region).send(new sdk.DescribeUserPoolCommand({ UserPoolId })));
  return {
    poolExists: async (region, userPool) => (await pool(region, userPool)) !== undefined,
    async clientSettings(region, UserPoolId, ClientId) {
      const what = `read app client ${ClientId} of user pool ${UserPoolId}`;
      const out = await call(what, ['ResourceNotFoundException'], () => client(region).send(new sdk.DescribeUserPoolClientCommand({ UserPoolId, ClientId })));
      const described = out?.UserPoolClient as Record<string, unknown> | undefined;
      if (!described) return undefined;
      return Object.fromEntries(CLIENT_SETTINGS.flatMap((member) => (described[member] === undefined ? [] : [[member, described[member]]])));
    },
    async updateClientSettings(region, UserPoolId, ClientId, settings) {
      await call(`update app client ${ClientId} of user pool ${UserPoolId}`, [], () =>
        client(region).send(new sdk.UpdateUserPoolClientCommand({ ...settings, UserPoolId, ClientId })),
      );
    },
    async prefixDomain(region, userPool) {
      const domain = (await pool(region, userPool))?.UserPool?.Domain;
      if (!domain) return undefined;
      const out = await call(`read domain ${domain}`, [], () => client(region).send(new sdk.DescribeUserPoolDomainCommand({ Domain: domain })));
      return { domain, active: out?.DomainDescription?.Status !== 'CREATING' };
    },
    async groupVisible(region, UserPoolId, GroupName) {
      const what = `read group ${GroupName} of user pool ${UserPoolId}`;
      return (await call(what, ['ResourceNotFoundException'], () => client(region).send(new sdk.GetGroupCommand({ UserPoolId, GroupName })))) !== undefined;
    },
    async findUser(region, UserPoolId, Username) {
      const what = `read user ${Username} of user pool ${UserPoolId}`;
      const out = await call(what, ['UserNotFoundException', 'ResourceNotFoundException'], () => client(region).send(new sdk.AdminGetUserCommand({ UserPoolId, Username })));
      if (!out?.Username) return undefined;
      const attribute = (name: string) => out.UserAttributes?.find((a) => a.Name === name)?.Value;
      const email = attribute('email');
      const view: CognitoUserView = { username: out.Username, sub: attribute('sub') ?? out.Username, enabled: out.Enabled ?? true, status: out.UserStatus ?? 'UNKNOWN' };
      return email === undefined ? view : { ...view, email };
    },
    async groupsOfUser(region, UserPoolId, Username) {
      const groups: string[] = [];
      let NextToken: string | undefined;
      do {
        const out = await call(`list the groups of user ${Username}`, ['UserNotFoundException'], () =>
          client(region).send(new sdk.AdminListGroupsForUserCommand({ UserPoolId, Username, Limit: 60, ...(NextToken && { NextToken }) })),
        );
        for (const group of out?.Groups ?? []) if (group.GroupName) groups.push(group.GroupName);
        NextToken = out?.NextToken;
      } while (NextToken);
      return groups;
    },
  };
}

async function externalS3(endpoint: string, opened: Array<{ destroy(): void }>): Promise<S3Backend> {
  const sdk = await import('@aws-sdk/client-s3');
  // One client: GetBucketLocation is answered in any Region, and AWS's redirects lead the rest to the bucket's.
  const client = new sdk.S3Client({ ...clientConfig(endpoint, 'us-east-1'), forcePathStyle: endpoint !== AWS_ENDPOINTS, followRegionRedirects: true });
  opened.push(client);
  return {
    async bucketRegion(Bucket) {
      const out = await call(`read the location of bucket ${Bucket}`, ['NoSuchBucket', '404'], () => client.send(new sdk.GetBucketLocationCommand({ Bucket })));
      if (!out) return undefined;
      // No constraint means us-east-1; `EU` is the old name of eu-west-1.
      const constraint = out.LocationConstraint as string | undefined;
      return !constraint ? 'us-east-1' : constraint === 'EU' ? 'eu-west-1' : constraint;
    },
    async getObject(Bucket, Key) {
      const out = await call(`read s3://${Bucket}/${Key}`, ['NoSuchKey', 'NoSuchBucket', '404'], () => client.send(new sdk.GetObjectCommand({ Bucket, Key })));
      return out?.Body ? Buffer.from(await out.Body.transformToByteArray()) : undefined;
    },
    async putObject(Bucket, Key, Body, ContentType) {
      const out = await call(`write s3://${Bucket}/${Key}`, ['NoSuchBucket'], () => client.send(new sdk.PutObjectCommand({ Bucket, Key, Body, ContentType })));
      return out !== undefined;
    },
  };
}

/** The account of the endpoint's credentials (STS GetCallerIdentity there, or AWS's STS for `aws`). */
export async function externalAccount(endpoint: string): Promise<string> {
  const sdk = await import('@aws-sdk/client-sts');
  const client = new sdk.STSClient(clientConfig(endpoint, 'us-east-1'));
  try {
    const account = (await client.send(new sdk.GetCallerIdentityCommand({}))).Account;
    if (!account) throw new Error('GetCallerIdentity named no account');
    return account;
  } catch (error) {
    throw new Error(`Cannot reach STS at ${endpoint} to learn the account (${(error as Error).message}); is the endpoint running?`);
  } finally {
    client.destroy();
  }
}

/**
 * The backends SageMaker uses: each external one where an endpoint is given, the sandbox's own otherwise; `close`
 * lets go of the clients' connections.
 */
export async function externalBackends(endpoints: ExternalEndpoints, local: SageMakerBackends): Promise<{ backends: SageMakerBackends; close(): void }> {
  const opened: Array<{ destroy(): void }> = [];
  const backends = {
    cognito: endpoints.cognitoEndpoint ? await externalCognito(endpoints.cognitoEndpoint, opened) : local.cognito,
    s3: endpoints.s3Endpoint ? await externalS3(endpoints.s3Endpoint, opened) : local.s3,
  };
  return { backends, close: () => opened.forEach((client) => client.destroy()) };
}
