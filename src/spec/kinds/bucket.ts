import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Bucket, BucketEncryption, BucketObject, CorsRule, PublicAccessBlock } from '../../core/model.js';
import type { SpecDocument } from '../documents.js';
import type { SpecFiles } from '../spec-files.js';
import type { BucketDocument, WrittenCorsRule } from '../written.js';

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

export function normalizeBucket(written: BucketDocument, doc: SpecDocument, files: SpecFiles): { value: Bucket; diagnostics: Diagnostic[] } {
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

function corsOf(cors: NonNullable<BucketDocument['spec']>['cors']): readonly CorsRule[] {
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

function encryptionOf(encryption: NonNullable<BucketDocument['spec']>['encryption']): BucketEncryption {
  if (encryption === undefined || encryption === 'sse-s3') return { algorithm: 'AES256' };
  return { algorithm: 'aws:kms', kmsKeyId: encryption.kmsKeyId, bucketKey: encryption.bucketKey ?? true };
}

function publicAccessBlockOf(block: NonNullable<BucketDocument['spec']>['blockPublicAccess']): PublicAccessBlock {
  const all = typeof block === 'boolean' ? block : true;
  const each = typeof block === 'object' ? block : {};
  return {
    blockPublicAcls: each.blockPublicAcls ?? all,
    ignorePublicAcls: each.ignorePublicAcls ?? all,
    blockPublicPolicy: each.blockPublicPolicy ?? all,
    restrictPublicBuckets: each.restrictPublicBuckets ?? all,
  };
}
