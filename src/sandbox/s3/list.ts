// ListObjectsV2: keys in UTF-8 byte order, rolled up into CommonPrefixes at the delimiter, both counted against
// max-keys (at most 1000 a page), continued from an opaque token.
import { ServiceError, type RequestContext } from '../service.js';
import { ownerId, requireBucket } from './buckets.js';
import type { S3Call, S3Operation } from './call.js';
import { continuationToken, markerOf, utf8Order } from './paging.js';
import type { ObjectRecord } from './state.js';
import { xmlResponse } from './xml.js';

export interface ListRequest {
  prefix: string;
  /** '' for none. */
  delimiter: string;
  maxKeys: number;
  startAfter?: string;
  /** The last key or common prefix the previous page returned. */
  marker?: string;
}

export interface ListPage {
  keys: string[];
  commonPrefixes: string[];
  truncated: boolean;
  /** The last key or common prefix on this page, when there are more. */
  next?: string;
}

/** One page over keys sorted by `utf8Order`. */
export function listPage(sortedKeys: readonly string[], request: ListRequest): ListPage {
  const page: ListPage = { keys: [], commonPrefixes: [], truncated: false };
  const after = request.marker ?? request.startAfter;
  let last: string | undefined;
  for (const key of sortedKeys) {
    if (!key.startsWith(request.prefix) || (after !== undefined && utf8Order(key, after) <= 0)) continue;
    const rollUp = commonPrefix(key, request);
    // A common prefix the previous page ended on covers keys after the marker that must not come back.
    if (rollUp !== undefined && (rollUp === last || (request.marker !== undefined && utf8Order(rollUp, request.marker) <= 0))) continue;
    if (page.keys.length + page.commonPrefixes.length >= request.maxKeys) {
      // max-keys 0 asks for nothing and is answered as complete, as AWS does.
      page.truncated = request.maxKeys > 0;
      if (page.truncated && last !== undefined) page.next = last;
      break;
    }
    if (rollUp === undefined) page.keys.push(key);
    else page.commonPrefixes.push(rollUp);
    last = rollUp ?? key;
  }
  return page;
}

function commonPrefix(key: string, request: ListRequest): string | undefined {
  if (request.delimiter === '') return undefined;
  const at = key.indexOf(request.delimiter, request.prefix.length);
  return at < 0 ? undefined : key.slice(0, at + request.delimiter.length);
}

/** What one page holds at most, and holds when max-keys is not given. */
export const MAX_KEYS = 1000;

function listObjectsV2(call: S3Call, ctx: RequestContext) {
  const bucket = requireBucket(call, ctx);
  const q = call.query;
  const maxKeys = parseMaxKeys(q.get('max-keys'));
  const token = q.get('continuation-token') ?? undefined;
  const startAfter = q.get('start-after') ?? undefined;
  const request: ListRequest = {
    prefix: q.get('prefix') ?? '',
    delimiter: q.get('delimiter') ?? '',
    maxKeys: Math.min(maxKeys, MAX_KEYS),
    ...(startAfter !== undefined && { startAfter }),
    ...(token !== undefined && { marker: markerOf(token) }),
  };
  const page = listPage(Object.keys(bucket.objects).sort(utf8Order), request);
  const encode = call.input['EncodingType'] === 'url' ? urlEncode : (s: string) => s;
  const owner = q.get('fetch-owner') === 'true' ? { ID: ownerId(ctx.account) } : undefined;
  return xmlResponse('ListBucketResult', {
    Name: call.bucket,
    Prefix: encode(request.prefix),
    // An empty delimiter is no delimiter, and AWS leaves it out of the answer.
    Delimiter: request.delimiter === '' ? undefined : encode(request.delimiter),
    MaxKeys: maxKeys,
    EncodingType: call.input['EncodingType'],
    KeyCount: page.keys.length + page.commonPrefixes.length,
    IsTruncated: page.truncated,
    ContinuationToken: token,
    NextContinuationToken: page.next === undefined ? undefined : continuationToken(page.next),
    StartAfter: startAfter === undefined ? undefined : encode(startAfter),
    Contents: page.keys.map((key) => listEntry(encode(key), bucket.objects[key]!, owner)),
    CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })),
  });
}

export function listEntry(key: string, object: ObjectRecord, owner: { ID: string } | undefined) {
  return {
    Key: key,
    LastModified: new Date(object.lastModifiedMs).toISOString(),
    ETag: object.etag,
    ChecksumAlgorithm: object.checksum?.algorithm,
    ChecksumType: object.checksum && 'FULL_OBJECT',
    Size: object.size,
    Owner: owner,
    StorageClass: object.storageClass,
  };
}

// UNCONFIRMED: MaxKeys echoes the value asked for, even above the 1000 a page holds.
export function parseMaxKeys(raw: string | null): number {
  if (raw === null) return MAX_KEYS;
  if (!/^-?\d+$/.test(raw)) throw new ServiceError('InvalidArgument', 'Provided max-keys not an integer or within integer range');
  const value = Number(raw);
  if (value < 0 || value > 2147483647) throw new ServiceError('InvalidArgument', 'Argument maxKeys must be an integer between 0 and 2147483647');
  return value;
}

// As measured against AWS: form encoding (space as '+', '+' as %2B, UTF-8 percent-encoded) that leaves '/' alone.
// UNCONFIRMED for punctuation other than those.
export function urlEncode(value: string): string {
  return encodeURIComponent(value).replace(/%2F/g, '/').replace(/%20/g, '+');
}

export const listOperations = {
  ListObjectsV2: { run: listObjectsV2 },
} satisfies Record<string, S3Operation>;
