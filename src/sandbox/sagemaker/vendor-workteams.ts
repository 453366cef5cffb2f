// Vendor work teams: the teams of AWS Marketplace labeling vendors that the account subscribes to. A subscription is
// made in the Marketplace, not through the SageMaker API, so a test adds one with the sandbox-only route
//   vendor-workteam { name, sellerName?, marketplaceTitle?, marketplaceDescription? } -> the SubscribedWorkteam
// ListSubscribedWorkteams and DescribeSubscribedWorkteam answer them and CreateLabelingJob takes their ARNs
// (crowds.ts). A team is in the vendor's account (arns.ts VENDOR_ACCOUNT), so it is not one of the account's work
// teams: ListWorkteams, DescribeWorkteam and the tag operations do not know it.
import type { RequestContext } from '../service.js';
import { marketplaceListingId, vendorWorkteamArn } from './arns.js';
import { validation } from './errors.js';
import { nameContains, page, sorted, type PageRequest } from './pagination.js';
import { regionState, type SubscribedWorkteam } from './state.js';

/** WorkteamName's pattern (aws-facts §2.1): the vendor's team name is the last part of its ARN. */
const WORKTEAM_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** An optional text member of the route's body: when given, one line of at least 1 (and at most `max`) characters. */
function optionalText(value: unknown, field: string, max = Number.POSITIVE_INFINITY): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^.+$/.test(value) || value.length > max)
    throw validation(`${field} must be a single line of 1${Number.isFinite(max) ? `-${max}` : ' or more'} characters.`);
  return value;
}

const subscriptions = (ctx: RequestContext) => (regionState(ctx.state.sagemaker, ctx.region).subscribedWorkteams ??= {});

export const vendorWorkteamRoutes = {
  'vendor-workteam'(body: { name?: unknown; sellerName?: unknown; marketplaceTitle?: unknown; marketplaceDescription?: unknown }, ctx: RequestContext) {
    const { name } = body;
    if (typeof name !== 'string' || !WORKTEAM_NAME.test(name)) throw validation('name must be a work team name: 1-63 letters, digits and hyphens, not starting or ending with a hyphen.');
    const teams = subscriptions(ctx);
    if (teams[name]) throw validation(`The account already subscribes to a vendor work team named ${name} in ${ctx.region}.`);
    // The API model's limits: MarketplaceTitle and MarketplaceDescription 1-200 characters, SellerName unbounded.
    const title = optionalText(body.marketplaceTitle, 'marketplaceTitle', 200);
    const seller = optionalText(body.sellerName, 'sellerName');
    const description = optionalText(body.marketplaceDescription, 'marketplaceDescription', 200);
    const team: SubscribedWorkteam = {
      WorkteamArn: vendorWorkteamArn(ctx.region, name),
      ...(title !== undefined && { MarketplaceTitle: title }),
      ...(seller !== undefined && { SellerName: seller }),
      ...(description !== undefined && { MarketplaceDescription: description }),
      ListingId: marketplaceListingId(),
    };
    teams[name] = team;
    return team;
  },
};

export const subscribedWorkteamOperations = {
  /** UNCONFIRMED: AWS documents no order; the sandbox lists by team name. */
  ListSubscribedWorkteams(input: PageRequest & { NameContains?: string }, ctx: RequestContext) {
    const matching = Object.entries(subscriptions(ctx)).filter(([name]) => nameContains(name, input.NameContains));
    const { items, NextToken } = page(sorted(matching, ([name]) => name, ([name]) => name), input);
    return { SubscribedWorkteams: items.map(([, team]) => team), ...(NextToken && { NextToken }) };
  },

  /**
   * UNCONFIRMED: AWS models no error for an ARN the account does not subscribe to; the sandbox answers what
   * DescribeWorkteam answers for a missing team.
   */
  DescribeSubscribedWorkteam(input: { WorkteamArn: string }, ctx: RequestContext) {
    const team = Object.values(subscriptions(ctx)).find((t) => t.WorkteamArn === input.WorkteamArn);
    if (!team) throw validation(`The work team ${input.WorkteamArn} does not exist.`);
    return { SubscribedWorkteam: team };
  },
};
