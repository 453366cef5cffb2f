// The managed execution role's policy, derived from the jobs' requests (core/execution-role.ts).
import { describe, expect, it } from 'vitest';
import { executionPolicy, managedRoleArn, managedRoleName, trustPolicy, type RoleJob } from './execution-role.js';
import type { LabelingJobRequest } from './jobs/request.js';

function request(name: string, overrides: { manifest?: string; output?: string; kms?: string; topicIn?: string; topicOut?: string; pre?: string; labels?: string; template?: string } = {}): LabelingJobRequest {
  return {
    LabelingJobName: name,
    LabelAttributeName: name,
    RoleArn: managedRoleArn('000000000000', { name: 'labeling' }),
    InputConfig: { DataSource: overrides.topicIn ? { SnsDataSource: { SnsTopicArn: overrides.topicIn } } : { S3DataSource: { ManifestS3Uri: overrides.manifest ?? `s3://data/out/gtctl/${name}/manifest-1.manifest` } } },
    OutputConfig: { S3OutputPath: overrides.output ?? 's3://data/out/', ...(overrides.kms ? { KmsKeyId: overrides.kms } : {}), ...(overrides.topicOut ? { SnsTopicArn: overrides.topicOut } : {}) },
    LabelCategoryConfigS3Uri: overrides.labels ?? `s3://data/out/gtctl/${name}/labels-1.json`,
    HumanTaskConfig: {
      WorkteamArn: 'arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/labelers',
      UiConfig: { UiTemplateS3Uri: overrides.template ?? `s3://data/out/gtctl/${name}/template-1.liquid.html` },
      PreHumanTaskLambdaArn: overrides.pre ?? 'arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass',
      TaskTitle: 't',
      TaskDescription: 'd',
      NumberOfHumanWorkersPerDataObject: 1,
      TaskTimeLimitInSeconds: 300,
      TaskAvailabilityLifetimeInSeconds: 864000,
      MaxConcurrentTaskCount: 1000,
      AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: 'arn:aws:lambda:us-east-1:432418664414:function:ACS-TextMultiClass' },
    },
    Tags: [],
  };
}

const statement = (jobs: RoleJob[], sid: string) => executionPolicy(jobs, 'us-east-1', '000000000000').Statement.find((s) => s.Sid === sid);

describe('the managed execution role', () => {
  it('is named after the project under /gtctl/, within IAM\'s 64 characters, and trusts SageMaker for this account only', () => {
    expect(managedRoleArn('123456789012', { name: 'labeling' })).toBe('arn:aws:iam::123456789012:role/gtctl/gtctl-labeling-labeling');
    const long = managedRoleName({ name: 'x'.repeat(63) });
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).not.toBe(managedRoleName({ name: `${'x'.repeat(62)}y` }));
    expect(trustPolicy('123456789012').Statement[0]).toMatchObject({ Principal: { Service: 'sagemaker.amazonaws.com' }, Action: ['sts:AssumeRole'], Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } });
  });

  it('reads a prefix job\'s data and its own files, and writes only its output folder', () => {
    const jobs = [{ request: request('odd-even'), fromPrefix: 's3://data/input/' }];
    expect(statement(jobs, 'ReadJobInputs')!.Resource).toEqual(['arn:aws:s3:::data/input/*', 'arn:aws:s3:::data/out/gtctl/odd-even/*']);
    expect(statement(jobs, 'WriteJobOutputs')).toMatchObject({ Action: ['s3:AbortMultipartUpload', 's3:PutObject'], Resource: ['arn:aws:s3:::data/out/odd-even/*'] });
    expect(statement(jobs, 'ListJobPrefixes1')).toMatchObject({ Resource: ['arn:aws:s3:::data'], Condition: { StringLike: { 's3:prefix': ['input/*', 'out/gtctl/odd-even/*', 'out/odd-even/*'] } } });
  });

  it('reads a manifest\'s objects where its source-refs and sequence files point, and a chain\'s source output and data', () => {
    const manifest = '{"source-ref":"s3://images/cats/1.jpg"}\n{"source-ref":"s3://images/dogs/2.jpg"}\n';
    const boxes = { request: request('boxes', { manifest: 's3://lists/boxes.manifest', labels: 's3://lists/labels.json', template: 's3://lists/t.html' }), manifest };
    const check = {
      request: request('check', { output: 's3://reviews/', manifest: 's3://data/out/boxes/manifests/output/output.manifest', labels: 's3://reviews/gtctl/check/l.json', template: 's3://reviews/gtctl/check/t.html' }),
      fromJob: 'boxes',
    };
    const tracks = { request: request('tracks'), manifest: '{"source-ref":"s3://data/seq/1.json"}', sequences: ['{"prefix":"s3://frames/clip1/"}'] };
    const reads = statement([boxes, check, tracks], 'ReadJobInputs')!.Resource;
    expect(reads).toEqual([
      'arn:aws:s3:::data/out/boxes/*',
      'arn:aws:s3:::data/out/gtctl/boxes/*',
      'arn:aws:s3:::data/out/gtctl/tracks/*',
      'arn:aws:s3:::data/seq/*',
      'arn:aws:s3:::frames/clip1/*',
      'arn:aws:s3:::images/cats/*',
      'arn:aws:s3:::images/dogs/*',
      'arn:aws:s3:::lists/boxes.manifest',
      'arn:aws:s3:::lists/labels.json',
      'arn:aws:s3:::lists/t.html',
      'arn:aws:s3:::reviews/gtctl/check/*',
    ]);
    expect(statement([boxes, check], 'WriteJobOutputs')!.Resource).toEqual(['arn:aws:s3:::data/out/boxes/*', 'arn:aws:s3:::reviews/check/*']);
  });

  it('adds the output key, streaming topics and queue, and custom Lambdas only when jobs use them', () => {
    const plain = executionPolicy([{ request: request('a') }], 'us-east-1', '000000000000').Statement.map((s) => s.Sid);
    expect(plain).toEqual(['ReadJobInputs', 'WriteJobOutputs', 'LocateBuckets', 'ListJobPrefixes1', 'JobMetrics', 'JobLogs']);
    const jobs = [{ request: request('s', { kms: 'abcd-1234', topicIn: 'arn:aws:sns:us-east-1:000000000000:in', topicOut: 'arn:aws:sns:us-east-1:000000000000:out', pre: 'arn:aws:lambda:us-east-1:000000000000:function:my-pre' }) }];
    expect(statement(jobs, 'UseOutputKeys')!.Resource).toEqual(['arn:aws:kms:us-east-1:000000000000:key/abcd-1234']);
    expect(statement(jobs, 'SubscribeInputTopics')!.Resource).toEqual(['arn:aws:sns:us-east-1:000000000000:in']);
    expect(statement(jobs, 'StreamingQueues')!.Resource).toEqual(['arn:aws:sqs:us-east-1:000000000000:GroundTruth-*']);
    expect(statement(jobs, 'PublishOutputTopics')!.Resource).toEqual(['arn:aws:sns:us-east-1:000000000000:out']);
    expect(statement(jobs, 'InvokeCustomLambdas')!.Resource).toEqual(['arn:aws:lambda:us-east-1:000000000000:function:my-pre']);
  });

  it('is the same document for the same jobs in any order', () => {
    const a = { request: request('a'), fromPrefix: 's3://data/a/' };
    const b = { request: request('b', { output: 's3://other/' }), fromPrefix: 's3://data/b/' };
    expect(JSON.stringify(executionPolicy([a, b], 'us-east-1', '1'))).toBe(JSON.stringify(executionPolicy([b, a], 'us-east-1', '1')));
  });
});
