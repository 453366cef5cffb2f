// Input constraints of every Cognito operation the sandbox serves, written by hand from the API reference (lengths,
// ranges, patterns, enums, required members; members without constraints are left out). The server answers a
// violation with InvalidParameterException. `constraints.test.ts` cross-checks this table against the AWS model.
import type { ConstraintTable, Shape } from '../constraints.js';

type StructureShape = Shape & { type: 'structure' };

const str = (min?: number, max?: number, pattern?: string): Shape => ({
  type: 'string',
  ...(min !== undefined && { min }),
  ...(max !== undefined && { max }),
  ...(pattern !== undefined && { pattern }),
});
const oneOf = (...values: string[]): Shape => ({ type: 'string', enum: values });
const int = (min?: number, max?: number): Shape => ({
  type: 'integer',
  ...(min !== undefined && { min }),
  ...(max !== undefined && { max }),
});
const list = (member: Shape, min?: number, max?: number): Shape => ({
  type: 'list',
  member,
  ...(min !== undefined && { min }),
  ...(max !== undefined && { max }),
});
const map = (key: Shape, value: Shape): Shape => ({ type: 'map', key, value });
const struct = (members: Record<string, Shape>, required?: string[]): StructureShape => ({
  type: 'structure',
  members,
  ...(required && { required }),
});

// Letters, marks, symbols, numbers and punctuation: no whitespace.
const PRINTABLE = String.raw`^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$`;
const ARN = String.raw`^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$`;
const NO_SPACE = String.raw`^[\S]+$`;

const userPoolId = str(1, 55, String.raw`^[\w-]+_[0-9a-zA-Z]+$`);
const username = str(1, 128, PRINTABLE);
const groupName = str(1, 128, PRINTABLE);
const clientId = str(1, 128, String.raw`^[\w+]+$`);
const arn = str(20, 2048, ARN);
const paginationKey = str(1, 131072, NO_SPACE);
const queryLimit = int(0, 60);
const anyString = str(0, 131072);
const attributeName = str(1, 32, PRINTABLE);
const attributes = list(struct({ Name: attributeName, Value: str(0, 2048) }, ['Name']));
const clientMetadata = map(anyString, anyString);
const tagKey = str(1, 128);
const tags = map(tagKey, str(0, 256));
const domain = str(1, 63, String.raw`^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$`);
const poolName = str(1, 128, String.raw`^[\w\s+=,.@-]+$`);

// --- user pools

const versionedLambda = (...versions: string[]) =>
  struct({ LambdaVersion: oneOf(...versions), LambdaArn: arn }, ['LambdaVersion', 'LambdaArn']);
const smsMessage = str(6, 140, String.raw`\{####\}`);
const emailSubject = str(1, 140, String.raw`^[\p{L}\p{M}\p{S}\p{N}\p{P}\s]+$`);
const emailVerificationMessage = str(6, 20000, String.raw`^[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*$`);
const verifiedAttributes = list(oneOf('phone_number', 'email'));
const schemaAttribute = struct({
  Name: str(1, 20, PRINTABLE),
  AttributeDataType: oneOf('String', 'Number', 'DateTime', 'Boolean'),
  NumberAttributeConstraints: struct({ MinValue: anyString, MaxValue: anyString }),
  StringAttributeConstraints: struct({ MinLength: anyString, MaxLength: anyString }),
});

/** Members CreateUserPool and UpdateUserPool share. */
const poolSettings: Record<string, Shape> = {
  Policies: struct({
    PasswordPolicy: struct({ MinimumLength: int(6, 99), PasswordHistorySize: int(0, 24), TemporaryPasswordValidityDays: int(0, 365) }),
    SignInPolicy: struct({ AllowedFirstAuthFactors: list(oneOf('PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'), 1, 4) }),
  }),
  DeletionProtection: oneOf('ACTIVE', 'INACTIVE'),
  LambdaConfig: struct({
    PreSignUp: arn,
    CustomMessage: arn,
    PostConfirmation: arn,
    PreAuthentication: arn,
    PostAuthentication: arn,
    DefineAuthChallenge: arn,
    CreateAuthChallenge: arn,
    VerifyAuthChallengeResponse: arn,
    PreTokenGeneration: arn,
    UserMigration: arn,
    PreTokenGenerationConfig: versionedLambda('V1_0', 'V2_0', 'V3_0'),
    CustomSMSSender: versionedLambda('V1_0'),
    CustomEmailSender: versionedLambda('V1_0'),
    KMSKeyID: arn,
  }),
  AutoVerifiedAttributes: verifiedAttributes,
  SmsVerificationMessage: smsMessage,
  EmailVerificationMessage: emailVerificationMessage,
  EmailVerificationSubject: emailSubject,
  VerificationMessageTemplate: struct({
    SmsMessage: smsMessage,
    EmailMessage: emailVerificationMessage,
    EmailSubject: emailSubject,
    EmailMessageByLink: str(
      6,
      20000,
      String.raw`^[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{##[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*##\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*$`,
    ),
    EmailSubjectByLink: emailSubject,
    DefaultEmailOption: oneOf('CONFIRM_WITH_LINK', 'CONFIRM_WITH_CODE'),
  }),
  SmsAuthenticationMessage: smsMessage,
  UserAttributeUpdateSettings: struct({ AttributesRequireVerificationBeforeUpdate: verifiedAttributes }),
  MfaConfiguration: oneOf('OFF', 'ON', 'OPTIONAL'),
  EmailConfiguration: struct({
    SourceArn: arn,
    ReplyToEmailAddress: str(undefined, undefined, String.raw`^[\p{L}\p{M}\p{S}\p{N}\p{P}]+@[\p{L}\p{M}\p{S}\p{N}\p{P}]+$`),
    EmailSendingAccount: oneOf('COGNITO_DEFAULT', 'DEVELOPER'),
    From: anyString,
    ConfigurationSet: str(1, 64, '^[a-zA-Z0-9_-]+$'),
  }),
  SmsConfiguration: struct({ SnsCallerArn: arn, ExternalId: anyString, SnsRegion: str(5, 32) }, ['SnsCallerArn']),
  UserPoolTags: tags,
  AdminCreateUserConfig: struct({
    UnusedAccountValidityDays: int(0, 365),
    InviteMessageTemplate: struct({
      // The model's Java pattern `^(?s)`: the validator turns the inline flag into a RegExp flag.
      SMSMessage: str(6, 140, '^(?s)'),
      EmailMessage: str(6, 20000, String.raw`^[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*$`),
      EmailSubject: emailSubject,
    }),
  }),
  UserPoolAddOns: struct(
    {
      AdvancedSecurityMode: oneOf('OFF', 'AUDIT', 'ENFORCED'),
      AdvancedSecurityAdditionalFlows: struct({ CustomAuthMode: oneOf('AUDIT', 'ENFORCED') }),
    },
    ['AdvancedSecurityMode'],
  ),
  AccountRecoverySetting: struct({
    RecoveryMechanisms: list(
      struct({ Priority: int(1, 2), Name: oneOf('verified_email', 'verified_phone_number', 'admin_only') }, ['Priority', 'Name']),
      1,
      2,
    ),
  }),
  UserPoolTier: oneOf('LITE', 'ESSENTIALS', 'PLUS'),
};

// --- app clients

const timeUnit = oneOf('seconds', 'minutes', 'hours', 'days');
const redirectUrl = str(1, 1024, PRINTABLE);

/** Members CreateUserPoolClient and UpdateUserPoolClient share. */
const clientSettings: Record<string, Shape> = {
  ClientName: str(1, 128, String.raw`^[\w\s+=,.@-]+$`),
  RefreshTokenValidity: int(0, 315360000),
  AccessTokenValidity: int(1, 86400),
  IdTokenValidity: int(1, 86400),
  TokenValidityUnits: struct({ AccessToken: timeUnit, IdToken: timeUnit, RefreshToken: timeUnit }),
  ReadAttributes: list(str(1, 2048)),
  WriteAttributes: list(str(1, 2048)),
  ExplicitAuthFlows: list(
    oneOf(
      'ADMIN_NO_SRP_AUTH',
      'CUSTOM_AUTH_FLOW_ONLY',
      'USER_PASSWORD_AUTH',
      'ALLOW_ADMIN_USER_PASSWORD_AUTH',
      'ALLOW_CUSTOM_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_AUTH',
    ),
  ),
  SupportedIdentityProviders: list(str(1, 32, String.raw`^[\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+$`)),
  CallbackURLs: list(redirectUrl, 0, 100),
  LogoutURLs: list(redirectUrl, 0, 100),
  DefaultRedirectURI: redirectUrl,
  AllowedOAuthFlows: list(oneOf('code', 'implicit', 'client_credentials'), 0, 3),
  AllowedOAuthScopes: list(str(1, 256, String.raw`^[\x21\x23-\x5B\x5D-\x7E]+$`), 0, 50),
  AnalyticsConfiguration: struct({
    ApplicationId: str(undefined, undefined, '^[0-9a-fA-F]+$'),
    ApplicationArn: arn,
    RoleArn: arn,
    ExternalId: anyString,
  }),
  PreventUserExistenceErrors: oneOf('LEGACY', 'ENABLED'),
  AuthSessionValidity: int(3, 15),
};

// --- operations

const poolOnly = struct({ UserPoolId: userPoolId }, ['UserPoolId']);
const poolAndUser = struct({ UserPoolId: userPoolId, Username: username }, ['UserPoolId', 'Username']);
const poolAndClient = struct({ UserPoolId: userPoolId, ClientId: clientId }, ['UserPoolId', 'ClientId']);
const poolAndGroup = struct({ GroupName: groupName, UserPoolId: userPoolId }, ['GroupName', 'UserPoolId']);
const membership = struct({ UserPoolId: userPoolId, Username: username, GroupName: groupName }, ['UserPoolId', 'Username', 'GroupName']);
const groupSettings = struct(
  { GroupName: groupName, UserPoolId: userPoolId, Description: str(0, 2048), RoleArn: arn, Precedence: int(0) },
  ['GroupName', 'UserPoolId'],
);

export const cognitoConstraints: ConstraintTable = {
  CreateUserPool: struct(
    {
      PoolName: poolName,
      ...poolSettings,
      AliasAttributes: list(oneOf('phone_number', 'email', 'preferred_username')),
      UsernameAttributes: list(oneOf('phone_number', 'email')),
      Schema: list(schemaAttribute, 1, 50),
      UsernameConfiguration: struct({ CaseSensitive: { type: 'boolean' } }, ['CaseSensitive']),
    },
    ['PoolName'],
  ),
  DescribeUserPool: poolOnly,
  UpdateUserPool: struct({ UserPoolId: userPoolId, ...poolSettings, PoolName: poolName }, ['UserPoolId']),
  DeleteUserPool: poolOnly,
  ListUserPools: struct({ NextToken: str(1, undefined, NO_SPACE), MaxResults: int(1, 60) }, ['MaxResults']),
  AddCustomAttributes: struct(
    { UserPoolId: userPoolId, CustomAttributes: list(schemaAttribute, 1, 25) },
    ['UserPoolId', 'CustomAttributes'],
  ),

  CreateUserPoolClient: struct({ UserPoolId: userPoolId, ...clientSettings }, ['UserPoolId', 'ClientName']),
  DescribeUserPoolClient: poolAndClient,
  UpdateUserPoolClient: struct({ UserPoolId: userPoolId, ClientId: clientId, ...clientSettings }, ['UserPoolId', 'ClientId']),
  DeleteUserPoolClient: poolAndClient,
  ListUserPoolClients: struct({ UserPoolId: userPoolId, MaxResults: int(1, 60), NextToken: paginationKey }, ['UserPoolId']),

  CreateUserPoolDomain: struct(
    { Domain: domain, UserPoolId: userPoolId, CustomDomainConfig: struct({ CertificateArn: arn }, ['CertificateArn']) },
    ['Domain', 'UserPoolId'],
  ),
  DescribeUserPoolDomain: struct({ Domain: domain }, ['Domain']),
  DeleteUserPoolDomain: struct({ Domain: domain, UserPoolId: userPoolId }, ['Domain', 'UserPoolId']),

  CreateGroup: groupSettings,
  GetGroup: poolAndGroup,
  UpdateGroup: groupSettings,
  DeleteGroup: poolAndGroup,
  ListGroups: struct({ UserPoolId: userPoolId, Limit: queryLimit, NextToken: paginationKey }, ['UserPoolId']),

  AdminCreateUser: struct(
    {
      UserPoolId: userPoolId,
      Username: username,
      UserAttributes: attributes,
      ValidationData: attributes,
      TemporaryPassword: str(0, 256, NO_SPACE),
      MessageAction: oneOf('RESEND', 'SUPPRESS'),
      DesiredDeliveryMediums: list(oneOf('SMS', 'EMAIL')),
      ClientMetadata: clientMetadata,
    },
    ['UserPoolId', 'Username'],
  ),
  AdminGetUser: poolAndUser,
  AdminUpdateUserAttributes: struct(
    { UserPoolId: userPoolId, Username: username, UserAttributes: attributes, ClientMetadata: clientMetadata },
    ['UserPoolId', 'Username', 'UserAttributes'],
  ),
  AdminDeleteUser: poolAndUser,
  AdminDisableUser: poolAndUser,
  AdminEnableUser: poolAndUser,
  AdminUserGlobalSignOut: poolAndUser,
  ListUsers: struct(
    {
      UserPoolId: userPoolId,
      AttributesToGet: list(attributeName),
      Limit: queryLimit,
      PaginationToken: str(1, undefined, NO_SPACE),
      Filter: str(0, 256),
    },
    ['UserPoolId'],
  ),

  AdminAddUserToGroup: membership,
  AdminRemoveUserFromGroup: membership,
  AdminListGroupsForUser: struct(
    { Username: username, UserPoolId: userPoolId, Limit: queryLimit, NextToken: paginationKey },
    ['Username', 'UserPoolId'],
  ),
  ListUsersInGroup: struct(
    { UserPoolId: userPoolId, GroupName: groupName, Limit: queryLimit, NextToken: paginationKey },
    ['UserPoolId', 'GroupName'],
  ),

  TagResource: struct({ ResourceArn: arn, Tags: tags }, ['ResourceArn', 'Tags']),
  UntagResource: struct({ ResourceArn: arn, TagKeys: list(tagKey) }, ['ResourceArn', 'TagKeys']),
  ListTagsForResource: struct({ ResourceArn: arn }, ['ResourceArn']),
};
