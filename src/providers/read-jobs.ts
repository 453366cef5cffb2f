// Live labeling jobs for a plan: every job name of the Region (names are never reusable, in any letter case), and
// each job the specs name, described into the CreateLabelingJob request gtctl would have sent for it.
//
// Calls per plan: ceil(J / 100) ListLabelingJobs for the J jobs of the Region, plus one DescribeLabelingJob per
// declared job that exists, and one ListTags on the ARN Describe gives when Describe leaves the tags out (it may:
// aws-evidence A2; List calls may return an ARN in another letter case, which ListTags rejects). The SageMaker
// client paces all of these under SageMaker's rate. None at all when the specs declare no job.
import type { DescribeLabelingJobCommandOutput, LabelingJobSummary } from '@aws-sdk/client-sagemaker';
import type { SageMakerPort } from '../aws/ports.js';
import type { LabelingJobRequest } from '../core/jobs/request.js';
import { OWNERSHIP_TAG, type LiveInventory, type LiveJob, type LiveVendorTeam } from '../core/live.js';
import type { ReadTargets } from '../core/plan.js';

export async function readJobs(
  sageMaker: SageMakerPort,
  read: Pick<ReadTargets, 'jobs'>,
  options: { inventory?: boolean } = {},
): Promise<{ jobNames: string[]; jobs: LiveJob[]; inventory?: LiveInventory['jobs'] }> {
  if (read.jobs.length === 0 && !options.inventory) return { jobNames: [], jobs: [] };
  const summaries = await sageMaker.listLabelingJobs();
  const jobNames = summaries.flatMap((s: LabelingJobSummary) => (s.LabelingJobName ? [s.LabelingJobName] : [])).sort(byCodeUnit);
  const liveName = new Map(jobNames.map((name) => [name.toLowerCase(), name]));
  const wanted = [...new Set(read.jobs.flatMap((name) => liveName.get(name.toLowerCase()) ?? []))].sort(byCodeUnit);
  const describe = (name: string) => describeWithTags(sageMaker, name);
  const described = await Promise.all(wanted.map(describe));
  const jobs = described.flatMap((d) => (d ? [toLiveJob(d)] : []));
  if (!options.inventory) return { jobNames, jobs };
  // `--show-unmanaged` only: one Describe per job the specs do not name, for its ownership tag (opt-in cost).
  const others = jobNames.filter((name) => !wanted.includes(name));
  const more = (await Promise.all(others.map(describe))).flatMap((d) => (d ? [toLiveJob(d)] : []));
  const inventory = [...jobs, ...more]
    .map((j) => ({ name: j.name, status: j.status, ...(j.tags[OWNERSHIP_TAG] !== undefined ? { owner: j.tags[OWNERSHIP_TAG] } : {}) }))
    .sort((a, b) => byCodeUnit(a.name, b.name));
  return { jobNames, jobs, inventory };
}

/** DescribeLabelingJob, with the tags from ListTags when Describe did not carry them. */
export async function describeWithTags(sageMaker: SageMakerPort, name: string): Promise<DescribeLabelingJobCommandOutput | undefined> {
  const d = await sageMaker.describeLabelingJob(name);
  if (!d || d.Tags !== undefined || !d.LabelingJobArn) return d;
  return { ...d, Tags: await sageMaker.listTags(d.LabelingJobArn) };
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** AWS leaves zero parts out of the price it describes; gtctl always sends all three. */
function priceOf(amount: { Dollars?: number; Cents?: number; TenthFractionsOfACent?: number }): { Dollars: number; Cents: number; TenthFractionsOfACent: number } {
  return { Dollars: amount.Dollars ?? 0, Cents: amount.Cents ?? 0, TenthFractionsOfACent: amount.TenthFractionsOfACent ?? 0 };
}

/** The vendor teams the account subscribed to, when a job of the specs goes to one (ceil(V / 100) calls). */
export async function readVendorTeams(sageMaker: SageMakerPort, read: Pick<ReadTargets, 'vendorTeams'>): Promise<LiveVendorTeam[]> {
  if (!read.vendorTeams) return [];
  return (await sageMaker.listSubscribedWorkteams())
    .flatMap((t) => (t.WorkteamArn ? [{ arn: t.WorkteamArn, name: t.WorkteamArn.slice(t.WorkteamArn.lastIndexOf('/') + 1), ...(t.MarketplaceTitle ? { title: t.MarketplaceTitle } : {}), ...(t.SellerName ? { seller: t.SellerName } : {}) }] : []))
    .sort((a, b) => byCodeUnit(a.arn, b.arn));
}

export function toLiveJob(d: DescribeLabelingJobCommandOutput): LiveJob {
  const counters = d.LabelCounters;
  const request = toRequest(d);
  return {
    name: d.LabelingJobName ?? '',
    arn: d.LabelingJobArn ?? '',
    status: d.LabelingJobStatus ?? 'Unknown',
    tags: Object.fromEntries(request.Tags.map((t) => [t.Key, t.Value])),
    ...(d.FailureReason ? { failureReason: d.FailureReason } : {}),
    labelCounters: {
      total: counters?.TotalLabeled ?? 0,
      human: counters?.HumanLabeled ?? 0,
      machine: counters?.MachineLabeled ?? 0,
      failed: counters?.FailedNonRetryableError ?? 0,
      unlabeled: counters?.Unlabeled ?? 0,
    },
    ...(d.LabelingJobOutput?.OutputDatasetS3Uri ? { outputManifest: d.LabelingJobOutput.OutputDatasetS3Uri } : {}),
    request,
  };
}

// AWS's defaults for members gtctl always sends, for jobs made by something that left them out (aws-facts §3.3): the
// task availability is 30 days for private and vendor teams, 6 hours for the public crowd; 1000 concurrent tasks.
const PRIVATE_AVAILABILITY_SECONDS = 2_592_000;
const PUBLIC_AVAILABILITY_SECONDS = 21_600;
const DEFAULT_MAX_CONCURRENT_TASKS = 1000;

/**
 * The job as the request that created it, normalized to the shape gtctl builds: members AWS leaves out or returns
 * empty (`KmsKeyId: ""`, aws-facts §3.1) are absent, tags are sorted by key, and nothing Describe adds (status,
 * counters, times, the job reference code) is in it.
 */
export function toRequest(d: DescribeLabelingJobCommandOutput): LabelingJobRequest {
  const h = d.HumanTaskConfig;
  const stopping = d.StoppingConditions;
  const publicCrowd = /:workteam\/public-crowd\//.test(h?.WorkteamArn ?? '');
  const ui = h?.UiConfig;
  return {
    LabelingJobName: d.LabelingJobName ?? '',
    LabelAttributeName: d.LabelAttributeName ?? '',
    RoleArn: d.RoleArn ?? '',
    InputConfig: {
      DataSource: d.InputConfig?.DataSource?.SnsDataSource?.SnsTopicArn
        ? { SnsDataSource: { SnsTopicArn: d.InputConfig.DataSource.SnsDataSource.SnsTopicArn } }
        : { S3DataSource: { ManifestS3Uri: d.InputConfig?.DataSource?.S3DataSource?.ManifestS3Uri ?? '' } },
      ...(d.InputConfig?.DataAttributes?.ContentClassifiers?.length ? { DataAttributes: { ContentClassifiers: [...d.InputConfig.DataAttributes.ContentClassifiers].sort() } } : {}),
    },
    OutputConfig: {
      S3OutputPath: d.OutputConfig?.S3OutputPath ?? '',
      ...(d.OutputConfig?.KmsKeyId ? { KmsKeyId: d.OutputConfig.KmsKeyId } : {}),
      ...(d.OutputConfig?.SnsTopicArn ? { SnsTopicArn: d.OutputConfig.SnsTopicArn } : {}),
    },
    ...(d.LabelCategoryConfigS3Uri ? { LabelCategoryConfigS3Uri: d.LabelCategoryConfigS3Uri } : {}),
    ...(stopping && (stopping.MaxHumanLabeledObjectCount !== undefined || stopping.MaxPercentageOfInputDatasetLabeled !== undefined)
      ? {
          StoppingConditions: {
            ...(stopping.MaxHumanLabeledObjectCount !== undefined ? { MaxHumanLabeledObjectCount: stopping.MaxHumanLabeledObjectCount } : {}),
            ...(stopping.MaxPercentageOfInputDatasetLabeled !== undefined ? { MaxPercentageOfInputDatasetLabeled: stopping.MaxPercentageOfInputDatasetLabeled } : {}),
          },
        }
      : {}),
    ...(d.LabelingJobAlgorithmsConfig?.LabelingJobAlgorithmSpecificationArn
      ? { LabelingJobAlgorithmsConfig: { LabelingJobAlgorithmSpecificationArn: d.LabelingJobAlgorithmsConfig.LabelingJobAlgorithmSpecificationArn } }
      : {}),
    HumanTaskConfig: {
      WorkteamArn: h?.WorkteamArn ?? '',
      UiConfig: { ...(ui?.UiTemplateS3Uri ? { UiTemplateS3Uri: ui.UiTemplateS3Uri } : {}), ...(ui?.HumanTaskUiArn ? { HumanTaskUiArn: ui.HumanTaskUiArn } : {}) },
      PreHumanTaskLambdaArn: h?.PreHumanTaskLambdaArn ?? '',
      ...(h?.TaskKeywords?.length ? { TaskKeywords: [...h.TaskKeywords] } : {}),
      TaskTitle: h?.TaskTitle ?? '',
      TaskDescription: h?.TaskDescription ?? '',
      NumberOfHumanWorkersPerDataObject: h?.NumberOfHumanWorkersPerDataObject ?? 1,
      TaskTimeLimitInSeconds: h?.TaskTimeLimitInSeconds ?? 0,
      TaskAvailabilityLifetimeInSeconds: h?.TaskAvailabilityLifetimeInSeconds ?? (publicCrowd ? PUBLIC_AVAILABILITY_SECONDS : PRIVATE_AVAILABILITY_SECONDS),
      MaxConcurrentTaskCount: h?.MaxConcurrentTaskCount ?? DEFAULT_MAX_CONCURRENT_TASKS,
      AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: h?.AnnotationConsolidationConfig?.AnnotationConsolidationLambdaArn ?? '' },
      ...(h?.PublicWorkforceTaskPrice?.AmountInUsd ? { PublicWorkforceTaskPrice: { AmountInUsd: priceOf(h.PublicWorkforceTaskPrice.AmountInUsd) } } : {}),
    },
    Tags: (d.Tags ?? [])
      .flatMap((t) => (t.Key !== undefined ? [{ Key: t.Key, Value: t.Value ?? '' }] : []))
      .sort((a, b) => byCodeUnit(a.Key, b.Key)),
  };
}
