// What SageMaker sees of the sandbox's Cognito while Cognito's own writes are still settling. When realistic, Cognito
// stamps a new group with `visibleAtMs` (aws-evidence E2: SageMaker does not see it yet) and a new prefix domain with
// `activeAtMs` (E4: "might take up to one minute to take effect"); absent stamps, or the ideal sandbox, mean settled.
import { findPool } from '../cognito/find.js';
import type { RequestContext } from '../service.js';

const settling = (ctx: RequestContext, atMs: number | undefined) => ctx.realism.on && atMs !== undefined && ctx.now().getTime() < atMs;

/** Whether the group exists but SageMaker cannot see it yet. */
export function groupSettling(ctx: RequestContext, userPool: string, groupName: string): boolean {
  return settling(ctx, findPool(ctx.state.cognito, ctx.region, userPool)?.groups[groupName]?.visibleAtMs);
}

/** Whether the pool's domain exists but is still CREATING. */
export function domainSettling(ctx: RequestContext, userPool: string): boolean {
  return settling(ctx, findPool(ctx.state.cognito, ctx.region, userPool)?.domain?.activeAtMs);
}
