// ListLabelingJobs (the requester's view) and ListLabelingJobsForWorkteam (a work team's view). Both settle every
// job against the clock first, so statuses and counters are current.
import type { RequestContext } from '../service.js';
import { teamCrowd } from './crowds.js';
import { resourceNotFound } from './errors.js';
import { jobFailure, jobOutput } from './jobs.js';
import { labelCounters, settleJob } from './job-status.js';
import { nameContains, page, sorted, withinTimes, type PageRequest, type SortOrder } from './pagination.js';
import { regionState, type JobRecord } from './state.js';

async function settledJobs(ctx: RequestContext): Promise<JobRecord[]> {
  const jobs = Object.values(regionState(ctx.state.sagemaker, ctx.region).jobs);
  for (const job of jobs) await settleJob(ctx, job);
  return jobs;
}

function summary(job: JobRecord) {
  const config = job.request.HumanTaskConfig;
  return {
    LabelingJobName: job.name,
    LabelingJobArn: job.arn,
    CreationTime: new Date(job.createdMs),
    LastModifiedTime: new Date(job.lastModifiedMs),
    LabelingJobStatus: job.status,
    LabelCounters: labelCounters(job),
    WorkteamArn: config.WorkteamArn,
    ...(config.PreHumanTaskLambdaArn && { PreHumanTaskLambdaArn: config.PreHumanTaskLambdaArn }),
    ...(config.AnnotationConsolidationConfig && {
      AnnotationConsolidationLambdaArn: config.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn,
    }),
    ...jobFailure(job),
    ...jobOutput(job),
    InputConfig: job.request.InputConfig,
  };
}

interface ListLabelingJobsInput extends PageRequest {
  CreationTimeAfter?: number;
  CreationTimeBefore?: number;
  LastModifiedTimeAfter?: number;
  LastModifiedTimeBefore?: number;
  NameContains?: string;
  SortBy?: 'Name' | 'CreationTime' | 'Status';
  SortOrder?: SortOrder;
  StatusEquals?: JobRecord['status'];
}

interface ListForWorkteamInput extends PageRequest {
  WorkteamArn: string;
  CreationTimeAfter?: number;
  CreationTimeBefore?: number;
  JobReferenceCodeContains?: string;
  SortOrder?: SortOrder;
}

export const jobListOperations = {
  async ListLabelingJobs(input: ListLabelingJobsInput, ctx: RequestContext) {
    const matching = (await settledJobs(ctx)).filter(
      (job) =>
        withinTimes(job.createdMs, input.CreationTimeAfter, input.CreationTimeBefore) &&
        withinTimes(job.lastModifiedMs, input.LastModifiedTimeAfter, input.LastModifiedTimeBefore) &&
        nameContains(job.name, input.NameContains) &&
        (input.StatusEquals === undefined || job.status === input.StatusEquals),
    );
    const key = (job: JobRecord) => (input.SortBy === 'Name' ? job.name : input.SortBy === 'Status' ? job.status : job.createdMs);
    const { items, NextToken } = page(sorted(matching, key, (job) => job.name, input.SortOrder), input);
    return { LabelingJobSummaryList: items.map(summary), ...(NextToken && { NextToken }) };
  },

  /**
   * Every job sent to the team (any team a job can be sent to, crowds.ts), whatever its status (UNCONFIRMED: AWS
   * may list only jobs with work left).
   * PendingHuman counts the objects still waiting for answers while the job is InProgress.
   */
  async ListLabelingJobsForWorkteam(input: ListForWorkteamInput, ctx: RequestContext) {
    const records = regionState(ctx.state.sagemaker, ctx.region);
    if (!teamCrowd(ctx, records, input.WorkteamArn)) throw resourceNotFound(`Work team ${input.WorkteamArn} does not exist.`);
    const matching = (await settledJobs(ctx)).filter(
      (job) =>
        job.request.HumanTaskConfig.WorkteamArn === input.WorkteamArn &&
        withinTimes(job.createdMs, input.CreationTimeAfter, input.CreationTimeBefore) &&
        (input.JobReferenceCodeContains === undefined || job.referenceCode.includes(input.JobReferenceCodeContains)),
    );
    const { items, NextToken } = page(sorted(matching, (job) => job.createdMs, (job) => job.name, input.SortOrder), input);
    return {
      LabelingJobSummaryList: items.map((job) => {
        const counters = labelCounters(job);
        return {
          LabelingJobName: job.name,
          JobReferenceCode: job.referenceCode,
          WorkRequesterAccountId: ctx.account,
          CreationTime: new Date(job.createdMs),
          LabelCounters: {
            HumanLabeled: counters.HumanLabeled,
            PendingHuman: job.status === 'InProgress' ? counters.Unlabeled : 0,
            Total: job.objects.length,
          },
          NumberOfHumanWorkersPerDataObject: job.request.HumanTaskConfig.NumberOfHumanWorkersPerDataObject,
        };
      }),
      ...(NextToken && { NextToken }),
    };
  },
};
