// Carrying out a workforce change. A managed pool is built step by step, each step finding what a previous,
// interrupted run already made: pool, domain, app client, workforce, then the portal URLs on the client — the
// workforce/app-client cycle (the client needs the portal URL that exists only once the workforce does).
import type { UpdateUserPoolCommandInput, UpdateUserPoolClientCommandInput, UserPoolClientType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { CreateWorkforceCommandInput, OidcConfig } from '@aws-sdk/client-sagemaker';
import { emailConfiguration, portalUrls, withPortalUrls } from '../core/diff/workforce.js';
import { GtctlError } from '../core/errors.js';
import { invitationWithPortal } from '../core/invitation.js';
import { GTCTL_USER_ATTRIBUTES, OWNERSHIP_TAG } from '../core/live.js';
import type { Workforce } from '../core/model.js';
import type { WorkforceChange } from '../core/plan.js';
import { MANAGED_CLIENT_NAME, PLACEHOLDER_URL } from './names.js';
import type { ApplyRuntime, ChangeOutputs } from './runtime.js';

/** A created workforce hands its pool, client and name to the teams and members that depend on it. */
export async function executeWorkforce(change: WorkforceChange, runtime: ApplyRuntime): Promise<ChangeOutputs | void> {
  switch (change.action) {
    case 'create':
      return createWorkforce(change, runtime);
    case 'update':
      return updateWorkforce(change, runtime);
    case 'delete':
    case 'stop':
    case 'blocked':
      throw new GtctlError('unsupported-change', `cannot ${change.action} ${change.address}`, 'internal');
  }
}

async function createWorkforce(change: WorkforceChange, runtime: ApplyRuntime): Promise<ChangeOutputs> {
  const { ports } = runtime;
  const desired = change.workforce;
  const identity = desired.identity;
  // No Tags: whether CreateWorkforce takes them is unknown, and they could not be read back (aws-evidence A1).
  // The ownership tag goes on the pool.
  const input: CreateWorkforceCommandInput = {
    WorkforceName: desired.name,
    ...(desired.sourceIpCidrs.length ? { SourceIpConfig: { Cidrs: [...desired.sourceIpCidrs] } } : {}),
  };
  let pool: { userPoolId: string; clientId: string } | undefined;
  if (identity.type === 'oidc') {
    input.OidcConfig = oidcConfig(desired, runtime.env);
  } else {
    const { userPoolId, clientId } = identity.type === 'cognito-managed' ? await ensureManagedPool(desired, change.tags, runtime) : { userPoolId: identity.userPoolId, clientId: identity.clientId };
    if (identity.type === 'cognito-existing') {
      await ensureManagedAttributes(runtime, userPoolId);
      await tagPool(runtime, userPoolId, change.tags, []);
      await waitForDomain(runtime, userPoolId);
    }
    input.CognitoConfig = { UserPool: userPoolId, ClientId: clientId };
    pool = { userPoolId, clientId };
  }
  if (!(await ports.sageMaker.describeWorkforce(desired.name))) await ports.sageMaker.createWorkforce(input);
  const workforce = await waitForActive(runtime, desired.name);
  if (identity.type === 'cognito-managed' && pool && workforce.SubDomain) {
    // After the workforce, before any invitation (members depend on this change): the portal's address exists now.
    await pointClientAtPortal(runtime, pool, workforce.SubDomain);
    await setInvitation(runtime, pool.userPoolId, desired, workforce.SubDomain);
  }
  return { ...pool, workforceName: desired.name };
}

async function ensureManagedPool(desired: Workforce, tags: Record<string, string>, runtime: ApplyRuntime): Promise<{ userPoolId: string; clientId: string }> {
  const { cognito } = runtime.ports;
  if (desired.identity.type !== 'cognito-managed') throw new GtctlError('unsupported-change', 'not a managed pool', 'internal');
  const { poolName, domain, invitation } = desired.identity;
  let userPoolId = runtime.context.userPoolId;
  if (!userPoolId) {
    for (const candidate of (await cognito.listUserPools()).filter((p) => p.Name === poolName)) {
      const pool = candidate.Id ? await cognito.describeUserPool(candidate.Id) : undefined;
      if (pool?.UserPoolTags?.[OWNERSHIP_TAG] === runtime.project) userPoolId = pool.Id;
    }
  }
  if (!userPoolId) {
    const pool = await cognito.createUserPool({
      PoolName: poolName,
      // Workers sign in with their e-mail, in any case (the portal compares it as typed: aws-facts §6.6).
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, InviteMessageTemplate: { EmailSubject: invitation.subject, EmailMessage: invitation.message } },
      Schema: GTCTL_USER_ATTRIBUTES.map((Name) => ({ Name, AttributeDataType: 'String' as const, Mutable: true })),
      ...(desired.identity.email ? { EmailConfiguration: emailConfigurationInput(desired.identity.email) } : {}),
      UserPoolTags: tags,
    });
    userPoolId = pool.Id!;
  }
  const existingDomain = await cognito.describeUserPoolDomain(domain);
  if (!existingDomain) await cognito.createUserPoolDomain(userPoolId, domain);
  else if (existingDomain.UserPoolId !== userPoolId)
    throw new GtctlError('domain-taken', `the Cognito domain prefix "${domain}" belongs to another user pool`, 'user', 'Choose another `domain` in the Workforce spec; prefixes are unique per Region.');
  // A new prefix domain "might take up to one minute to take effect" (aws-evidence E4): CreateWorkforce needs it.
  await runtime.waitUntil(`Cognito domain ${domain} to become ACTIVE`, async () => (await cognito.describeUserPoolDomain(domain))?.Status !== 'CREATING');
  let clientId = runtime.context.clientId ?? (await cognito.listUserPoolClients(userPoolId)).find((c) => c.ClientName === MANAGED_CLIENT_NAME)?.ClientId;
  if (!clientId) {
    const client = await cognito.createUserPoolClient({
      UserPoolId: userPoolId,
      ClientName: MANAGED_CLIENT_NAME,
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code', 'implicit'],
      AllowedOAuthScopes: ['email', 'openid', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [PLACEHOLDER_URL],
      LogoutURLs: [PLACEHOLDER_URL],
    });
    clientId = client.ClientId!;
  }
  return { userPoolId, clientId };
}

async function waitForActive(runtime: ApplyRuntime, name: string) {
  let latest = await runtime.ports.sageMaker.describeWorkforce(name);
  await runtime.waitUntil(`workforce ${name} to become Active`, async () => {
    latest = await runtime.ports.sageMaker.describeWorkforce(name);
    if (latest?.Status === 'Failed') throw new GtctlError('workforce-failed', `workforce ${name} failed: ${latest.FailureReason ?? 'no reason given'}`, 'aws');
    return latest?.Status === 'Active';
  });
  return latest!;
}

async function updateWorkforce(change: WorkforceChange, runtime: ApplyRuntime): Promise<void> {
  const { ports } = runtime;
  const desired = change.workforce;
  const parts = new Set(change.parts);
  // One UpdateWorkforce for both, the secret read before it: a missing secret must not leave the CIDRs half-applied.
  if (parts.has('sourceIpCidrs') || parts.has('oidc')) {
    await ports.sageMaker.updateWorkforce({
      WorkforceName: desired.name,
      ...(parts.has('sourceIpCidrs') ? { SourceIpConfig: { Cidrs: [...desired.sourceIpCidrs] } } : {}),
      ...(parts.has('oidc') ? { OidcConfig: oidcConfig(desired, runtime.env) } : {}),
    });
    await waitForActive(runtime, desired.name);
  }
  const { userPoolId, clientId } = runtime.context;
  if (parts.has('managedAttribute') && userPoolId) await ensureManagedAttributes(runtime, userPoolId);
  const needsSubDomain = parts.has('portalUrls') || parts.has('invitation');
  const subDomain = needsSubDomain ? (await ports.sageMaker.describeWorkforce(desired.name))?.SubDomain : undefined;
  if (parts.has('invitation') && subDomain && userPoolId) await setInvitation(runtime, userPoolId, desired, subDomain);
  if (parts.has('email') && userPoolId && desired.identity.type === 'cognito-managed') await updatePool(runtime, userPoolId, () => ({ EmailConfiguration: emailConfigurationInput(desired.identity.type === 'cognito-managed' ? desired.identity.email : undefined) }));
  if (parts.has('portalUrls') && subDomain && userPoolId && clientId) await pointClientAtPortal(runtime, { userPoolId, clientId }, subDomain);
  if (parts.has('tags') && userPoolId) await tagPool(runtime, userPoolId, change.tags, change.removeTags);
}

async function ensureManagedAttributes(runtime: ApplyRuntime, userPoolId: string): Promise<void> {
  const pool = await runtime.ports.cognito.describeUserPool(userPoolId);
  for (const name of GTCTL_USER_ATTRIBUTES)
    if (!pool?.SchemaAttributes?.some((a) => a.Name === `custom:${name}`)) await runtime.ports.cognito.addCustomAttribute(userPoolId, name);
}

/** The workforce's ownership and tags live on its pool (A1): TagResource adds, UntagResource removes. */
async function tagPool(runtime: ApplyRuntime, userPoolId: string, tags: Record<string, string>, remove: readonly string[]): Promise<void> {
  const pool = await runtime.ports.cognito.describeUserPool(userPoolId);
  if (!pool?.Arn) throw new GtctlError('no-user-pool', `user pool ${userPoolId} no longer exists`, 'aws', 'Run `gtctl plan` again.');
  if (remove.length) await runtime.ports.cognito.untagResource(pool.Arn, [...remove]);
  await runtime.ports.cognito.tagResource(pool.Arn, tags);
}

/** An existing pool's domain may be new too (E4): CreateWorkforce needs it ACTIVE. */
async function waitForDomain(runtime: ApplyRuntime, userPoolId: string): Promise<void> {
  const domain = (await runtime.ports.cognito.describeUserPool(userPoolId))?.Domain;
  if (domain) await runtime.waitUntil(`Cognito domain ${domain} to become ACTIVE`, async () => (await runtime.ports.cognito.describeUserPoolDomain(domain))?.Status !== 'CREATING');
}

/** The invitation template with the portal's address (aws-evidence E7), from the spec's text. */
async function setInvitation(runtime: ApplyRuntime, userPoolId: string, desired: Workforce, subDomain: string): Promise<void> {
  if (desired.identity.type !== 'cognito-managed') return;
  const { subject, message } = desired.identity.invitation;
  await updatePool(runtime, userPoolId, (pool) => ({
    AdminCreateUserConfig: {
      ...withoutLegacyValidity(pool.AdminCreateUserConfig),
      InviteMessageTemplate: { ...pool.AdminCreateUserConfig?.InviteMessageTemplate, EmailSubject: subject, EmailMessage: invitationWithPortal(message, subDomain) },
    },
  }));
}

/** UpdateUserPool resets what it is not given: describe, change `changed`'s members, send the rest back as it was. */
async function updatePool(runtime: ApplyRuntime, userPoolId: string, changed: (pool: UserPoolType) => Partial<UpdateUserPoolCommandInput>): Promise<void> {
  const pool = await runtime.ports.cognito.describeUserPool(userPoolId);
  if (!pool) throw new GtctlError('no-user-pool', `user pool ${userPoolId} no longer exists`, 'aws', 'Run `gtctl plan` again.');
  const update = userPoolUpdateFrom(pool);
  await runtime.ports.cognito.updateUserPool({ ...update, AdminCreateUserConfig: withoutLegacyValidity(update.AdminCreateUserConfig), ...changed(pool) });
}

/**
 * Describe still returns the legacy UnusedAccountValidityDays; sent back beside the password policy's
 * TemporaryPasswordValidityDays, Cognito rejects the update ("Please use TemporaryPasswordValidityDays...").
 */
function withoutLegacyValidity(config: UpdateUserPoolCommandInput['AdminCreateUserConfig']): UpdateUserPoolCommandInput['AdminCreateUserConfig'] {
  if (!config) return config;
  const { UnusedAccountValidityDays: _legacy, ...rest } = config as typeof config & { UnusedAccountValidityDays?: number };
  return rest;
}

function emailConfigurationInput(email: Parameters<typeof emailConfiguration>[0]): NonNullable<UpdateUserPoolCommandInput['EmailConfiguration']> {
  const { account, sourceArn, from, replyTo } = emailConfiguration(email);
  return { EmailSendingAccount: account as 'DEVELOPER' | 'COGNITO_DEFAULT', ...(sourceArn ? { SourceArn: sourceArn } : {}), ...(from ? { From: from } : {}), ...(replyTo ? { ReplyToEmailAddress: replyTo } : {}) };
}

/**
 * UpdateUserPoolClient replaces the whole configuration (aws-facts §6.2): describe, change the URLs, send it all back.
 * gtctl's own placeholder (the client needed some URL before the portal existed) goes once the portal's is there.
 */
async function pointClientAtPortal(runtime: ApplyRuntime, { userPoolId, clientId }: { userPoolId: string; clientId: string }, subDomain: string): Promise<void> {
  const client = await runtime.ports.cognito.describeUserPoolClient(userPoolId, clientId);
  if (!client) throw new GtctlError('no-app-client', `app client ${clientId} no longer exists in ${userPoolId}`, 'aws', 'Run `gtctl plan` again.');
  const { callbackUrl } = portalUrls(subDomain);
  // Added to what is there, never replacing it: SageMaker and the user may have put URLs of their own (E6).
  const urls = withPortalUrls({ callbackUrls: client.CallbackURLs ?? [], logoutUrls: client.LogoutURLs ?? [] }, subDomain);
  const callbacks = urls.callbackUrls.filter((u) => u !== PLACEHOLDER_URL);
  const logouts = urls.logoutUrls.filter((u) => u !== PLACEHOLDER_URL);
  const redirect = client.DefaultRedirectURI && callbacks.includes(client.DefaultRedirectURI) ? client.DefaultRedirectURI : callbackUrl;
  await runtime.ports.cognito.updateUserPoolClient({ ...clientUpdateFrom(client), CallbackURLs: callbacks, LogoutURLs: logouts, DefaultRedirectURI: redirect });
}

/** UpdateUserPool resets every field it is not given: carry over all the updatable ones from DescribeUserPool. */
function userPoolUpdateFrom(pool: UserPoolType): UpdateUserPoolCommandInput {
  const { Policies, DeletionProtection, LambdaConfig, AutoVerifiedAttributes, SmsVerificationMessage, EmailVerificationMessage, EmailVerificationSubject, VerificationMessageTemplate, SmsAuthenticationMessage, UserAttributeUpdateSettings, MfaConfiguration, DeviceConfiguration, EmailConfiguration, SmsConfiguration, UserPoolTags, AdminCreateUserConfig, UserPoolAddOns, AccountRecoverySetting, UserPoolTier } = pool;
  return defined({ UserPoolId: pool.Id!, Policies, DeletionProtection, LambdaConfig, AutoVerifiedAttributes, SmsVerificationMessage, EmailVerificationMessage, EmailVerificationSubject, VerificationMessageTemplate, SmsAuthenticationMessage, UserAttributeUpdateSettings, MfaConfiguration, DeviceConfiguration, EmailConfiguration, SmsConfiguration, UserPoolTags, AdminCreateUserConfig, UserPoolAddOns, AccountRecoverySetting, UserPoolTier });
}

function clientUpdateFrom(c: UserPoolClientType): UpdateUserPoolClientCommandInput {
  const { UserPoolId, ClientId, ClientName, RefreshTokenValidity, AccessTokenValidity, IdTokenValidity, TokenValidityUnits, ReadAttributes, WriteAttributes, ExplicitAuthFlows, SupportedIdentityProviders, CallbackURLs, LogoutURLs, DefaultRedirectURI, AllowedOAuthFlows, AllowedOAuthScopes, AllowedOAuthFlowsUserPoolClient, AnalyticsConfiguration, PreventUserExistenceErrors, EnableTokenRevocation, EnablePropagateAdditionalUserContextData, AuthSessionValidity } = c;
  return defined({ UserPoolId: UserPoolId!, ClientId: ClientId!, ClientName, RefreshTokenValidity, AccessTokenValidity, IdTokenValidity, TokenValidityUnits, ReadAttributes, WriteAttributes, ExplicitAuthFlows, SupportedIdentityProviders, CallbackURLs, LogoutURLs, DefaultRedirectURI, AllowedOAuthFlows, AllowedOAuthScopes, AllowedOAuthFlowsUserPoolClient, AnalyticsConfiguration, PreventUserExistenceErrors, EnableTokenRevocation, EnablePropagateAdditionalUserContextData, AuthSessionValidity });
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The secret comes from the environment at apply time only; it is never in a spec, a plan or any output. */
function oidcConfig(desired: Workforce, env: NodeJS.ProcessEnv): OidcConfig {
  if (desired.identity.type !== 'oidc') throw new GtctlError('unsupported-change', 'not an OIDC workforce', 'internal');
  const { clientSecretEnv, authenticationRequestExtraParams, scope, clientId, issuer, authorizationEndpoint, tokenEndpoint, userInfoEndpoint, logoutEndpoint, jwksUri } = desired.identity;
  const secret = env[clientSecretEnv];
  if (!secret) throw new GtctlError('missing-secret', `environment variable ${clientSecretEnv} (the OIDC client secret) is not set`, 'user', `Set ${clientSecretEnv} in the environment gtctl runs in (a CI secret), then apply again.`);
  return {
    ClientId: clientId,
    ClientSecret: secret,
    Issuer: issuer,
    AuthorizationEndpoint: authorizationEndpoint,
    TokenEndpoint: tokenEndpoint,
    UserInfoEndpoint: userInfoEndpoint,
    LogoutEndpoint: logoutEndpoint,
    JwksUri: jwksUri,
    ...(scope ? { Scope: scope } : {}),
    ...(Object.keys(authenticationRequestExtraParams).length ? { AuthenticationRequestExtraParams: { ...authenticationRequestExtraParams } } : {}),
  };
}
