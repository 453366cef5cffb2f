// Streaming jobs: fed object by object through an SNS topic, so there is no manifest to build, upload or check.
import { describe, expect, it } from 'vitest';
import { aProject } from '../test-support.js';
import { preflight } from './preflight.js';
import { resolveJob, type JobWorld } from './resolve.js';
import { aJob } from './test-support.js';

const TOPIC_IN = 'arn:aws:sns:us-east-1:000000000000:numbers-in';
const TOPIC_OUT = 'arn:aws:sns:us-east-1:000000000000:numbers-out';
const world: JobWorld = { region: 'us-east-1', account: '000000000000', project: aProject(), buckets: [], prefixes: {}, manifests: {}, vendorTeams: [], chainInputs: {} };
const streaming = aJob({ input: { stream: { snsTopicArn: TOPIC_IN } }, outputTopicArn: TOPIC_OUT });

describe('a streaming job', () => {
  it('reads its input topic and writes its output topic; gtctl uploads its template and labels only', () => {
    const { request, uploads, manifest } = resolveJob(streaming, world);
    expect(request.InputConfig.DataSource).toEqual({ SnsDataSource: { SnsTopicArn: TOPIC_IN } });
    expect(request.OutputConfig).toEqual({ S3OutputPath: streaming.output, SnsTopicArn: TOPIC_OUT });
    expect(manifest).toBeUndefined();
    expect(uploads.map((u) => u.uri.split('/').at(-1)!.split('-')[0])).toEqual(['template', 'labels']);
  });

  it('has nothing to pre-flight: its objects are published later', () => {
    expect(preflight(streaming, undefined, { corsOf: () => undefined, textOf: () => undefined })).toEqual([]);
  });
});
