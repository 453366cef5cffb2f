// Placeholder until the SageMaker service lands: the shape of its persisted state.
export interface SageMakerState {
  regions: Record<string, unknown>;
}

export function emptySageMakerState(): SageMakerState {
  return { regions: {} };
}
