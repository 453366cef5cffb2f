// Carrying out a team change: its Cognito group and the work team; on delete, the team first (a group cannot be
// deleted while a team uses it: aws-facts §2.3), then the group.
import type { MemberDefinition, UpdateWorkteamCommandInput } from '@aws-sdk/client-sagemaker';
import { isAwsError } from '../aws/errors.js';
import { GtctlError } from '../core/errors.js';
import type { Team } from '../core/model.js';
import type { TeamChange } from '../core/plan.js';
import { CREATED_GROUP_MARK } from './names.js';
import { requirePool, toTags, type ApplyRuntime } from './runtime.js';

export async function executeTeam(change: TeamChange, runtime: ApplyRuntime): Promise<void> {
  const { sageMaker, cognito } = runtime.ports;
  switch (change.action) {
    case 'create': {
      const team = change.team!;
      if (runtime.context.identity !== 'oidc') {
        const { userPoolId } = requirePool(runtime);
        const groups = await cognito.listGroups(userPoolId);
        if (!groups.some((g) => g.GroupName === team.userGroup)) {
          try {
            await cognito.createGroup({ UserPoolId: userPoolId, GroupName: team.userGroup, Description: `Members of the ${team.name} work team ${CREATED_GROUP_MARK}` });
          } catch (error) {
            // Group reads lag writes (aws-evidence E2): a group made by an interrupted apply may not be listed yet.
            if (!isAwsError(error, 'GroupExistsException')) throw error;
          }
        }
      }
      // SageMaker may not see a new group for a while (E2): the retry policy repeats CreateWorkteam meanwhile.
      await sageMaker.createWorkteam({ WorkteamName: team.name, ...(runtime.context.workforceName ? { WorkforceName: runtime.context.workforceName } : {}), ...teamSettings(team, runtime), Tags: toTags(change.tags) });
      return;
    }
    case 'update': {
      const team = change.team!;
      if (change.diff.some((d) => !d.path.startsWith('tags.'))) await sageMaker.updateWorkteam({ WorkteamName: team.name, ...teamSettings(team, runtime) });
      if (change.removeTags.length) await sageMaker.deleteTags(change.live!.arn, change.removeTags);
      if (change.diff.some((d) => d.path.startsWith('tags.'))) await sageMaker.addTags(change.live!.arn, toTags(change.tags));
      return;
    }
    case 'delete': {
      const name = change.address.slice('team/'.length);
      await sageMaker.deleteWorkteam(name);
      const group = change.live?.userGroup;
      const userPoolId = runtime.context.userPoolId;
      if (!group || !userPoolId) return;
      // Only a group gtctl made goes with the team; one that is already gone is fine.
      const live = (await cognito.listGroups(userPoolId)).find((g) => g.GroupName === group);
      if (live?.Description?.endsWith(CREATED_GROUP_MARK)) await cognito.deleteGroup(userPoolId, group);
      return;
    }
    case 'stop':
    case 'blocked':
      throw new GtctlError('unsupported-change', `cannot ${change.action} ${change.address}`, 'internal');
  }
}

/** Everything CreateWorkteam and UpdateWorkteam share; member definitions are always sent whole (INFERRED: full replacement). */
function teamSettings(team: Team, runtime: ApplyRuntime): Omit<UpdateWorkteamCommandInput, 'WorkteamName'> & { MemberDefinitions: MemberDefinition[]; Description: string } {
  const definition: MemberDefinition =
    runtime.context.identity === 'oidc'
      ? { OidcMemberDefinition: { Groups: [...team.oidcGroups] } }
      : (() => {
          const { userPoolId, clientId } = requirePool(runtime);
          return { CognitoMemberDefinition: { UserPool: userPoolId, UserGroup: team.userGroup, ClientId: clientId } };
        })();
  return {
    MemberDefinitions: [definition],
    Description: team.description,
    NotificationConfiguration: team.notificationTopicArn ? { NotificationTopicArn: team.notificationTopicArn } : {},
    WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: team.presignedUrlSourceIp ? 'Enabled' : 'Disabled' } } },
  };
}
