// A job spec resolved against the Region and account: the exact CreateLabelingJob request, the files gtctl writes
// before it (content-addressed, so an unchanged spec resolves to the same URIs on every plan), and the manifest
// text the pre-flight checks.
import { autoLabelingAlgorithmArn, builtInHumanTaskUi, builtInLambdas, frameTypeOf, publicCrowdArn, workteamArn } from '../catalog.js';
import { desiredTags } from '../diff/ownership.js';
import { MANAGED_ROLE, managedRoleArn } from '../execution-role.js';
import type { LivePrefixObject, LiveVendorTeam } from '../live.js';
import type { Bucket, LabelingJob, Project } from '../model.js';
import type { JobUpload } from '../plan.js';
import { parseS3Uri } from '../s3-uri.js';
import { labelCategoryFile } from './label-file.js';
import { buildManifest, contentAddressedUri, dataObjects, jsonLines, type JobFileKind } from './manifest.js';
import { videoSequences } from './sequences.js';
import type { LabelingJobRequest } from './request.js';
import { workerTemplate } from './template.js';

export interface ResolvedJob {
  request: LabelingJobRequest;
  uploads: JobUpload[];
  /** The input manifest's text as it will be when the job is created; undefined when it does not exist. */
  manifest: string | undefined;
}

export interface JobWorld {
  region: string;
  account: string;
  project: Project;
  /** Buckets the specs declare: their objects will exist once applied. */
  buckets: readonly Bucket[];
  /** Live objects under each `fromPrefix` URI. */
  prefixes: Readonly<Record<string, readonly LivePrefixObject[]>>;
  /** Live text of input manifests the specs do not declare. */
  manifests: Readonly<Record<string, string>>;
  /** The vendor teams the account subscribed to. */
  vendorTeams: readonly LiveVendorTeam[];
  /** Source job name (lower case) -> its output manifest URI, for the chains whose source has finished. */
  chainInputs: Readonly<Record<string, string>>;
}

/** The ARN of a vendor team the spec names by ARN, or by name (its ARN's last part, or its Marketplace title). */
export function vendorTeamArn(team: string, vendorTeams: readonly LiveVendorTeam[]): string | undefined {
  return vendorTeams.find((t) => t.arn === team || t.name === team || t.title === team)?.arn;
}

/** The team the tasks go to. An unsubscribed vendor team is blocked before a job is built (diff/jobs.ts). */
function workteamOf(job: LabelingJob, world: JobWorld): string {
  const { workforce } = job;
  switch (workforce.type) {
    case 'private':
      return workteamArn(world.region, world.account, workforce.team);
    case 'public':
      return publicCrowdArn(world.region);
    case 'vendor':
      return vendorTeamArn(workforce.team, world.vendorTeams) ?? workforce.team;
  }
}

/** AWS's price: dollars, cents and tenths of a cent. */
function amountInUsd(tenthCents: number): { Dollars: number; Cents: number; TenthFractionsOfACent: number } {
  return { Dollars: Math.floor(tenthCents / 1000), Cents: Math.floor((tenthCents % 1000) / 10), TenthFractionsOfACent: tenthCents % 10 };
}

const CONTENT_CLASSIFIERS = { freeOfPersonallyIdentifiableInformation: 'FreeOfPersonallyIdentifiableInformation', freeOfAdultContent: 'FreeOfAdultContent' } as const;

export function resolveJob(job: LabelingJob, world: JobWorld): ResolvedJob {
  const uploads: JobUpload[] = [];
  const upload = (kind: JobFileKind, body: string, contentType: string): string => {
    const uri = contentAddressedUri(job, kind, body);
    uploads.push({ uri, bodyBase64: Buffer.from(body, 'utf8').toString('base64'), contentType });
    return uri;
  };
  const template = job.task.type === 'custom' ? job.task.template : workerTemplate(job);
  const humanTaskUi = builtInHumanTaskUi(job.task.type, world.region);
  // An existing template or label file (`templateUri`, `labelCategoryUri`: a job made elsewhere, imported) is used as
  // is, so that the request equals the live job's; otherwise gtctl writes its own, content-addressed.
  const uiConfig = job.task.templateUri
    ? { UiTemplateS3Uri: job.task.templateUri }
    : template !== undefined && !humanTaskUi
      ? { UiTemplateS3Uri: upload('template', template, 'text/html') }
      : { HumanTaskUiArn: humanTaskUi! };
  const labels = job.task.labelCategoryUri ? undefined : labelCategoryFile(job);
  const labelUri = job.task.labelCategoryUri ?? (labels !== undefined ? upload('labels', labels, 'application/json') : undefined);
  const { dataSource, manifest } = inputOf(job, world, upload);
  const lambdas =
    job.task.type === 'custom'
      ? { pre: job.task.preAnnotationLambdaArn ?? '', consolidation: job.task.consolidationLambdaArn ?? '' }
      : builtInLambdas(job.task.type, world.region);
  const algorithm = job.autoLabeling ? autoLabelingAlgorithmArn(job.task.type, world.region) : undefined;
  const stopping = job.stoppingConditions;
  const request: LabelingJobRequest = {
    LabelingJobName: job.name,
    LabelAttributeName: job.labelAttributeName,
    RoleArn: job.roleArn === MANAGED_ROLE ? managedRoleArn(world.account, world.project) : job.roleArn,
    InputConfig: {
      DataSource: dataSource,
      ...(job.workers.contentClassifiers.length ? { DataAttributes: { ContentClassifiers: job.workers.contentClassifiers.map((c) => CONTENT_CLASSIFIERS[c]).sort() } } : {}),
    },
    OutputConfig: { S3OutputPath: job.output, ...(job.outputKmsKeyId ? { KmsKeyId: job.outputKmsKeyId } : {}), ...(job.outputTopicArn ? { SnsTopicArn: job.outputTopicArn } : {}) },
    ...(labelUri ? { LabelCategoryConfigS3Uri: labelUri } : {}),
    ...(stopping && (stopping.maxHumanLabeledObjects !== undefined || stopping.maxPercentageLabeled !== undefined)
      ? {
          StoppingConditions: {
            ...(stopping.maxHumanLabeledObjects !== undefined ? { MaxHumanLabeledObjectCount: stopping.maxHumanLabeledObjects } : {}),
            ...(stopping.maxPercentageLabeled !== undefined ? { MaxPercentageOfInputDatasetLabeled: stopping.maxPercentageLabeled } : {}),
          },
        }
      : {}),
    ...(algorithm ? { LabelingJobAlgorithmsConfig: { LabelingJobAlgorithmSpecificationArn: algorithm } } : {}),
    HumanTaskConfig: {
      WorkteamArn: workteamOf(job, world),
      UiConfig: uiConfig,
      PreHumanTaskLambdaArn: lambdas.pre,
      ...(job.task.keywords.length ? { TaskKeywords: [...job.task.keywords] } : {}),
      TaskTitle: job.task.title,
      TaskDescription: job.task.description,
      NumberOfHumanWorkersPerDataObject: job.workers.perObject,
      TaskTimeLimitInSeconds: job.workers.taskTimeLimitSeconds,
      TaskAvailabilityLifetimeInSeconds: job.workers.taskAvailabilitySeconds,
      MaxConcurrentTaskCount: job.workers.maxConcurrentTasks,
      AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: lambdas.consolidation },
      ...(job.workforce.type === 'public' ? { PublicWorkforceTaskPrice: { AmountInUsd: amountInUsd(job.workforce.priceTenthCents) } } : {}),
    },
    Tags: Object.entries(desiredTags(world.project, job.tags))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([Key, Value]) => ({ Key, Value })),
  };
  return { request, uploads, manifest };
}

/** Where the job's data comes from, and the manifest's text as the job will see it (none for a stream). */
function inputOf(
  job: LabelingJob,
  world: JobWorld,
  upload: (kind: 'manifest' | 'sequence', body: string, contentType: string) => string,
): { dataSource: LabelingJobRequest['InputConfig']['DataSource']; manifest: string | undefined } {
  const fromManifest = (uri: string, manifest: string | undefined) => ({ dataSource: { S3DataSource: { ManifestS3Uri: uri } }, manifest });
  // Objects arrive one by one through the topic: there is no manifest to write or check.
  if ('stream' in job.input) return { dataSource: { SnsDataSource: { SnsTopicArn: job.input.stream.snsTopicArn } }, manifest: undefined };
  if ('manifest' in job.input) return fromManifest(job.input.manifest, declaredText(world.buckets, job.input.manifest) ?? world.manifests[job.input.manifest]);
  if ('fromJob' in job.input) {
    // A chain is resolved only once its source has finished (diff/jobs.ts waits until then).
    const uri = world.chainInputs[job.input.fromJob.toLowerCase()] ?? '';
    return fromManifest(uri, world.manifests[uri]);
  }
  const { bucket } = parseS3Uri(job.input.fromPrefix);
  const objects = prefixObjects(job, world);
  // A video frame job's objects are clips: each folder of frames becomes a sequence file, named by the manifest.
  const manifest =
    frameTypeOf(job.task.type)?.data === 'video-sequence'
      ? jsonLines(
          videoSequences(bucket, dataObjects(job, bucket, objects).map((o) => o.key)).map((sequence) =>
            JSON.stringify({ 'source-ref': upload('sequence', `${JSON.stringify(sequence, null, 2)}\n`, 'application/json') }),
          ),
        )
      : buildManifest(job, bucket, objects);
  return fromManifest(upload('manifest', manifest, 'application/jsonlines'), manifest);
}

/** The text an object will have once applied: a file gtctl writes for the job, or an object the specs declare. */
export function plannedText(uri: string, uploads: readonly JobUpload[], buckets: readonly Bucket[]): string | undefined {
  const upload = uploads.find((u) => u.uri === uri);
  return upload ? Buffer.from(upload.bodyBase64, 'base64').toString('utf8') : declaredText(buckets, uri);
}

function declaredText(buckets: readonly Bucket[], uri: string): string | undefined {
  const { bucket, key } = parseS3Uri(uri);
  const object = buckets.find((b) => b.name === bucket)?.objects.find((o) => o.key === key);
  return object && Buffer.from(object.bodyBase64, 'base64').toString('utf8');
}

/**
 * The objects under the prefix once applied: the live ones, overlaid by what the specs declare there. gtctl's own
 * uploads (`<output>gtctl/`) and the job's output (`<output><job>/`) are left out, or they would feed the next
 * plan's manifest when the output lies under the input prefix.
 */
function prefixObjects(job: LabelingJob, world: JobWorld): LivePrefixObject[] {
  const uri = 'fromPrefix' in job.input ? job.input.fromPrefix : '';
  const { bucket, key: prefix } = parseS3Uri(uri);
  const output = parseS3Uri(job.output);
  const base = output.key === '' || output.key.endsWith('/') ? output.key : `${output.key}/`;
  const generated = [`${base}gtctl/`, `${base}${job.name}/`];
  const byKey = new Map((world.prefixes[uri] ?? []).map((o) => [o.key, o]));
  for (const object of world.buckets.find((b) => b.name === bucket)?.objects ?? []) {
    if (object.key.startsWith(prefix)) byKey.set(object.key, { key: object.key, text: Buffer.from(object.bodyBase64, 'base64').toString('utf8') });
  }
  return [...byKey.values()]
    .filter((o) => !(output.bucket === bucket && generated.some((g) => o.key.startsWith(g))))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
