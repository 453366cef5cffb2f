// ListObjectVersions: every version and delete marker of every key, keys in UTF-8 byte order and each key's versions
// newest first, paged by key-marker / version-id-marker. A bucket is empty only when this list is (aws-evidence A9).
import { ServiceError, type RequestContext } from '../service.js';
import { ownerId, requireBucket } from './buckets.js';
import type { S3Call, S3Operation } from './call.js';
import { listEntry, MAX_KEYS, parseMaxKeys, urlEncode } from './list.js';
import { utf8Order } from './paging.js';
import type { BucketRecord, VersionRecord } from './state.js';
import { isDeleteMarker, keysWithVersions, versionIdOf, versionsOf } from './versions.js';
import { xmlResponse } from './xml.js';

interface ListedVersion {
  key: string;
  version: VersionRecord;
  isLatest: boolean;
}

/**
 * The versions after the markers: with a key marker alone, the keys after it; with a version id marker too, that
 * key's versions older than the one it names, then the keys after it. UNCONFIRMED: a version id marker the key no
 * longer holds (the version was deleted since) resumes at the key's newest version, so paging while deleting
 * what each page listed skips nothing.
 */
function* versionsAfter(bucket: BucketRecord, prefix: string, keyMarker: string, versionIdMarker: string): Generator<ListedVersion> {
  const keys = keysWithVersions(bucket)
    .filter((key) => key.startsWith(prefix) && utf8Order(key, keyMarker) >= 0)
    .sort(utf8Order);
  for (const key of keys) {
    let listed = versionsOf(bucket, key).map((version, i) => ({ key, version, isLatest: i === 0 }));
    if (key === keyMarker) {
      if (versionIdMarker === '') continue;
      listed = listed.slice(listed.findIndex(({ version }) => versionIdOf(version) === versionIdMarker) + 1);
    }
    yield* listed;
  }
}

function listObjectVersions(call: S3Call, ctx: RequestContext) {
  const bucket = requireBucket(call, ctx);
  const q = call.query;
  if ((q.get('delimiter') ?? '') !== '') throw new ServiceError('NotImplemented', 'The sandbox does not serve ListObjectVersions with a delimiter', 501);
  const maxKeys = parseMaxKeys(q.get('max-keys'));
  const prefix = q.get('prefix') ?? '';
  const keyMarker = q.get('key-marker') ?? '';
  const versionIdMarker = q.get('version-id-marker') ?? '';
  // UNCONFIRMED: the message.
  if (versionIdMarker !== '' && keyMarker === '') throw new ServiceError('InvalidArgument', 'A version-id marker cannot be specified without a key marker.');

  const page: ListedVersion[] = [];
  let truncated = false;
  for (const listed of versionsAfter(bucket, prefix, keyMarker, versionIdMarker)) {
    // max-keys 0 asks for nothing and is answered as complete, as ListObjectsV2 is.
    if (page.length >= Math.min(maxKeys, MAX_KEYS)) {
      truncated = maxKeys > 0;
      break;
    }
    page.push(listed);
  }
  const last = truncated ? page[page.length - 1] : undefined;
  const encode = call.input['EncodingType'] === 'url' ? urlEncode : (s: string) => s;
  const owner = { ID: ownerId(ctx.account) };
  return xmlResponse('ListVersionsResult', {
    Name: call.bucket,
    Prefix: encode(prefix),
    KeyMarker: encode(keyMarker),
    VersionIdMarker: versionIdMarker,
    NextKeyMarker: last && encode(last.key),
    NextVersionIdMarker: last && versionIdOf(last.version),
    MaxKeys: maxKeys,
    EncodingType: call.input['EncodingType'],
    IsTruncated: truncated,
    // AWS interleaves the two in listing order; the SDK reads each into its own list either way.
    Version: page.flatMap(({ key, version, isLatest }) =>
      isDeleteMarker(version) ? [] : [{ ...listEntry(encode(key), version, owner), VersionId: versionIdOf(version), IsLatest: isLatest }],
    ),
    DeleteMarker: page.flatMap(({ key, version, isLatest }) =>
      isDeleteMarker(version)
        ? [{ Owner: owner, Key: encode(key), VersionId: versionIdOf(version), IsLatest: isLatest, LastModified: new Date(version.lastModifiedMs).toISOString() }]
        : [],
    ),
  });
}

export const listVersionsOperations = {
  ListObjectVersions: { run: listObjectVersions },
} satisfies Record<string, S3Operation>;
