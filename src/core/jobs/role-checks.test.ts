// What the pre-flight asks IAM of a job's role, and how a denial blocks the job (core/jobs/role-checks.ts).
import { describe, expect, it } from 'vitest';
import type { JobChange, Plan } from '../plan.js';
import { emptySummary } from '../plan.js';
import { blockDeniedJobs, roleChecks } from './role-checks.js';

const manifest = '{"source-ref":"s3://data/images/1.jpg"}\n{"source-ref":"s3://data/images/2.jpg"}\n';
const job = (more: Partial<NonNullable<JobChange['request']>['OutputConfig']> = {}, topic?: string): JobChange =>
  ({
    address: 'job/boxes',
    kind: 'job',
    name: 'boxes',
    action: 'create',
    diff: [],
    reasons: [],
    dependsOn: [],
    uploads: [{ uri: 's3://data/out/gtctl/boxes/manifest-1.manifest', bodyBase64: Buffer.from(manifest).toString('base64'), contentType: 'application/jsonlines' }],
    request: {
      LabelingJobName: 'boxes',
      RoleArn: 'arn:aws:iam::1:role/r',
      InputConfig: { DataSource: topic ? { SnsDataSource: { SnsTopicArn: topic } } : { S3DataSource: { ManifestS3Uri: 's3://data/out/gtctl/boxes/manifest-1.manifest' } } },
      OutputConfig: { S3OutputPath: 's3://data/out', ...more },
      LabelCategoryConfigS3Uri: 's3://data/out/gtctl/boxes/labels-1.json',
      HumanTaskConfig: { UiConfig: { UiTemplateS3Uri: 's3://data/out/gtctl/boxes/template-1.liquid.html' } },
    },
  }) as unknown as JobChange;

describe('roleChecks', () => {
  it('reads the manifest, label file, template and a data object, and writes the output manifest', () => {
    expect(roleChecks(job(), 'us-east-1', '1').map((c) => `${c.action} ${c.resource} (${c.what})`)).toEqual([
      's3:GetObject arn:aws:s3:::data/out/gtctl/boxes/manifest-1.manifest (the input manifest)',
      's3:GetObject arn:aws:s3:::data/out/gtctl/boxes/labels-1.json (the label category file)',
      's3:GetObject arn:aws:s3:::data/out/gtctl/boxes/template-1.liquid.html (the worker template)',
      's3:GetObject arn:aws:s3:::data/images/1.jpg (a data object)',
      's3:PutObject arn:aws:s3:::data/out/boxes/manifests/output/output.manifest (the output manifest)',
    ]);
  });

  it('uses the output key and the topics of streaming jobs', () => {
    const checks = roleChecks(job({ KmsKeyId: 'k-1', SnsTopicArn: 'arn:aws:sns:us-east-1:1:out' }, 'arn:aws:sns:us-east-1:1:in'), 'us-east-1', '1');
    expect(checks.filter((c) => !c.action.startsWith('s3:')).map((c) => `${c.action} ${c.resource}`)).toEqual([
      'kms:GenerateDataKey arn:aws:kms:us-east-1:1:key/k-1',
      'sns:Subscribe arn:aws:sns:us-east-1:1:in',
      'sns:Publish arn:aws:sns:us-east-1:1:out',
    ]);
  });
});

describe('blockDeniedJobs', () => {
  it('blocks the denied job with each denial named, and moves it in the summary', () => {
    const plan = { changes: [job()], summary: { ...emptySummary(), create: 1 } } as unknown as Plan;
    const [check] = roleChecks(job(), 'us-east-1', '1');
    const blocked = blockDeniedJobs(plan, new Map([['job/boxes', [check!]]]));
    expect(blocked.summary).toMatchObject({ create: 0, blocked: 1 });
    expect(blocked.changes[0]).toMatchObject({ action: 'blocked', blockedBy: 'role-denied' });
    expect(blocked.changes[0]!.reasons[0]).toBe('role arn:aws:iam::1:role/r cannot s3:GetObject on s3://data/out/gtctl/boxes/manifest-1.manifest (the input manifest): AWS would create the job and fail it, and its name could never be used again');
    expect(blockDeniedJobs(plan, new Map())).toBe(plan);
  });
});
