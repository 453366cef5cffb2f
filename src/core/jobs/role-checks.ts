// The pre-flight of a job's execution role: what the job will do as that role (read its manifest, label file,
// template and data, write its output manifest, use its output key and topics), as IAM actions on resources that
// SimulatePrincipalPolicy can decide before the job is created. A role that lacks one of them would make AWS create
// the job and fail it, which burns the job's name forever; the plan blocks the job instead (`blockDeniedJobs`).
// Pure: app/role-preflight.ts asks IAM.
import { kmsKeyArn } from '../execution-role.js';
import type { JobChange, Plan } from '../plan.js';
import { checkManifest } from './manifest-check.js';
import { parseS3Uri } from '../s3-uri.js';

export interface RoleCheck {
  action: string;
  /** The ARN IAM decides on. */
  resource: string;
  /** What a reader recognises: the S3 URI or the ARN, and what it is to the job. */
  shown: string;
  what: string;
}

const s3Check = (action: string, uri: string, what: string): RoleCheck => {
  const { bucket, key } = parseS3Uri(uri);
  return { action, resource: `arn:aws:s3:::${bucket}/${key}`, shown: uri, what };
};

/** The first `source-ref` of the manifest gtctl writes for the job, if it writes one: a data object the job reads. */
function firstDataObject(change: JobChange, manifestUri: string | undefined): string | undefined {
  const built = change.uploads.find((u) => u.uri === manifestUri);
  return built && checkManifest(Buffer.from(built.bodyBase64, 'base64').toString('utf8'), undefined).sourceRefs[0];
}

export function roleChecks(change: JobChange, region: string, account: string): RoleCheck[] {
  const request = change.request;
  if (!request) return [];
  const manifest = request.InputConfig.DataSource.S3DataSource?.ManifestS3Uri;
  const data = firstDataObject(change, manifest);
  const output = request.OutputConfig.S3OutputPath;
  const folder = output.endsWith('/') ? output : `${output}/`;
  const key = request.OutputConfig.KmsKeyId;
  const keyArn = key && kmsKeyArn(key, region, account);
  const topicIn = request.InputConfig.DataSource.SnsDataSource?.SnsTopicArn;
  const topicOut = request.OutputConfig.SnsTopicArn;
  return [
    ...(manifest ? [s3Check('s3:GetObject', manifest, 'the input manifest')] : []),
    ...(request.LabelCategoryConfigS3Uri ? [s3Check('s3:GetObject', request.LabelCategoryConfigS3Uri, 'the label category file')] : []),
    ...(request.HumanTaskConfig.UiConfig.UiTemplateS3Uri ? [s3Check('s3:GetObject', request.HumanTaskConfig.UiConfig.UiTemplateS3Uri, 'the worker template')] : []),
    ...(data ? [s3Check('s3:GetObject', data, 'a data object')] : []),
    s3Check('s3:PutObject', `${folder}${request.LabelingJobName}/manifests/output/output.manifest`, 'the output manifest'),
    ...(keyArn ? [{ action: 'kms:GenerateDataKey', resource: keyArn, shown: keyArn, what: 'the output key' }] : []),
    ...(topicIn ? [{ action: 'sns:Subscribe', resource: topicIn, shown: topicIn, what: 'the input topic' }] : []),
    ...(topicOut ? [{ action: 'sns:Publish', resource: topicOut, shown: topicOut, what: 'the output topic' }] : []),
  ];
}

/** The plan with each job whose role was denied something blocked (`role-denied`), naming each denial. */
export function blockDeniedJobs(plan: Plan, denials: ReadonlyMap<string, readonly RoleCheck[]>): Plan {
  if (denials.size === 0) return plan;
  const summary = { ...plan.summary };
  const changes = plan.changes.map((change) => {
    const denied = denials.get(change.address);
    if (!denied?.length || change.kind !== 'job' || change.action !== 'create') return change;
    summary.create--;
    summary.blocked++;
    const role = change.request?.RoleArn ?? '';
    return {
      ...change,
      action: 'blocked' as const,
      blockedBy: 'role-denied' as const,
      reasons: [
        ...denied.map((d) => `role ${role} cannot ${d.action} on ${d.shown} (${d.what}): AWS would create the job and fail it, and its name could never be used again`),
        'grant the role what the job needs (or use `roleArn: managed`, whose policy gtctl writes)',
      ],
    };
  });
  return { ...plan, changes, summary };
}
