// Which S3 operation a path-style request selects: `/<bucket>[/<key>]`, the method, and the sub-resource flag in
// the query (`?cors`, `?delete`...). Decided from the request alone, before anything runs, so the server can log
// and inject faults by operation name.
import type { HttpRequest } from '../service.js';

export type S3OperationName =
  | 'CreateBucket'
  | 'DeleteBucket'
  | 'HeadBucket'
  | 'ListBuckets'
  | 'GetBucketLocation'
  | 'PutBucketCors'
  | 'GetBucketCors'
  | 'DeleteBucketCors'
  | 'PutBucketEncryption'
  | 'GetBucketEncryption'
  | 'DeleteBucketEncryption'
  | 'PutPublicAccessBlock'
  | 'GetPublicAccessBlock'
  | 'DeletePublicAccessBlock'
  | 'PutBucketOwnershipControls'
  | 'GetBucketOwnershipControls'
  | 'PutBucketTagging'
  | 'GetBucketTagging'
  | 'DeleteBucketTagging'
  | 'PutBucketVersioning'
  | 'GetBucketVersioning'
  | 'ListObjectsV2'
  | 'ListObjectVersions'
  | 'PutObject'
  | 'GetObject'
  | 'HeadObject'
  | 'DeleteObject'
  | 'DeleteObjects';

/** What the request log and fault rules call a request the sandbox does not serve (answered 501 NotImplemented). */
export const UNSUPPORTED = 'Unsupported';

// Every S3 sub-resource flag, served or not: a request carrying one the tables below lack is an operation the
// sandbox does not serve (PutBucketPolicy, CreateMultipartUpload...), never a plain GET or PUT.
const SUB_RESOURCES = [
  'accelerate', 'acl', 'analytics', 'attributes', 'cors', 'delete', 'encryption', 'intelligent-tiering', 'inventory',
  'legal-hold', 'lifecycle', 'location', 'logging', 'metadataConfiguration', 'metadataTable', 'metrics', 'notification',
  'object-lock', 'ownershipControls', 'policy', 'policyStatus', 'publicAccessBlock', 'renameObject', 'replication',
  'requestPayment', 'restore', 'retention', 'select', 'session', 'tagging', 'torrent', 'uploadId', 'uploads',
  'versioning', 'versions', 'website',
];

// `<METHOD> <sub-resource>` at the bucket level; '' is no sub-resource.
const BUCKET_ROUTES: Readonly<Record<string, S3OperationName>> = {
  'PUT ': 'CreateBucket',
  'DELETE ': 'DeleteBucket',
  'HEAD ': 'HeadBucket',
  'GET list-type=2': 'ListObjectsV2',
  'GET versions': 'ListObjectVersions',
  'GET location': 'GetBucketLocation',
  'PUT cors': 'PutBucketCors',
  'GET cors': 'GetBucketCors',
  'DELETE cors': 'DeleteBucketCors',
  'PUT encryption': 'PutBucketEncryption',
  'GET encryption': 'GetBucketEncryption',
  'DELETE encryption': 'DeleteBucketEncryption',
  'PUT publicAccessBlock': 'PutPublicAccessBlock',
  'GET publicAccessBlock': 'GetPublicAccessBlock',
  'DELETE publicAccessBlock': 'DeletePublicAccessBlock',
  'PUT ownershipControls': 'PutBucketOwnershipControls',
  'GET ownershipControls': 'GetBucketOwnershipControls',
  'PUT tagging': 'PutBucketTagging',
  'GET tagging': 'GetBucketTagging',
  'DELETE tagging': 'DeleteBucketTagging',
  'PUT versioning': 'PutBucketVersioning',
  'GET versioning': 'GetBucketVersioning',
  'POST delete': 'DeleteObjects',
};

const OBJECT_ROUTES: Readonly<Record<string, S3OperationName>> = {
  'PUT ': 'PutObject',
  'GET ': 'GetObject',
  'HEAD ': 'HeadObject',
  'DELETE ': 'DeleteObject',
};

export interface S3Target {
  /** '' for the service itself (`GET /`). */
  bucket: string;
  /** '' for bucket-level requests. */
  key: string;
}

/** `/b`, `/b/` -> bucket b; `/b/k/x` -> key `k/x`. The server has already percent-decoded the path. */
export function targetOf(path: string): S3Target {
  const rest = path.startsWith('/') ? path.slice(1) : path;
  const slash = rest.indexOf('/');
  return slash < 0 ? { bucket: rest, key: '' } : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

export function s3OperationName(request: HttpRequest): S3OperationName | typeof UNSUPPORTED {
  const { bucket, key } = targetOf(request.path);
  const method = request.method.toUpperCase();
  const sub = subResource(request.query);
  if (bucket === '') return method === 'GET' && sub === '' ? 'ListBuckets' : UNSUPPORTED;
  if (key === '') return BUCKET_ROUTES[`${method} ${sub}`] ?? UNSUPPORTED;
  // CopyObject is a PUT naming its source in a header.
  if (request.headers['x-amz-copy-source'] !== undefined) return UNSUPPORTED;
  return OBJECT_ROUTES[`${method} ${sub}`] ?? UNSUPPORTED;
}

// A plain `GET /b` is ListObjects (version 1), which the sandbox does not serve; `list-type=2` selects version 2.
function subResource(query: URLSearchParams): string {
  const flag = SUB_RESOURCES.find((name) => query.has(name));
  if (flag !== undefined) return flag;
  return query.has('list-type') ? `list-type=${query.get('list-type')}` : '';
}
