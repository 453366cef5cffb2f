import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { ImportedBucket } from '../../core/import.js';
import type { Bucket, BucketEncryption, BucketObject, CorsRule, PublicAccessBlock } from '../../core/model.js';
import type { SpecDocument } from '../documents.js';
import type { ReferencedFiles } from '../referenced-files.js';
import type { BucketDocument, WrittenCorsRule } from '../written.js';
import { writtenDocument, writtenList, writtenTags } from './envelope.js';

type BucketSpec = NonNullable<BucketDocument['spec']>;
type CorsPreset = keyof typeof CORS_PRESETS;

/** Image and text tasks: the labeling portal fetches objects from the browser (aws-facts §8.1). */
const GROUND_TRUTH_CORS: CorsRule = {
  allowedMethods: ['GET'],
  allowedOrigins: ['*'],
  allowedHeaders: [],
  exposeHeaders: ['Access-Control-Allow-Origin'],
};

/** Video frame and 3D point cloud tasks, on input and output buckets (aws-facts §8.1). */
const GROUND_TRUTH_VIDEO_CORS: CorsRule = {
  allowedMethods: ['GET', 'HEAD', 'PUT'],
  allowedOrigins: ['*'],
  allowedHeaders: ['*'],
  exposeHeaders: ['Access-Control-Allow-Origin'],
  maxAgeSeconds: 3000,
};

export const CORS_PRESETS: Readonly<Record<'ground-truth' | 'ground-truth-video' | 'none', readonly CorsRule[]>> = {
  'ground-truth': [GROUND_TRUTH_CORS],
  'ground-truth-video': [GROUND_TRUTH_VIDEO_CORS],
  none: [],
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  liquid: 'text/html',
  json: 'application/json',
  jsonl: 'application/jsonlines',
  manifest: 'application/jsonlines',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

export function contentTypeFor(key: string): string {
  const extension = /\.([^./]+)$/.exec(key)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

export function normalizeBucket(written: BucketDocument, doc: SpecDocument, files: ReferencedFiles): { value: Bucket; diagnostics: Diagnostic[] } {
  const spec = written.spec ?? {};
  const diagnostics: Diagnostic[] = [];
  const objects: BucketObject[] = [];
  (spec.objects ?? []).forEach((object, index) => {
    // Both or neither of content/file is reported by a rule; here, content wins and a missing file is skipped.
    let body: Buffer | undefined;
    if (object.content !== undefined) body = Buffer.from(object.content, 'utf8');
    else if (object.file !== undefined) {
      const read = files.read(doc, ['spec', 'objects', index, 'file'], object.file);
      if ('diagnostic' in read) diagnostics.push(read.diagnostic);
      else body = read.body;
    }
    if (!body) return;
    objects.push({
      key: object.key,
      bodyBase64: body.toString('base64'),
      sha256: createHash('sha256').update(body).digest('hex'),
      contentType: object.contentType ?? contentTypeFor(object.key),
    });
  });
  const value: Bucket = {
    name: written.metadata.name,
    ...(spec.region ? { region: spec.region } : {}),
    cors: corsOf(spec.cors),
    encryption: encryptionOf(spec.encryption),
    publicAccessBlock: publicAccessBlockOf(spec.blockPublicAccess),
    objectOwnership: spec.objectOwnership ?? 'BucketOwnerEnforced',
    versioning: spec.versioning ?? false,
    tags: spec.tags ?? {},
    objects: objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    adopt: written.metadata.adopt ?? false,
  };
  return { value, diagnostics };
}

function corsOf(cors: BucketSpec['cors']): readonly CorsRule[] {
  if (cors === undefined) return CORS_PRESETS['ground-truth'];
  if (typeof cors === 'string') return CORS_PRESETS[cors];
  return cors.map(
    (rule: WrittenCorsRule): CorsRule => ({
      ...(rule.id ? { id: rule.id } : {}),
      allowedMethods: rule.allowedMethods,
      allowedOrigins: rule.allowedOrigins,
      allowedHeaders: rule.allowedHeaders ?? [],
      exposeHeaders: rule.exposeHeaders ?? [],
      ...(rule.maxAgeSeconds !== undefined ? { maxAgeSeconds: rule.maxAgeSeconds } : {}),
    }),
  );
}

function encryptionOf(encryption: BucketSpec['encryption']): BucketEncryption {
  if (encryption === undefined || encryption === 'sse-s3') return { algorithm: 'AES256' };
  return { algorithm: 'aws:kms', kmsKeyId: encryption.kmsKeyId, bucketKey: encryption.bucketKey ?? true };
}

function publicAccessBlockOf(block: BucketSpec['blockPublicAccess']): PublicAccessBlock {
  const all = typeof block === 'boolean' ? block : true;
  const each = typeof block === 'object' ? block : {};
  return {
    blockPublicAcls: each.blockPublicAcls ?? all,
    ignorePublicAcls: each.ignorePublicAcls ?? all,
    blockPublicPolicy: each.blockPublicPolicy ?? all,
    restrictPublicBuckets: each.restrictPublicBuckets ?? all,
  };
}

/**
 * The inverse of normalizeBucket, every setting written out: an imported bucket shows what it has, defaults or not.
 * Objects are not written (their bodies belong in files), nor an object ownership the bucket does not have.
 */
export function writeBucket(bucket: ImportedBucket): BucketDocument {
  const { encryption } = bucket;
  const spec: BucketSpec = {
    ...(bucket.region ? { region: bucket.region } : {}),
    cors: writtenCors(bucket.cors),
    encryption: encryption.algorithm === 'AES256' ? 'sse-s3' : { kmsKeyId: encryption.kmsKeyId, bucketKey: encryption.bucketKey },
    blockPublicAccess: writtenPublicAccessBlock(bucket.publicAccessBlock),
    ...(bucket.objectOwnership ? { objectOwnership: bucket.objectOwnership } : {}),
    versioning: bucket.versioning,
    ...writtenTags(bucket.tags),
  };
  return writtenDocument('Bucket', bucket.name, spec, bucket.adopt);
}

/** A preset's name when the rules are that preset's (in any order), else the rules as written. */
export function writtenCors(rules: readonly CorsRule[]): BucketSpec['cors'] {
  const preset = (Object.keys(CORS_PRESETS) as CorsPreset[]).find((name) => sameCors(CORS_PRESETS[name], rules));
  if (preset) return preset;
  return rules.map((r) => ({
    ...(r.id ? { id: r.id } : {}),
    allowedMethods: [...r.allowedMethods],
    allowedOrigins: [...r.allowedOrigins],
    ...writtenList('allowedHeaders', r.allowedHeaders),
    ...writtenList('exposeHeaders', r.exposeHeaders),
    ...(r.maxAgeSeconds !== undefined ? { maxAgeSeconds: r.maxAgeSeconds } : {}),
  }));
}

function sameCors(a: readonly CorsRule[], b: readonly CorsRule[]): boolean {
  const norm = (rules: readonly CorsRule[]) =>
    JSON.stringify(rules.map((r) => ({ id: r.id ?? '', m: [...r.allowedMethods].sort(), o: [...r.allowedOrigins].sort(), h: [...r.allowedHeaders].sort(), e: [...r.exposeHeaders].sort(), a: r.maxAgeSeconds ?? null })));
  return norm(a) === norm(b);
}

/** `true` / `false` for all four settings alike, else each one. */
function writtenPublicAccessBlock(block: PublicAccessBlock): BucketSpec['blockPublicAccess'] {
  const flags = Object.values(block);
  return flags.every((f) => f) ? true : flags.every((f) => !f) ? false : { ...block };
}
