import { describe, expect, it } from 'vitest';
import { CORS_PRESETS } from '../spec/kinds/bucket.js';
import { formatDuration } from '../spec/durations.js';
import { BUILT_IN_TASK_TYPES, builtInLambdas } from './catalog.js';
import { buildImportedTree, corsOf, taskTypeOfLambda, userTags, type ImportInput } from './import.js';
import type { LabelingJobRequest } from './jobs/request.js';
import { OWNERSHIP_TAG, type LiveJob } from './live.js';
import type { TaskType } from './model.js';
import { aLiveBucket, aLivePool, aLiveTeam, aLiveUser, aLiveWorkforce, liveState } from './test-support.js';

const REGION = 'us-east-1';
const BUCKET = 'console-bucket';
const TEAM_ARN = 'arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/reviewers';

function aLiveJob(name: string, overrides: { request?: Partial<LabelingJobRequest>; human?: Partial<LabelingJobRequest['HumanTaskConfig']>; status?: string; tags?: Record<string, string>; type?: Exclude<TaskType, 'custom'> } = {}): LiveJob {
  const lambdas = builtInLambdas(overrides.type ?? 'text-classification', REGION);
  const request: LabelingJobRequest = {
    LabelingJobName: name,
    LabelAttributeName: name,
    RoleArn: 'arn:aws:iam::000000000000:role/labeling',
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://${BUCKET}/in/manifest.jsonl` } } },
    OutputConfig: { S3OutputPath: `s3://${BUCKET}/out/` },
    LabelCategoryConfigS3Uri: `s3://${BUCKET}/in/labels.json`,
    HumanTaskConfig: {
      WorkteamArn: TEAM_ARN,
      UiConfig: { UiTemplateS3Uri: `s3://${BUCKET}/in/template.liquid` },
      PreHumanTaskLambdaArn: lambdas.pre,
      TaskTitle: 'Odd or even',
      TaskDescription: 'Say whether the number is odd or even',
      NumberOfHumanWorkersPerDataObject: 1,
      TaskTimeLimitInSeconds: 300,
      TaskAvailabilityLifetimeInSeconds: 864_000,
      MaxConcurrentTaskCount: 1000,
      AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: lambdas.consolidation },
      ...overrides.human,
    },
    Tags: [],
    ...overrides.request,
  };
  return {
    name,
    arn: `arn:aws:sagemaker:us-east-1:000000000000:labeling-job/${name}`,
    status: overrides.status ?? 'InProgress',
    tags: overrides.tags ?? {},
    labelCounters: { total: 0, human: 0, machine: 0, failed: 0, unlabeled: 3 },
    request,
  };
}

const LABELS = JSON.stringify({ 'document-version': '2018-11-28', labels: [{ label: 'Odd' }, { label: 'Even' }] });

function input(overrides: Partial<ImportInput> & { jobs?: LiveJob[] } = {}): ImportInput {
  const { jobs, ...rest } = overrides;
  const live = liveState({
    workforce: aLiveWorkforce({ tags: {} }),
    userPool: aLivePool({ tags: {} }),
    teams: [aLiveTeam('reviewers', { tags: { owner: 'ops', 'aws:cloudformation:stack': 'x' } })],
    users: [aLiveUser('b@example.com'), aLiveUser('a@example.com')],
    members: { reviewers: ['b@example.com', 'a@example.com'] },
    buckets: [aLiveBucket(BUCKET, { tags: {} })],
  });
  return {
    live: { ...live, jobs: jobs ?? [aLiveJob('odd-even')] },
    project: 'imported',
    labelFiles: { [`s3://${BUCKET}/in/labels.json`]: LABELS },
    corsPresets: CORS_PRESETS,
    formatDuration,
    ...rest,
  };
}

const specOf = (doc: { body: Record<string, unknown> } | undefined) => (doc?.body.spec ?? {}) as Record<string, any>;

describe('buildImportedTree', () => {
  it('writes a Project with the account and Region', () => {
    const tree = buildImportedTree(input());
    expect(tree.project.body).toEqual({ apiVersion: 'gtctl/v1', kind: 'Project', metadata: { name: 'imported' }, spec: { region: REGION, accountId: '000000000000' } });
  });

  it('adopts an existing Cognito workforce by pool id and client id', () => {
    const tree = buildImportedTree(input());
    expect(tree.workforce?.body.metadata).toEqual({ name: 'default', adopt: true });
    expect(specOf(tree.workforce)).toEqual({ cognito: { userPool: 'us-east-1_pool', clientId: 'client' } });
  });

  it('writes an OIDC workforce with the secret left to an environment variable, and says so', () => {
    const oidc = { clientId: 'c', issuer: 'https://idp', authorizationEndpoint: 'https://idp/a', tokenEndpoint: 'https://idp/t', userInfoEndpoint: 'https://idp/u', logoutEndpoint: 'https://idp/l', jwksUri: 'https://idp/j', authenticationRequestExtraParams: {} };
    const base = input();
    const { cognito: _, ...workforce } = aLiveWorkforce({ oidc, sourceIpCidrs: ['10.0.0.0/8'], tags: {} });
    const tree = buildImportedTree({ ...base, live: { ...base.live, workforce } });
    expect(specOf(tree.workforce).oidc.clientSecretEnv).toBe('OIDC_CLIENT_SECRET');
    expect(specOf(tree.workforce).sourceIpCidrs).toEqual(['10.0.0.0/8']);
    expect(tree.workforce?.comments.map((c) => c.text).join()).toMatch(/OIDC_CLIENT_SECRET/);
  });

  it('lists team members by e-mail, sorted, and keeps only the user tags', () => {
    const team = buildImportedTree(input()).teams[0]!;
    expect(team.body.metadata).toEqual({ name: 'reviewers', adopt: true });
    expect(specOf(team)).toEqual({ description: 'reviewers', members: ['a@example.com', 'b@example.com'], tags: { owner: 'ops' } });
  });

  it('names the user group only when it differs from the team name', () => {
    const base = input();
    const tree = buildImportedTree({ ...base, live: { ...base.live, teams: [aLiveTeam('reviewers', { userGroup: 'console-group', notificationTopicArn: 'arn:aws:sns:us-east-1:000000000000:tasks', presignedUrlSourceIp: true, tags: {} })] } });
    expect(specOf(tree.teams[0])).toMatchObject({ userGroup: 'console-group', notificationTopicArn: 'arn:aws:sns:us-east-1:000000000000:tasks', presignedUrlSourceIp: true });
  });

  it('leaves out what another gtctl project owns, with a warning, and does not adopt what this one owns', () => {
    const base = input();
    const teams = [aLiveTeam('theirs', { tags: { [OWNERSHIP_TAG]: 'other' } }), aLiveTeam('ours', { tags: { [OWNERSHIP_TAG]: 'imported' } })];
    const tree = buildImportedTree({ ...base, live: { ...base.live, teams } });
    expect(tree.teams.map((t) => t.name)).toEqual(['ours']);
    expect(tree.teams[0]!.body.metadata).toEqual({ name: 'ours' });
    expect(tree.warnings).toEqual(['team "theirs" belongs to gtctl project "other": not imported']);
  });

  it('writes a bucket with its settings and no objects', () => {
    const bucket = buildImportedTree(input()).buckets[0]!;
    expect(bucket.body.metadata).toEqual({ name: BUCKET, adopt: true });
    expect(specOf(bucket)).toEqual({ region: REGION, cors: 'ground-truth', encryption: 'sse-s3', blockPublicAccess: true, objectOwnership: 'BucketOwnerEnforced', versioning: false });
  });

  it('imports a text-classification job with its template, label file and labels', () => {
    const job = buildImportedTree(input()).jobs[0]!;
    expect(job.body.metadata).toEqual({ name: 'odd-even', adopt: true });
    expect(specOf(job)).toEqual({
      team: 'reviewers',
      roleArn: 'arn:aws:iam::000000000000:role/labeling',
      input: { manifest: `s3://${BUCKET}/in/manifest.jsonl` },
      output: `s3://${BUCKET}/out/`,
      task: {
        type: 'text-classification',
        title: 'Odd or even',
        description: 'Say whether the number is odd or even',
        labels: ['Odd', 'Even'],
        templateUri: `s3://${BUCKET}/in/template.liquid`,
        labelCategoryUri: `s3://${BUCKET}/in/labels.json`,
      },
      workers: { perObject: 1, taskTimeLimit: '5m', taskAvailability: '10d' },
    });
  });

  it('reads NER instructions from the label file', () => {
    const file = JSON.stringify({ labels: [{ label: 'Person' }], instructions: { shortInstruction: 'Mark people', fullInstruction: '<p>All people</p>' } });
    const tree = buildImportedTree(input({ jobs: [aLiveJob('ner', { type: 'named-entity-recognition' })], labelFiles: { [`s3://${BUCKET}/in/labels.json`]: file } }));
    expect(specOf(tree.jobs[0]).task.instructions).toEqual({ short: 'Mark people', full: '<p>All people</p>' });
  });

  it('writes the other job settings: state, auto-labeling, KMS, stopping conditions, durations, tags', () => {
    const job = aLiveJob('tuned', {
      status: 'Stopping',
      tags: { team: 'ml', [OWNERSHIP_TAG]: 'imported' },
      human: { TaskTimeLimitInSeconds: 5400, TaskAvailabilityLifetimeInSeconds: 3600, MaxConcurrentTaskCount: 200, NumberOfHumanWorkersPerDataObject: 3, TaskKeywords: ['numbers'] },
      request: {
        LabelAttributeName: 'parity',
        OutputConfig: { S3OutputPath: `s3://${BUCKET}/out/`, KmsKeyId: 'arn:aws:kms:us-east-1:000000000000:key/k' },
        LabelingJobAlgorithmsConfig: { LabelingJobAlgorithmSpecificationArn: 'arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/text-classification' },
        StoppingConditions: { MaxHumanLabeledObjectCount: 10, MaxPercentageOfInputDatasetLabeled: 50 },
      },
    });
    const spec = specOf(buildImportedTree(input({ jobs: [job] })).jobs[0]);
    expect(spec).toMatchObject({
      labelAttributeName: 'parity',
      workers: { perObject: 3, taskTimeLimit: '1h30m', taskAvailability: '1h', maxConcurrentTasks: 200 },
      state: 'stopped',
      autoLabeling: true,
      outputKmsKeyId: 'arn:aws:kms:us-east-1:000000000000:key/k',
      stoppingConditions: { maxHumanLabeledObjects: 10, maxPercentageLabeled: 50 },
      tags: { team: 'ml' },
    });
    expect(spec.task.keywords).toEqual(['numbers']);
  });

  it('imports a job with its own Lambda functions as custom, with a comment', () => {
    const job = aLiveJob('mine', { human: { PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:pre', AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:acs' } } });
    const imported = buildImportedTree(input({ jobs: [job] })).jobs[0]!;
    expect(specOf(imported).task).toMatchObject({ type: 'custom', preAnnotationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:pre', consolidationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:acs' });
    expect(imported.comments).toContainEqual(expect.objectContaining({ path: ['spec', 'task', 'type'] }));
  });

  it('leaves out a job for the public crowd, with a warning', () => {
    const job = aLiveJob('public', { human: { WorkteamArn: 'arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default' } });
    const tree = buildImportedTree(input({ jobs: [job] }));
    expect(tree.jobs).toEqual([]);
    expect(tree.warnings[0]).toMatch(/"public" is not for a private team/);
  });

  it('sorts every kind by name', () => {
    const tree = buildImportedTree(input({ jobs: [aLiveJob('zeta'), aLiveJob('alpha')] }));
    expect(tree.jobs.map((j) => j.name)).toEqual(['alpha', 'zeta']);
  });
});

describe('taskTypeOfLambda', () => {
  it.each(Object.keys(BUILT_IN_TASK_TYPES) as Array<Exclude<TaskType, 'custom'>>)('maps %s back from its PRE- Lambda in every Region', (type) => {
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) expect(taskTypeOfLambda(builtInLambdas(type, region).pre, region)).toBe(type);
  });

  it('does not take a look-alike in another account or Region for a built-in type', () => {
    expect(taskTypeOfLambda('arn:aws:lambda:us-east-1:000000000000:function:PRE-TextMultiClass', 'us-east-1')).toBeUndefined();
    expect(taskTypeOfLambda(builtInLambdas('bounding-box', 'us-east-1').pre, 'us-west-2')).toBeUndefined();
  });
});

describe('corsOf', () => {
  it.each(Object.entries(CORS_PRESETS))('names the %s preset', (name, rules) => {
    expect(corsOf(rules, CORS_PRESETS)).toBe(name);
  });

  it('writes other rules out, without empty lists', () => {
    expect(corsOf([{ allowedMethods: ['GET'], allowedOrigins: ['https://example.com'], allowedHeaders: [], exposeHeaders: [], maxAgeSeconds: 60 }], CORS_PRESETS)).toEqual([
      { allowedMethods: ['GET'], allowedOrigins: ['https://example.com'], maxAgeSeconds: 60 },
    ]);
  });
});

describe('userTags', () => {
  it('drops aws:* and gtctl:* tags', () => {
    expect(userTags({ 'aws:x': '1', 'gtctl:project': 'p', b: '2', a: '1' })).toEqual({ a: '1', b: '2' });
    expect(userTags({ 'gtctl:project': 'p' })).toBeUndefined();
  });
});
