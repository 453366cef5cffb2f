import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GtctlError } from '../core/errors.js';
import { Quotas } from '../sandbox/quotas.js';
import {
  COGNITO_OPERATION_CATEGORY,
  COGNITO_QUOTAS,
  CognitoRateLimiter,
  DEFAULT_COGNITO_RATES,
  spacing,
  type CognitoCategory,
  type CognitoOperation,
} from './rate-limits.js';

// Time is faked: the limiter's spacing is checked on a clock the test moves, never against the wall clock.
beforeEach(() => void vi.useFakeTimers({ now: 0 }));
afterEach(() => void vi.useRealTimers());

/** Schedules `count` calls of `operation` at once; the fake time at which each started. */
function startTimes(limiter: CognitoRateLimiter, operation: string, count: number): { starts: number[]; done: Promise<unknown> } {
  const starts: number[] = [];
  const done = Promise.all(Array.from({ length: count }, () => limiter.schedule(operation, async () => void starts.push(Date.now()))));
  return { starts, done };
}

describe('the Cognito quota table', () => {
  it("holds AWS's published default rates (aws-facts §7.1)", () => {
    expect(Object.fromEntries(Object.entries(COGNITO_QUOTAS).map(([category, quota]) => [category, quota.rps]))).toEqual({
      UserCreation: 50,
      UserUpdate: 25,
      UserList: 30,
      UserPoolRead: 15,
      UserPoolUpdate: 15,
      UserPoolResourceRead: 20,
      UserPoolResourceUpdate: 15,
      UserPoolClientRead: 15,
      UserPoolClientUpdate: 15,
    });
  });

  it('paces the pool-resource and app-client categories at their 5 RPS per-pool cap, the others at the quota', () => {
    expect(DEFAULT_COGNITO_RATES).toMatchObject({ UserCreation: 50, UserUpdate: 25, UserList: 30, UserPoolResourceRead: 5, UserPoolClientUpdate: 5 });
  });

  it('files membership changes, sign-outs and deletions under UserUpdate, both user listings under UserList', () => {
    const inCategory = (category: CognitoCategory) =>
      (Object.keys(COGNITO_OPERATION_CATEGORY) as CognitoOperation[]).filter((op) => COGNITO_OPERATION_CATEGORY[op] === category).sort();
    expect(inCategory('UserUpdate')).toEqual([
      'AdminAddUserToGroup',
      'AdminDeleteUser',
      'AdminDisableUser',
      'AdminEnableUser',
      'AdminRemoveUserFromGroup',
      'AdminUpdateUserAttributes',
      'AdminUserGlobalSignOut',
    ]);
    expect(inCategory('UserList')).toEqual(['ListUsers', 'ListUsersInGroup']);
  });
});

describe('CognitoRateLimiter', () => {
  it('starts calls of one category 1000/rps ms apart (UserUpdate: 40 ms)', async () => {
    const { starts, done } = startTimes(new CognitoRateLimiter(), 'AdminAddUserToGroup', 10);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(starts).toEqual([0, 40, 80, 120, 160, 200, 240, 280, 320, 360]);
  });

  it('shares one pace among the operations of a category, and paces categories independently (UserList: 3 per 100 ms)', async () => {
    const limiter = new CognitoRateLimiter();
    const starts: Array<[string, number]> = [];
    const run = (op: string) => limiter.schedule(op, async () => void starts.push([op, Date.now()]));
    const done = Promise.all([run('AdminAddUserToGroup'), run('AdminRemoveUserFromGroup'), run('AdminDeleteUser'), run('ListUsers'), run('ListUsersInGroup')]);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(starts).toEqual([
      ['AdminAddUserToGroup', 0],
      ['ListUsers', 0],
      ['ListUsersInGroup', 0],
      ['AdminRemoveUserFromGroup', 40],
      ['AdminDeleteUser', 80],
    ]);
  });

  it('lets the ListUsers chain go before queued group listings', async () => {
    const limiter = new CognitoRateLimiter();
    const starts: string[] = [];
    const run = (op: string) => limiter.schedule(op, async () => void starts.push(op));
    const done = Promise.all([...Array.from({ length: 6 }, () => run('ListUsersInGroup')), run('ListUsers')]);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(starts.indexOf('ListUsers')).toBeLessThan(4);
  });

  it.each([
    [30, { intervalCap: 3, interval: 100 }],
    [25, { intervalCap: 1, interval: 40 }],
    [50, { intervalCap: 1, interval: 20 }],
    [15, { intervalCap: 3, interval: 200 }],
    [7, { intervalCap: 1, interval: 143 }],
  ])('spaces %d/s as %o', (rps, expected) => {
    expect(spacing(rps)).toEqual(expected);
  });

  it('lets calls overlap: a slow call does not hold back the next start', async () => {
    const limiter = new CognitoRateLimiter();
    let inFlight = 0;
    let most = 0;
    const slow = () =>
      limiter.schedule('AdminCreateUser', async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 500));
        inFlight--;
      });
    const done = Promise.all(Array.from({ length: 5 }, slow));
    await vi.advanceTimersByTimeAsync(2000);
    await done;
    expect(most).toBe(5);
  });

  // Runs 600 calls, spread over every operation, through a limiter into the sandbox's quota buckets, which share the
  // fake clock (capacity one second of the rate, refilled at the rate); how many the buckets refused.
  async function refusedBySandbox(limiter: CognitoRateLimiter): Promise<number> {
    const quotas = new Quotas({}, () => Date.now());
    const operations = Object.keys(COGNITO_OPERATION_CATEGORY);
    let refused = 0;
    const calls = Array.from({ length: 600 }, (_, i) => operations[i % operations.length]!).map((op) =>
      limiter.schedule(op, async () => {
        if (!quotas.take('us-east-1', op)) refused++;
      }),
    );
    await vi.advanceTimersByTimeAsync(120_000);
    await Promise.all(calls);
    return refused;
  }

  it('never lets a call through that the server-side token bucket (the sandbox) would throttle', async () => {
    expect(await refusedBySandbox(new CognitoRateLimiter())).toBe(0);
    // The check has teeth: pacing UserUpdate above its quota is refused.
    expect(await refusedBySandbox(new CognitoRateLimiter({ UserUpdate: 30 }))).toBeGreaterThan(0);
  });

  it('takes overrides per category', async () => {
    const limiter = new CognitoRateLimiter({ UserUpdate: 100 });
    expect(limiter.rate('UserUpdate')).toBe(100);
    expect(limiter.rate('UserList')).toBe(30);
    const { starts, done } = startTimes(limiter, 'AdminDisableUser', 3);
    await vi.advanceTimersByTimeAsync(100);
    await done;
    expect(starts).toEqual([0, 10, 20]);
  });

  it('refuses rates that are not positive numbers and categories it does not know, as the user’s error', () => {
    for (const rates of [{ UserUpdate: 0 }, { UserUpdate: -1 }, { UserUpdate: Number.NaN }, { UserUpdate: Infinity }, { UserSomething: 5 }]) {
      const error = (() => {
        try {
          new CognitoRateLimiter(rates as Partial<Record<CognitoCategory, number>>);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(GtctlError);
      expect(error).toMatchObject({ code: 'invalid-cognito-rate', source: 'user' });
    }
  });

  it('refuses an operation without a category (a gtctl bug: every call must be paced)', async () => {
    await expect(new CognitoRateLimiter().schedule('AdminGetUser', async () => 1)).rejects.toMatchObject({
      code: 'unpaced-cognito-operation',
      source: 'internal',
    });
  });
});
