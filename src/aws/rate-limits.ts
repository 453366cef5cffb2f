// Client-side pacing of Cognito calls, per quota category, so that a large apply never meets
// TooManyRequestsException. Cognito's request-rate quotas are per account and Region and shared by every operation
// of a category (aws-facts §7.1, from the Cognito quotas page). SageMaker and STS are not paced: AWS publishes no
// rate for the SageMaker control-plane calls gtctl makes (aws-facts §7.2), so there is no number to pace at; a
// throttle there is ridden out by the SDK's adaptive retry, which also slows the client down after one.
import PQueue from 'p-queue';
import { GtctlError } from '../core/errors.js';

/** The quota categories of the operations gtctl calls. */
export type CognitoCategory =
  | 'UserCreation'
  | 'UserUpdate'
  | 'UserList'
  | 'UserPoolRead'
  | 'UserPoolUpdate'
  | 'UserPoolResourceRead'
  | 'UserPoolResourceUpdate'
  | 'UserPoolClientRead'
  | 'UserPoolClientUpdate';

/** Every Cognito operation the Cognito port calls (a call of any other is refused as a gtctl bug). */
export const COGNITO_OPERATION_CATEGORY = {
  AdminCreateUser: 'UserCreation',
  AdminAddUserToGroup: 'UserUpdate',
  AdminRemoveUserFromGroup: 'UserUpdate',
  AdminDisableUser: 'UserUpdate',
  AdminEnableUser: 'UserUpdate',
  AdminDeleteUser: 'UserUpdate',
  AdminUserGlobalSignOut: 'UserUpdate',
  AdminUpdateUserAttributes: 'UserUpdate',
  ListUsers: 'UserList',
  ListUsersInGroup: 'UserList',
  DescribeUserPool: 'UserPoolRead',
  ListUserPools: 'UserPoolRead',
  CreateUserPool: 'UserPoolUpdate',
  UpdateUserPool: 'UserPoolUpdate',
  AddCustomAttributes: 'UserPoolUpdate',
  ListGroups: 'UserPoolResourceRead',
  DescribeUserPoolDomain: 'UserPoolResourceRead',
  CreateGroup: 'UserPoolResourceUpdate',
  DeleteGroup: 'UserPoolResourceUpdate',
  CreateUserPoolDomain: 'UserPoolResourceUpdate',
  TagResource: 'UserPoolResourceUpdate',
  UntagResource: 'UserPoolResourceUpdate',
  DescribeUserPoolClient: 'UserPoolClientRead',
  ListUserPoolClients: 'UserPoolClientRead',
  CreateUserPoolClient: 'UserPoolClientUpdate',
  UpdateUserPoolClient: 'UserPoolClientUpdate',
} as const satisfies Record<string, CognitoCategory>;

export type CognitoOperation = keyof typeof COGNITO_OPERATION_CATEGORY;

/**
 * AWS's default quota per category (requests per second, per account and Region), as published; only UserCreation
 * is adjustable among these. `perPoolOperation`: the four UserPoolResource / UserPoolClient categories also cap each
 * operation at 5 RPS per user pool.
 */
export const COGNITO_QUOTAS: Readonly<Record<CognitoCategory, { rps: number; perPoolOperation?: number }>> = {
  UserCreation: { rps: 50 },
  UserUpdate: { rps: 25 },
  UserList: { rps: 30 },
  UserPoolRead: { rps: 15 },
  UserPoolUpdate: { rps: 15 },
  UserPoolResourceRead: { rps: 20, perPoolOperation: 5 },
  UserPoolResourceUpdate: { rps: 15, perPoolOperation: 5 },
  UserPoolClientRead: { rps: 15, perPoolOperation: 5 },
  UserPoolClientUpdate: { rps: 15, perPoolOperation: 5 },
};

/**
 * The rate gtctl paces each category at unless `cognitoRates` says otherwise: the category quota, or the per-pool
 * per-operation cap where there is one. gtctl works on one pool, and pacing the whole category at that cap keeps
 * every operation under it whatever the mix; these categories hold pool, client, domain and group calls, a few per
 * team, so the slower pace costs little.
 */
export const DEFAULT_COGNITO_RATES: Readonly<Record<CognitoCategory, number>> = Object.fromEntries(
  Object.entries(COGNITO_QUOTAS).map(([category, quota]) => [category, Math.min(quota.rps, quota.perPoolOperation ?? Infinity)]),
) as Record<CognitoCategory, number>;

/**
 * Starts per window such that the window is a whole number of milliseconds (timers and Date.now(), which p-queue
 * measures with, are millisecond-grained): 30/s is 3 starts per 100 ms, not 1 per 34 ms (29.4/s). At most a few
 * starts share a window, far below the second of burst Cognito's bucket holds; an odd rate rounds the window up.
 */
export function spacing(rps: number): { intervalCap: number; interval: number } {
  for (let intervalCap = 1; intervalCap <= 5; intervalCap++) {
    const interval = (1000 * intervalCap) / rps;
    if (Number.isInteger(interval)) return { intervalCap, interval };
  }
  return { intervalCap: 1, interval: Math.ceil(1000 / rps) };
}

export function isCognitoCategory(name: string): name is CognitoCategory {
  return Object.hasOwn(COGNITO_QUOTAS, name);
}

/**
 * One queue per category, each starting calls evenly at the category's rate (see `spacing`; p-queue's sliding
 * window, `strict`), as many in flight as that allows.
 *
 * Why evenly spaced starts rather than `intervalCap: rps` per second: Cognito (and the sandbox) meter with a token
 * bucket that holds one second of the rate. A full second's burst at once would empty it, and the next burst a
 * second later would find it refilled only if no request of the first burst arrived late: network jitter alone could
 * then throttle a call. Spaced starts take one token per refill interval, so the bucket stays nearly full and
 * absorbs up to about a second of jitter, retries the SDK makes on its own, or a second gtctl-like client. `strict`
 * (a sliding window) rather than fixed windows, because fixed windows let two starts meet at a window boundary.
 */
export class CognitoRateLimiter {
  readonly #rates: Readonly<Record<CognitoCategory, number>>;
  readonly #queues = new Map<CognitoCategory, PQueue>();

  constructor(overrides: Partial<Record<CognitoCategory, number>> = {}) {
    for (const [category, rps] of Object.entries(overrides)) {
      if (!isCognitoCategory(category))
        throw new GtctlError('invalid-cognito-rate', `Unknown Cognito quota category "${category}"`, 'user', `Known categories: ${Object.keys(COGNITO_QUOTAS).join(', ')}.`);
      if (typeof rps !== 'number' || !Number.isFinite(rps) || rps <= 0)
        throw new GtctlError('invalid-cognito-rate', `The rate for ${category} must be a positive number of requests per second`, 'user');
    }
    this.#rates = { ...DEFAULT_COGNITO_RATES, ...overrides };
  }

  /** Requests per second gtctl allows itself for a category. */
  rate(category: CognitoCategory): number {
    return this.#rates[category];
  }

  /** Runs `call` when the operation's category allows another start. */
  schedule<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const category = (COGNITO_OPERATION_CATEGORY as Readonly<Record<string, CognitoCategory>>)[operation];
    if (category === undefined)
      return Promise.reject(new GtctlError('unpaced-cognito-operation', `No Cognito quota category is known for ${operation}`, 'internal'));
    // ListUsers pages are one chain, each page waiting for the one before; group listings are many independent
    // calls. First-come-first-served would give the chain 1 turn in 26 behind 25 teams' listings: let it go first.
    return this.#queue(category).add(call, { priority: operation === 'ListUsers' ? 1 : 0 });
  }

  #queue(category: CognitoCategory): PQueue {
    let queue = this.#queues.get(category);
    if (!queue) {
      queue = new PQueue({ ...spacing(this.#rates[category]), strict: true });
      this.#queues.set(category, queue);
    }
    return queue;
  }
}

/**
 * SageMaker publishes no control-plane rates (aws-facts §7.2) but throttles bursts (aws-evidence E9). gtctl paces all
 * its SageMaker calls at this rate, a guess kept below the sandbox's modelled one (src/sandbox/quotas.ts): the
 * adaptive retry of the SDK still rides out a lower real limit, and slows the client after a throttle.
 */
export const SAGEMAKER_RATE = 20;

/** Starts SageMaker calls evenly at one rate (the same spacing as the Cognito queues). */
export class SageMakerPacer {
  readonly #queue: PQueue;

  constructor(rps: number = SAGEMAKER_RATE) {
    if (typeof rps !== 'number' || !Number.isFinite(rps) || rps <= 0)
      throw new GtctlError('invalid-sagemaker-rate', 'The SageMaker rate must be a positive number of requests per second', 'user');
    this.#queue = new PQueue({ ...spacing(rps), strict: true });
  }

  schedule<T>(call: () => Promise<T>): Promise<T> {
    return this.#queue.add(call);
  }
}
