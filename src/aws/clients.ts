// The one place gtctl builds AWS SDK clients. Each SDK package is imported on the first call of its port, so commands
// that never reach AWS (`--version`, `validate`) never load the SDK: this file and the ports import only its types.
// Every call passes through one middleware that counts it, paces it (Cognito) and maps its error to a GtctlError.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { DEFAULT_MAX_ATTEMPTS, type AwsConfig } from './config.js';
import { cognitoPort } from './cognito.js';
import { toGtctlError, type AwsService, type ErrorContext } from './errors.js';
import type { AwsPorts } from './ports.js';
import { CognitoRateLimiter, SageMakerPacer } from './rate-limits.js';
import { ruleFor, withRetryPolicy, type FailedCall } from './retry-policy.js';
import { s3Port } from './s3.js';
import { sageMakerPort } from './sagemaker.js';
import { iamPort } from './iam.js';
import { stsPort } from './sts.js';

/** A service's SDK module (for its command classes) and its client, as the ports receive them. */
export interface Connected<Sdk, Client> {
  sdk: Sdk;
  client: Client;
}
export type Connect<Sdk, Client> = () => Promise<Connected<Sdk, Client>>;
/** For S3, which wants each bucket addressed in its own Region: one client per Region, built on first use. */
export type ConnectRegional<Sdk, Client> = (region: string) => Promise<Connected<Sdk, Client>>;

/** Builds the ports; no SDK code is loaded and no client exists until a port is first called. */
export function createAwsPorts(config: AwsConfig): AwsPorts {
  const maxAttempts = config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const limiter = new CognitoRateLimiter(config.cognitoRates); // checks the rates now: a bad one is the user's error
  const sageMakerPacer = new SageMakerPacer(config.sageMakerRate);
  const counts = new Map<string, number>();
  // AWS's clock minus ours, as last seen. Decisions about time on AWS's side (has an invitation expired?) use it, so
  // a skewed local clock cannot make gtctl re-send invitations early or never.
  let serverOffsetMs = 0;
  const errorContext: ErrorContext = {
    maxAttempts,
    ...(config.endpoint !== undefined && { endpoint: config.endpoint }),
    ...(config.profile !== undefined && { profile: config.profile }),
  };
  const clientConfig = {
    region: config.region,
    // Adaptive: the standard backoff plus a client-side send rate the SDK lowers when AWS throttles. For SageMaker,
    // which publishes no rates to pace at, that is the only pacing; for Cognito it backs up rate-limits.ts.
    retryMode: 'adaptive',
    maxAttempts,
    ...(config.profile !== undefined && { profile: config.profile }),
    ...(config.endpoint !== undefined && { endpoint: config.endpoint }),
    ...(config.credentials !== undefined && { credentials: config.credentials }),
  };

  // Sits first in the stack (initialize step, high priority), around the SDK's own retries: one logical call is
  // counted once however many attempts it takes; each attempt is paced (Cognito, SageMaker); the consistency errors
  // of the retry-policy table are retried here; whatever fails in the end (credentials, signing, the network, AWS's
  // answer) leaves as a GtctlError.
  const middleware =
    (service: AwsService) =>
    <A extends { input?: unknown }, R>(next: (args: A) => Promise<R>, context: { commandName?: string }) =>
    async (args: A): Promise<R> => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const key = `${service}.${operation}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const paced = (): Promise<R> =>
        service === 'cognito-idp' ? limiter.schedule(operation, () => next(args)) : service === 'sagemaker' ? sageMakerPacer.schedule(() => next(args)) : next(args);
      const describe = (error: unknown): FailedCall => failedCall(unwrapped(error), service, operation, args.input);
      try {
        const result = await withRetryPolicy(paced, describe);
        const date = (result as { response?: { headers?: Record<string, string> } }).response?.headers?.['date'];
        const serverMs = date ? Date.parse(date) : NaN;
        if (!Number.isNaN(serverMs)) serverOffsetMs = serverMs - Date.now();
        return result;
      } catch (error) {
        throw toGtctlError(unwrapped(error), service, operation, errorContext);
      }
    };
  // Sits last before the answer is parsed (finalizeRequest, low priority: inside the SDK's retry loop): an error the
  // table says must never be retried is handed to the retry loop wrapped, so that the SDK does not class it as
  // throttling; the middleware above unwraps it.
  const neverRetry =
    (service: AwsService) =>
    <A extends { input?: unknown }, R>(next: (args: A) => Promise<R>, context: { commandName?: string }) =>
    async (args: A): Promise<R> => {
      try {
        return await next(args);
      } catch (error) {
        const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        if (ruleFor(failedCall(error, service, operation, args.input))?.retry === 'never') throw new NotRetried(error);
        throw error;
      }
    };
  const step = { step: 'initialize', priority: 'high', name: 'gtctlCalls' } as const;
  const innerStep = { step: 'finalizeRequest', priority: 'low', name: 'gtctlNeverRetry' } as const;
  const instrument = (client: { middlewareStack: { add(m: unknown, o: unknown): void } }, service: AwsService): void => {
    client.middlewareStack.add(middleware(service), step);
    client.middlewareStack.add(neverRetry(service), innerStep);
  };
  const loadS3 = once(() => import('@aws-sdk/client-s3'));
  const s3Clients = new Map<string, Promise<Connected<typeof import('@aws-sdk/client-s3'), S3Client>>>();

  return {
    sts: stsPort(
      once(async () => {
        const sdk = await import('@aws-sdk/client-sts');
        const client: STSClient = new sdk.STSClient(clientConfig);
        instrument(client, 'sts');
        return { sdk, client };
      }),
    ),
    // IAM is global: the SDK signs for us-east-1 and calls the global endpoint whatever the Region.
    iam: iamPort(
      once(async () => {
        const sdk = await import('@aws-sdk/client-iam');
        const client: IAMClient = new sdk.IAMClient(clientConfig);
        instrument(client, 'iam');
        return { sdk, client };
      }),
    ),
    sageMaker: sageMakerPort(
      once(async () => {
        const sdk = await import('@aws-sdk/client-sagemaker');
        const client: SageMakerClient = new sdk.SageMakerClient(clientConfig);
        instrument(client, 'sagemaker');
        return { sdk, client };
      }),
    ),
    cognito: cognitoPort(
      once(async () => {
        const sdk = await import('@aws-sdk/client-cognito-identity-provider');
        const client: CognitoIdentityProviderClient = new sdk.CognitoIdentityProviderClient(clientConfig);
        instrument(client, 'cognito-idp');
        return { sdk, client };
      }),
    ),
    s3: s3Port((region) => {
      let connected = s3Clients.get(region);
      if (!connected) {
        connected = (async () => {
          const sdk = await loadS3();
          // Path style for any custom endpoint: `localhost` and the sandbox have no bucket subdomains (wire.md).
          const client: S3Client = new sdk.S3Client({ ...clientConfig, region, ...(endpointConfigured(config) && { forcePathStyle: true }) });
          instrument(client, 's3');
          return { sdk, client };
        })();
        s3Clients.set(region, connected);
      }
      return connected;
    }, config.region),
    calls: () => Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    now: () => Date.now() + serverOffsetMs,
  };
}

/** Whether S3 will be sent to a custom endpoint: --endpoint, or the variables the SDK honours itself (config.ts). */
function endpointConfigured(config: AwsConfig, env: NodeJS.ProcessEnv = process.env): boolean {
  if (config.endpoint !== undefined) return true;
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return false;
  return Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** An error the SDK must not retry, on its way out of the SDK's retry loop. */
class NotRetried extends Error {
  constructor(readonly original: unknown) {
    super('not retried');
  }
}

function unwrapped(error: unknown): unknown {
  return error instanceof NotRetried ? error.original : error;
}

function failedCall(error: unknown, service: AwsService, operation: string, input: unknown): FailedCall {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown };
  return {
    service,
    operation,
    code: typeof e.name === 'string' ? e.name : '',
    message: typeof e.message === 'string' ? e.message : '',
    input: typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {},
  };
}
