// Buckets themselves: create (with the us-east-1 rule), head, delete only when empty, list, location; and the
// lookups every bucket-scoped operation starts with.
import { createHash } from 'node:crypto';
import { ServiceError, type RequestContext } from '../service.js';
import type { S3Call, S3Operation } from './call.js';
import { bucketNameProblem } from './names.js';
import { continuationToken, markerOf, utf8Order } from './paging.js';
import { newBucket, type BucketRecord, type ObjectOwnership } from './state.js';
import { keysWithVersions } from './versions.js';
import { newBucketWindows, notYetVisible } from './visibility.js';
import { element, emptyResponse, text, xmlResponse, type XmlElement } from './xml.js';

// The general purpose bucket quota per account (raised from 100 in November 2024).
const MAX_BUCKETS = 10_000;

/** The bucket an operation names, for operations that any regional endpoint answers (GetBucketLocation). */
function findBucket(call: S3Call, ctx: RequestContext): BucketRecord {
  const bucket = ctx.state.s3.buckets[call.bucket];
  if (!bucket || notYetVisible(bucket, ctx)) throw noSuchBucket();
  const expectedOwner = call.headers['x-amz-expected-bucket-owner'];
  if (expectedOwner !== undefined && expectedOwner !== ctx.account) throw new ServiceError('AccessDenied', 'Access Denied', 403);
  return bucket;
}

export function noSuchBucket(): ServiceError {
  return new ServiceError('NoSuchBucket', 'The specified bucket does not exist', 404);
}

/**
 * The bucket an operation names, reached through the endpoint of the region the request was signed for. AWS
 * answers a request sent to another region's endpoint with a 301 that the SDK does not follow (unless the client
 * sets `followRegionRedirects`), so a client configured for the wrong region fails here as it would there.
 */
export function requireBucket(call: S3Call, ctx: RequestContext): BucketRecord {
  const bucket = findBucket(call, ctx);
  if (call.signedRegion !== undefined && call.signedRegion !== bucket.region) {
    throw new ServiceError(
      'PermanentRedirect',
      `The bucket you are attempting to access must be addressed using the specified endpoint. The bucket is in ${bucket.region}.`,
      301,
    );
  }
  return bucket;
}

/** The account's canonical user id: 64 hex digits, stable for the account. */
export function ownerId(account: string): string {
  return createHash('sha256').update(`gtctl-sandbox-owner:${account}`).digest('hex');
}

/**
 * The region a CreateBucket request puts the bucket in. Outside us-east-1 the configuration must name the region
 * the request was sent to (`EU` being eu-west-1's legacy alias); us-east-1 takes no configuration for itself.
 * UNCONFIRMED: that the us-east-1 endpoint also creates buckets in the region another constraint names, as the
 * global endpoint does.
 */
function regionToCreateIn(constraint: string | undefined, requestRegion: string): string {
  if (constraint === undefined || constraint === '') {
    if (requestRegion === 'us-east-1') return requestRegion;
    throw new ServiceError('IllegalLocationConstraintException', 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.');
  }
  const region = constraint === 'EU' ? 'eu-west-1' : constraint;
  if (requestRegion !== 'us-east-1' && region !== requestRegion) {
    throw new ServiceError('IllegalLocationConstraintException', `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`);
  }
  return region;
}

// The payload in the model's shape; the constraint table then checks its enums.
function readCreateBucketConfiguration(root: XmlElement) {
  return {
    LocationConstraint: text(root['LocationConstraint']),
    ...(root['Location'] !== undefined && { Location: { Type: text(element(root['Location'])['Type']) } }),
    ...(root['Bucket'] !== undefined && {
      Bucket: { DataRedundancy: text(element(root['Bucket'])['DataRedundancy']), Type: text(element(root['Bucket'])['Type']) },
    }),
  };
}

const GRANT_HEADERS = ['x-amz-grant-full-control', 'x-amz-grant-read', 'x-amz-grant-read-acp', 'x-amz-grant-write', 'x-amz-grant-write-acp'];

function createBucket(call: S3Call, ctx: RequestContext) {
  const problem = bucketNameProblem(call.bucket);
  if (problem) throw new ServiceError('InvalidBucketName', `The specified bucket is not valid: a bucket name ${problem}.`);
  const constraint = (call.input['CreateBucketConfiguration'] as { LocationConstraint?: string } | undefined)?.LocationConstraint;
  const region = regionToCreateIn(constraint, ctx.region);
  const ownership = (call.input['ObjectOwnership'] as ObjectOwnership | undefined) ?? 'BucketOwnerEnforced';
  // With ACLs disabled (the default since April 2023) a bucket can only be created without ACLs.
  // UNCONFIRMED: that the canned ACL `private`, which grants nothing beyond the owner, is let through.
  const acl = call.input['ACL'];
  if (ownership === 'BucketOwnerEnforced' && ((acl !== undefined && acl !== 'private') || GRANT_HEADERS.some((h) => call.headers[h] !== undefined))) {
    throw new ServiceError('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
  }
  const buckets = ctx.state.s3.buckets;
  const existing = buckets[call.bucket];
  if (existing) {
    // us-east-1 keeps its legacy answer: success, and the bucket is left as it is.
    if (ctx.region === 'us-east-1' && existing.region === 'us-east-1') return created(call.bucket);
    throw new ServiceError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409);
  }
  if (Object.keys(buckets).length >= MAX_BUCKETS) {
    throw new ServiceError('TooManyBuckets', 'You have attempted to create more buckets than allowed');
  }
  const bucket: BucketRecord = { ...newBucket(region, Math.floor(ctx.now().getTime() / 1000) * 1000, ownership), ...newBucketWindows(ctx) };
  if (constraint === 'EU') bucket.locationConstraint = constraint;
  buckets[call.bucket] = bucket;
  return created(call.bucket);
}

function created(name: string) {
  return emptyResponse(200, { location: `/${name}` });
}

function deleteBucket(call: S3Call, ctx: RequestContext) {
  const bucket = requireBucket(call, ctx);
  // Empty means no versions and no delete markers either, even when ListObjectsV2 finds nothing (aws-evidence A9).
  if (keysWithVersions(bucket).length > 0) {
    const message = bucket.versioning === undefined ? 'The bucket you tried to delete is not empty' : 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.';
    throw new ServiceError('BucketNotEmpty', message, 409);
  }
  delete ctx.state.s3.buckets[call.bucket];
  return emptyResponse(204);
}

function headBucket(call: S3Call, ctx: RequestContext) {
  const bucket = requireBucket(call, ctx);
  return emptyResponse(200, { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' });
}

function getBucketLocation(call: S3Call, ctx: RequestContext) {
  const bucket = findBucket(call, ctx);
  // us-east-1 is not a location constraint: its buckets answer with an empty element.
  const location = bucket.locationConstraint ?? (bucket.region === 'us-east-1' ? undefined : bucket.region);
  return xmlResponse('LocationConstraint', location === undefined ? {} : { '#text': location });
}

// Every bucket of the account, whatever the region of the endpoint; paged only when max-buckets is given.
function listBuckets(call: S3Call, ctx: RequestContext) {
  const q = call.query;
  const prefix = q.get('prefix') ?? undefined;
  const region = q.get('bucket-region') ?? undefined;
  const token = q.get('continuation-token') ?? undefined;
  const after = token === undefined ? undefined : markerOf(token);
  const limit = (call.input['MaxBuckets'] as number | undefined) ?? MAX_BUCKETS;
  const names = Object.keys(ctx.state.s3.buckets)
    .filter((name) => (prefix === undefined || name.startsWith(prefix)) && (after === undefined || utf8Order(name, after) > 0))
    .filter((name) => region === undefined || ctx.state.s3.buckets[name]!.region === region)
    .sort(utf8Order);
  const page = names.slice(0, limit);
  return xmlResponse('ListAllMyBucketsResult', {
    Owner: { ID: ownerId(ctx.account) },
    Buckets: {
      Bucket: page.map((name) => {
        const bucket = ctx.state.s3.buckets[name]!;
        return { Name: name, CreationDate: new Date(bucket.createdMs).toISOString(), BucketRegion: bucket.region };
      }),
    },
    ContinuationToken: names.length > page.length ? continuationToken(page[page.length - 1]!) : undefined,
    Prefix: prefix,
  });
}

export const bucketOperations = {
  CreateBucket: { run: createBucket, inFlight: 'create', payload: { member: 'CreateBucketConfiguration', root: 'CreateBucketConfiguration', read: readCreateBucketConfiguration } },
  DeleteBucket: { run: deleteBucket },
  HeadBucket: { run: headBucket },
  GetBucketLocation: { run: getBucketLocation },
  ListBuckets: { run: listBuckets },
} satisfies Record<string, S3Operation>;
