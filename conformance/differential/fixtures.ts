// The things several cases start from, made the way gtctl makes them (src/providers/execute-workforce.ts,
// execute-member.ts, src/aws/s3.ts) and registered for deletion in the case's scope.
import {
  AdminCreateUserCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUsersCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateBucketCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { GTCTL_USER_ATTRIBUTES, MANAGED_USER_ATTRIBUTE } from '../../src/core/live.js';
import { deleteBucket, deletePool, type Clients, type Scope } from './harness.js';

/** An e-mail-username, case-insensitive pool with gtctl's custom attributes, as gtctl creates a managed pool. */
export async function emailPool(c: Clients, scope: Scope, role = 'pool', extra: { tags?: Record<string, string> } = {}): Promise<string> {
  const { UserPool } = await c.cognito.send(
    new CreateUserPoolCommand({
      PoolName: scope.name(role),
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: true,
        InviteMessageTemplate: { EmailSubject: 'Your labeling account', EmailMessage: 'Sign in as {username} with {####}.' },
      },
      Schema: GTCTL_USER_ATTRIBUTES.map((Name) => ({ Name, AttributeDataType: 'String' as const, Mutable: true })),
      UserPoolTags: extra.tags ?? { 'gtctl:conformance': scope.name(role) },
    }),
  );
  const id = UserPool?.Id;
  if (!id) throw new Error('CreateUserPool answered no pool id');
  scope.defer(() => deletePool(c, id));
  return id;
}

/** The portal's app client, as gtctl creates it. */
export async function portalClient(c: Clients, userPoolId: string, name = 'gtctl-labeling-portal'): Promise<string> {
  const { UserPoolClient } = await c.cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: name,
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code', 'implicit'],
      AllowedOAuthScopes: ['email', 'openid', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://example.com/gtctl-placeholder'],
      LogoutURLs: ['https://example.com/gtctl-placeholder'],
    }),
  );
  if (!UserPoolClient?.ClientId) throw new Error('CreateUserPoolClient answered no client id');
  return UserPoolClient.ClientId;
}

/**
 * A worker, as gtctl invites one but with SUPPRESS: against AWS each invitation would be an e-mail to example.com,
 * and the default sender allows 50 a day (aws-evidence A5). Returns the username the pool gave the user.
 */
export async function worker(c: Clients, userPoolId: string, email: string, name?: string): Promise<string> {
  const { User } = await c.cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
        { Name: `custom:${MANAGED_USER_ATTRIBUTE}`, Value: 'conformance' },
        ...(name ? [{ Name: 'name', Value: name }] : []),
      ],
    }),
  );
  if (!User?.Username) throw new Error('AdminCreateUser answered no username');
  return User.Username;
}

export async function group(c: Clients, userPoolId: string, groupName: string, description?: string): Promise<void> {
  await c.cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: groupName, ...(description && { Description: description }) }));
}

/** The user listed under this e-mail (ListUsers with a filter: AdminGetUser is not among gtctl's calls). */
export async function userByEmail(c: Clients, userPoolId: string, email: string): Promise<UserType | undefined> {
  const { Users } = await c.cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: `email = "${email}"` }));
  return Users?.[0];
}

/** The comparable part of a user: status, flag, attribute names and the values cases set (sub and dates are ids). */
export function userView(user: UserType | undefined) {
  if (!user) return undefined;
  const sub = user.Attributes?.find((a) => a.Name === 'sub')?.Value;
  const attributes = Object.fromEntries((user.Attributes ?? []).map((a) => [a.Name ?? '', a.Name === 'sub' ? '<sub>' : a.Value]));
  return { username: user.Username, usernameIsSub: sub !== undefined && user.Username === sub, status: user.UserStatus, enabled: user.Enabled, attributes };
}

/** A bucket in the run's Region, made as gtctl makes it (no location constraint in us-east-1). */
export async function bucket(c: Clients, scope: Scope, role = 'b', options: { versioned?: boolean } = {}): Promise<string> {
  const name = scope.name(role);
  await c.s3.send(
    new CreateBucketCommand({ Bucket: name, ...(c.region !== 'us-east-1' && { CreateBucketConfiguration: { LocationConstraint: c.region as never } }) }),
  );
  scope.defer(() => deleteBucket(c, name));
  if (options.versioned) await c.s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
  return name;
}
