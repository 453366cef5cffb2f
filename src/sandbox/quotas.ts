// Cognito user pool request-rate quotas: operations are grouped into categories, each with a default rate per account
// and Region (aws-facts §7.1, from the Cognito quotas page). The sandbox throttles like AWS so gtctl's client-side rate
// limits and retries are exercised; `scale` speeds every rate up for short tests and benchmarks.
import { ServiceError } from './service.js';

export type QuotaCategory =
  | 'UserCreation'
  | 'UserRead'
  | 'UserUpdate'
  | 'UserResourceRead'
  | 'UserResourceUpdate'
  | 'UserList'
  | 'UserPoolRead'
  | 'UserPoolUpdate'
  | 'UserPoolResourceRead'
  | 'UserPoolResourceUpdate'
  | 'UserPoolClientRead'
  | 'UserPoolClientUpdate'
  | 'UserAuthentication'
  | 'UserToken'
  | 'UserAccountRecovery'
  | 'UserFederation'
  | 'ClientAuthentication'
  | 'LimitManagement';

/**
 * Default requests per second per account and Region.
 * The four UserPoolResource / UserPoolClient categories also cap each operation at 5 RPS per user pool; the sandbox
 * enforces only the category's account-wide rate (the per-pool cap needs the pool id, which only the service knows).
 */
export const CATEGORY_RPS: Readonly<Record<QuotaCategory, number>> = {
  UserCreation: 50,
  UserRead: 120,
  UserUpdate: 25,
  UserResourceRead: 50,
  UserResourceUpdate: 25,
  UserList: 30,
  UserPoolRead: 15,
  UserPoolUpdate: 15,
  UserPoolResourceRead: 20,
  UserPoolResourceUpdate: 15,
  UserPoolClientRead: 15,
  UserPoolClientUpdate: 15,
  UserAuthentication: 120,
  UserToken: 120,
  UserAccountRecovery: 30,
  UserFederation: 25,
  ClientAuthentication: 150,
  LimitManagement: 1,
};

/** Every Cognito operation in the reference model, by category (`quotas.test.ts` checks none is missing). */
export const COGNITO_OPERATION_CATEGORY: Readonly<Record<string, QuotaCategory>> = {
  AdminCreateUser: 'UserCreation',
  AdminGetUser: 'UserRead',
  AdminAddUserToGroup: 'UserUpdate',
  AdminRemoveUserFromGroup: 'UserUpdate',
  AdminDisableUser: 'UserUpdate',
  AdminEnableUser: 'UserUpdate',
  AdminDeleteUser: 'UserUpdate',
  AdminUserGlobalSignOut: 'UserUpdate',
  AdminUpdateUserAttributes: 'UserUpdate',
  AdminListGroupsForUser: 'UserResourceRead',
  ListUsers: 'UserList',
  ListUsersInGroup: 'UserList',
  DescribeUserPool: 'UserPoolRead',
  ListUserPools: 'UserPoolRead',
  CreateUserPool: 'UserPoolUpdate',
  UpdateUserPool: 'UserPoolUpdate',
  DeleteUserPool: 'UserPoolUpdate',
  AddCustomAttributes: 'UserPoolUpdate',
  GetGroup: 'UserPoolResourceRead',
  ListGroups: 'UserPoolResourceRead',
  DescribeUserPoolDomain: 'UserPoolResourceRead',
  ListTagsForResource: 'UserPoolResourceRead',
  CreateGroup: 'UserPoolResourceUpdate',
  UpdateGroup: 'UserPoolResourceUpdate',
  DeleteGroup: 'UserPoolResourceUpdate',
  CreateUserPoolDomain: 'UserPoolResourceUpdate',
  DeleteUserPoolDomain: 'UserPoolResourceUpdate',
  TagResource: 'UserPoolResourceUpdate',
  UntagResource: 'UserPoolResourceUpdate',
  DescribeUserPoolClient: 'UserPoolClientRead',
  ListUserPoolClients: 'UserPoolClientRead',
  CreateUserPoolClient: 'UserPoolClientUpdate',
  UpdateUserPoolClient: 'UserPoolClientUpdate',
  DeleteUserPoolClient: 'UserPoolClientUpdate',
};

/**
 * SageMaker's control-plane rate is unpublished (aws-facts §7.2, aws-evidence E9): the sandbox models one rate for
 * all its calls per account and Region, with a second of burst, and answers ThrottlingException above it (only when
 * realistic). A guess, kept in one place; gtctl's own SageMaker pacing (src/aws/rate-limits.ts) stays under it.
 */
export const SAGEMAKER_MODELLED_RPS = 25;

export interface QuotaSettings {
  enabled: boolean;
  /** Multiplies every rate: 10 lets ten times as many calls through per second. */
  scale: number;
}

interface Bucket {
  tokens: number;
  /** Milliseconds, from `now`. */
  at: number;
}

/** Token buckets per category and Region; a bucket holds one second of its rate, so a burst up to the rate passes. */
export class Quotas {
  #settings: QuotaSettings;
  #buckets = new Map<string, Bucket>();

  constructor(
    settings: Partial<QuotaSettings> = {},
    /** Monotonic milliseconds; tests pass a fake. */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#settings = { enabled: true, scale: 1 };
    this.update(settings);
  }

  get(): QuotaSettings {
    return { ...this.#settings };
  }

  /** Changing the settings refills every bucket, so a test starts from a known point. */
  update(settings: Partial<QuotaSettings>): void {
    const next = { ...this.#settings, ...settings };
    if (typeof next.enabled !== 'boolean') throw new ServiceError('ValidationException', 'enabled must be a boolean');
    if (typeof next.scale !== 'number' || !(next.scale > 0) || !Number.isFinite(next.scale))
      throw new ServiceError('ValidationException', 'scale must be a positive number');
    this.#settings = next;
    this.#buckets.clear();
  }

  /** Takes one call's token; false when the call is over quota (AWS answers TooManyRequestsException). */
  take(region: string, operation: string): boolean {
    const category = COGNITO_OPERATION_CATEGORY[operation];
    if (!this.#settings.enabled || !category) return true;
    return this.#take(`${region}/${category}`, CATEGORY_RPS[category]);
  }

  /** A SageMaker call's token, at the modelled rate; false when AWS would throttle it. */
  takeSageMaker(region: string): boolean {
    return !this.#settings.enabled || this.#take(`${region}/sagemaker`, SAGEMAKER_MODELLED_RPS);
  }

  #take(key: string, rps: number): boolean {
    const rate = rps * this.#settings.scale;
    const capacity = Math.max(1, rate);
    const now = this.now();
    const bucket = this.#buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

export function quotaExceeded(): ServiceError {
  return new ServiceError('TooManyRequestsException', 'Too many requests');
}
