// SageMaker's input constraints, written by hand from the API reference (lengths, ranges, patterns, enums,
// required members) for the operations the sandbox serves. `constraints.test.ts` cross-checks this table against
// the AWS model; what it cannot express (CognitoConfig xor OidcConfig, label-file rules...) lives in the operations.
import type { ConstraintTable, Shape } from '../constraints.js';

type Structure = Shape & { type: 'structure' };

const str = (min: number | undefined, max: number | undefined, pattern?: string): Shape => ({
  type: 'string',
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
  ...(pattern === undefined ? {} : { pattern }),
});
const oneOf = (...values: string[]): Shape => ({ type: 'string', enum: values });
const int = (min: number, max?: number): Shape => ({ type: 'integer', min, ...(max === undefined ? {} : { max }) });
const list = (member: Shape, min?: number, max?: number): Shape => ({
  type: 'list',
  member,
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
});
const struct = (members: Record<string, Shape>, required: string[] = []): Structure => ({
  type: 'structure',
  members,
  ...(required.length ? { required } : {}),
});
const timestamp: Shape = { type: 'timestamp' };

// Names and identifiers. Workforce and work team names differ: a workforce name may hold runs of '-' anywhere
// after the first character, a team name must not end with '-'.
const workforceName = str(1, 63, String.raw`^[a-zA-Z0-9]([a-zA-Z0-9\-]){0,62}$`);
const entityName = str(1, 63, String.raw`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$`);
const humanTaskUiName = str(1, 63, String.raw`^[a-z0-9](-*[a-z0-9])*$`);
const userPoolId = str(1, 55, String.raw`^[\w-]+_[0-9a-zA-Z]+$`);
const clientId = str(1, 1024, String.raw`^[ -~]+$`);
const groupName = (max: number) => str(1, max, String.raw`^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$`);
const s3Uri = str(0, 1024, String.raw`^(https|s3)://([^/]+)/?(.*)$`);
const kmsKeyId = str(0, 2048, String.raw`^[a-zA-Z0-9:/_-]*$`);
const snsTopicArn = str(0, 2048, String.raw`^arn:aws[a-z\-]*:sns:[a-z0-9\-]*:[0-9]{12}:[a-zA-Z0-9_.-]+$`);
const lambdaArn = str(0, 2048, String.raw`^arn:aws[a-z\-]*:lambda:[a-z0-9\-]*:[0-9]{12}:function:`);
const workteamArn = str(0, 256, String.raw`^arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:workteam/`);
const taggableArn = str(0, 256, String.raw`^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+$`);
const nextToken = str(0, 8192, '.*');
const maxResults = int(1, 100);
const sortOrder = oneOf('Ascending', 'Descending');

const tagText = String.raw`^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`;
const tagKey = str(1, 128, tagText);
const tags = list(struct({ Key: tagKey, Value: str(0, 256, tagText) }, ['Key', 'Value']), 0, 50);

// IPv4 or IPv6 CIDR, exactly as the model spells it (including its unescaped `s*`, `d` and `.` in the IPv6 part).
const cidr = str(
  4,
  64,
  String.raw`^(^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])(\/(3[0-2]|[1-2][0-9]|[0-9]))$)|(^s*((([0-9A-Fa-f]{1,4}:){7}([0-9A-Fa-f]{1,4}|:))|(([0-9A-Fa-f]{1,4}:){6}(:[0-9A-Fa-f]{1,4}|((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3})|:))|(([0-9A-Fa-f]{1,4}:){5}(((:[0-9A-Fa-f]{1,4}){1,2})|:((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3})|:))|(([0-9A-Fa-f]{1,4}:){4}(((:[0-9A-Fa-f]{1,4}){1,3})|((:[0-9A-Fa-f]{1,4})?:((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3}))|:))|(([0-9A-Fa-f]{1,4}:){3}(((:[0-9A-Fa-f]{1,4}){1,4})|((:[0-9A-Fa-f]{1,4}){0,2}:((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3}))|:))|(([0-9A-Fa-f]{1,4}:){2}(((:[0-9A-Fa-f]{1,4}){1,5})|((:[0-9A-Fa-f]{1,4}){0,3}:((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3}))|:))|(([0-9A-Fa-f]{1,4}:){1}(((:[0-9A-Fa-f]{1,4}){1,6})|((:[0-9A-Fa-f]{1,4}){0,4}:((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3}))|:))|(:(((:[0-9A-Fa-f]{1,4}){1,7})|((:[0-9A-Fa-f]{1,4}){0,5}:((25[0-5]|2[0-4]d|1dd|[1-9]?d)(.(25[0-5]|2[0-4]d|1dd|[1-9]?d)){3}))|:)))(%.+)?s*(\/(12[0-8]|1[0-1][0-9]|[1-9][0-9]|[0-9]))$)$`,
);

// Workforce configuration blocks.
const sourceIpConfig = struct({ Cidrs: list(cidr) }, ['Cidrs']);
const oidcEndpoint = str(0, 500, String.raw`^https://\S+$`);
const oidcConfig = struct(
  {
    ClientId: clientId,
    ClientSecret: clientId,
    Issuer: oidcEndpoint,
    AuthorizationEndpoint: oidcEndpoint,
    TokenEndpoint: oidcEndpoint,
    UserInfoEndpoint: oidcEndpoint,
    LogoutEndpoint: oidcEndpoint,
    JwksUri: oidcEndpoint,
    Scope: str(0, 1024, String.raw`^[!#-\[\]-~]+( [!#-\[\]-~]+)*$`),
    AuthenticationRequestExtraParams: {
      type: 'map',
      key: str(0, 512, '.*'),
      value: str(0, 512, '.*'),
      min: 0,
      max: 10,
    },
  },
  ['ClientId', 'ClientSecret', 'Issuer', 'AuthorizationEndpoint', 'TokenEndpoint', 'UserInfoEndpoint', 'LogoutEndpoint', 'JwksUri'],
);
const workforceVpcConfig = struct({
  VpcId: str(0, 32, '^vpc-[0-9a-z]*$'),
  SecurityGroupIds: list(str(0, 32, '^sg-[0-9a-z]*$'), 1, 5),
  Subnets: list(str(0, 32, '^subnet-[0-9a-z]*$'), 1, 16),
});

// Work team blocks.
const memberDefinitions = list(
  struct({
    CognitoMemberDefinition: struct({ UserPool: userPoolId, UserGroup: groupName(128), ClientId: clientId }, [
      'UserPool',
      'UserGroup',
      'ClientId',
    ]),
    OidcMemberDefinition: struct({ Groups: list(groupName(63), 1, 10) }),
  }),
  1,
  10,
);
const notificationConfiguration = struct({
  NotificationTopicArn: str(undefined, undefined, String.raw`^arn:aws[a-z\-]*:sns:[a-z0-9\-]*:[0-9]{12}:[a-zA-Z0-9_.-]*$`),
});
const enabledOrDisabled = oneOf('Enabled', 'Disabled');
const workerAccessConfiguration = struct({
  S3Presign: struct({ IamPolicyConstraints: struct({ SourceIp: enabledOrDisabled, VpcSourceIp: enabledOrDisabled }) }),
});

// Labeling job blocks.
const labelingJobInputConfig = struct(
  {
    DataSource: struct({
      S3DataSource: struct({ ManifestS3Uri: s3Uri }, ['ManifestS3Uri']),
      SnsDataSource: struct({ SnsTopicArn: snsTopicArn }, ['SnsTopicArn']),
    }),
    DataAttributes: struct({
      ContentClassifiers: list(oneOf('FreeOfPersonallyIdentifiableInformation', 'FreeOfAdultContent'), 0, 256),
    }),
  },
  ['DataSource'],
);
const labelingJobOutputConfig = struct({ S3OutputPath: s3Uri, KmsKeyId: kmsKeyId, SnsTopicArn: snsTopicArn }, ['S3OutputPath']);
const vpcResourceId = str(0, 32, '^[-0-9a-zA-Z]+$');
const labelingJobAlgorithmsConfig = struct(
  {
    LabelingJobAlgorithmSpecificationArn: str(0, 2048, '^arn:'),
    InitialActiveLearningModelArn: str(20, 2048, String.raw`^arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:model/`),
    LabelingJobResourceConfig: struct({
      VolumeKmsKeyId: kmsKeyId,
      VpcConfig: struct({ SecurityGroupIds: list(vpcResourceId, 1, 5), Subnets: list(vpcResourceId, 1, 16) }, [
        'SecurityGroupIds',
        'Subnets',
      ]),
    }),
  },
  ['LabelingJobAlgorithmSpecificationArn'],
);
const humanTaskConfig = struct(
  {
    WorkteamArn: workteamArn,
    UiConfig: struct({
      UiTemplateS3Uri: s3Uri,
      HumanTaskUiArn: str(0, 1024, String.raw`^arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]+:[0-9]{12}:human-task-ui/`),
    }),
    PreHumanTaskLambdaArn: lambdaArn,
    TaskKeywords: list(str(1, 30, '^[A-Za-z0-9]+( [A-Za-z0-9]+)*$'), 1, 5),
    TaskTitle: str(1, 128, String.raw`^[\t\n\r -\uD7FF\uE000-\uFFFD]*$`),
    TaskDescription: str(1, 255, '^.+$'),
    NumberOfHumanWorkersPerDataObject: int(1, 9),
    TaskTimeLimitInSeconds: int(30),
    TaskAvailabilityLifetimeInSeconds: int(60),
    MaxConcurrentTaskCount: int(1, 5000),
    AnnotationConsolidationConfig: struct({ AnnotationConsolidationLambdaArn: lambdaArn }, ['AnnotationConsolidationLambdaArn']),
    PublicWorkforceTaskPrice: struct({
      AmountInUsd: struct({ Dollars: int(0, 2), Cents: int(0, 99), TenthFractionsOfACent: int(0, 9) }),
    }),
  },
  ['WorkteamArn', 'UiConfig', 'TaskTitle', 'TaskDescription', 'NumberOfHumanWorkersPerDataObject', 'TaskTimeLimitInSeconds'],
);

export const sageMakerConstraints: ConstraintTable = {
  CreateWorkforce: struct(
    {
      CognitoConfig: struct({ UserPool: userPoolId, ClientId: clientId }, ['UserPool', 'ClientId']),
      OidcConfig: oidcConfig,
      SourceIpConfig: sourceIpConfig,
      WorkforceName: workforceName,
      Tags: tags,
      WorkforceVpcConfig: workforceVpcConfig,
    },
    ['WorkforceName'],
  ),
  DescribeWorkforce: struct({ WorkforceName: workforceName }, ['WorkforceName']),
  UpdateWorkforce: struct(
    { WorkforceName: workforceName, SourceIpConfig: sourceIpConfig, OidcConfig: oidcConfig, WorkforceVpcConfig: workforceVpcConfig },
    ['WorkforceName'],
  ),
  DeleteWorkforce: struct({ WorkforceName: workforceName }, ['WorkforceName']),
  ListWorkforces: struct({
    SortBy: oneOf('Name', 'CreateDate'),
    SortOrder: sortOrder,
    NameContains: workforceName,
    NextToken: nextToken,
    MaxResults: maxResults,
  }),

  CreateWorkteam: struct(
    {
      WorkteamName: entityName,
      WorkforceName: workforceName,
      MemberDefinitions: memberDefinitions,
      Description: str(1, 200, '^.+$'),
      NotificationConfiguration: notificationConfiguration,
      WorkerAccessConfiguration: workerAccessConfiguration,
      Tags: tags,
    },
    ['WorkteamName', 'MemberDefinitions', 'Description'],
  ),
  DescribeWorkteam: struct({ WorkteamName: entityName }, ['WorkteamName']),
  UpdateWorkteam: struct(
    {
      WorkteamName: entityName,
      MemberDefinitions: memberDefinitions,
      Description: str(1, 200, '^.+$'),
      NotificationConfiguration: notificationConfiguration,
      WorkerAccessConfiguration: workerAccessConfiguration,
    },
    ['WorkteamName'],
  ),
  DeleteWorkteam: struct({ WorkteamName: entityName }, ['WorkteamName']),
  ListWorkteams: struct({
    SortBy: oneOf('Name', 'CreateDate'),
    SortOrder: sortOrder,
    NameContains: entityName,
    NextToken: nextToken,
    MaxResults: maxResults,
  }),
  // Beyond the trimmed reference model (constraints.test.ts lists them): the full API reference gives NameContains
  // the WorkteamName shape and WorkteamArn its own, as in the operations above.
  ListSubscribedWorkteams: struct({ NameContains: entityName, NextToken: nextToken, MaxResults: maxResults }),
  DescribeSubscribedWorkteam: struct({ WorkteamArn: workteamArn }, ['WorkteamArn']),

  CreateLabelingJob: struct(
    {
      LabelingJobName: entityName,
      LabelAttributeName: str(1, 127, String.raw`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,126}$`),
      InputConfig: labelingJobInputConfig,
      OutputConfig: labelingJobOutputConfig,
      RoleArn: str(20, 2048, String.raw`^arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$`),
      LabelCategoryConfigS3Uri: s3Uri,
      StoppingConditions: struct({ MaxHumanLabeledObjectCount: int(1), MaxPercentageOfInputDatasetLabeled: int(1, 100) }),
      LabelingJobAlgorithmsConfig: labelingJobAlgorithmsConfig,
      HumanTaskConfig: humanTaskConfig,
      Tags: tags,
    },
    ['LabelingJobName', 'LabelAttributeName', 'InputConfig', 'OutputConfig', 'RoleArn', 'HumanTaskConfig'],
  ),
  DescribeLabelingJob: struct({ LabelingJobName: entityName }, ['LabelingJobName']),
  StopLabelingJob: struct({ LabelingJobName: entityName }, ['LabelingJobName']),
  ListLabelingJobs: struct({
    CreationTimeAfter: timestamp,
    CreationTimeBefore: timestamp,
    LastModifiedTimeAfter: timestamp,
    LastModifiedTimeBefore: timestamp,
    MaxResults: maxResults,
    NextToken: nextToken,
    NameContains: str(0, 63, String.raw`^[a-zA-Z0-9\-]+$`),
    SortBy: oneOf('Name', 'CreationTime', 'Status'),
    SortOrder: sortOrder,
    StatusEquals: oneOf('Initializing', 'InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'),
  }),
  ListLabelingJobsForWorkteam: struct(
    {
      WorkteamArn: workteamArn,
      MaxResults: maxResults,
      NextToken: nextToken,
      CreationTimeAfter: timestamp,
      CreationTimeBefore: timestamp,
      JobReferenceCodeContains: str(1, 255, '^.+$'),
      SortBy: oneOf('CreationTime'),
      SortOrder: sortOrder,
    },
    ['WorkteamArn'],
  ),

  AddTags: struct({ ResourceArn: taggableArn, Tags: tags }, ['ResourceArn', 'Tags']),
  DeleteTags: struct({ ResourceArn: taggableArn, TagKeys: list(tagKey, 1, 50) }, ['ResourceArn', 'TagKeys']),
  ListTags: struct({ ResourceArn: taggableArn, NextToken: nextToken, MaxResults: int(50) }, ['ResourceArn']),

  CreateHumanTaskUi: struct(
    {
      HumanTaskUiName: humanTaskUiName,
      UiTemplate: struct({ Content: str(1, 128_000, String.raw`^[\S\s]+$`) }, ['Content']),
      Tags: tags,
    },
    ['HumanTaskUiName', 'UiTemplate'],
  ),
  DescribeHumanTaskUi: struct({ HumanTaskUiName: humanTaskUiName }, ['HumanTaskUiName']),
  DeleteHumanTaskUi: struct({ HumanTaskUiName: humanTaskUiName }, ['HumanTaskUiName']),
  ListHumanTaskUis: struct({
    CreationTimeAfter: timestamp,
    CreationTimeBefore: timestamp,
    SortOrder: sortOrder,
    NextToken: nextToken,
    MaxResults: maxResults,
  }),
};
