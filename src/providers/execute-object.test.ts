// Carrying out object changes against the sandbox: the body, its content type, and gtctl's hash, which the next
// read reports.
import { createHash } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectChange } from '../core/plan.js';
import { executeChange } from './execute.js';
import { readBuckets } from './read-buckets.js';
import { portsFor, PROJECT, providerWorld, runtimeFor, targets, type ProviderWorld } from './test-support.js';

let world: ProviderWorld;
const bucket = `objects-${process.pid}`;

beforeAll(async () => {
  world = await providerWorld();
  await world.eu.s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
});
afterAll(() => world.close());

function anUpload(key: string, text: string, action: ObjectChange['action'] = 'create'): ObjectChange {
  const body = Buffer.from(text);
  return {
    kind: 'object',
    address: `object/${bucket}/${key}`,
    action,
    bucket,
    key,
    bodyBase64: body.toString('base64'),
    sha256: createHash('sha256').update(body).digest('hex'),
    contentType: 'text/plain; charset=utf-8',
    diff: [],
    reasons: [],
    dependsOn: [],
  };
}

describe('object changes', () => {
  it('uploads on create and update; the next read sees the new hash', async () => {
    const aws = portsFor(world.sandbox);
    const runtime = runtimeFor(aws, world.w);
    const first = anUpload('Input/1.txt', '42');
    await executeChange(first, runtime);
    const second = anUpload('Input/1.txt', '43', 'update');
    await executeChange(second, runtime);

    const live = await readBuckets(portsFor(world.sandbox).s3, { project: PROJECT, read: targets({ objects: [`${bucket}/Input/1.txt`] }) });
    expect(live.objects[`${bucket}/Input/1.txt`]).toEqual({ sha256: second.sha256, etag: createHash('md5').update('43').digest('hex') });
    const object = await world.eu.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'Input/1.txt' }));
    expect([await object.Body!.transformToString(), object.ContentType]).toEqual(['43', 'text/plain; charset=utf-8']);
  });
});
