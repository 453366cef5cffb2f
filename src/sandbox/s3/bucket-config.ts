// Bucket settings that are one small document each: default encryption, public access block, object ownership and
// versioning. Each Put replaces the whole document; what a Get answers without one differs per setting (AWS's own
// defaults for new buckets are in `state.ts`).
import { ServiceError, type RequestContext } from '../service.js';
import { requireBucket } from './buckets.js';
import type { S3Call, S3Operation } from './call.js';
import { DEFAULT_ENCRYPTION, type EncryptionRule, type ObjectOwnership, type PublicAccessBlock, type VersioningStatus } from './state.js';
import { bool, element, emptyResponse, list, malformedXml, text, xmlResponse, type XmlElement } from './xml.js';

// --- Default encryption: always present; deleting it returns the bucket to SSE-S3.

/** The payload once the constraint table has passed it (SSEAlgorithm present and known). */
interface EncryptionInput {
  Rules: Array<{ ApplyServerSideEncryptionByDefault?: { SSEAlgorithm: string; KMSMasterKeyID?: string }; BucketKeyEnabled?: boolean }>;
}

function readEncryption(root: XmlElement) {
  const rules = list(root['Rule']);
  if (rules === undefined) return {};
  return {
    Rules: rules.map((value) => {
      const rule = element(value);
      const byDefault = rule['ApplyServerSideEncryptionByDefault'];
      return {
        ...(byDefault !== undefined && {
          ApplyServerSideEncryptionByDefault: {
            SSEAlgorithm: text(element(byDefault)['SSEAlgorithm']),
            KMSMasterKeyID: text(element(byDefault)['KMSMasterKeyID']),
          },
        }),
        BucketKeyEnabled: bool(rule['BucketKeyEnabled']),
      };
    }),
  };
}

function putBucketEncryption(call: S3Call, ctx: RequestContext) {
  const bucket = requireBucket(call, ctx);
  const { Rules } = call.input['ServerSideEncryptionConfiguration'] as EncryptionInput;
  // UNCONFIRMED: that S3 takes exactly one rule, and one with a default algorithm.
  const byDefault = Rules.length === 1 ? Rules[0]!.ApplyServerSideEncryptionByDefault : undefined;
  if (byDefault === undefined) throw malformedXml();
  if (byDefault.KMSMasterKeyID !== undefined && byDefault.SSEAlgorithm === 'AES256') {
    throw new ServiceError('InvalidArgument', 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse');
  }
  bucket.encryption = {
    SSEAlgorithm: byDefault.SSEAlgorithm,
    ...(byDefault.KMSMasterKeyID !== undefined && { KMSMasterKeyID: byDefault.KMSMasterKeyID }),
    BucketKeyEnabled: Rules[0]!.BucketKeyEnabled ?? false,
  };
  return emptyResponse(200);
}

function getBucketEncryption(call: S3Call, ctx: RequestContext) {
  const { SSEAlgorithm, KMSMasterKeyID, BucketKeyEnabled }: EncryptionRule = requireBucket(call, ctx).encryption;
  return xmlResponse('ServerSideEncryptionConfiguration', {
    Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm, KMSMasterKeyID }, BucketKeyEnabled },
  });
}

function deleteBucketEncryption(call: S3Call, ctx: RequestContext) {
  requireBucket(call, ctx).encryption = { ...DEFAULT_ENCRYPTION };
  return emptyResponse(204);
}

// --- Public access block: flags left out of a Put are false.

function readPublicAccessBlock(root: XmlElement): Partial<PublicAccessBlock> {
  return {
    BlockPublicAcls: bool(root['BlockPublicAcls']),
    IgnorePublicAcls: bool(root['IgnorePublicAcls']),
    BlockPublicPolicy: bool(root['BlockPublicPolicy']),
    RestrictPublicBuckets: bool(root['RestrictPublicBuckets']),
  };
}

function putPublicAccessBlock(call: S3Call, ctx: RequestContext) {
  const bucket = requireBucket(call, ctx);
  const given = call.input['PublicAccessBlockConfiguration'] as Partial<PublicAccessBlock>;
  bucket.publicAccessBlock = {
    BlockPublicAcls: given.BlockPublicAcls ?? false,
    IgnorePublicAcls: given.IgnorePublicAcls ?? false,
    BlockPublicPolicy: given.BlockPublicPolicy ?? false,
    RestrictPublicBuckets: given.RestrictPublicBuckets ?? false,
  };
  return emptyResponse(200);
}

function getPublicAccessBlock(call: S3Call, ctx: RequestContext) {
  const block = requireBucket(call, ctx).publicAccessBlock;
  if (!block) throw new ServiceError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
  return xmlResponse('PublicAccessBlockConfiguration', { ...block });
}

function deletePublicAccessBlock(call: S3Call, ctx: RequestContext) {
  delete requireBucket(call, ctx).publicAccessBlock;
  return emptyResponse(204);
}

// --- Object ownership.

function readOwnershipControls(root: XmlElement) {
  const rules = list(root['Rule']);
  return rules === undefined ? {} : { Rules: rules.map((rule) => ({ ObjectOwnership: text(element(rule)['ObjectOwnership']) })) };
}

function putBucketOwnershipControls(call: S3Call, ctx: RequestContext) {
  const bucket = requireBucket(call, ctx);
  const { Rules } = call.input['OwnershipControls'] as { Rules: Array<{ ObjectOwnership: ObjectOwnership }> };
  // UNCONFIRMED: that more than one rule is refused as a schema violation.
  if (Rules.length !== 1) throw malformedXml();
  bucket.ownership = Rules[0]!.ObjectOwnership;
  return emptyResponse(200);
}

function getBucketOwnershipControls(call: S3Call, ctx: RequestContext) {
  const ownership = requireBucket(call, ctx).ownership;
  if (!ownership) throw new ServiceError('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', 404);
  return xmlResponse('OwnershipControls', { Rule: { ObjectOwnership: ownership } });
}

// --- Versioning: unset until first configured; a Put without Status leaves the status as it was.

function readVersioning(root: XmlElement) {
  return { Status: text(root['Status']), MFADelete: text(root['MfaDelete']) };
}

function putBucketVersioning(call: S3Call, ctx: RequestContext) {
  const bucket = requireBucket(call, ctx);
  const { Status, MFADelete } = call.input['VersioningConfiguration'] as { Status?: VersioningStatus; MFADelete?: 'Enabled' | 'Disabled' };
  if (Status !== undefined) bucket.versioning = Status;
  if (MFADelete !== undefined) bucket.mfaDelete = MFADelete;
  return emptyResponse(200);
}

function getBucketVersioning(call: S3Call, ctx: RequestContext) {
  const bucket = requireBucket(call, ctx);
  return xmlResponse('VersioningConfiguration', { Status: bucket.versioning, MfaDelete: bucket.mfaDelete });
}

export const bucketConfigOperations = {
  PutBucketEncryption: {
    inFlight: 'configure', checksumRequired: true, run: putBucketEncryption,
    payload: { member: 'ServerSideEncryptionConfiguration', root: 'ServerSideEncryptionConfiguration', read: readEncryption },
  },
  GetBucketEncryption: { run: getBucketEncryption },
  DeleteBucketEncryption: { run: deleteBucketEncryption },
  PutPublicAccessBlock: {
    inFlight: 'configure', checksumRequired: true, run: putPublicAccessBlock,
    payload: { member: 'PublicAccessBlockConfiguration', root: 'PublicAccessBlockConfiguration', read: readPublicAccessBlock },
  },
  GetPublicAccessBlock: { run: getPublicAccessBlock },
  DeletePublicAccessBlock: { inFlight: 'configure', run: deletePublicAccessBlock },
  PutBucketOwnershipControls: {
    inFlight: 'configure', checksumRequired: true, run: putBucketOwnershipControls,
    payload: { member: 'OwnershipControls', root: 'OwnershipControls', read: readOwnershipControls },
  },
  GetBucketOwnershipControls: { run: getBucketOwnershipControls },
  PutBucketVersioning: {
    inFlight: 'configure', checksumRequired: true, run: putBucketVersioning,
    payload: { member: 'VersioningConfiguration', root: 'VersioningConfiguration', read: readVersioning },
  },
  GetBucketVersioning: { run: getBucketVersioning },
} satisfies Record<string, S3Operation>;
