// Placeholder until the S3 service lands: the shape of its persisted state.
export interface S3State {
  buckets: Record<string, unknown>;
}

export function emptyS3State(): S3State {
  return { buckets: {} };
}
