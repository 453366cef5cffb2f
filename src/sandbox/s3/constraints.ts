// S3's input constraints for the operations the sandbox serves, written by hand from the S3 API reference: required
// members, key length, enums and ranges, in the model's member names (not the XML element names). `constraints.test.ts`
// cross-checks this table against the AWS model. The model says little (bucket names, for one, are plain strings):
// the rules S3 enforces beyond it live in the operations (`names.ts`, CORS methods, tag limits...).
// Where a member travels (path, header, query or XML payload) and which S3 error a violation becomes is
// `validation.ts`'s business.
import type { ConstraintTable, Shape } from '../constraints.js';
import type { S3OperationName } from './router.js';

type Structure = Shape & { type: 'structure' };

const string: Shape = { type: 'string' };
const oneOf = (...values: string[]): Shape => ({ type: 'string', enum: values });
const list = (member: Shape): Shape => ({ type: 'list', member });
const struct = (members: Record<string, Shape>, required: string[] = []): Structure => ({
  type: 'structure',
  members,
  ...(required.length > 0 ? { required } : {}),
});

const objectKey: Shape = { type: 'string', min: 1 };
const requestPayer = oneOf('requester');
const checksumAlgorithm = oneOf('CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME');
const objectOwnership = oneOf('BucketOwnerPreferred', 'ObjectWriter', 'BucketOwnerEnforced');
const serverSideEncryption = oneOf('AES256', 'aws:kms', 'aws:kms:dsse');

// Every served bucket-level request names its bucket in the path; nothing else is constrained for most of them.
const bucketOnly = struct({ Bucket: string }, ['Bucket']);

const locationConstraint = oneOf(
  'af-south-1', 'ap-east-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ca-central-1',
  'cn-north-1', 'cn-northwest-1', 'EU', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'sa-east-1', 'us-east-2',
  'us-gov-east-1', 'us-gov-west-1', 'us-west-1', 'us-west-2',
);

// Listings of a bucket's keys share these.
const listRequest = struct(
  { Bucket: string, EncodingType: oneOf('url'), RequestPayer: requestPayer, OptionalObjectAttributes: list(oneOf('RestoreStatus')) },
  ['Bucket'],
);

// Reads of an object share these.
const objectRead = struct({ Bucket: string, Key: objectKey, RequestPayer: requestPayer, ChecksumMode: oneOf('ENABLED') }, ['Bucket', 'Key']);

/**
 * Served operations that the reference model, trimmed to the calls gtctl made when it was cut, does not hold: written
 * from the S3 API reference alone, so `constraints.test.ts` cannot cross-check them and does not see them.
 */
type BeyondReferenceModel = 'ListObjectVersions';

/** The table `constraints.test.ts` cross-checks against the reference model. */
export const s3Constraints: ConstraintTable & Readonly<Record<Exclude<S3OperationName, BeyondReferenceModel>, Structure>> = {
  CreateBucket: struct(
    {
      Bucket: string,
      ACL: oneOf('private', 'public-read', 'public-read-write', 'authenticated-read'),
      CreateBucketConfiguration: struct({
        LocationConstraint: locationConstraint,
        Location: struct({ Type: oneOf('AvailabilityZone', 'LocalZone') }),
        Bucket: struct({ DataRedundancy: oneOf('SingleAvailabilityZone', 'SingleLocalZone'), Type: oneOf('Directory') }),
      }),
      ObjectOwnership: objectOwnership,
    },
    ['Bucket'],
  ),
  DeleteBucket: bucketOnly,
  HeadBucket: bucketOnly,
  ListBuckets: struct({ MaxBuckets: { type: 'integer', min: 1, max: 10000 } }),
  GetBucketLocation: bucketOnly,

  PutBucketCors: struct(
    {
      Bucket: string,
      CORSConfiguration: struct(
        { CORSRules: list(struct({ AllowedMethods: list(string), AllowedOrigins: list(string) }, ['AllowedMethods', 'AllowedOrigins'])) },
        ['CORSRules'],
      ),
      ChecksumAlgorithm: checksumAlgorithm,
    },
    ['Bucket', 'CORSConfiguration'],
  ),
  GetBucketCors: bucketOnly,
  DeleteBucketCors: bucketOnly,

  PutBucketEncryption: struct(
    {
      Bucket: string,
      ChecksumAlgorithm: checksumAlgorithm,
      ServerSideEncryptionConfiguration: struct(
        { Rules: list(struct({ ApplyServerSideEncryptionByDefault: struct({ SSEAlgorithm: serverSideEncryption }, ['SSEAlgorithm']) })) },
        ['Rules'],
      ),
    },
    ['Bucket', 'ServerSideEncryptionConfiguration'],
  ),
  GetBucketEncryption: bucketOnly,
  DeleteBucketEncryption: bucketOnly,

  PutPublicAccessBlock: struct(
    { Bucket: string, ChecksumAlgorithm: checksumAlgorithm, PublicAccessBlockConfiguration: struct({}) },
    ['Bucket', 'PublicAccessBlockConfiguration'],
  ),
  GetPublicAccessBlock: bucketOnly,
  DeletePublicAccessBlock: bucketOnly,

  PutBucketOwnershipControls: struct(
    { Bucket: string, OwnershipControls: struct({ Rules: list(struct({ ObjectOwnership: objectOwnership }, ['ObjectOwnership'])) }, ['Rules']) },
    ['Bucket', 'OwnershipControls'],
  ),
  GetBucketOwnershipControls: bucketOnly,

  PutBucketTagging: struct(
    {
      Bucket: string,
      ChecksumAlgorithm: checksumAlgorithm,
      Tagging: struct({ TagSet: list(struct({ Key: objectKey, Value: string }, ['Key', 'Value'])) }, ['TagSet']),
    },
    ['Bucket', 'Tagging'],
  ),
  GetBucketTagging: bucketOnly,
  DeleteBucketTagging: bucketOnly,

  PutBucketVersioning: struct(
    {
      Bucket: string,
      ChecksumAlgorithm: checksumAlgorithm,
      VersioningConfiguration: struct({ MFADelete: oneOf('Enabled', 'Disabled'), Status: oneOf('Enabled', 'Suspended') }),
    },
    ['Bucket', 'VersioningConfiguration'],
  ),
  GetBucketVersioning: bucketOnly,

  ListObjectsV2: listRequest,
  PutObject: struct(
    {
      Bucket: string,
      Key: objectKey,
      ACL: oneOf(
        'private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read',
        'bucket-owner-full-control',
      ),
      ChecksumAlgorithm: checksumAlgorithm,
      ServerSideEncryption: serverSideEncryption,
      StorageClass: oneOf(
        'STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE',
        'OUTPOSTS', 'GLACIER_IR', 'SNOW', 'EXPRESS_ONEZONE',
      ),
      RequestPayer: requestPayer,
      ObjectLockMode: oneOf('GOVERNANCE', 'COMPLIANCE'),
      ObjectLockLegalHoldStatus: oneOf('ON', 'OFF'),
    },
    ['Bucket', 'Key'],
  ),
  GetObject: objectRead,
  HeadObject: objectRead,
  DeleteObject: struct({ Bucket: string, Key: objectKey, RequestPayer: requestPayer }, ['Bucket', 'Key']),
  DeleteObjects: struct(
    {
      Bucket: string,
      Delete: struct({ Objects: list(struct({ Key: objectKey }, ['Key'])) }, ['Objects']),
      RequestPayer: requestPayer,
      ChecksumAlgorithm: checksumAlgorithm,
    },
    ['Bucket', 'Delete'],
  ),
};

/** Every served operation's constraints, the ones the reference model lacks included: what requests are checked against. */
export const servedConstraints: Readonly<Record<S3OperationName, Structure>> = { ...s3Constraints, ListObjectVersions: listRequest };
