// Tags on user pools (the only Cognito resource that takes them): TagResource, UntagResource, ListTagsForResource.
import { ServiceError, type JsonOperation, type RequestContext } from '../service.js';
import { findPool, invalidParameter } from './find.js';
import type { PoolRecord } from './state.js';

/** Tags per resource (the AWS-wide limit). */
const MAX_TAGS = 50;

/** Checks a tag map about to be set in full (UserPoolTags) or merged (TagResource, with `existing`). */
export function checkTags(tags: Record<string, string>, existing: Record<string, string> = {}): void {
  // UNCONFIRMED for Cognito: the `aws:` prefix is reserved for AWS on every taggable service.
  const reserved = Object.keys(tags).find((key) => key.toLowerCase().startsWith('aws:'));
  if (reserved !== undefined) throw invalidParameter(`Tag keys starting with 'aws:' are reserved: ${reserved}`);
  if (Object.keys({ ...existing, ...tags }).length > MAX_TAGS) throw invalidParameter(`A user pool can have at most ${MAX_TAGS} tags.`);
}

// `arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>`, in the Region the request was sent to.
function poolByArn(ctx: RequestContext, arn: string): PoolRecord {
  const match = /^arn:aws[\w-]*:cognito-idp:([^:]+):([0-9]{12}):userpool\/(.+)$/.exec(arn);
  if (!match) throw invalidParameter(`Invalid ARN: ${arn}`);
  const [, region, account, poolId] = match;
  const pool = region === ctx.region && account === ctx.account ? findPool(ctx.state.cognito, ctx.region, poolId!) : undefined;
  if (!pool) throw new ServiceError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
  return pool;
}

const tagResource: JsonOperation = (input, ctx) => {
  const pool = poolByArn(ctx, input.ResourceArn);
  checkTags(input.Tags, pool.tags);
  Object.assign(pool.tags, input.Tags);
  return {};
};

const untagResource: JsonOperation = (input, ctx) => {
  const pool = poolByArn(ctx, input.ResourceArn);
  for (const key of input.TagKeys as string[]) delete pool.tags[key];
  return {};
};

const listTagsForResource: JsonOperation = (input, ctx) => ({ Tags: { ...poolByArn(ctx, input.ResourceArn).tags } });

export const tagOperations: Record<string, JsonOperation> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
