// Buckets and the objects the specs keep in them. Settings drift is an update of just the drifted parts; a bucket
// this project owns that the specs dropped is deleted only when empty; objects are uploaded when missing or
// changed (by content hash) and never deleted.
import { createHash } from 'node:crypto';
import { address } from '../address.js';
import type { LiveBucket, LiveState } from '../live.js';
import type { Bucket, CorsRule, Project, PublicAccessBlock } from '../model.js';
import type { BucketChange, BucketPart, FieldDiff, ObjectChange } from '../plan.js';
import type { KindPlan } from './kind-plan.js';
import { desiredTags } from './ownership.js';
import { pairAndClaim } from './pairing.js';
import { same } from './values.js';

const NO_PUBLIC_ACCESS_BLOCK: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

export function planBuckets(desired: readonly Bucket[], project: Project, live: LiveState): KindPlan {
  const changes: Array<BucketChange | ObjectChange> = [];
  let noOps = 0;
  const { pairs, orphans } = pairAndClaim('bucket', desired, live.buckets, project.name);
  for (const pair of pairs) {
    const bucket = pair.desired;
    const current = pair.live;
    const region = bucket.region ?? project.region ?? live.region;
    const tags = desiredTags(project, bucket.tags);
    const base = { address: address.bucket(bucket.name), kind: 'bucket' as const, name: bucket.name, bucket, region, tags, dependsOn: [] };
    if (!current) {
      changes.push({ ...base, action: 'create', diff: settingsDiff(undefined, bucket, tags), reasons: [`create the bucket in ${region}`], parts: [...BUCKET_PARTS] });
    } else if (pair.clash) {
      changes.push({ ...base, action: 'blocked', blockedBy: pair.clash.code, diff: [], reasons: [pair.clash.reason], parts: [] });
      continue;
    } else {
      if (current.region !== region) {
        changes.push({ ...base, action: 'blocked', blockedBy: 'immutable', diff: [{ path: 'region', before: current.region, after: region }], reasons: [`the bucket is in ${current.region}; a bucket cannot move between Regions`], parts: [] });
        continue;
      }
      const diff = settingsDiff(current, bucket, tags);
      const parts = BUCKET_PARTS.filter((p) => diff.some((d) => d.path === p || d.path.startsWith(`${p}.`)));
      if (parts.length === 0) noOps++;
      else {
        // Adopting: the tag set S3 keeps whole is the spec's tags plus ownership (an import writes the bucket's own).
        const retagged = pair.claimed.retagged(diff.filter((d) => d.path.startsWith('tags.')));
        const reasons = parts.filter((p) => p !== 'tags' || retagged).map((p) => `${p} drifted from the spec`);
        changes.push({ ...base, action: 'update', diff, reasons: [...pair.claimed.lead, ...reasons], parts });
      }
    }
    for (const object of bucket.objects) {
      const liveObject = current ? live.objects[`${bucket.name}/${object.key}`] : undefined;
      const body = Buffer.from(object.bodyBase64, 'base64');
      const unchanged = liveObject && (liveObject.sha256 ? liveObject.sha256 === object.sha256 : liveObject.etag === createHash('md5').update(body).digest('hex'));
      if (unchanged) {
        noOps++;
        continue;
      }
      changes.push({
        address: address.object(bucket.name, object.key),
        kind: 'object',
        action: liveObject ? 'update' : 'create',
        bucket: bucket.name,
        key: object.key,
        bodyBase64: object.bodyBase64,
        sha256: object.sha256,
        contentType: object.contentType,
        diff: [{ path: 'sha256', ...(liveObject?.sha256 ? { before: liveObject.sha256 } : {}), after: object.sha256 }, { path: 'size', after: body.length }],
        reasons: [liveObject ? 'content changed' : 'upload'],
        dependsOn: [],
      });
    }
  }
  for (const current of orphans) {
    const base = { address: address.bucket(current.name), kind: 'bucket' as const, name: current.name, region: current.region, tags: {}, parts: [], dependsOn: [] };
    changes.push(
      current.empty
        ? { ...base, action: 'delete', diff: [{ path: 'region', before: current.region }], reasons: ['not in the specs, and empty: delete the bucket'] }
        : { ...base, action: 'blocked', blockedBy: 'bucket-not-empty', diff: [], reasons: ['not in the specs, but it holds objects, object versions or delete markers, and gtctl never deletes a bucket that is not empty: empty it (every version), or put it back in the specs'] },
    );
  }
  return { changes, noOps };
}

const BUCKET_PARTS: readonly BucketPart[] = ['cors', 'encryption', 'publicAccessBlock', 'objectOwnership', 'versioning', 'tags'];

/** Field diffs of the settings; for a bucket to create (`current` undefined) every setting is an `after`. */
function settingsDiff(current: LiveBucket | undefined, bucket: Bucket, tags: Record<string, string>): FieldDiff[] {
  const wanted: Record<Exclude<BucketPart, 'tags'>, unknown> = {
    cors: bucket.cors.map(normalizeCors),
    encryption: bucket.encryption,
    publicAccessBlock: bucket.publicAccessBlock,
    objectOwnership: bucket.objectOwnership,
    versioning: bucket.versioning ? 'Enabled' : 'Off',
  };
  if (!current) return [...Object.entries(wanted).map(([path, after]) => ({ path, after })), ...Object.entries(tags).map(([k, v]) => ({ path: `tags.${k}`, after: v }))];
  const have: Record<Exclude<BucketPart, 'tags'>, unknown> = {
    cors: current.cors.map(normalizeCors),
    encryption: current.encryption,
    publicAccessBlock: current.publicAccessBlock ?? NO_PUBLIC_ACCESS_BLOCK,
    // Before ownership controls existed, buckets behaved as ObjectWriter.
    objectOwnership: current.objectOwnership ?? 'ObjectWriter',
    // Versioning once enabled can only be suspended: "off" is satisfied by either.
    versioning: current.versioning === 'Enabled' ? 'Enabled' : 'Off',
  };
  const diff: FieldDiff[] = (Object.keys(wanted) as Array<keyof typeof wanted>)
    .filter((k) => !same(have[k], wanted[k]))
    .map((k) => ({ path: k, before: have[k], after: wanted[k] }));
  const keys = [...new Set([...Object.keys(current.tags), ...Object.keys(tags)])].sort();
  for (const k of keys) if (current.tags[k] !== tags[k]) diff.push({ path: `tags.${k}`, before: current.tags[k], after: tags[k] });
  return diff;
}

/** CORS rules compare in order (the first matching rule wins) but each rule's lists are sets. */
function normalizeCors(rule: CorsRule): CorsRule {
  const sorted = (xs: readonly string[]) => [...xs].sort();
  return {
    ...(rule.id ? { id: rule.id } : {}),
    allowedMethods: sorted(rule.allowedMethods),
    allowedOrigins: sorted(rule.allowedOrigins),
    allowedHeaders: sorted(rule.allowedHeaders),
    exposeHeaders: sorted(rule.exposeHeaders),
    ...(rule.maxAgeSeconds !== undefined ? { maxAgeSeconds: rule.maxAgeSeconds } : {}),
  };
}
