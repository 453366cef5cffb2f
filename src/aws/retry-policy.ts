// The one retry-policy table of gtctl. The SDK's adaptive retry rides out throttling and 5xx; it never retries the
// answers real AWS gives while something just made is not yet visible everywhere (400 ValidationException, 404
// NoSuchBucket, 409 OperationAborted: aws-evidence A12). Those are retried here, per service, operation and error,
// for a bounded time (Terraform's 2 minutes), with a backoff that starts small so that a short consistency window
// costs about its own length. And one answer the SDK does retry must not be: Cognito's daily e-mail limit, which it
// classes as throttling (LimitExceededException) and would only repeat until the attempts run out (A5).
// No provider loops on its own: clients.ts applies this table to every call.

/** What a rule looks at in a failed call: the AWS error code (the SDK error's name), its message, the request. */
export interface FailedCall {
  service: string;
  operation: string;
  code: string;
  message: string;
  input: Readonly<Record<string, unknown>>;
}

export interface RetryRule {
  service: 'sagemaker' | 'cognito-idp' | 's3';
  /** The operations the rule covers; `*` for all of the service's. */
  operations: readonly string[] | '*';
  code: string;
  /** Narrows the rule to answers whose message matches (AWS reuses ValidationException for everything). */
  message?: RegExp;
  /** Narrows the rule to requests with these members (e.g. only RESEND invitations). */
  input?: Readonly<Record<string, unknown>>;
  /** `retry`: until `limitMs` has passed since the first attempt; `never`: not even by the SDK. */
  retry: 'until' | 'never';
  limitMs: number;
  /** The evidence behind the rule (aws-evidence.md item) and what AWS is doing meanwhile. */
  why: string;
}

const TWO_MINUTES = 120_000;

/** Bucket configuration writes: Terraform retries each on NoSuchBucket after CreateBucket (E1). */
const BUCKET_WRITES = [
  'PutBucketCors',
  'DeleteBucketCors',
  'PutBucketEncryption',
  'PutPublicAccessBlock',
  'DeletePublicAccessBlock',
  'PutBucketOwnershipControls',
  'PutBucketVersioning',
  'PutBucketTagging',
  'DeleteBucketTagging',
] as const;

export const RETRY_POLICY: readonly RetryRule[] = [
  {
    service: 's3',
    operations: '*',
    code: 'OperationAborted',
    retry: 'until',
    limitMs: TWO_MINUTES,
    why: 'E1: another configuration write to the bucket is in progress ("A conflicting conditional operation ..."); Terraform retries it for every S3 call',
  },
  {
    service: 's3',
    operations: BUCKET_WRITES,
    code: 'NoSuchBucket',
    retry: 'until',
    limitMs: TWO_MINUTES,
    why: 'E1: a new bucket is not yet visible to every S3 front end, even after HeadBucket found it',
  },
  {
    service: 'sagemaker',
    operations: ['CreateWorkteam', 'UpdateWorkteam'],
    code: 'ValidationException',
    // Not the team's own mistakes (names, limits, a missing workforce), which retrying cannot mend.
    message: /group|user ?pool|client|initializing|updating/i,
    retry: 'until',
    limitMs: TWO_MINUTES,
    why: 'E2: the Cognito group (or pool) is not yet visible to SageMaker, or (E5) the workforce is not Active yet; Terraform retries CreateWorkteam on ValidationException for 2 minutes',
  },
  {
    service: 'sagemaker',
    operations: ['CreateLabelingJob'],
    code: 'ValidationException',
    message: /role|assume|permission|access/i,
    retry: 'until',
    limitMs: TWO_MINUTES,
    why: 'E3: a new execution role or its policy is still propagating; Terraform retries CreateLabelingJob for 2 minutes (a failed job would burn its name)',
  },
  {
    service: 'sagemaker',
    operations: ['CreateWorkforce'],
    code: 'ValidationException',
    message: /domain/i,
    retry: 'until',
    limitMs: TWO_MINUTES,
    why: 'E4: the pool\'s new domain is still CREATING (gtctl waits for ACTIVE first; this covers the lag behind it)',
  },
  {
    service: 'cognito-idp',
    operations: ['AdminCreateUser'],
    code: 'CodeDeliveryFailureException',
    input: { MessageAction: 'RESEND' },
    retry: 'until',
    limitMs: TWO_MINUTES,
    why: 'A6: the invitation could not be delivered this time; sending it again is the fix (a new user\'s create is not retried: the user exists, providers resend)',
  },
  {
    service: 'cognito-idp',
    operations: ['AdminCreateUser'],
    code: 'LimitExceededException',
    message: /email limit/i,
    retry: 'never',
    limitMs: 0,
    why: 'A5: the default sender\'s 50 e-mails a day are used up; retrying cannot help before tomorrow (the SDK would, as throttling)',
  },
];

/** The rule for a failed call, if any. */
export function ruleFor(call: FailedCall, policy: readonly RetryRule[] = RETRY_POLICY): RetryRule | undefined {
  return policy.find(
    (rule) =>
      rule.service === call.service &&
      (rule.operations === '*' || rule.operations.includes(call.operation)) &&
      rule.code === call.code &&
      (rule.message === undefined || rule.message.test(call.message)) &&
      (rule.input === undefined || Object.entries(rule.input).every(([k, v]) => call.input[k] === v)),
  );
}

/** The wait before retry `n` (1-based): 25 ms, growing by half each time, capped at 2 s, with ±20% jitter. */
export function retryDelayMs(n: number, random: () => number = Math.random): number {
  const base = Math.min(2_000, 25 * 1.5 ** (n - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Runs `attempt` until it succeeds, fails with an error no `until` rule covers, or its rule's time is up (then the
 * last error leaves as it is). `describe` turns an SDK error into the rule's terms; `now` and `sleep` are the
 * world's, passed in so the loop is testable without time.
 */
export async function withRetryPolicy<T>(
  attempt: () => Promise<T>,
  describe: (error: unknown) => FailedCall,
  world: { now(): number; sleep(ms: number): Promise<void> } = { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
  policy: readonly RetryRule[] = RETRY_POLICY,
): Promise<T> {
  const started = world.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const rule = ruleFor(describe(error), policy);
      if (!rule || rule.retry !== 'until') throw error;
      const delay = retryDelayMs(n);
      if (world.now() + delay - started > rule.limitMs) throw error;
      await world.sleep(delay);
    }
  }
}
