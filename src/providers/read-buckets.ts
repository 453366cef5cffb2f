// Live S3 state for a plan: the declared buckets' settings, the buckets this project owns that the specs dropped,
// the declared objects (HEAD: which hash), the objects under each job's `fromPrefix`, the input manifests jobs
// name, and the CORS rules of undeclared buckets holding jobs' images. Everything runs at once, fan-outs per object
// bounded by READ_CONCURRENCY.
//
// Calls per plan (B declared buckets that exist, U other buckets in the account, O declared objects, P prefixes
// holding N objects, M manifests, I undeclared image buckets):
//   ListBuckets              ceil((B + U) / 10,000)  - also gives every bucket's Region, so no HeadBucket for them
//   HeadBucket               1 per declared bucket, prefix or manifest bucket NOT in the account's list (absent or
//                            another account's), 0 otherwise
//   7 per declared bucket    GetBucketTagging, GetBucketCors, GetBucketEncryption, GetPublicAccessBlock,
//                            GetBucketOwnershipControls, GetBucketVersioning, ListObjectVersions (MaxKeys 1: empty of objects, versions and delete markers?)
//   GetBucketTagging         1 per other bucket (U), to find those this project owns; +6 for each one it owns
//   HeadObject               O
//   ListObjectsV2            ceil(N / 1,000) per prefix; GetObject N more when the task inlines the text
//   GetObject                M
//   GetBucketCors            I (after the manifests: their `source-ref` buckets count too)
// The U tag reads are the price of deleting dropped buckets: tens of calls in a typical account, all GETs run 16 at a
// time. A bucket whose tags cannot be read (AccessDenied, deleted meanwhile) is taken as not ours: never deleted.
import type { S3Port } from '../aws/ports.js';
import { isAwsError } from '../aws/errors.js';
import { isGtctlError } from '../core/errors.js';
import { checkManifest } from '../core/jobs/manifest-check.js';
import { OWNERSHIP_TAG, type LiveBucket, type LiveObject, type LivePrefixObject } from '../core/live.js';
import type { CorsRule } from '../core/model.js';
import type { ReadTargets } from '../core/plan.js';
import { limiter } from './limit.js';
import { SHA256_METADATA } from './names.js';
import { s3Location, splitObjectPath } from '../core/s3-uri.js';

/** S3 requests in flight at once per read; S3 takes thousands of GETs a second per prefix (aws-facts §7.3). */
export const READ_CONCURRENCY = 16;

export interface LiveStorage {
  buckets: LiveBucket[];
  objects: Record<string, LiveObject>;
  prefixes: Record<string, LivePrefixObject[]>;
  manifests: Record<string, string>;
  imageBucketCors: Record<string, CorsRule[]>;
  /** With `inventory`: every bucket of the account and its ownership tag (from the tag reads made anyway). */
  inventory?: Array<{ name: string; owner?: string }>;
}

export async function readBuckets(s3: S3Port, target: { project: string; read: ReadTargets; inventory?: boolean }): Promise<LiveStorage> {
  const { read } = target;
  const limit = limiter(READ_CONCURRENCY);
  // First, so that every bucket of the account has its Region cached before anything else asks for it.
  const listed = await s3.listBuckets();
  const declared = new Set(read.buckets);
  const others = listed.filter((b) => !declared.has(b.name));
  const owners = new Map<string, string | undefined>();

  const [declaredBuckets, ownedBuckets, objects, prefixes, manifests] = await Promise.all([
    Promise.all([...declared].map((name) => readBucket(s3, name, limit))),
    Promise.all(others.map((b) => readIfOurs(s3, b.name, target.project, limit, owners))),
    Promise.all(read.objects.map((path) => readObject(s3, path, limit))),
    Promise.all(read.prefixes.map(({ uri, withText }) => readPrefix(s3, uri, withText, limit))),
    Promise.all(read.manifests.map(async (uri) => {
      const at = s3Location(uri);
      return [uri, at && (await limit(() => s3.getObjectText(at.bucket, at.key)))] as const;
    })),
  ]);
  const manifestTexts = manifests.flatMap(([, text]) => (text !== undefined ? [text] : []));
  const imageBuckets = [...new Set([...(read.imageBuckets ?? []), ...manifestTexts.flatMap((text) => checkManifest(text, undefined).sourceRefBuckets)])]
    .filter((name) => !declared.has(name))
    .sort();
  const imageCors = await Promise.all(imageBuckets.map((name) => readImageCors(s3, name, limit)));
  for (const bucket of declaredBuckets) if (bucket) owners.set(bucket.name, bucket.tags[OWNERSHIP_TAG]);
  return {
    ...(target.inventory
      ? { inventory: listed.map((b) => ({ name: b.name, ...(owners.get(b.name) !== undefined ? { owner: owners.get(b.name)! } : {}) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) }
      : {}),
    buckets: [...declaredBuckets, ...ownedBuckets].filter((b): b is LiveBucket => b !== undefined).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    objects: Object.fromEntries(read.objects.flatMap((path, i) => (objects[i] ? [[path, objects[i]]] : []))),
    prefixes: Object.fromEntries(read.prefixes.map(({ uri }, i) => [uri, prefixes[i]!])),
    manifests: Object.fromEntries(manifests.flatMap(([uri, text]) => (text !== undefined ? [[uri, text]] : []))),
    imageBucketCors: Object.fromEntries(imageBuckets.flatMap((name, i) => (imageCors[i] ? [[name, imageCors[i]]] : []))),
  };
}

/**
 * The CORS rules of a bucket the specs do not declare but a job's images are in: without them the pre-flight could
 * not tell whether the labeling portal may load the images, and would block the job. Undefined (unknown, and the
 * job blocked saying so) when the bucket does not exist or is not ours to read: images may well sit in another
 * account's bucket, which must not fail the whole plan.
 */
async function readImageCors(s3: S3Port, name: string, limit: ReturnType<typeof limiter>): Promise<CorsRule[] | undefined> {
  try {
    if ((await limit(() => s3.bucketRegion(name))) === undefined) return undefined;
    return await limit(() => s3.getCors(name));
  } catch (error) {
    if (isAwsError(error, 'AccessDenied') || isAwsError(error, 'NoSuchBucket') || isGtctlError(error, 'bucket-not-yours')) return undefined;
    throw error;
  }
}

/** A bucket's settings; undefined when it does not exist. */
async function readBucket(s3: S3Port, name: string, limit: ReturnType<typeof limiter>, knownTags?: Record<string, string>): Promise<LiveBucket | undefined> {
  const region = await limit(() => s3.bucketRegion(name));
  if (region === undefined) return undefined;
  const [tags, cors, encryption, publicAccessBlock, objectOwnership, versioning, empty] = await Promise.all([
    knownTags ?? limit(() => s3.getTags(name)),
    limit(() => s3.getCors(name)),
    limit(() => s3.getEncryption(name)),
    limit(() => s3.getPublicAccessBlock(name)),
    limit(() => s3.getObjectOwnership(name)),
    limit(() => s3.getVersioning(name)),
    limit(() => s3.isEmpty(name)),
  ]);
  return {
    name,
    region,
    tags,
    cors,
    encryption,
    ...(publicAccessBlock ? { publicAccessBlock } : {}),
    ...(objectOwnership ? { objectOwnership } : {}),
    versioning,
    empty,
  };
}

/** A bucket the specs do not declare: read in full only when its ownership tag names this project. */
async function readIfOurs(s3: S3Port, name: string, project: string, limit: ReturnType<typeof limiter>, owners: Map<string, string | undefined>): Promise<LiveBucket | undefined> {
  let tags: Record<string, string>;
  try {
    tags = await limit(() => s3.getTags(name));
  } catch (error) {
    // Unsure whether it is ours: then it is not (a bucket policy may deny us, or it was deleted since the listing).
    if (isAwsError(error, 'AccessDenied') || isAwsError(error, 'NoSuchBucket')) return undefined;
    throw error;
  }
  owners.set(name, tags[OWNERSHIP_TAG]);
  return tags[OWNERSHIP_TAG] === project ? readBucket(s3, name, limit, tags) : undefined;
}

/** A declared object (`bucket/key`): what gtctl wrote into its metadata, and its ETag. */
async function readObject(s3: S3Port, path: string, limit: ReturnType<typeof limiter>): Promise<LiveObject | undefined> {
  const { bucket, key } = splitObjectPath(path);
  if ((await limit(() => s3.bucketRegion(bucket))) === undefined) return undefined;
  const head = await limit(() => s3.headObject(bucket, key));
  if (!head) return undefined;
  const sha256 = head.metadata[SHA256_METADATA];
  return { ...(sha256 ? { sha256 } : {}), ...(head.etag ? { etag: head.etag } : {}) };
}

/**
 * The objects under a `fromPrefix`, in S3's key order, with their text when asked. Keys ending in `/` are the
 * "folders" the console creates, never data. A missing bucket has no objects.
 */
async function readPrefix(s3: S3Port, uri: string, withText: boolean, limit: ReturnType<typeof limiter>): Promise<LivePrefixObject[]> {
  const at = s3Location(uri);
  if (!at || (await limit(() => s3.bucketRegion(at.bucket))) === undefined) return [];
  const keys = (await limit(() => s3.listObjects(at.bucket, at.key))).map((o) => o.key).filter((key) => !key.endsWith('/'));
  if (!withText) return keys.map((key) => ({ key }));
  return Promise.all(
    keys.map(async (key) => {
      const text = await limit(() => s3.getObjectText(at.bucket, key));
      // Deleted between the listing and the read: kept as a key without text, which the manifest check reports.
      return text === undefined ? { key } : { key, text };
    }),
  );
}
