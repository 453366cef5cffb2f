// Bucket tags (gtctl's ownership tag `gtctl:project` lives here). PutBucketTagging replaces the whole set.
// Limits are AWS's tag rules, which the model does not state: at most 50 tags, keys 1-128 and values 0-256
// characters from the tag alphabet, no duplicate keys, no `aws:` keys.
import { ServiceError, type RequestContext } from '../service.js';
import { requireBucket } from './buckets.js';
import type { S3Call, S3Operation } from './call.js';
import type { Tag } from './state.js';
import { element, emptyResponse, list, text, xmlResponse, type XmlElement } from './xml.js';

const MAX_TAGS = 50;
const TAG_ALPHABET = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function readTagging(root: XmlElement) {
  if (root['TagSet'] === undefined) return {};
  return {
    TagSet: (list(element(root['TagSet'])['Tag']) ?? []).map((value) => {
      const tag = element(value);
      return { Key: text(tag['Key']), Value: text(tag['Value']) };
    }),
  };
}

// UNCONFIRMED: the messages (the code InvalidTag is S3's).
function tagProblem(tags: readonly Tag[]): string | undefined {
  if (tags.length > MAX_TAGS) return `The number of tags exceeds the limit of ${MAX_TAGS} tags`;
  const keys = new Set<string>();
  for (const { Key, Value } of tags) {
    if ([...Key].length > 128 || !TAG_ALPHABET.test(Key)) return 'The TagKey you have provided is invalid';
    if ([...Value].length > 256 || !TAG_ALPHABET.test(Value)) return 'The TagValue you have provided is invalid';
    if (Key.toLowerCase().startsWith('aws:')) return 'Your TagKey cannot be prefixed with aws:';
    if (keys.has(Key)) return 'Cannot provide multiple Tags with the same key';
    keys.add(Key);
  }
  return undefined;
}

function putBucketTagging(call: S3Call, ctx: RequestContext) {
  const bucket = requireBucket(call, ctx);
  const { TagSet } = call.input['Tagging'] as { TagSet: Tag[] };
  const problem = tagProblem(TagSet);
  if (problem) throw new ServiceError('InvalidTag', problem);
  // UNCONFIRMED: an empty TagSet leaves the bucket without tags, as DeleteBucketTagging does.
  if (TagSet.length === 0) delete bucket.tags;
  else bucket.tags = TagSet.map(({ Key, Value }) => ({ Key, Value }));
  return emptyResponse(200);
}

function getBucketTagging(call: S3Call, ctx: RequestContext) {
  const tags = requireBucket(call, ctx).tags;
  if (!tags) throw new ServiceError('NoSuchTagSet', 'The TagSet does not exist', 404);
  return xmlResponse('Tagging', { TagSet: { Tag: tags } });
}

function deleteBucketTagging(call: S3Call, ctx: RequestContext) {
  delete requireBucket(call, ctx).tags;
  return emptyResponse(204);
}

export const taggingOperations = {
  PutBucketTagging: { inFlight: 'configure', checksumRequired: true, run: putBucketTagging, payload: { member: 'Tagging', root: 'Tagging', read: readTagging } },
  GetBucketTagging: { run: getBucketTagging },
  DeleteBucketTagging: { inFlight: 'configure', run: deleteBucketTagging },
} satisfies Record<string, S3Operation>;
