// Fault injection: added latency, failures and throttling per operation, so tests can exercise gtctl's retries and
// partial-failure handling. Decisions come from a seeded PRNG: the same rules, seed and call order give the same faults.
// The decision is made before the operation runs, so a failed or throttled call never changes state.
import { mulberry32 } from './realism.js';
import { ServiceError, type AwsServiceName } from './service.js';

export interface FaultRule {
  /** An operation name as AWS spells it (`AdminAddUserToGroup`, `PutObject`), or `*` for every operation. */
  operation: string;
  /** Limits the rule to one service; absent matches all. */
  service?: AwsServiceName;
  /** Added before the call is answered, whatever its outcome. */
  latencyMs?: number;
  /** Fraction of matching calls answered with the service's internal error (0..1). */
  failRate?: number;
  /** Fraction of matching calls answered with the service's throttling error (0..1). */
  throttleRate?: number;
}

export interface FaultSettings {
  rules: FaultRule[];
  /** Seeds the PRNG; setting the rules restarts the sequence. */
  seed?: number;
}

export type FaultOutcome = 'none' | 'fail' | 'throttle';

export interface FaultDecision {
  latencyMs: number;
  outcome: FaultOutcome;
}

const DEFAULT_SEED = 1;
const SERVICES: readonly AwsServiceName[] = ['sagemaker', 'cognito-idp', 's3', 'sts', 'sns', 'iam'];

export class Faults {
  #settings: FaultSettings = { rules: [] };
  #random = mulberry32(DEFAULT_SEED);

  constructor(settings?: FaultSettings) {
    if (settings) this.set(settings);
  }

  get(): FaultSettings {
    return structuredClone(this.#settings);
  }

  set(settings: FaultSettings): void {
    this.#settings = structuredClone(settings);
    this.#random = mulberry32(settings.seed ?? DEFAULT_SEED);
  }

  /**
   * What happens to this call. The most specific matching rule wins (operation and service, then operation, then
   * `*` with service, then `*`; among equals the first listed). One PRNG draw per call that a rule with a rate matches.
   */
  decide(service: AwsServiceName, operation: string): FaultDecision {
    const rule = mostSpecificRule(this.#settings.rules, service, operation);
    if (!rule) return { latencyMs: 0, outcome: 'none' };
    const throttleRate = rule.throttleRate ?? 0;
    const failRate = rule.failRate ?? 0;
    let outcome: FaultOutcome = 'none';
    if (throttleRate > 0 || failRate > 0) {
      const draw = this.#random();
      if (draw < throttleRate) outcome = 'throttle';
      else if (draw < throttleRate + failRate) outcome = 'fail';
    }
    return { latencyMs: rule.latencyMs ?? 0, outcome };
  }
}

function mostSpecificRule(rules: readonly FaultRule[], service: AwsServiceName, operation: string): FaultRule | undefined {
  let best: FaultRule | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    if (rule.service !== undefined && rule.service !== service) continue;
    if (rule.operation !== '*' && rule.operation !== operation) continue;
    const score = (rule.operation === '*' ? 0 : 2) + (rule.service === undefined ? 0 : 1);
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}

/** The error the service itself answers with when it throttles or fails, so SDK retry logic sees the real thing. */
export function faultError(service: AwsServiceName, outcome: Exclude<FaultOutcome, 'none'>): ServiceError {
  if (outcome === 'throttle') {
    switch (service) {
      case 'cognito-idp':
        return new ServiceError('TooManyRequestsException', 'Too many requests');
      case 'sagemaker':
        return new ServiceError('ThrottlingException', 'Rate exceeded');
      case 's3':
        return new ServiceError('SlowDown', 'Please reduce your request rate.', 503);
      case 'sts':
        return new ServiceError('Throttling', 'Rate exceeded');
      case 'sns':
        // SNS's modelled throttling error (API reference: Throttled, HTTP 429); the text is UNCONFIRMED.
        return new ServiceError('Throttled', 'Rate exceeded', 429);
      case 'iam':
        // IAM answers throttling as awsQuery's common `Throttling` (the SDK retries it); the text is UNCONFIRMED.
        return new ServiceError('Throttling', 'Rate exceeded', 400);
    }
  }
  switch (service) {
    case 's3':
      return new ServiceError('InternalError', 'We encountered an internal error. Please try again.', 500);
    case 'sns':
      // SNS's modelled internal error (API reference: InternalError, HTTP 500); the text is UNCONFIRMED.
      return new ServiceError('InternalError', 'Internal error', 500);
    case 'iam':
      // IAM's modelled ServiceFailure (HTTP 500); the text is UNCONFIRMED.
      return new ServiceError('ServiceFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
    default:
      return new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
  }
}

/** Checks an admin request body (`POST /_sandbox/faults`); throws a ServiceError naming the first problem. */
export function parseFaultSettings(body: unknown): FaultSettings {
  const invalid = (message: string) => new ServiceError('ValidationException', message);
  if (!isRecord(body) || !Array.isArray(body['rules'])) throw invalid('Expected { rules: [...], seed?: number }');
  const seed = body['seed'];
  if (seed !== undefined && !Number.isInteger(seed)) throw invalid('seed must be an integer');
  const rules = body['rules'].map((raw: unknown, i): FaultRule => {
    if (!isRecord(raw)) throw invalid(`rules[${i}] must be an object`);
    const { operation, service, latencyMs, failRate, throttleRate } = raw;
    if (typeof operation !== 'string' || operation === '') throw invalid(`rules[${i}].operation must be an operation name or '*'`);
    if (service !== undefined && !SERVICES.includes(service as AwsServiceName))
      throw invalid(`rules[${i}].service must be one of ${SERVICES.join(', ')}`);
    if (latencyMs !== undefined && !(typeof latencyMs === 'number' && latencyMs >= 0 && latencyMs <= 600_000))
      throw invalid(`rules[${i}].latencyMs must be a number of milliseconds from 0 to 600000`);
    for (const [name, rate] of [['failRate', failRate], ['throttleRate', throttleRate]] as const) {
      if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate <= 1))
        throw invalid(`rules[${i}].${name} must be a number from 0 to 1`);
    }
    if (((failRate as number | undefined) ?? 0) + ((throttleRate as number | undefined) ?? 0) > 1)
      throw invalid(`rules[${i}]: failRate + throttleRate must not exceed 1`);
    return {
      operation,
      ...(service !== undefined && { service: service as AwsServiceName }),
      ...(latencyMs !== undefined && { latencyMs: latencyMs as number }),
      ...(failRate !== undefined && { failRate: failRate as number }),
      ...(throttleRate !== undefined && { throttleRate: throttleRate as number }),
    };
  });
  return seed === undefined ? { rules } : { rules, seed: seed as number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
