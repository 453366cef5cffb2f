import { describe, expect, it } from 'vitest';
import { retryDelayMs, ruleFor, RETRY_POLICY, withRetryPolicy, type FailedCall } from './retry-policy.js';

const call = (overrides: Partial<FailedCall>): FailedCall => ({ service: 's3', operation: 'PutBucketCors', code: 'NoSuchBucket', message: '', input: {}, ...overrides });

/** A clock that moves only when the loop sleeps, so the tests take no time. */
function fakeWorld() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('the retry-policy table', () => {
  it.each([
    ['a new bucket not yet visible to a configuration write', call({}), 'until'],
    ['a conflicting configuration write, on any S3 call', call({ operation: 'PutBucketEncryption', code: 'OperationAborted' }), 'until'],
    ['a Cognito group SageMaker does not see yet', call({ service: 'sagemaker', operation: 'CreateWorkteam', code: 'ValidationException', message: 'Cognito user group g does not exist in user pool p.' }), 'until'],
    ['a workforce not Active yet (an earlier apply stopped while it was Initializing)', call({ service: 'sagemaker', operation: 'CreateWorkteam', code: 'ValidationException', message: 'Workforce default is still Initializing; create its work teams once it is Active.' }), 'until'],
    ['a role still propagating', call({ service: 'sagemaker', operation: 'CreateLabelingJob', code: 'ValidationException', message: 'Could not assume role arn:aws:iam::1:role/r.' }), 'until'],
    ['a domain still being created', call({ service: 'sagemaker', operation: 'CreateWorkforce', code: 'ValidationException', message: 'The domain d of user pool p is not active yet' }), 'until'],
    ['an undelivered resend', call({ service: 'cognito-idp', operation: 'AdminCreateUser', code: 'CodeDeliveryFailureException', input: { MessageAction: 'RESEND' } }), 'until'],
    ['the daily e-mail limit, which the SDK would retry as throttling', call({ service: 'cognito-idp', operation: 'AdminCreateUser', code: 'LimitExceededException', message: 'Exceeded daily email limit for the operation or the account.' }), 'never'],
  ])('covers %s', (_what, failed, retry) => {
    expect(ruleFor(failed)?.retry).toBe(retry);
  });

  it.each([
    ['a missing bucket on a read', call({ operation: 'GetBucketCors' })],
    ['a team\'s own mistake', call({ service: 'sagemaker', operation: 'CreateWorkteam', code: 'ValidationException', message: 'Work team name is too long' })],
    ['a new user\'s undelivered invitation (the user exists: providers resend)', call({ service: 'cognito-idp', operation: 'AdminCreateUser', code: 'CodeDeliveryFailureException' })],
    ['another LimitExceededException (a real throttle: the SDK\'s to retry)', call({ service: 'cognito-idp', operation: 'AdminCreateUser', code: 'LimitExceededException', message: 'Rate exceeded' })],
  ])('leaves alone %s', (_what, failed) => {
    expect(ruleFor(failed)).toBeUndefined();
  });

  it('names its evidence and a time limit in every rule', () => {
    for (const rule of RETRY_POLICY) {
      expect(rule.why).toMatch(/^[AE]\d+:/);
      expect(rule.retry === 'never' || rule.limitMs > 0).toBe(true);
    }
  });

  it('backs off from 25 ms, by half again each time, up to 2 s', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, mid))).toEqual([25, 38, 56, 84]);
    expect(retryDelayMs(50, mid)).toBe(2000);
  });
});

describe('withRetryPolicy', () => {
  const describeError = (error: unknown) => call({ code: (error as Error).name });
  const failing = (name: string, times: number) => {
    let n = 0;
    return async () => {
      if (n++ < times) throw Object.assign(new Error(name), { name });
      return 'ok';
    };
  };

  it('retries a covered error until the call succeeds, waiting only short, growing delays', async () => {
    const world = fakeWorld();
    expect(await withRetryPolicy(failing('NoSuchBucket', 3), describeError, world)).toBe('ok');
    expect(world.sleeps).toHaveLength(3);
    expect(world.sleeps[0]).toBeLessThan(world.sleeps[2]!);
  });

  it('gives up when the rule\'s time is spent, with the last error', async () => {
    const world = fakeWorld();
    await expect(withRetryPolicy(failing('NoSuchBucket', Infinity), describeError, world)).rejects.toThrow('NoSuchBucket');
    expect(world.now()).toBeLessThanOrEqual(120_000);
    expect(world.now()).toBeGreaterThan(115_000);
  });

  it('does not retry what no rule covers', async () => {
    const world = fakeWorld();
    await expect(withRetryPolicy(failing('AccessDenied', 1), describeError, world)).rejects.toThrow('AccessDenied');
    expect(world.sleeps).toEqual([]);
  });
});
