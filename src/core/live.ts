// Live state: what gtctl read from AWS, mapped by the providers into plain values. The diff compares these with
// the desired models; nothing here is an SDK type.
import type { Tags } from './model.js';

/** The tag that marks what a project owns (design §3). */
export const OWNERSHIP_TAG = 'gtctl:project';
/** Cognito users take no tags: a managed user carries this custom attribute, set to the project name. */
export const MANAGED_USER_ATTRIBUTE = 'gtctl_project';

export interface LiveWorkforce {
  name: string;
  arn: string;
  status: string;
  /** The worker portal host, e.g. `abc123.labeling.us-east-1.sagemaker.aws`. */
  subDomain?: string;
  cognito?: { userPool: string; clientId: string };
  oidc?: {
    clientId: string;
    issuer: string;
    authorizationEndpoint: string;
    tokenEndpoint: string;
    userInfoEndpoint: string;
    logoutEndpoint: string;
    jwksUri: string;
    scope?: string;
    authenticationRequestExtraParams: Readonly<Record<string, string>>;
  };
  sourceIpCidrs: readonly string[];
  tags: Tags;
}

export interface LiveAppClient {
  id: string;
  name: string;
  callbackUrls: readonly string[];
  logoutUrls: readonly string[];
  oauthFlows: readonly string[];
  oauthScopes: readonly string[];
  identityProviders: readonly string[];
  hasSecret: boolean;
}

export interface LiveUserPool {
  id: string;
  name: string;
  arn: string;
  tags: Tags;
  domain?: string;
  /** `['email']` when users sign in with their e-mail (usernames are then generated). */
  usernameAttributes: readonly string[];
  caseSensitive: boolean;
  invitation?: { subject?: string; message?: string };
  temporaryPasswordValidityDays: number;
  /** Custom attribute names without the `custom:` prefix. */
  customAttributes: readonly string[];
  client?: LiveAppClient;
}

export interface LiveTeam {
  name: string;
  arn: string;
  description: string;
  /** Cognito teams: the group behind the team (first member definition). */
  userGroup?: string;
  userPool?: string;
  /** OIDC teams. */
  oidcGroups: readonly string[];
  notificationTopicArn?: string;
  presignedUrlSourceIp: boolean;
  subDomain?: string;
  tags: Tags;
}

export type InvitationStatus = 'invited' | 'confirmed' | 'disabled' | 'other';

export interface LiveUser {
  /** The Cognito username: the e-mail, or a generated id in pools that sign in with e-mail. */
  username: string;
  email?: string;
  displayName?: string;
  enabled: boolean;
  /** Cognito UserStatus: FORCE_CHANGE_PASSWORD until the first sign-in, then CONFIRMED. */
  status: string;
  /** Epoch ms of the last change (a RESEND renews the temporary password and this date). */
  modifiedAt: number;
  /** The project that manages the user (custom attribute), if any. */
  managedBy?: string;
}

export interface LiveState {
  account: string;
  region: string;
  workforce?: LiveWorkforce;
  userPool?: LiveUserPool;
  teams: readonly LiveTeam[];
  /** Group names of the pool. */
  groups: readonly string[];
  users: readonly LiveUser[];
  /** Group name -> usernames, for the groups gtctl reads (those of desired and managed teams). */
  groupMembers: Readonly<Record<string, readonly string[]>>;
}

/** The e-mail a user is known by in specs: the `email` attribute, or the username when it is an e-mail. */
export function userEmail(user: LiveUser): string | undefined {
  return user.email ?? (user.username.includes('@') ? user.username : undefined);
}

export function invitationStatus(user: LiveUser): InvitationStatus {
  if (!user.enabled) return 'disabled';
  if (user.status === 'FORCE_CHANGE_PASSWORD') return 'invited';
  if (user.status === 'CONFIRMED' || user.status === 'EXTERNAL_PROVIDER') return 'confirmed';
  return 'other';
}
