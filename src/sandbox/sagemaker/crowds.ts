// The three kinds of work team a labeling job can be sent to (aws-facts §3.3, §4.2; the IAM condition key
// sagemaker:WorkteamType is `private-crowd | public-crowd | vendor-crowd`): the account's own private teams, the
// public crowd (Amazon Mechanical Turk, one team per region in Ground Truth's account), and the vendor (AWS
// Marketplace) teams the account subscribes to (vendor-workteams.ts).
import type { RequestContext } from '../service.js';
import { publicCrowdArn } from './arns.js';
import type { RegionState } from './state.js';

export type Crowd = 'private' | 'public' | 'vendor';

/** The kind of team a work team ARN names, read from its path (`workteam/<kind>-crowd/<name>`). */
export function crowdInArn(workteamArn: string): Crowd | undefined {
  return /:workteam\/(private|public|vendor)-crowd\//.exec(workteamArn)?.[1] as Crowd | undefined;
}

/** The kind of team `workteamArn` is, if it is one the account can send jobs to in the request's region. */
export function teamCrowd(ctx: RequestContext, records: RegionState, workteamArn: string): Crowd | undefined {
  if (workteamArn === publicCrowdArn(ctx.region)) return 'public';
  if (Object.values(records.workteams).some((t) => t.arn === workteamArn)) return 'private';
  if (Object.values(records.subscribedWorkteams ?? {}).some((t) => t.WorkteamArn === workteamArn)) return 'vendor';
  return undefined;
}
