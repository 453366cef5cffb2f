// What the S3 sandbox remembers: plain JSON (bodies base64, times epoch ms from the simulated clock) so
// `--state FILE` can persist it as is. Bucket configurations are kept in the model's own member names
// (`AllowedMethods`, `SSEAlgorithm`...), which is what the XML requests carry and the responses echo.

export interface S3State {
  /** By bucket name. Names are global across regions, as in one AWS partition. */
  buckets: Record<string, BucketRecord>;
}

export type VersioningStatus = 'Enabled' | 'Suspended';
export type ObjectOwnership = 'BucketOwnerPreferred' | 'ObjectWriter' | 'BucketOwnerEnforced';

export interface CorsRule {
  ID?: string;
  AllowedHeaders?: string[];
  AllowedMethods: string[];
  AllowedOrigins: string[];
  ExposeHeaders?: string[];
  MaxAgeSeconds?: number;
}

export interface EncryptionRule {
  SSEAlgorithm: string;
  KMSMasterKeyID?: string;
  BucketKeyEnabled: boolean;
}

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface BucketRecord {
  region: string;
  /**
   * While realistic, a new bucket is unknown to S3's front ends until this instant (aws-evidence E1): every call on
   * it but CreateBucket answers NoSuchBucket. Absent on buckets made by an ideal sandbox.
   */
  visibleAtMs?: number;
  /** Until this instant (after `visibleAtMs`) some front ends still lag: configuration writes may answer NoSuchBucket. */
  settledAtMs?: number;
  /** Only when CreateBucket sent the legacy alias `EU` (GetBucketLocation answers it); otherwise the region says it. */
  locationConstraint?: string;
  createdMs: number;
  cors?: CorsRule[];
  /** Never absent: every bucket encrypts with SSE-S3 unless told otherwise (since January 2023). */
  encryption: EncryptionRule;
  /** Absent after DeletePublicAccessBlock; new buckets block everything (since April 2023). */
  publicAccessBlock?: PublicAccessBlock;
  /** New buckets get BucketOwnerEnforced; absent only in hand-made state (no DeleteBucketOwnershipControls is served). */
  ownership?: ObjectOwnership;
  /** Absent until PutBucketTagging, and again after DeleteBucketTagging. */
  tags?: Tag[];
  /** Absent until versioning is first configured; once Enabled, a bucket can only be Suspended, never unset again. */
  versioning?: VersioningStatus;
  mfaDelete?: 'Enabled' | 'Disabled';
  /** The current version of each key whose latest version is an object: what GET, HEAD and ListObjectsV2 see. */
  objects: Record<string, ObjectRecord>;
  /**
   * Every other version of a key, newest first: noncurrent objects and delete markers. When a key has no entry in
   * `objects`, the first of these is its latest version and is a delete marker. Keys without any are left out;
   * absent in state saved before versions were kept.
   */
  history?: Record<string, VersionRecord[]>;
}

/** What a delete leaves in a versioned bucket: a version with no body that makes GET answer NoSuchKey. */
export interface DeleteMarkerRecord {
  deleteMarker: true;
  /** `null` when written while versioning was Suspended. */
  versionId: string;
  lastModifiedMs: number;
}

export type VersionRecord = ObjectRecord | DeleteMarkerRecord;

export interface ObjectRecord {
  /** base64 */
  body: string;
  /** Quoted, as the ETag header carries it: the MD5 of the body, except under SSE-KMS (an opaque value, as in AWS). */
  etag: string;
  size: number;
  /** Whole seconds: S3 reports Last-Modified to the second. */
  lastModifiedMs: number;
  /** Representation headers as sent (content-type always), replayed on GET and HEAD. */
  headers: Record<string, string>;
  /** `x-amz-meta-*` headers, names lower-cased without the prefix. */
  metadata: Record<string, string>;
  storageClass: string;
  encryption: { algorithm: string; kmsKeyId?: string; bucketKeyEnabled?: boolean };
  /** The checksum the writer sent and S3 verified or stored, returned when a reader asks for checksums. */
  checksum?: { algorithm: string; value: string };
  /** Present when written while versioning was configured: an id when Enabled, `null` when Suspended. */
  versionId?: string;
}

export function emptyS3State(): S3State {
  return { buckets: {} };
}

/** A bucket as CreateBucket leaves it: the defaults AWS applies to every new general purpose bucket. */
export function newBucket(region: string, createdMs: number, ownership: ObjectOwnership): BucketRecord {
  return {
    region,
    createdMs,
    encryption: { ...DEFAULT_ENCRYPTION },
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    ownership,
    objects: {},
  };
}

/** SSE-S3, what DeleteBucketEncryption returns a bucket to. */
export const DEFAULT_ENCRYPTION: EncryptionRule = { SSEAlgorithm: 'AES256', BucketKeyEnabled: false };
