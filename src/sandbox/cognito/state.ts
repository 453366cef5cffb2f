// What the Cognito service remembers: plain JSON (records, arrays, strings, numbers; times as epoch ms) so that
// `--state FILE` can persist it with JSON.stringify. Keyed by Region, then user pool id.
// Record keys do not give creation order (integer-like keys sort first), so every listed record carries `seq`.

export interface CognitoState {
  regions: Record<string, CognitoRegion>;
  /** Every invitation e-mail the sandbox "sent", oldest first (admin route `outbox`). */
  outbox: OutboxEmail[];
  /** Every token revocation, oldest first (admin route `sign-outs`). */
  signOuts: SignOutRecord[];
  /** E-mails the default sender delivered, by UTC day of the sandbox clock (realistic only; email-delivery.ts). */
  emailsSent?: Record<string, number>;
}

export interface CognitoRegion {
  pools: Record<string, PoolRecord>;
  /** Domain prefix -> user pool id: a prefix is unique among all pools of the Region. */
  domains: Record<string, string>;
  /** Source of `seq` for pools. */
  nextSeq: number;
}

/** A user pool's settings in AWS's own shapes (`UserPoolType` members), so Describe returns them as stored. */
export interface PoolSettings {
  Policies: Record<string, unknown>;
  DeletionProtection: string;
  LambdaConfig: Record<string, unknown>;
  AutoVerifiedAttributes?: string[];
  SmsVerificationMessage?: string;
  EmailVerificationMessage?: string;
  EmailVerificationSubject?: string;
  VerificationMessageTemplate: Record<string, unknown>;
  SmsAuthenticationMessage?: string;
  UserAttributeUpdateSettings: Record<string, unknown>;
  MfaConfiguration: string;
  DeviceConfiguration?: Record<string, unknown>;
  EmailConfiguration: Record<string, unknown>;
  SmsConfiguration?: Record<string, unknown>;
  AdminCreateUserConfig: AdminCreateUserConfig;
  UserPoolAddOns?: Record<string, unknown>;
  AccountRecoverySetting?: Record<string, unknown>;
}

export interface AdminCreateUserConfig {
  AllowAdminCreateUserOnly: boolean;
  UnusedAccountValidityDays: number;
  InviteMessageTemplate?: { SMSMessage?: string; EmailMessage?: string; EmailSubject?: string };
}

export interface SchemaAttribute {
  Name: string;
  AttributeDataType: string;
  DeveloperOnlyAttribute: boolean;
  Mutable: boolean;
  Required: boolean;
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
}

export interface PoolRecord {
  id: string;
  name: string;
  arn: string;
  seq: number;
  createdMs: number;
  modifiedMs: number;
  settings: PoolSettings;
  /** Fixed at creation (not members of UpdateUserPool). */
  usernameAttributes: string[];
  aliasAttributes: string[];
  /** `UsernameConfiguration.CaseSensitive`; undefined when the pool was created without it (AWS: case-sensitive). */
  caseSensitive?: boolean;
  tier: string;
  /** Standard attributes whose settings the pool changed, and every custom attribute (`custom:x`, `dev:custom:x`). */
  schema: SchemaAttribute[];
  tags: Record<string, string>;
  domain?: DomainRecord;
  clients: Record<string, ClientRecord>;
  groups: Record<string, GroupRecord>;
  /** By user key: the username, lower-cased in case-insensitive pools. */
  users: Record<string, UserRecord>;
  /** `email:<value>` / `phone_number:<value>` (value lower-cased in case-insensitive pools) -> user key. */
  aliases: Record<string, string>;
  /** Source of `seq` for the pool's clients, groups and users. */
  nextSeq: number;
  /** Realistic only: deleted group names still refused by CreateGroup until then (aws-evidence E2). */
  deletedGroups?: Record<string, number>;
}

export interface DomainRecord {
  domain: string;
  /** Set for a custom domain (`CustomDomainConfig`); a prefix domain has none. */
  certificateArn?: string;
  managedLoginVersion: number;
  cloudFrontDistribution: string;
  version: string;
  createdMs: number;
  /** Realistic only: DescribeUserPoolDomain says CREATING until then (aws-evidence E4); absent means ACTIVE. */
  activeAtMs?: number;
}

/** An app client in AWS's `UserPoolClientType` shape, minus the ids and dates kept beside it. */
export interface ClientRecord {
  clientId: string;
  seq: number;
  createdMs: number;
  modifiedMs: number;
  secret?: string;
  settings: Record<string, unknown>;
}

export interface GroupRecord {
  name: string;
  seq: number;
  createdMs: number;
  modifiedMs: number;
  description?: string;
  roleArn?: string;
  precedence?: number;
  /** Realistic only: SageMaker does not see the group before then (aws-evidence E2); absent means visible. */
  visibleAtMs?: number;
}

export type UserStatus = 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED';

export interface UserRecord {
  username: string;
  seq: number;
  createdMs: number;
  modifiedMs: number;
  enabled: boolean;
  status: UserStatus;
  /** In insertion order; `sub` first, as AWS lists it. */
  attributes: Record<string, string>;
  /** When the current temporary password was issued: it expires after the pool's TemporaryPasswordValidityDays. */
  temporaryPasswordIssuedMs?: number;
  /** Group names, in the order the user joined them. */
  groups: string[];
}

export interface OutboxEmail {
  /** Epoch ms, from the simulated clock. */
  time: number;
  pool: string;
  to: string;
  subject: string;
  message: string;
  kind: 'invitation' | 'resend';
}

export interface SignOutRecord {
  time: number;
  pool: string;
  username: string;
  /** AdminUserGlobalSignOut, or AdminDisableUser (which also revokes the user's tokens). */
  cause: 'global-sign-out' | 'disable';
}

export function emptyCognitoState(): CognitoState {
  return { regions: {}, outbox: [], signOuts: [] };
}

/** The Region's record, created on first use. */
export function regionState(state: CognitoState, region: string): CognitoRegion {
  return (state.regions[region] ??= { pools: {}, domains: {}, nextSeq: 1 });
}
