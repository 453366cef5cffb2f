// Objects over the wire: PutObject (conditional writes included), GetObject and HeadObject (conditional reads,
// response-* overrides, checksums on request, any version), DeleteObject and DeleteObjects. The records themselves
// are kept by `objects.ts`, their versions by `versions.ts`.
import { ServiceError, type HttpResponse, type RequestContext } from '../service.js';
import { requireBucket } from './buckets.js';
import { ErrorWithHeaders, type S3Call, type S3Operation } from './call.js';
import { checksumHeader } from './checksums.js';
import { storedContentEncoding } from './chunked.js';
import { checkIfMatch, checkWriteConditions, noSuchKey, readCondition } from './conditions.js';
import { MAX_KEY_BYTES } from './names.js';
import { DEFAULT_CONTENT_TYPE, objectBody, removeObject, storeObject, type DeleteOutcome } from './objects.js';
import type { BucketRecord, DeleteMarkerRecord, ObjectRecord } from './state.js';
import { findVersion, isDeleteMarker, latestDeleteMarker, versionsOf } from './versions.js';
import { bool, element, emptyResponse, list, malformedXml, text, xmlResponse, type XmlElement } from './xml.js';

// Headers that describe the representation, stored as sent and replayed on GET and HEAD (besides Content-Type and
// Content-Encoding, which need a default and a cleaning).
const REPLAYED_HEADERS = ['content-disposition', 'content-language', 'cache-control', 'expires'];
const MAX_METADATA_BYTES = 2048;
const MAX_KEYS_PER_DELETE = 1000;

function putObject(call: S3Call, ctx: RequestContext): HttpResponse {
  const bucket = requireBucket(call, ctx);
  if (Buffer.byteLength(call.key, 'utf8') > MAX_KEY_BYTES) throw new ServiceError('KeyTooLongError', 'Your key is too long');
  if (call.headers['x-amz-server-side-encryption-customer-algorithm'] !== undefined) {
    throw new ServiceError('NotImplemented', 'The sandbox does not model SSE-C (customer-provided keys)', 501);
  }
  checkObjectAcl(call, bucket);
  checkWriteConditions(call.headers, bucket.objects[call.key]);
  const record = storeObject(
    bucket,
    call.key,
    call.body,
    {
      headers: representationHeaders(call.headers),
      metadata: userMetadata(call.headers),
      storageClass: (call.input['StorageClass'] as string | undefined) ?? 'STANDARD',
      ...requestEncryption(call),
      ...(call.checksum !== undefined && { checksum: call.checksum }),
    },
    ctx.now().getTime(),
  );
  return emptyResponse(200, { etag: record.etag, ...encryptionHeaders(record), ...versionHeader(record), ...checksumHeaders(record) });
}

// With ACLs disabled (BucketOwnerEnforced, the default) S3 takes a write with no ACL or with bucket-owner-full-control.
// A bucket without ownership controls predates them and takes ACLs (ObjectWriter).
function checkObjectAcl(call: S3Call, bucket: BucketRecord): void {
  const acl = call.input['ACL'];
  if (bucket.ownership === 'BucketOwnerEnforced' && acl !== undefined && acl !== 'bucket-owner-full-control') {
    throw new ServiceError('AccessControlListNotSupported', 'The bucket does not allow ACLs');
  }
}

function representationHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const stored: Record<string, string> = { 'content-type': headers['content-type'] ?? DEFAULT_CONTENT_TYPE };
  // aws-chunked is how the body travelled, not how it is encoded.
  const encoding = storedContentEncoding(headers['content-encoding']);
  if (encoding !== undefined) stored['content-encoding'] = encoding;
  for (const name of REPLAYED_HEADERS) if (headers[name] !== undefined) stored[name] = headers[name];
  return stored;
}

function userMetadata(headers: Readonly<Record<string, string>>): Record<string, string> {
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-amz-meta-')) continue;
    metadata[name.slice('x-amz-meta-'.length)] = value;
    bytes += Buffer.byteLength(name.slice('x-amz-meta-'.length)) + Buffer.byteLength(value);
  }
  if (bytes > MAX_METADATA_BYTES) throw new ServiceError('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size');
  return metadata;
}

// A per-object override of the bucket's default encryption, when the request names one.
function requestEncryption(call: S3Call): { encryption?: ObjectRecord['encryption'] } {
  const algorithm = call.input['ServerSideEncryption'] as string | undefined;
  const kmsKeyId = call.headers['x-amz-server-side-encryption-aws-kms-key-id'];
  const bucketKey = call.headers['x-amz-server-side-encryption-bucket-key-enabled'];
  if (kmsKeyId !== undefined && (algorithm === undefined || algorithm === 'AES256')) {
    throw new ServiceError('InvalidArgument', 'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms');
  }
  if (algorithm === undefined) return {};
  return {
    encryption: {
      algorithm,
      ...(kmsKeyId !== undefined && { kmsKeyId }),
      ...(bucketKey !== undefined && { bucketKeyEnabled: bucketKey === 'true' }),
    },
  };
}

function encryptionHeaders({ encryption }: ObjectRecord): Record<string, string> {
  return {
    'x-amz-server-side-encryption': encryption.algorithm,
    ...(encryption.kmsKeyId !== undefined && { 'x-amz-server-side-encryption-aws-kms-key-id': encryption.kmsKeyId }),
    ...(encryption.bucketKeyEnabled && { 'x-amz-server-side-encryption-bucket-key-enabled': 'true' }),
  };
}

function versionHeader(record: { versionId?: string }): Record<string, string> {
  return record.versionId === undefined ? {} : { 'x-amz-version-id': record.versionId };
}

function checksumHeaders({ checksum }: ObjectRecord): Record<string, string> {
  return checksum === undefined ? {} : { [checksumHeader(checksum.algorithm)]: checksum.value, 'x-amz-checksum-type': 'FULL_OBJECT' };
}

/**
 * The object a GET or HEAD names: the current version, or the version `versionId` asks for. A key whose latest
 * version is a delete marker is not found; asking for the marker itself is a method S3 does not allow on it.
 */
function requireObject(call: S3Call, ctx: RequestContext): ObjectRecord {
  const bucket = requireBucket(call, ctx);
  const versionId = call.query.get('versionId');
  if (versionId === null) {
    const object = bucket.objects[call.key];
    if (object) return object;
    const marker = latestDeleteMarker(bucket, call.key);
    throw noSuchKey(marker && deleteMarkerHeaders(marker));
  }
  if (versionsOf(bucket, call.key).length === 0) throw noSuchKey();
  const version = findVersion(bucket, call.key, versionId);
  if (!version) throw new ServiceError('NoSuchVersion', 'The specified version does not exist.', 404);
  if (isDeleteMarker(version)) {
    const headers = { ...deleteMarkerHeaders(version), 'last-modified': new Date(version.lastModifiedMs).toUTCString() };
    throw new ErrorWithHeaders('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, headers);
  }
  return version;
}

function deleteMarkerHeaders(marker: DeleteMarkerRecord): Record<string, string> {
  return { 'x-amz-delete-marker': 'true', ...versionHeader(marker) };
}

// `response-content-type=...` and the like override what GET and HEAD answer.
const RESPONSE_OVERRIDES = ['content-type', 'content-language', 'expires', 'cache-control', 'content-disposition', 'content-encoding'];

function objectHeaders(call: S3Call, object: ObjectRecord): Record<string, string> {
  const headers: Record<string, string> = {
    ...object.headers,
    'content-length': String(object.size),
    etag: object.etag,
    'last-modified': new Date(object.lastModifiedMs).toUTCString(),
    'accept-ranges': 'bytes',
    ...Object.fromEntries(Object.entries(object.metadata).map(([name, value]) => [`x-amz-meta-${name}`, value])),
    ...encryptionHeaders(object),
    ...versionHeader(object),
    ...(object.storageClass !== 'STANDARD' && { 'x-amz-storage-class': object.storageClass }),
    ...(call.input['ChecksumMode'] === 'ENABLED' && checksumHeaders(object)),
  };
  for (const name of RESPONSE_OVERRIDES) {
    const override = call.query.get(`response-${name}`);
    if (override !== null) headers[name] = override;
  }
  return headers;
}

/** GET and HEAD answer alike; the server leaves the body out of a HEAD answer and keeps its content-length. */
function readObject(call: S3Call, ctx: RequestContext): HttpResponse {
  const object = requireObject(call, ctx);
  if (readCondition(call.headers, object) === 'not-modified') {
    return { status: 304, headers: { etag: object.etag, 'last-modified': new Date(object.lastModifiedMs).toUTCString() } };
  }
  return { status: 200, headers: objectHeaders(call, object), body: objectBody(object) };
}

function deleteObject(call: S3Call, ctx: RequestContext): HttpResponse {
  const bucket = requireBucket(call, ctx);
  checkIfMatch(call.headers['if-match'], bucket.objects[call.key]);
  const outcome = removeObject(bucket, call.key, ctx.now().getTime(), call.query.get('versionId') ?? undefined);
  return emptyResponse(204, { ...(outcome.deleteMarker && { 'x-amz-delete-marker': 'true' }), ...versionHeader(outcome) });
}

interface DeleteInput {
  Objects: Array<{ Key: string; VersionId?: string; ETag?: string }>;
  Quiet?: boolean;
}

function readDelete(root: XmlElement) {
  return {
    Objects: list(root['Object'])?.map((value) => {
      const object = element(value);
      return { Key: text(object['Key']), VersionId: text(object['VersionId']), ETag: text(object['ETag']) };
    }),
    Quiet: bool(root['Quiet']),
  };
}

/** Each key succeeds or fails on its own; a missing key counts as deleted. Quiet mode reports only failures. */
function deleteObjects(call: S3Call, ctx: RequestContext): HttpResponse {
  const bucket = requireBucket(call, ctx);
  const { Objects, Quiet } = call.input['Delete'] as DeleteInput;
  if (Objects.length > MAX_KEYS_PER_DELETE) throw malformedXml();
  const deleted: Array<Record<string, unknown>> = [];
  const errors: Array<Record<string, unknown>> = [];
  for (const { Key, VersionId, ETag } of Objects) {
    // An ETag makes that key's delete conditional, as If-Match does for DeleteObject (UNCONFIRMED: that a missing
    // key with an ETag is reported NoSuchKey here too).
    try {
      checkIfMatch(ETag, bucket.objects[Key]);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      errors.push({ Key, VersionId, Code: error.code, Message: error.message });
      continue;
    }
    deleted.push(deletedEntry(Key, VersionId, removeObject(bucket, Key, ctx.now().getTime(), VersionId)));
  }
  return xmlResponse('DeleteResult', { Deleted: Quiet ? undefined : deleted, Error: errors });
}

// A delete marker made (no version asked for) or removed (the version asked for was one) is reported as such.
function deletedEntry(Key: string, requestedVersion: string | undefined, outcome: DeleteOutcome): Record<string, unknown> {
  const marker = outcome.deleteMarker && { DeleteMarker: true, DeleteMarkerVersionId: outcome.versionId };
  return { Key, VersionId: requestedVersion, ...marker };
}

export const objectOperations = {
  PutObject: { run: putObject },
  GetObject: { run: readObject },
  HeadObject: { run: readObject },
  DeleteObject: { run: deleteObject },
  DeleteObjects: { checksumRequired: true, run: deleteObjects, payload: { member: 'Delete', root: 'Delete', read: readDelete } },
} satisfies Record<string, S3Operation>;
