// Read-only queries other sandbox services make of SageMaker state (Cognito refuses to delete a group a team uses).
import type { SageMakerState } from './state.js';

/** The name of a work team whose member definitions use this Cognito group, if any. */
export function workteamUsingGroup(state: SageMakerState, region: string, userPoolId: string, groupName: string): string | undefined {
  const teams = Object.values(state.regions[region]?.workteams ?? {});
  return teams.find((team) =>
    team.memberDefinitions.some((d) => d.CognitoMemberDefinition?.UserPool === userPoolId && d.CognitoMemberDefinition.UserGroup === groupName),
  )?.name;
}
