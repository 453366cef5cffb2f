// The execution role gtctl manages for a project's jobs (`roleArn: managed`): its name, its trust policy, and the
// least-privilege inline policy derived from the jobs' own CreateLabelingJob requests, so that the policy grants
// exactly what the jobs read and write (aws-facts §9.1, DG sms-security-permission-execution-role):
// - s3:GetObject on each job's manifest, label category file and template, on gtctl's files for it (sequence
//   files), on its data (a `fromPrefix` prefix, or the folders a manifest's `source-ref`s and sequence files name),
//   and, for a chained job, on its source job's output folder and data;
// - s3:PutObject (and AbortMultipartUpload) on each job's output folder `<output><job>/`;
// - s3:ListBucket on those buckets, only under those prefixes (`s3:prefix`), and s3:GetBucketLocation;
// - kms on the output key, SNS and the `GroundTruth-*` SQS queue of streaming jobs, lambda:InvokeFunction on custom
//   Lambdas; CloudWatch metrics and the `/aws/sagemaker/LabelingJobs` logs, which every job writes.
// Pure: the caller gives the requests and what it knows of the manifests.
import { createHash } from 'node:crypto';
import { checkManifest } from './jobs/manifest-check.js';
import type { LabelingJobRequest } from './jobs/request.js';
import type { Project } from './model.js';
import { parseS3Uri } from './s3-uri.js';

/** What `roleArn` says when gtctl manages the role. */
export const MANAGED_ROLE = 'managed';
/** gtctl's roles live under their own path: a CI policy can grant on `role/gtctl/*` alone. */
export const MANAGED_ROLE_PATH = '/gtctl/';
export const MANAGED_POLICY_NAME = 'gtctl-labeling-jobs';

/**
 * `gtctl-<project>-labeling`; a project name too long for IAM's 64 characters is cut and told apart by a hash of the
 * whole name, so two long names never share a role.
 */
export function managedRoleName(project: Pick<Project, 'name'>): string {
  const name = `gtctl-${project.name}-labeling`;
  return name.length <= MAX_ROLE_NAME ? name : `gtctl-${project.name.slice(0, 38)}-${createHash('sha256').update(project.name).digest('hex').slice(0, 8)}-labeling`;
}
const MAX_ROLE_NAME = 64;
export const managedRoleArn = (account: string, project: Pick<Project, 'name'>) => `arn:aws:iam::${account}:role${MANAGED_ROLE_PATH}${managedRoleName(project)}`;

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface TrustDocument {
  Version: '2012-10-17';
  Statement: Array<{ Sid: string; Effect: 'Allow'; Principal: { Service: string }; Action: string[]; Condition: Record<string, Record<string, string>> }>;
}

/** SageMaker may assume the role, for jobs of this account only (the confused-deputy guard AWS recommends). */
export function trustPolicy(account: string): TrustDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'SageMakerAssumesForThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: ['sts:AssumeRole'],
        Condition: { StringEquals: { 'aws:SourceAccount': account } },
      },
    ],
  };
}

/** One job the role serves: its request, the text of its manifest when known, and the source job it chains from. */
export interface RoleJob {
  request: LabelingJobRequest;
  /** The manifest as the job will read it (built, declared or read live); its `source-ref`s name the data. */
  manifest?: string;
  /** A `fromPrefix` input: the data is everything under it. */
  fromPrefix?: string;
  /** A chained job: the name of its source job (whose output folder and data it reads). */
  fromJob?: string;
  /** Texts of sequence files the manifest names, when known: their `prefix` is where the frames are. */
  sequences?: readonly string[];
}

const s3Arn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;
const folderOf = (key: string) => key.slice(0, key.lastIndexOf('/') + 1);
const withSlash = (uri: string) => (uri.endsWith('/') ? uri : `${uri}/`);
const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort();

/** Where a job's data is: `bucket` and key prefix, from its input, manifest lines and sequence files. */
function dataPrefixes(job: RoleJob): Array<{ bucket: string; prefix: string }> {
  const out: Array<{ bucket: string; prefix: string }> = [];
  if (job.fromPrefix) {
    const { bucket, key } = parseS3Uri(job.fromPrefix);
    out.push({ bucket, prefix: key });
  }
  for (const ref of job.manifest ? checkManifest(job.manifest, undefined).sourceRefs : []) {
    const { bucket, key } = parseS3Uri(ref);
    out.push({ bucket, prefix: folderOf(key) });
  }
  for (const text of job.sequences ?? []) {
    const prefix = sequencePrefix(text);
    if (prefix) out.push({ bucket: prefix.bucket, prefix: prefix.key });
  }
  return out;
}

function sequencePrefix(text: string): { bucket: string; key: string } | undefined {
  try {
    const prefix = (JSON.parse(text) as Record<string, unknown>)['prefix'];
    return typeof prefix === 'string' && prefix.startsWith('s3://') ? parseS3Uri(prefix) : undefined;
  } catch {
    return undefined;
  }
}

/** Objects and prefixes one job reads, as `bucket/key` (a trailing `*` for a prefix), its source job's included. */
function reads(job: RoleJob, byName: ReadonlyMap<string, RoleJob>, seen: Set<string> = new Set()): string[] {
  const { request } = job;
  if (seen.has(request.LabelingJobName)) return [];
  seen.add(request.LabelingJobName);
  const exact = [request.InputConfig.DataSource.S3DataSource?.ManifestS3Uri, request.LabelCategoryConfigS3Uri, request.HumanTaskConfig.UiConfig.UiTemplateS3Uri]
    .filter((u): u is string => u !== undefined && u !== '')
    .map((u) => {
      const { bucket, key } = parseS3Uri(u);
      return `${bucket}/${key}`;
    });
  const out = parseS3Uri(withSlash(request.OutputConfig.S3OutputPath));
  const own = `${out.bucket}/${out.key}gtctl/${request.LabelingJobName}/*`;
  const data = dataPrefixes(job).map((p) => `${p.bucket}/${p.prefix}*`);
  const source = job.fromJob ? byName.get(job.fromJob.toLowerCase()) : undefined;
  const chained = source ? [outputFolder(source.request), ...reads(source, byName, seen)] : [];
  return [...exact, own, ...data, ...chained];
}

/** `bucket/<output prefix><job>/*`: everything the job writes. */
function outputFolder(request: LabelingJobRequest): string {
  const { bucket, key } = parseS3Uri(withSlash(request.OutputConfig.S3OutputPath));
  return `${bucket}/${key}${request.LabelingJobName}/*`;
}

const GROUND_TRUTH_LAMBDA = /:function:(PRE|ACS)-/;

/** The inline policy for these jobs; statements in a fixed order, resources sorted, so the same jobs give the same bytes. */
export function executionPolicy(jobs: readonly RoleJob[], region: string, account: string): PolicyDocument {
  const byName = new Map(jobs.map((j) => [j.request.LabelingJobName.toLowerCase(), j]));
  const readPaths = uncovered(sortedUnique(jobs.flatMap((j) => reads(j, byName))));
  const writePaths = sortedUnique(jobs.map((j) => outputFolder(j.request)));
  const paths = [...readPaths, ...writePaths];
  const buckets = sortedUnique(paths.map((p) => p.slice(0, p.indexOf('/'))));
  const prefixesOf = (bucket: string) => sortedUnique(paths.filter((p) => p.startsWith(`${bucket}/`)).map((p) => listPrefix(p.slice(bucket.length + 1))));
  const statements: PolicyStatement[] = [
    { Sid: 'ReadJobInputs', Effect: 'Allow', Action: ['s3:GetObject'], Resource: readPaths.map((p) => s3Arn(p.slice(0, p.indexOf('/')), p.slice(p.indexOf('/') + 1))) },
    { Sid: 'WriteJobOutputs', Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:PutObject'], Resource: writePaths.map((p) => s3Arn(p.slice(0, p.indexOf('/')), p.slice(p.indexOf('/') + 1))) },
    { Sid: 'LocateBuckets', Effect: 'Allow', Action: ['s3:GetBucketLocation'], Resource: buckets.map((b) => `arn:aws:s3:::${b}`) },
    ...buckets.map((b, i) => ({
      Sid: `ListJobPrefixes${i + 1}`,
      Effect: 'Allow' as const,
      Action: ['s3:ListBucket'],
      Resource: [`arn:aws:s3:::${b}`],
      Condition: { StringLike: { 's3:prefix': prefixesOf(b) } },
    })),
  ];
  const keys = sortedUnique(jobs.flatMap((j) => (j.request.OutputConfig.KmsKeyId ? [kmsKeyArn(j.request.OutputConfig.KmsKeyId, region, account)] : [])));
  if (keys.length) statements.push({ Sid: 'UseOutputKeys', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'], Resource: keys });
  const inputTopics = sortedUnique(jobs.flatMap((j) => (j.request.InputConfig.DataSource.SnsDataSource ? [j.request.InputConfig.DataSource.SnsDataSource.SnsTopicArn] : [])));
  const outputTopics = sortedUnique(jobs.flatMap((j) => (j.request.OutputConfig.SnsTopicArn ? [j.request.OutputConfig.SnsTopicArn] : [])));
  if (inputTopics.length) {
    statements.push({ Sid: 'SubscribeInputTopics', Effect: 'Allow', Action: ['sns:Subscribe', 'sns:Unsubscribe'], Resource: inputTopics });
    statements.push({
      Sid: 'StreamingQueues',
      Effect: 'Allow',
      Action: ['sqs:ChangeMessageVisibility', 'sqs:CreateQueue', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:SendMessage', 'sqs:SetQueueAttributes'],
      Resource: [`arn:aws:sqs:${region}:${account}:GroundTruth-*`],
    });
  }
  if (outputTopics.length) statements.push({ Sid: 'PublishOutputTopics', Effect: 'Allow', Action: ['sns:Publish'], Resource: outputTopics });
  const lambdas = sortedUnique(
    jobs.flatMap((j) => [j.request.HumanTaskConfig.PreHumanTaskLambdaArn, j.request.HumanTaskConfig.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn]).filter((arn) => arn !== '' && !GROUND_TRUTH_LAMBDA.test(arn)),
  );
  if (lambdas.length) statements.push({ Sid: 'InvokeCustomLambdas', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: lambdas });
  statements.push(
    // PutMetricData has no resource-level permissions: `*` is the only resource it takes.
    { Sid: 'JobMetrics', Effect: 'Allow', Action: ['cloudwatch:PutMetricData'], Resource: ['*'] },
    {
      Sid: 'JobLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      Resource: [`arn:aws:logs:${region}:${account}:log-group:/aws/sagemaker/LabelingJobs`, `arn:aws:logs:${region}:${account}:log-group:/aws/sagemaker/LabelingJobs:*`],
    },
  );
  return { Version: '2012-10-17', Statement: statements.filter((s) => s.Resource.length > 0) };
}

/** The paths no other path's wildcard already covers: a job's own files sit under its `gtctl/<job>/*`. */
function uncovered(paths: readonly string[]): string[] {
  const wildcards = paths.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));
  return paths.filter((p) => !wildcards.some((w) => p !== `${w}*` && p.startsWith(w)));
}

/** The `s3:prefix` a listing under this object or prefix uses: its folder, as a wildcard. */
function listPrefix(path: string): string {
  return path.endsWith('*') ? path : `${folderOf(path)}*`;
}

/** A KMS key as a policy names it: its ARN, from a key id, alias or ARN. */
export function kmsKeyArn(key: string, region: string, account: string): string {
  if (key.startsWith('arn:')) return key;
  return key.startsWith('alias/') ? `arn:aws:kms:${region}:${account}:${key}` : `arn:aws:kms:${region}:${account}:key/${key}`;
}
