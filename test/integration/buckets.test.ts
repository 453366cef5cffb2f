// Buckets and their objects through the built CLI: settings drift made out of band is planned as an update of just
// the drifted part and repaired with that one write (request log); an object changed out of band is uploaded again;
// a managed bucket the specs drop is deleted when empty and blocked while it holds objects; a same-named bucket
// gtctl does not own is never touched. Settings and objects are read back through the S3 SDK.
import {
  CreateBucketCommand,
  DeleteBucketCorsCommand,
  DeleteObjectCommand,
  GetBucketCorsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bucketDoc, projectDoc } from '../helpers/specs.js';
import { actions, PROJECT, useSandbox, writeCalls } from '../helpers/gtctl.js';

const world = useSandbox();

const BUCKET = 'gtctl-data';
/** Buckets need no workforce: a Project and the bucket are the whole tree. */
const tree = (...buckets: ReturnType<typeof bucketDoc>[]) => [projectDoc({ name: PROJECT }), ...buckets];
const withObjects = (name = BUCKET) => bucketDoc({ name, spec: { objects: [{ key: 'input/1.txt', content: '42' }, { key: 'input/2.txt', content: '19' }] } });

async function text(bucket: string, key: string): Promise<string> {
  return (await world.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
}

describe('bucket drift', () => {
  it('plans CORS removed out of band as exactly one update with the cors diff, and apply puts back only the CORS', async () => {
    const dir = await world.arrange(tree(withObjects()));
    const rules = (await world.s3.send(new GetBucketCorsCommand({ Bucket: BUCKET }))).CORSRules;
    await world.s3.send(new DeleteBucketCorsCommand({ Bucket: BUCKET }));

    const { code, plan } = await world.planJson(dir);
    expect(code).toBe(2);
    expect(actions(plan)).toEqual([`update bucket/${BUCKET}`]);
    expect(plan.changes[0]!.diff).toEqual([
      { path: 'cors', before: [], after: [{ allowedMethods: ['GET'], allowedOrigins: ['*'], allowedHeaders: [], exposeHeaders: ['Access-Control-Allow-Origin'] }] },
    ]);
    expect(plan.changes[0]!.reasons).toEqual(['cors drifted from the spec']);
    const human = await world.gtctl('plan', '-d', dir);
    expect(human.stdout).toContain(`~ bucket/${BUCKET}`);

    await world.clearRequests();
    const apply = await world.apply(dir);
    expect(apply.stdout).toContain('Apply complete: 1 done, 0 failed, 0 skipped.');
    expect(writeCalls(await world.requests())).toEqual(['s3.PutBucketCors']);
    expect((await world.s3.send(new GetBucketCorsCommand({ Bucket: BUCKET }))).CORSRules).toEqual(rules);
    expect(await world.changes(dir)).toEqual([]);
  });

  it('uploads again an object changed out of band, and only that one', async () => {
    const dir = await world.arrange(tree(withObjects()));
    await world.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'input/2.txt', Body: '20' }));

    const { code, plan } = await world.planJson(dir);
    expect(code).toBe(2);
    expect(actions(plan)).toEqual([`update object/${BUCKET}/input/2.txt`]);
    expect(plan.changes[0]!.reasons).toEqual(['content changed']);

    await world.clearRequests();
    await world.apply(dir);
    expect(writeCalls(await world.requests())).toEqual(['s3.PutObject']);
    expect(await text(BUCKET, 'input/2.txt')).toBe('19');
    expect((await world.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'input/2.txt' }))).ContentType).toBe('text/plain');
    expect(await world.changes(dir)).toEqual([]);
  });

  it('uploads an object deleted out of band; one rewritten with the same bytes is unchanged; dropped ones are kept', async () => {
    const dir = await world.arrange(tree(withObjects()));
    await world.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'input/2.txt' }));
    // The same bytes without gtctl's hash in the metadata: the ETag (MD5) shows that nothing changed.
    await world.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'input/1.txt', Body: '42' }));
    expect(actions((await world.planJson(dir)).plan)).toEqual([`create object/${BUCKET}/input/2.txt`]);
    await world.apply(dir);
    expect(await text(BUCKET, 'input/2.txt')).toBe('19');

    const fewer = await world.specs(tree(bucketDoc({ spec: { objects: [{ key: 'input/1.txt', content: '42' }] } })));
    expect(await world.changes(fewer)).toEqual([]);
    expect(await text(BUCKET, 'input/2.txt')).toBe('19');
  });
});

describe('a saved plan', () => {
  it('is refused as stale, with zero write calls, when the bucket or an object moved since it was made', async () => {
    const dir = await world.arrange(tree(withObjects()));
    await world.s3.send(new DeleteBucketCorsCommand({ Bucket: BUCKET }));
    const file = path.join(dir, '..', 'cors.plan.json');
    expect((await world.gtctl('plan', '-d', dir, '--out', file)).code).toBe(0);

    // Someone else puts a CORS rule of their own in place, and rewrites an object the plan left alone.
    await world.s3.send(new PutBucketCorsCommand({ Bucket: BUCKET, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['PUT'], AllowedOrigins: ['https://example.com'] }] } }));
    await world.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'input/1.txt', Body: '43' }));
    await world.clearRequests();
    const apply = await world.gtctl('apply', file);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(`error stale-plan: the plan is stale: live state changed since it was made (bucket/${BUCKET}, object/${BUCKET}/input/1.txt)`);
    expect(writeCalls(await world.requests())).toEqual([]);
  });
});

describe('a managed bucket dropped from the specs', () => {
  it('is deleted when empty', async () => {
    await world.arrange(tree(bucketDoc({ name: 'gtctl-empty' }), withObjects()));
    const dir = await world.specs(tree(withObjects()));

    const { code, plan } = await world.planJson(dir);
    expect({ code, changes: actions(plan) }).toEqual({ code: 2, changes: ['delete bucket/gtctl-empty'] });
    expect(plan.changes[0]!.reasons).toEqual(['not in the specs, and empty: delete the bucket']);
    const human = await world.gtctl('plan', '-d', dir);
    expect(human.stdout).toContain('These changes remove access or delete resources:');

    await world.clearRequests();
    await world.apply(dir);
    expect(writeCalls(await world.requests())).toEqual(['s3.DeleteBucket']);
    await expect(world.s3.send(new HeadBucketCommand({ Bucket: 'gtctl-empty' }))).rejects.toMatchObject({ name: 'NotFound' });
    expect(await world.changes(dir)).toEqual([]);
  });

  it('is blocked while it holds objects: plan and apply exit 1, nothing is written', async () => {
    await world.arrange(tree(bucketDoc({ name: 'gtctl-empty' }), withObjects()));
    const dir = await world.specs(tree(bucketDoc({ name: 'gtctl-empty' })));

    await world.clearRequests();
    const [{ code, plan }, apply] = await Promise.all([world.planJson(dir), world.gtctl('apply', '-d', dir, '--auto-approve')]);
    expect({ code, changes: actions(plan) }).toEqual({ code: 1, changes: [`blocked bucket/${BUCKET}`] });
    expect(plan.changes[0]!.reasons[0]).toMatch(/holds objects, object versions or delete markers, and gtctl never deletes a bucket that is not empty/);
    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain(`This plan cannot be applied: bucket/${BUCKET} is blocked`);
    expect(writeCalls(await world.requests())).toEqual([]);
    expect(await text(BUCKET, 'input/1.txt')).toBe('42');
  });
});

describe('a same-named bucket gtctl does not own', () => {
  it('is blocked and left alone', async () => {
    await world.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const dir = await world.specs(tree(withObjects()));

    await world.clearRequests();
    const [{ code, plan }, apply] = await Promise.all([world.planJson(dir), world.gtctl('apply', '-d', dir, '--auto-approve')]);
    expect(code).toBe(1);
    // Its objects are not planned either: uploading into someone else's bucket is no better than reconfiguring it.
    expect(actions(plan)).toEqual([`blocked bucket/${BUCKET}`]);
    expect(plan.changes[0]!.reasons[0]).toMatch(/bucket "gtctl-data" already exists and is not managed by gtctl/);
    expect(apply.code).toBe(1);
    expect(writeCalls(await world.requests())).toEqual([]);
  });
});
