// The S3 port, in the terms of src/core/model.ts. S3 answers a request signed for another Region with a 301, so every
// bucket-scoped call goes through a client of the bucket's own Region: found once per bucket (ListBuckets tells it
// for the account's buckets, HeadBucket for any other) and cached for the life of the port. Configuration that was
// never set ("no CORS", "no tags", ...) comes back empty rather than as the 404 S3 answers with (aws-facts §8).
import type { BucketLocationConstraint, S3Client } from '@aws-sdk/client-s3';
import { GtctlError } from '../core/errors.js';
import type { BucketEncryption, CorsRule, ObjectOwnership } from '../core/model.js';
import type { ConnectRegional } from './clients.js';
import { httpStatusOf, isAwsError, responseHeaderOf } from './errors.js';
import { allPages, S3_MAX_BUCKETS, S3_MAX_KEYS } from './pagination.js';
import type { S3Port } from './ports.js';

type Sdk = typeof import('@aws-sdk/client-s3');

// The 404s S3 answers for a configuration that was never set: each means "none".
const isNone = (error: unknown, code: string) => isAwsError(error, code);
// A missing object: GetObject names it, HEAD cannot (no body) and is NotFound; a missing bucket is as good as missing.
const isMissingObject = (error: unknown) => ['NoSuchKey', 'NotFound', 'NoSuchBucket'].some((code) => isAwsError(error, code));

/** us-east-1 has no location constraint (an empty one); `EU` is eu-west-1's legacy name (aws-facts §8.3). */
function regionOfLocation(location: string | undefined): string {
  if (location === undefined || location === '') return 'us-east-1';
  return location === 'EU' ? 'eu-west-1' : location;
}

export function s3Port(connect: ConnectRegional<Sdk, S3Client>, defaultRegion: string): S3Port {
  // Bucket -> its Region, as a promise so that concurrent calls for one bucket share one lookup. Only found Regions
  // are kept: a bucket that did not exist may be created by the next change.
  const regions = new Map<string, Promise<string | undefined>>();

  async function lookUpRegion(bucket: string): Promise<string | undefined> {
    const { sdk, client } = await connect(defaultRegion);
    try {
      const answer = await client.send(new sdk.HeadBucketCommand({ Bucket: bucket }));
      return answer.BucketRegion ?? defaultRegion;
    } catch (error) {
      const status = httpStatusOf(error);
      if (status === 404) return undefined;
      if (status === 403) {
        throw new GtctlError(
          'bucket-not-yours',
          `the S3 bucket "${bucket}" exists but is owned by another account (or this identity may not list it)`,
          'user',
          'Bucket names are global: choose another name in the specs. If the bucket is yours, grant s3:ListBucket on it.',
          { cause: error },
        );
      }
      // Another Region's bucket: AWS names it in a header of the 301; an endpoint that does not (the sandbox) is
      // asked with GetBucketLocation, which every regional endpoint answers.
      if (status !== 301 && status !== 400) throw error;
      const named = responseHeaderOf(error, 'x-amz-bucket-region');
      if (named) return named;
      const location = await client.send(new sdk.GetBucketLocationCommand({ Bucket: bucket }));
      return regionOfLocation(location.LocationConstraint);
    }
  }

  function bucketRegion(bucket: string): Promise<string | undefined> {
    let found = regions.get(bucket);
    if (!found) {
      found = lookUpRegion(bucket);
      regions.set(bucket, found);
      // Forget failures and absences, so that a later call asks again.
      found.then(
        (region) => region === undefined && regions.get(bucket) === found && regions.delete(bucket),
        () => regions.get(bucket) === found && regions.delete(bucket),
      );
    }
    return found;
  }

  /** A client of the bucket's Region; for a bucket that does not exist, of the default Region (the call then fails as S3 says). */
  async function forBucket(bucket: string) {
    return connect((await bucketRegion(bucket)) ?? defaultRegion);
  }

  return {
    bucketRegion,

    async listBuckets() {
      const { sdk, client } = await connect(defaultRegion);
      const buckets = await allPages(async (ContinuationToken) => {
        const page = await client.send(new sdk.ListBucketsCommand({ MaxBuckets: S3_MAX_BUCKETS, ContinuationToken }));
        return [page.Buckets, page.ContinuationToken];
      });
      return buckets.flatMap(({ Name, BucketRegion }) => {
        if (Name === undefined) return [];
        if (BucketRegion) regions.set(Name, Promise.resolve(BucketRegion));
        return [{ name: Name, ...(BucketRegion ? { region: BucketRegion } : {}) }];
      });
    },

    async createBucket(bucket, region) {
      const { sdk, client } = await connect(region);
      try {
        await client.send(
          new sdk.CreateBucketCommand({
            Bucket: bucket,
            // us-east-1 is not a location constraint: naming it is an error there (aws-facts §8.3).
            ...(region !== 'us-east-1' && { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
          }),
        );
      } catch (error) {
        if (!isAwsError(error, 'BucketAlreadyOwnedByYou')) throw error;
        // Ours already (an interrupted apply made it): fine if it is where it should be.
        regions.delete(bucket);
        const actual = await bucketRegion(bucket);
        // Not visible yet (a create moments ago: aws-evidence E1) tells no Region; the wait after create settles it.
        if (actual !== undefined && actual !== region)
          throw new GtctlError('bucket-region', `the S3 bucket "${bucket}" already exists in ${actual ?? 'another Region'}, not ${region}`, 'user', 'A bucket cannot move between Regions: set its region in the spec, or choose another name.', { cause: error });
        return;
      }
      regions.set(bucket, Promise.resolve(region));
    },

    async deleteBucket(bucket) {
      const { sdk, client } = await forBucket(bucket);
      await client.send(new sdk.DeleteBucketCommand({ Bucket: bucket }));
      regions.delete(bucket);
    },

    async getTags(bucket) {
      const { sdk, client } = await forBucket(bucket);
      try {
        const { TagSet } = await client.send(new sdk.GetBucketTaggingCommand({ Bucket: bucket }));
        return Object.fromEntries((TagSet ?? []).flatMap((t) => (t.Key !== undefined ? [[t.Key, t.Value ?? '']] : [])));
      } catch (error) {
        if (isNone(error, 'NoSuchTagSet')) return {};
        throw error;
      }
    },

    async putTags(bucket, tags) {
      const { sdk, client } = await forBucket(bucket);
      const TagSet = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      // An empty TagSet is not documented to clear the tags; DeleteBucketTagging is.
      if (TagSet.length === 0) await client.send(new sdk.DeleteBucketTaggingCommand({ Bucket: bucket }));
      else await client.send(new sdk.PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet } }));
    },

    async getCors(bucket) {
      const { sdk, client } = await forBucket(bucket);
      try {
        const { CORSRules } = await client.send(new sdk.GetBucketCorsCommand({ Bucket: bucket }));
        return (CORSRules ?? []).map(
          (r): CorsRule => ({
            ...(r.ID ? { id: r.ID } : {}),
            allowedMethods: r.AllowedMethods ?? [],
            allowedOrigins: r.AllowedOrigins ?? [],
            allowedHeaders: r.AllowedHeaders ?? [],
            exposeHeaders: r.ExposeHeaders ?? [],
            ...(r.MaxAgeSeconds !== undefined ? { maxAgeSeconds: r.MaxAgeSeconds } : {}),
          }),
        );
      } catch (error) {
        if (isNone(error, 'NoSuchCORSConfiguration')) return [];
        throw error;
      }
    },

    async putCors(bucket, rules) {
      const { sdk, client } = await forBucket(bucket);
      // S3 refuses a configuration without rules; "no CORS" is the absence of the configuration.
      if (rules.length === 0) {
        await client.send(new sdk.DeleteBucketCorsCommand({ Bucket: bucket }));
        return;
      }
      const CORSRules = rules.map((r) => ({
        ...(r.id ? { ID: r.id } : {}),
        AllowedMethods: [...r.allowedMethods],
        AllowedOrigins: [...r.allowedOrigins],
        ...(r.allowedHeaders.length ? { AllowedHeaders: [...r.allowedHeaders] } : {}),
        ...(r.exposeHeaders.length ? { ExposeHeaders: [...r.exposeHeaders] } : {}),
        ...(r.maxAgeSeconds !== undefined ? { MaxAgeSeconds: r.maxAgeSeconds } : {}),
      }));
      await client.send(new sdk.PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules } }));
    },

    async getEncryption(bucket) {
      const { sdk, client } = await forBucket(bucket);
      let rule;
      try {
        rule = (await client.send(new sdk.GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration?.Rules?.[0];
      } catch (error) {
        // Every bucket has had SSE-S3 by default since January 2023; older ones may answer "none".
        if (isNone(error, 'ServerSideEncryptionConfigurationNotFoundError')) return { algorithm: 'AES256' };
        throw error;
      }
      const algorithm = rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? 'AES256';
      if (algorithm === 'AES256') return { algorithm: 'AES256' };
      if (algorithm === 'aws:kms') {
        return { algorithm: 'aws:kms', kmsKeyId: rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ?? '', bucketKey: rule?.BucketKeyEnabled ?? false };
      }
      // DSSE-KMS (and anything newer) has no spec form: gtctl would show it wrongly and could not keep it.
      throw new GtctlError('unsupported-encryption', `the S3 bucket "${bucket}" uses ${algorithm} default encryption, which gtctl does not manage`, 'user', 'Set the bucket to SSE-S3 or SSE-KMS, or leave it out of the specs.');
    },

    async putEncryption(bucket, encryption: BucketEncryption) {
      const { sdk, client } = await forBucket(bucket);
      const rule =
        encryption.algorithm === 'AES256'
          ? { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' as const } }
          : {
              // An empty key id is the account's AWS managed key (aws/s3).
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' as const, ...(encryption.kmsKeyId ? { KMSMasterKeyID: encryption.kmsKeyId } : {}) },
              BucketKeyEnabled: encryption.bucketKey,
            };
      await client.send(new sdk.PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [rule] } }));
    },

    async getPublicAccessBlock(bucket) {
      const { sdk, client } = await forBucket(bucket);
      try {
        const block = (await client.send(new sdk.GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration;
        return {
          blockPublicAcls: block?.BlockPublicAcls ?? false,
          ignorePublicAcls: block?.IgnorePublicAcls ?? false,
          blockPublicPolicy: block?.BlockPublicPolicy ?? false,
          restrictPublicBuckets: block?.RestrictPublicBuckets ?? false,
        };
      } catch (error) {
        if (isNone(error, 'NoSuchPublicAccessBlockConfiguration')) return undefined;
        throw error;
      }
    },

    async putPublicAccessBlock(bucket, block) {
      const { sdk, client } = await forBucket(bucket);
      await client.send(
        new sdk.PutPublicAccessBlockCommand({
          Bucket: bucket,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: block.blockPublicAcls,
            IgnorePublicAcls: block.ignorePublicAcls,
            BlockPublicPolicy: block.blockPublicPolicy,
            RestrictPublicBuckets: block.restrictPublicBuckets,
          },
        }),
      );
    },

    async getObjectOwnership(bucket) {
      const { sdk, client } = await forBucket(bucket);
      try {
        const rules = (await client.send(new sdk.GetBucketOwnershipControlsCommand({ Bucket: bucket }))).OwnershipControls?.Rules;
        return rules?.[0]?.ObjectOwnership as ObjectOwnership | undefined;
      } catch (error) {
        if (isNone(error, 'OwnershipControlsNotFoundError')) return undefined;
        throw error;
      }
    },

    async putObjectOwnership(bucket, ownership) {
      const { sdk, client } = await forBucket(bucket);
      await client.send(new sdk.PutBucketOwnershipControlsCommand({ Bucket: bucket, OwnershipControls: { Rules: [{ ObjectOwnership: ownership }] } }));
    },

    async getVersioning(bucket) {
      const { sdk, client } = await forBucket(bucket);
      const { Status } = await client.send(new sdk.GetBucketVersioningCommand({ Bucket: bucket }));
      return Status === 'Enabled' || Status === 'Suspended' ? Status : 'Off';
    },

    async putVersioning(bucket, status) {
      const { sdk, client } = await forBucket(bucket);
      await client.send(new sdk.PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: status } }));
    },

    async headObject(bucket, key) {
      const { sdk, client } = await forBucket(bucket);
      try {
        const head = await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }));
        return {
          ...(head.ETag ? { etag: head.ETag.replace(/^"|"$/g, '') } : {}),
          metadata: Object.fromEntries(Object.entries(head.Metadata ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
        };
      } catch (error) {
        if (isMissingObject(error)) return undefined;
        throw error;
      }
    },

    async getObjectText(bucket, key) {
      const { sdk, client } = await forBucket(bucket);
      try {
        const object = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
        return object.Body ? await object.Body.transformToString('utf-8') : '';
      } catch (error) {
        if (isMissingObject(error)) return undefined;
        throw error;
      }
    },

    async putObject(bucket, key, body, options) {
      const { sdk, client } = await forBucket(bucket);
      await client.send(
        new sdk.PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: options.contentType,
          ...(options.metadata ? { Metadata: { ...options.metadata } } : {}),
        }),
      );
    },

    async putObjectIfAbsent(bucket, key, body, options) {
      const { sdk, client } = await forBucket(bucket);
      try {
        await client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: options.contentType, IfNoneMatch: '*' }));
        return true;
      } catch (error) {
        const status = httpStatusOf(error);
        if (status === 412 || status === 409) return false;
        throw error;
      }
    },

    async deleteObject(bucket, key) {
      const { sdk, client } = await forBucket(bucket);
      try {
        await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (error) {
        if (isMissingObject(error)) return;
        throw error;
      }
    },

    async listObjects(bucket, prefix, limit) {
      const { sdk, client } = await forBucket(bucket);
      const MaxKeys = limit === undefined ? S3_MAX_KEYS : Math.min(Math.max(limit, 1), S3_MAX_KEYS);
      const objects = await allPages(
        async (ContinuationToken) => {
          const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys, ContinuationToken }));
          return [page.Contents, page.IsTruncated ? page.NextContinuationToken : undefined];
        },
        (items) => limit !== undefined && items.length >= limit,
      );
      // S3 lists keys in UTF-8 byte order, which is the order kept.
      return objects.slice(0, limit).flatMap((o) => (o.Key !== undefined ? [{ key: o.Key, size: o.Size ?? 0 }] : []));
    },

    // ListObjectVersions, not ListObjectsV2: noncurrent versions and delete markers keep a bucket from being deleted
    // (BucketNotEmpty) though ListObjectsV2 shows nothing (aws-evidence A9). Current objects are versions too.
    async isEmpty(bucket) {
      const { sdk, client } = await forBucket(bucket);
      const page = await client.send(new sdk.ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1 }));
      return !page.Versions?.length && !page.DeleteMarkers?.length;
    },

    // HeadBucket in the bucket's own Region; after CreateBucket it answers 404 until the bucket is visible (E1).
    async bucketExists(bucket) {
      const { sdk, client } = await forBucket(bucket);
      try {
        await client.send(new sdk.HeadBucketCommand({ Bucket: bucket }));
        return true;
      } catch (error) {
        if (httpStatusOf(error) === 404) return false;
        throw error;
      }
    },
  };
}
