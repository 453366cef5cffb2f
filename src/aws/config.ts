// How gtctl's AWS clients are built: what the CLI's global options (--region, --profile, --endpoint) and the
// project's settings turn into. Read by clients.ts only.
import type { CognitoCategory } from './rate-limits.js';

export interface AwsConfig {
  region: string;
  /** A named profile of the shared config files; without it the SDK's default chain (AWS_PROFILE included). */
  profile?: string;
  /**
   * One endpoint for every service (`--endpoint`, e.g. the sandbox). Without it the SDK honours AWS_ENDPOINT_URL and
   * the per-service AWS_ENDPOINT_URL_* variables itself.
   */
  endpoint?: string;
  /** Attempts per call, first one included; DEFAULT_MAX_ATTEMPTS when omitted. */
  maxAttempts?: number;
  /** Requests per second per Cognito quota category, replacing gtctl's defaults (rate-limits.ts). */
  cognitoRates?: Partial<Record<CognitoCategory, number>>;
  /** Requests per second gtctl allows itself for SageMaker (rate-limits.ts: SAGEMAKER_RATE unless given). */
  sageMakerRate?: number;
  /** Fixed credentials instead of the SDK's default chain: for tests against the sandbox. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * Five attempts (the SDK's default is three). Cognito calls are paced under their quotas, so a throttle there means
 * another client is sharing the account's quota; SageMaker publishes no rates at all and answers bursts with
 * ThrottlingException. With adaptive retry, throttled attempts back off from 500 ms, doubling, with jitter, and the
 * client slows its own sending: four retries ride out several seconds of throttling or a brief 5xx, which two would
 * not, while a real outage still fails within seconds rather than hanging an apply. Modeled client errors
 * (ResourceInUse, GroupExistsException, ...) are never retried, whatever the number.
 */
export const DEFAULT_MAX_ATTEMPTS = 5;
