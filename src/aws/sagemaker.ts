// The SageMaker port: workforces, work teams, tags and labeling jobs. Not paced client-side (rate-limits.ts says why).
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { Connect } from './clients.js';
import { isAwsError, required } from './errors.js';
import { allPages, SAGEMAKER_MAX_RESULTS as MaxResults } from './pagination.js';
import type { SageMakerPort } from './ports.js';

type Sdk = typeof import('@aws-sdk/client-sagemaker');

// How SageMaker says a thing does not exist (aws-facts §1.3, §2.2, §3.5): workforces and teams with a
// ValidationException whose text is the only signal (Terraform keys on the same text), jobs with ResourceNotFound.
const isMissingWorkforce = (error: unknown) => isAwsError(error, 'ValidationException', 'No workforce');
const isMissingJob = (error: unknown) => isAwsError(error, 'ResourceNotFound');

export function sageMakerPort(connect: Connect<Sdk, SageMakerClient>): SageMakerPort {
  return {
    async listWorkforces() {
      const { sdk, client } = await connect();
      return allPages(async (NextToken) => {
        const page = await client.send(new sdk.ListWorkforcesCommand({ MaxResults, NextToken }));
        return [page.Workforces, page.NextToken];
      });
    },

    async describeWorkforce(name) {
      const { sdk, client } = await connect();
      try {
        return (await client.send(new sdk.DescribeWorkforceCommand({ WorkforceName: name }))).Workforce;
      } catch (error) {
        if (isMissingWorkforce(error)) return undefined;
        throw error;
      }
    },

    async createWorkforce(input) {
      const { sdk, client } = await connect();
      return required((await client.send(new sdk.CreateWorkforceCommand(input))).WorkforceArn, 'sagemaker', 'CreateWorkforce', 'WorkforceArn');
    },

    async updateWorkforce(input) {
      const { sdk, client } = await connect();
      return required((await client.send(new sdk.UpdateWorkforceCommand(input))).Workforce, 'sagemaker', 'UpdateWorkforce', 'Workforce');
    },

    async listWorkteams() {
      const { sdk, client } = await connect();
      return allPages(async (NextToken) => {
        const page = await client.send(new sdk.ListWorkteamsCommand({ MaxResults, NextToken }));
        return [page.Workteams, page.NextToken];
      });
    },

    async createWorkteam(input) {
      const { sdk, client } = await connect();
      return required((await client.send(new sdk.CreateWorkteamCommand(input))).WorkteamArn, 'sagemaker', 'CreateWorkteam', 'WorkteamArn');
    },

    async updateWorkteam(input) {
      const { sdk, client } = await connect();
      return required((await client.send(new sdk.UpdateWorkteamCommand(input))).Workteam, 'sagemaker', 'UpdateWorkteam', 'Workteam');
    },

    async deleteWorkteam(name) {
      const { sdk, client } = await connect();
      await client.send(new sdk.DeleteWorkteamCommand({ WorkteamName: name }));
    },

    async listTags(arn) {
      const { sdk, client } = await connect();
      return allPages(async (NextToken) => {
        const page = await client.send(new sdk.ListTagsCommand({ ResourceArn: arn, MaxResults, NextToken }));
        return [page.Tags, page.NextToken];
      });
    },

    async addTags(arn, tags) {
      const { sdk, client } = await connect();
      await client.send(new sdk.AddTagsCommand({ ResourceArn: arn, Tags: tags }));
    },

    async deleteTags(arn, keys) {
      const { sdk, client } = await connect();
      await client.send(new sdk.DeleteTagsCommand({ ResourceArn: arn, TagKeys: keys }));
    },

    async listLabelingJobs() {
      const { sdk, client } = await connect();
      return allPages(async (NextToken) => {
        const page = await client.send(new sdk.ListLabelingJobsCommand({ MaxResults, NextToken }));
        return [page.LabelingJobSummaryList, page.NextToken];
      });
    },

    async listSubscribedWorkteams() {
      const { sdk, client } = await connect();
      return allPages(async (NextToken) => {
        const page = await client.send(new sdk.ListSubscribedWorkteamsCommand({ MaxResults, NextToken }));
        return [page.SubscribedWorkteams, page.NextToken];
      });
    },

    async describeLabelingJob(name) {
      const { sdk, client } = await connect();
      try {
        return await client.send(new sdk.DescribeLabelingJobCommand({ LabelingJobName: name }));
      } catch (error) {
        if (isMissingJob(error)) return undefined;
        throw error;
      }
    },

    async createLabelingJob(input) {
      const { sdk, client } = await connect();
      return required((await client.send(new sdk.CreateLabelingJobCommand(input))).LabelingJobArn, 'sagemaker', 'CreateLabelingJob', 'LabelingJobArn');
    },

    async stopLabelingJob(name) {
      const { sdk, client } = await connect();
      await client.send(new sdk.StopLabelingJobCommand({ LabelingJobName: name }));
    },
  };
}
