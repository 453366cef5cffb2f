// User pools: CreateUserPool, DescribeUserPool, UpdateUserPool, DeleteUserPool, ListUserPools, AddCustomAttributes.
import { randomInt } from 'node:crypto';
import { ServiceError, type JsonOperation, type RequestContext } from '../service.js';
import { invalidParameter, requirePool } from './find.js';
import { paginate } from './pagination.js';
import { addSchemaEntries, poolSchema, schemaEntry } from './schema.js';
import { checkTags } from './tags.js';
import { regionState, type AdminCreateUserConfig, type PoolRecord, type PoolSettings } from './state.js';

/** User pools per account and Region (AWS quota). */
const MAX_POOLS = 1000;

const DEFAULT_PASSWORD_POLICY = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

/**
 * A pool's settings from a Create or Update request. Every member the request omits takes its default: that is what
 * makes UpdateUserPool reset what it is not given (the API reference: "If you don't provide a value for an attribute,
 * Amazon Cognito sets it to its default value").
 */
function poolSettings(input: any): PoolSettings {
  const adminCreate = input.AdminCreateUserConfig ?? {};
  const password = input.Policies?.PasswordPolicy;
  if (adminCreate.UnusedAccountValidityDays !== undefined && password?.TemporaryPasswordValidityDays !== undefined)
    throw invalidParameter('Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays');
  // The legacy UnusedAccountValidityDays, when it is the only one given, sets the temporary password's validity.
  const validityDays = password?.TemporaryPasswordValidityDays ?? adminCreate.UnusedAccountValidityDays ?? 7;
  const config: AdminCreateUserConfig = {
    AllowAdminCreateUserOnly: adminCreate.AllowAdminCreateUserOnly ?? false,
    UnusedAccountValidityDays: validityDays,
    ...(adminCreate.InviteMessageTemplate && { InviteMessageTemplate: adminCreate.InviteMessageTemplate }),
  };
  return {
    Policies: {
      PasswordPolicy: password
        ? {
            MinimumLength: password.MinimumLength ?? 8,
            RequireUppercase: password.RequireUppercase ?? false,
            RequireLowercase: password.RequireLowercase ?? false,
            RequireNumbers: password.RequireNumbers ?? false,
            RequireSymbols: password.RequireSymbols ?? false,
            ...(password.PasswordHistorySize !== undefined && { PasswordHistorySize: password.PasswordHistorySize }),
            TemporaryPasswordValidityDays: validityDays,
          }
        : { ...DEFAULT_PASSWORD_POLICY, TemporaryPasswordValidityDays: validityDays },
      SignInPolicy: input.Policies?.SignInPolicy ?? { AllowedFirstAuthFactors: ['PASSWORD'] },
    },
    DeletionProtection: input.DeletionProtection ?? 'INACTIVE',
    LambdaConfig: input.LambdaConfig ?? {},
    AutoVerifiedAttributes: input.AutoVerifiedAttributes,
    SmsVerificationMessage: input.SmsVerificationMessage,
    EmailVerificationMessage: input.EmailVerificationMessage,
    EmailVerificationSubject: input.EmailVerificationSubject,
    VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE', ...input.VerificationMessageTemplate },
    SmsAuthenticationMessage: input.SmsAuthenticationMessage,
    UserAttributeUpdateSettings: input.UserAttributeUpdateSettings ?? { AttributesRequireVerificationBeforeUpdate: [] },
    MfaConfiguration: input.MfaConfiguration ?? 'OFF',
    DeviceConfiguration: input.DeviceConfiguration,
    EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT', ...input.EmailConfiguration },
    SmsConfiguration: input.SmsConfiguration,
    AdminCreateUserConfig: config,
    UserPoolAddOns: input.UserPoolAddOns,
    AccountRecoverySetting: input.AccountRecoverySetting,
  };
}

function newPoolId(region: string, taken: Record<string, unknown>): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (;;) {
    let suffix = '';
    for (let i = 0; i < 9; i++) suffix += alphabet[randomInt(alphabet.length)];
    const id = `${region}_${suffix}`;
    if (!(id in taken)) return id;
  }
}

/** The pool as DescribeUserPool and CreateUserPool return it (`UserPoolType`). */
function describePool(pool: PoolRecord): Record<string, unknown> {
  return {
    Id: pool.id,
    Name: pool.name,
    Arn: pool.arn,
    CreationDate: new Date(pool.createdMs),
    LastModifiedDate: new Date(pool.modifiedMs),
    ...pool.settings,
    SchemaAttributes: poolSchema(pool),
    ...(pool.aliasAttributes.length > 0 && { AliasAttributes: pool.aliasAttributes }),
    ...(pool.usernameAttributes.length > 0 && { UsernameAttributes: pool.usernameAttributes }),
    ...(pool.caseSensitive !== undefined && { UsernameConfiguration: { CaseSensitive: pool.caseSensitive } }),
    EstimatedNumberOfUsers: Object.keys(pool.users).length,
    UserPoolTags: pool.tags,
    ...(pool.domain && (pool.domain.certificateArn ? { CustomDomain: pool.domain.domain } : { Domain: pool.domain.domain })),
    UserPoolTier: pool.tier,
  };
}

const createUserPool: JsonOperation = (input, ctx) => {
  const region = regionState(ctx.state.cognito, ctx.region);
  if (Object.keys(region.pools).length >= MAX_POOLS)
    throw new ServiceError('LimitExceededException', `You can have at most ${MAX_POOLS} user pools per Region.`);
  if (input.AliasAttributes?.length && input.UsernameAttributes?.length)
    throw invalidParameter('Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.');
  const tags = input.UserPoolTags ?? {};
  checkTags(tags);
  const id = newPoolId(ctx.region, region.pools);
  const now = ctx.now().getTime();
  const pool: PoolRecord = {
    id,
    name: input.PoolName,
    arn: poolArn(ctx, id),
    seq: region.nextSeq++,
    createdMs: now,
    modifiedMs: now,
    settings: poolSettings(input),
    usernameAttributes: input.UsernameAttributes ?? [],
    aliasAttributes: input.AliasAttributes ?? [],
    ...(input.UsernameConfiguration && { caseSensitive: input.UsernameConfiguration.CaseSensitive }),
    tier: input.UserPoolTier ?? 'ESSENTIALS',
    schema: [],
    tags: { ...tags },
    clients: {},
    groups: {},
    users: {},
    aliases: {},
    nextSeq: 1,
  };
  addSchemaEntries(pool, (input.Schema ?? []).map((entry: any) => schemaEntry(entry, true)));
  region.pools[id] = pool;
  return { UserPool: describePool(pool) };
};

const describeUserPool: JsonOperation = (input, ctx) => ({ UserPool: describePool(requirePool(ctx, input.UserPoolId)) });

const updateUserPool: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  // Tags are reset like every other omitted member (UNCONFIRMED: the API reference's general rule, applied to tags).
  const tags = input.UserPoolTags ?? {};
  checkTags(tags);
  pool.settings = poolSettings(input);
  pool.tags = { ...tags };
  // PoolName and UserPoolTier keep their value when omitted (UNCONFIRMED: both were added to the request later and
  // a pool without a name or tier is not possible).
  if (input.PoolName !== undefined) pool.name = input.PoolName;
  if (input.UserPoolTier !== undefined) pool.tier = input.UserPoolTier;
  pool.modifiedMs = ctx.now().getTime();
  return {};
};

const deleteUserPool: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  if (pool.settings.DeletionProtection === 'ACTIVE')
    throw invalidParameter(
      'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    );
  // UNCONFIRMED (Terraform and CloudFormation delete the domain first): a pool with a domain cannot be deleted.
  if (pool.domain) throw invalidParameter(`User pool ${pool.id} has a domain configured that should be deleted first.`);
  delete regionState(ctx.state.cognito, ctx.region).pools[pool.id];
  return {};
};

const listUserPools: JsonOperation = (input, ctx) => {
  const region = regionState(ctx.state.cognito, ctx.region);
  const scope = `ListUserPools:${ctx.region}`;
  const page = paginate(Object.values(region.pools), { limit: input.MaxResults, token: input.NextToken, scope });
  return {
    UserPools: page.items.map((pool) => ({
      Id: pool.id,
      Name: pool.name,
      LambdaConfig: pool.settings.LambdaConfig,
      LastModifiedDate: new Date(pool.modifiedMs),
      CreationDate: new Date(pool.createdMs),
    })),
    ...(page.next && { NextToken: page.next }),
  };
};

const addCustomAttributes: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  addSchemaEntries(pool, input.CustomAttributes.map((entry: any) => schemaEntry(entry, false)));
  pool.modifiedMs = ctx.now().getTime();
  return {};
};

function poolArn(ctx: RequestContext, poolId: string): string {
  return `arn:aws:cognito-idp:${ctx.region}:${ctx.account}:userpool/${poolId}`;
}

export const poolOperations: Record<string, JsonOperation> = {
  CreateUserPool: createUserPool,
  DescribeUserPool: describeUserPool,
  UpdateUserPool: updateUserPool,
  DeleteUserPool: deleteUserPool,
  ListUserPools: listUserPools,
  AddCustomAttributes: addCustomAttributes,
};
