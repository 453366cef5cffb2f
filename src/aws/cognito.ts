// The Cognito user pool port: pools, app clients, domains, groups and users. Every call is paced by its quota
// category (rate-limits.ts) in the client's middleware (clients.ts), lists take the largest page (60).
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Connect } from './clients.js';
import { isAwsError, required } from './errors.js';
import { allPages, COGNITO_MAX_RESULTS } from './pagination.js';
import type { CognitoPort } from './ports.js';

type Sdk = typeof import('@aws-sdk/client-cognito-identity-provider');

// An unknown pool, client or group is ResourceNotFoundException, an unknown user UserNotFoundException.
const isMissing = (error: unknown) => isAwsError(error, 'ResourceNotFoundException') || isAwsError(error, 'UserNotFoundException');

export function cognitoPort(connect: Connect<Sdk, CognitoIdentityProviderClient>): CognitoPort {
  return {
    async listUserPools() {
      const { sdk, client } = await connect();
      return allPages(async (NextToken) => {
        const page = await client.send(new sdk.ListUserPoolsCommand({ MaxResults: COGNITO_MAX_RESULTS, NextToken }));
        return [page.UserPools, page.NextToken];
      });
    },

    async describeUserPool(userPoolId) {
      const { sdk, client } = await connect();
      try {
        return (await client.send(new sdk.DescribeUserPoolCommand({ UserPoolId: userPoolId }))).UserPool;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async createUserPool(input) {
      const { sdk, client } = await connect();
      return required((await client.send(new sdk.CreateUserPoolCommand(input))).UserPool, 'cognito-idp', 'CreateUserPool', 'UserPool');
    },

    async updateUserPool(input) {
      const { sdk, client } = await connect();
      await client.send(new sdk.UpdateUserPoolCommand(input));
    },

    // Idempotent: Cognito refuses a custom attribute that exists (InvalidParameterException, "Existing attribute
    // already has name custom:x." in the sandbox; "already exists" elsewhere), which is the state asked for. The
    // attribute is a mutable String; `name` may be given with or without its `custom:` prefix.
    async addCustomAttribute(userPoolId, name) {
      const { sdk, client } = await connect();
      const Name = name.replace(/^custom:/, '');
      try {
        await client.send(
          new sdk.AddCustomAttributesCommand({ UserPoolId: userPoolId, CustomAttributes: [{ Name, AttributeDataType: 'String', Mutable: true }] }),
        );
      } catch (error) {
        if (isAwsError(error, 'InvalidParameterException', /already (exists|has name)/)) return;
        throw error;
      }
    },

    async tagResource(arn, tags) {
      const { sdk, client } = await connect();
      await client.send(new sdk.TagResourceCommand({ ResourceArn: arn, Tags: tags }));
    },

    async untagResource(arn, keys) {
      const { sdk, client } = await connect();
      await client.send(new sdk.UntagResourceCommand({ ResourceArn: arn, TagKeys: keys }));
    },

    async listUserPoolClients(userPoolId) {
      const { sdk, client } = await connect();
      const clients = await allPages(async (NextToken) => {
        const page = await client.send(new sdk.ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: COGNITO_MAX_RESULTS, NextToken }));
        return [page.UserPoolClients, page.NextToken];
      });
      return clients.map(({ ClientId, ClientName }) => ({ ClientId, ClientName }));
    },

    async describeUserPoolClient(userPoolId, clientId) {
      const { sdk, client } = await connect();
      try {
        return (await client.send(new sdk.DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }))).UserPoolClient;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async createUserPoolClient(input) {
      const { sdk, client } = await connect();
      return required((await client.send(new sdk.CreateUserPoolClientCommand(input))).UserPoolClient, 'cognito-idp', 'CreateUserPoolClient', 'UserPoolClient');
    },

    async updateUserPoolClient(input) {
      const { sdk, client } = await connect();
      await client.send(new sdk.UpdateUserPoolClientCommand(input));
    },

    // An unknown domain is not an error: Cognito answers an empty DomainDescription.
    async describeUserPoolDomain(domain) {
      const { sdk, client } = await connect();
      try {
        const description = (await client.send(new sdk.DescribeUserPoolDomainCommand({ Domain: domain }))).DomainDescription;
        return description?.Domain !== undefined || description?.UserPoolId !== undefined ? description : undefined;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async createUserPoolDomain(userPoolId, domain) {
      const { sdk, client } = await connect();
      await client.send(new sdk.CreateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: domain }));
    },

    async listGroups(userPoolId) {
      const { sdk, client } = await connect();
      return allPages(async (NextToken) => {
        const page = await client.send(new sdk.ListGroupsCommand({ UserPoolId: userPoolId, Limit: COGNITO_MAX_RESULTS, NextToken }));
        return [page.Groups, page.NextToken];
      });
    },

    async createGroup(input) {
      const { sdk, client } = await connect();
      await client.send(new sdk.CreateGroupCommand(input));
    },

    async deleteGroup(userPoolId, groupName) {
      const { sdk, client } = await connect();
      await client.send(new sdk.DeleteGroupCommand({ UserPoolId: userPoolId, GroupName: groupName }));
    },

    async listUsers(userPoolId) {
      const { sdk, client } = await connect();
      return allPages(async (PaginationToken) => {
        const page = await client.send(new sdk.ListUsersCommand({ UserPoolId: userPoolId, Limit: COGNITO_MAX_RESULTS, PaginationToken }));
        return [page.Users, page.PaginationToken];
      });
    },

    async listUsersInGroup(userPoolId, groupName) {
      const { sdk, client } = await connect();
      return allPages(async (NextToken) => {
        const page = await client.send(
          new sdk.ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: groupName, Limit: COGNITO_MAX_RESULTS, NextToken }),
        );
        return [page.Users, page.NextToken];
      });
    },

    async adminCreateUser(input) {
      const { sdk, client } = await connect();
      return required((await client.send(new sdk.AdminCreateUserCommand(input))).User, 'cognito-idp', 'AdminCreateUser', 'User');
    },

    async adminUpdateUserAttributes(userPoolId, username, attributes) {
      const { sdk, client } = await connect();
      const UserAttributes = Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
      await client.send(new sdk.AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: username, UserAttributes }));
    },

    async adminAddUserToGroup(userPoolId, username, groupName) {
      const { sdk, client } = await connect();
      await client.send(new sdk.AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: groupName }));
    },

    async adminRemoveUserFromGroup(userPoolId, username, groupName) {
      const { sdk, client } = await connect();
      await client.send(new sdk.AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: groupName }));
    },

    async adminDisableUser(userPoolId, username) {
      const { sdk, client } = await connect();
      await client.send(new sdk.AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
    },

    async adminEnableUser(userPoolId, username) {
      const { sdk, client } = await connect();
      await client.send(new sdk.AdminEnableUserCommand({ UserPoolId: userPoolId, Username: username }));
    },

    async adminDeleteUser(userPoolId, username) {
      const { sdk, client } = await connect();
      await client.send(new sdk.AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
    },

    async adminUserGlobalSignOut(userPoolId, username) {
      const { sdk, client } = await connect();
      await client.send(new sdk.AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
    },
  };
}
