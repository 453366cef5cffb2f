// A workforce made the way a console user makes one, none of it tagged for gtctl: what `gtctl import` adopts.
import {
  AdminAddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateWorkforceCommand, CreateWorkteamCommand } from '@aws-sdk/client-sagemaker';
import type { World } from './gtctl.js';

/** Pool (e-mail sign-in), app client with a secret, domain, workforce `default`, and one team on its own group. */
export function consoleWorkforce(world: World, team: { name: string; group: string; people: readonly string[] }): Promise<{ poolId: string; clientId: string; teamArn: string }> {
  return world.settled(() => buildConsoleWorkforce(world, team));
}

async function buildConsoleWorkforce(world: World, team: { name: string; group: string; people: readonly string[] }): Promise<{ poolId: string; clientId: string; teamArn: string }> {
  const pool = await world.cognito.send(new CreateUserPoolCommand({ PoolName: 'console-workers', UsernameAttributes: ['email'], UsernameConfiguration: { CaseSensitive: false } }));
  const poolId = pool.UserPool!.Id!;
  const client = await world.cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'portal',
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code', 'implicit'],
      AllowedOAuthScopes: ['email', 'openid', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://portal.example.com/oauth2/idpresponse'],
      LogoutURLs: ['https://portal.example.com/logout'],
    }),
  );
  const clientId = client.UserPoolClient!.ClientId!;
  await world.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'console-workers' }));
  await world.sageMaker.send(new CreateWorkforceCommand({ WorkforceName: 'default', CognitoConfig: { UserPool: poolId, ClientId: clientId } }));
  await world.cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: team.group }));
  for (const email of team.people) {
    await world.consoleUser(poolId, email);
    await world.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: email, GroupName: team.group }));
  }
  const created = await world.sageMaker.send(
    new CreateWorkteamCommand({ WorkteamName: team.name, Description: 'Made in the console', MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: poolId, ClientId: clientId, UserGroup: team.group } }] }),
  );
  return { poolId, clientId, teamArn: created.WorkteamArn! };
}
