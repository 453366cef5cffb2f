// Placeholder until the Cognito service lands: the shape of its persisted state.
export interface CognitoState {
  regions: Record<string, unknown>;
}

export function emptyCognitoState(): CognitoState {
  return { regions: {} };
}
