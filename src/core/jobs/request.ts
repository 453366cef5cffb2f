// The CreateLabelingJob request for a job, as plain data: the plan carries it, apply sends it as is, and a live
// job is described into the same shape so that a changed spec shows as field differences.

export interface LabelingJobRequest {
  LabelingJobName: string;
  LabelAttributeName: string;
  RoleArn: string;
  InputConfig: {
    /** A manifest in S3, or an SNS topic (a streaming job). */
    DataSource: { S3DataSource: { ManifestS3Uri: string }; SnsDataSource?: never } | { SnsDataSource: { SnsTopicArn: string }; S3DataSource?: never };
    /** What the data is free of, sorted (`FreeOfPersonallyIdentifiableInformation`, `FreeOfAdultContent`). */
    DataAttributes?: { ContentClassifiers: Array<'FreeOfPersonallyIdentifiableInformation' | 'FreeOfAdultContent'> };
  };
  OutputConfig: { S3OutputPath: string; KmsKeyId?: string; SnsTopicArn?: string };
  LabelCategoryConfigS3Uri?: string;
  StoppingConditions?: { MaxHumanLabeledObjectCount?: number; MaxPercentageOfInputDatasetLabeled?: number };
  LabelingJobAlgorithmsConfig?: { LabelingJobAlgorithmSpecificationArn: string };
  HumanTaskConfig: {
    WorkteamArn: string;
    UiConfig: { UiTemplateS3Uri?: string; HumanTaskUiArn?: string };
    PreHumanTaskLambdaArn: string;
    TaskKeywords?: string[];
    TaskTitle: string;
    TaskDescription: string;
    NumberOfHumanWorkersPerDataObject: number;
    TaskTimeLimitInSeconds: number;
    TaskAvailabilityLifetimeInSeconds: number;
    MaxConcurrentTaskCount: number;
    AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: string };
    /** Public crowd only: what each Mechanical Turk worker is paid per task. */
    PublicWorkforceTaskPrice?: { AmountInUsd: { Dollars: number; Cents: number; TenthFractionsOfACent: number } };
  };
  Tags: Array<{ Key: string; Value: string }>;
}

/** The input manifest's URI; undefined for a streaming job (its objects come through an SNS topic). */
export function manifestUriOf(request: Pick<LabelingJobRequest, 'InputConfig'>): string | undefined {
  return request.InputConfig.DataSource.S3DataSource?.ManifestS3Uri;
}
