// Reading S3 for a plan, against the sandbox: state arranged with the SDK's own clients, read with gtctl's ports.
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  PutBucketCorsCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../sandbox/sagemaker/test-support.js';
import { readBuckets } from './read-buckets.js';
import { portsFor, PROJECT, providerWorld, targets, type ProviderWorld } from './test-support.js';

let world: ProviderWorld;
let counter = 0;
const unique = (hint: string) => `${hint}-${process.pid}-${++counter}`;

beforeAll(async () => void (world = await providerWorld()));
afterAll(() => world.close());

async function bucket(w: World, tags?: Record<string, string>): Promise<string> {
  const name = unique(`b-${w.region}`);
  await w.s3.send(new CreateBucketCommand({ Bucket: name, ...(w.region !== 'us-east-1' && { CreateBucketConfiguration: { LocationConstraint: w.region as 'eu-west-1' } }) }));
  if (tags) await w.s3.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } }));
  return name;
}

const put = (w: World, Bucket: string, Key: string, Body: string, Metadata?: Record<string, string>) =>
  w.s3.send(new PutObjectCommand({ Bucket, Key, Body: Buffer.from(Body), ...(Metadata && { Metadata }) }));

describe('declared buckets', () => {
  it('reads every setting of the declared buckets that exist, in any Region, and leaves out those that do not', async () => {
    const { w, eu } = world;
    const east = await bucket(w, { 'gtctl:project': PROJECT, team: 'a' });
    await w.s3.send(
      new PutBucketCorsCommand({ Bucket: east, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'], ExposeHeaders: ['Access-Control-Allow-Origin'] }] } }),
    );
    await w.s3.send(new PutBucketVersioningCommand({ Bucket: east, VersioningConfiguration: { Status: 'Enabled' } }));
    await w.s3.send(new DeletePublicAccessBlockCommand({ Bucket: east }));
    await put(w, east, 'Input/1.txt', '42');
    const west = await bucket(eu);
    const missing = unique('missing');

    const aws = portsFor(world.sandbox);
    const live = await readBuckets(aws.s3, { project: PROJECT, read: targets({ buckets: [west, missing, east] }) });
    expect(live.buckets).toEqual(
      [
        {
          name: east,
          region: 'us-east-1',
          tags: { 'gtctl:project': PROJECT, team: 'a' },
          cors: [{ allowedMethods: ['GET'], allowedOrigins: ['*'], allowedHeaders: [], exposeHeaders: ['Access-Control-Allow-Origin'] }],
          encryption: { algorithm: 'AES256' },
          objectOwnership: 'BucketOwnerEnforced',
          versioning: 'Enabled',
          empty: false,
        },
        {
          name: west,
          region: 'eu-west-1',
          tags: {},
          cors: [],
          encryption: { algorithm: 'AES256' },
          publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
          objectOwnership: 'BucketOwnerEnforced',
          versioning: 'Off',
          empty: true,
        },
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    // The listing gave both Regions: one HeadBucket, for the bucket that is not there.
    const calls = aws.calls();
    expect(calls['s3.ListBuckets']).toBe(1);
    expect(calls['s3.HeadBucket']).toBe(1);
    expect(calls['s3.GetBucketCors']).toBe(2);
    expect(calls['s3.ListObjectVersions']).toBe(2);
  });
});

describe('buckets the specs no longer declare', () => {
  it('finds those this project owns by their tag, reads them in full, and leaves everyone else’s alone', async () => {
    const { w, eu } = world;
    const ours = await bucket(eu, { 'gtctl:project': PROJECT });
    await put(eu, ours, 'keep.txt', 'x');
    const oursEmpty = await bucket(w, { 'gtctl:project': PROJECT, owner: 'me' });
    const otherProject = await bucket(w, { 'gtctl:project': 'someone-else' });
    const untagged = await bucket(w);

    const aws = portsFor(world.sandbox);
    const live = await readBuckets(aws.s3, { project: PROJECT, read: targets() });
    const names = live.buckets.map((b) => b.name);
    expect(names).toContain(ours);
    expect(names).toContain(oursEmpty);
    expect(names).not.toContain(otherProject);
    expect(names).not.toContain(untagged);
    expect(live.buckets.find((b) => b.name === ours)).toMatchObject({ region: 'eu-west-1', empty: false });
    expect(live.buckets.find((b) => b.name === oursEmpty)).toMatchObject({ region: 'us-east-1', empty: true, tags: { owner: 'me' } });
    // One tag read per bucket of the account, none twice; no HeadBucket at all (ListBuckets gave the Regions).
    const inAccount = (await aws.s3.listBuckets()).length;
    const calls = aws.calls();
    expect(calls['s3.GetBucketTagging']).toBe(inAccount);
    expect(calls['s3.HeadBucket']).toBeUndefined();
    expect(calls['s3.GetBucketEncryption']).toBe(live.buckets.length);
  });
});

describe('objects, prefixes and manifests', () => {
  let data: string;
  beforeAll(async () => {
    const { w } = world;
    data = await bucket(w);
    await put(w, data, 'Input/1.txt', '42', { 'gtctl-sha256': 'a1b2' });
    await put(w, data, 'Input/2.txt', '19');
    await put(w, data, 'Input/', ''); // a console "folder"
    await put(w, data, 'Inputs/3.txt', 'not under Input/');
    await put(w, data, 'manifest.jsonl', '{"source":"42"}\n');
  });

  it('heads declared objects: gtctl’s hash when it wrote one, the ETag always; missing objects and buckets are absent', async () => {
    const aws = portsFor(world.sandbox);
    const nowhere = unique('nowhere');
    const live = await readBuckets(aws.s3, { project: PROJECT, read: targets({ objects: [`${data}/Input/1.txt`, `${data}/Input/2.txt`, `${data}/Input/9.txt`, `${nowhere}/x.txt`] }) });
    expect(live.objects).toEqual({
      [`${data}/Input/1.txt`]: { sha256: 'a1b2', etag: 'a1d0c6e83f027327d8461063f4ac58a6' },
      [`${data}/Input/2.txt`]: { etag: '1f0e3dad99908345f7439f8ffabdffc4' },
    });
    expect(aws.calls()['s3.HeadObject']).toBe(3);
  });

  it('lists a prefix in key order without folder markers, with the texts when the task inlines them; a missing bucket has none', async () => {
    const aws = portsFor(world.sandbox);
    const withText = `s3://${data}/Input/`;
    const keysOnly = `s3://${data}/Input`;
    const gone = `s3://${unique('gone')}/Input/`;
    const live = await readBuckets(aws.s3, {
      project: PROJECT,
      read: targets({ prefixes: [{ uri: withText, withText: true, jobs: [] }, { uri: keysOnly, withText: false, jobs: [] }, { uri: gone, withText: true, jobs: [] }] }),
    });
    expect(live.prefixes).toEqual({
      [withText]: [
        { key: 'Input/1.txt', text: '42' },
        { key: 'Input/2.txt', text: '19' },
      ],
      [keysOnly]: [{ key: 'Input/1.txt' }, { key: 'Input/2.txt' }, { key: 'Inputs/3.txt' }],
      [gone]: [],
    });
    expect(aws.calls()['s3.GetObject']).toBe(2);
  });

  it('reads the manifests jobs name; missing ones are absent', async () => {
    const aws = portsFor(world.sandbox);
    const manifest = `s3://${data}/manifest.jsonl`;
    const live = await readBuckets(aws.s3, {
      project: PROJECT,
      read: targets({ manifests: [manifest, `s3://${data}/none.jsonl`, `s3://${unique('gone')}/m.jsonl`] }),
    });
    expect(live.manifests).toEqual({ [manifest]: '{"source":"42"}\n' });
  });

  it("reads the CORS of undeclared buckets holding jobs' images, those the manifests name too; unknown ones are absent", async () => {
    const { w } = world;
    const [named, inManifest, declared] = await Promise.all([bucket(w), bucket(w), bucket(w)]);
    await w.s3.send(new PutBucketCorsCommand({ Bucket: named, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'] }] } }));
    const gone = unique('gone');
    const cats = `s3://${data}/cats.manifest`;
    await put(w, data, 'cats.manifest', [inManifest, gone, declared].map((b) => `{"source-ref":"s3://${b}/1.jpg"}\n`).join(''));

    const aws = portsFor(world.sandbox);
    const live = await readBuckets(aws.s3, { project: PROJECT, read: targets({ buckets: [declared], manifests: [cats], imageBuckets: [named] }) });
    expect(live.imageBucketCors).toEqual({
      [named]: [{ allowedMethods: ['GET'], allowedOrigins: ['*'], allowedHeaders: [], exposeHeaders: [] }],
      [inManifest]: [],
    });
    // One read each; the declared bucket's CORS (and owned ones', from earlier tests) comes with its settings.
    expect(aws.calls()['s3.GetBucketCors']).toBe(live.buckets.length + 2);
  });
});
