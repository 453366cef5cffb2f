// Read-only queries other sandbox services make of SageMaker state (Cognito refuses to delete a group a team uses).
// Placeholder signature: the SageMaker implementation replaces the body, never the signature.
import type { SageMakerState } from './state.js';

/** The name of a work team whose member definitions use this Cognito group, if any. */
export function workteamUsingGroup(_state: SageMakerState, _region: string, _userPoolId: string, _groupName: string): string | undefined {
  return undefined;
}
