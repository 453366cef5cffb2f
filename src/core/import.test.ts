import { describe, expect, it } from 'vitest';
import { BUILT_IN_TASK_TYPES, builtInLambdas } from './catalog.js';
import { buildImportedTree, taskTypeOfLambda, userTags } from './import.js';
import { OWNERSHIP_TAG } from './live.js';
import type { TaskType } from './model.js';
import { aLiveBucket, aLiveJob, aLiveTeam, anImportInput as input } from './test-support.js';

describe('buildImportedTree', () => {
  it('reads a job as resolved values: times in seconds, the type from its Lambda, the state from its status', () => {
    const job = buildImportedTree(input({ jobs: [aLiveJob('tuned', { status: 'Stopped', type: 'bounding-box', human: { TaskTimeLimitInSeconds: 5400 } })] })).jobs[0]!;
    expect(job.value).toMatchObject({ task: { type: 'bounding-box', labels: ['Odd', 'Even'] }, workers: { perObject: 1, taskTimeLimitSeconds: 5400, taskAvailabilitySeconds: 864_000, maxConcurrentTasks: 1000 }, state: 'stopped', adopt: true });
    expect(job.comments).toEqual([]);
  });

  it('anchors its comments at resolved fields', () => {
    const custom = aLiveJob('mine', { status: 'Failed', human: { PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:pre', UiConfig: { HumanTaskUiArn: 'arn:aws:sagemaker:us-east-1:000000000000:human-task-ui/ui' } } });
    const tree = buildImportedTree(input({ jobs: [custom], labelFiles: {}, membersRead: false }));
    expect(tree.jobs[0]!.comments.map((c) => c.field)).toEqual([['task', 'labelCategoryUri'], ['task', 'type'], ['task', 'title'], ['name']]);
    expect(tree.teams[0]!.comments.map((c) => c.field)).toEqual([['description']]);
    expect(tree.workforce!.comments.map((c) => c.field)).toEqual([['identity', 'userPoolId']]);
  });

  it('tells Cognito teams from OIDC teams, and a bucket without public access block from one that blocks it', () => {
    const base = input();
    const teams = [aLiveTeam('oidc', { userGroup: undefined, oidcGroups: ['g'], tags: {} }), aLiveTeam('cognito', { tags: {} })];
    const tree = buildImportedTree({ ...base, live: { ...base.live, teams, buckets: [aLiveBucket('open', { publicAccessBlock: undefined, tags: {} })] } });
    expect(tree.teams.map((t) => [t.value.name, t.value.identity, t.value.oidcGroups])).toEqual([['cognito', 'cognito', ['cognito']], ['oidc', 'oidc', ['g']]]);
    expect(Object.values(tree.buckets[0]!.value.publicAccessBlock)).toEqual([false, false, false, false]);
  });

  it('warns about members without an e-mail address and leaves them out', () => {
    const base = input();
    const tree = buildImportedTree({ ...base, live: { ...base.live, groupMembers: { reviewers: ['id-a@example.com', 'no-mail'] } } });
    expect(tree.teams[0]!.value.members).toEqual(['a@example.com']);
    expect(tree.warnings).toEqual(['team "reviewers": 1 member(s) without an e-mail address left out (no-mail)']);
  });

  it('does not adopt what this project owns already', () => {
    const tree = buildImportedTree(input({ jobs: [aLiveJob('ours', { tags: { [OWNERSHIP_TAG]: 'imported', a: 'b' } })] }));
    expect(tree.jobs[0]!.value).toMatchObject({ adopt: false, tags: { a: 'b' } });
  });

  it('imports a public-crowd job with its price and a vendor job by its team ARN; leaves out a team it cannot name', () => {
    const publicJob = aLiveJob('public', {
      request: { InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://b/in.manifest' } }, DataAttributes: { ContentClassifiers: ['FreeOfPersonallyIdentifiableInformation'] } } },
      human: { WorkteamArn: 'arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default', PublicWorkforceTaskPrice: { AmountInUsd: { Dollars: 0, Cents: 3, TenthFractionsOfACent: 6 } } },
    });
    const vendorArn = 'arn:aws:sagemaker:us-east-1:111122223333:workteam/vendor-crowd/acme-labeling';
    const vendorJob = aLiveJob('vendor', { human: { WorkteamArn: vendorArn } });
    const odd = aLiveJob('odd', { human: { WorkteamArn: 'arn:aws:sagemaker:us-east-1:1:workteam/other/x' } });
    const tree = buildImportedTree(input({ jobs: [publicJob, vendorJob, odd] }));
    expect(tree.jobs.map((j) => [j.value.name, j.value.workforce])).toEqual([
      ['public', { type: 'public', priceTenthCents: 36 }],
      ['vendor', { type: 'vendor', team: vendorArn }],
    ]);
    expect(tree.jobs[0]!.value.workers.contentClassifiers).toEqual(['freeOfPersonallyIdentifiableInformation']);
    expect(tree.warnings[0]).toMatch(/"odd" goes to a work team gtctl cannot name/);
  });

  it('imports a streaming job with its input and output topics', () => {
    const job = aLiveJob('stream', { request: { InputConfig: { DataSource: { SnsDataSource: { SnsTopicArn: 'arn:aws:sns:us-east-1:000000000000:in' } } }, OutputConfig: { S3OutputPath: 's3://b/out/', SnsTopicArn: 'arn:aws:sns:us-east-1:000000000000:out' } } });
    const [imported] = buildImportedTree(input({ jobs: [job] })).jobs;
    expect(imported!.value).toMatchObject({ input: { stream: { snsTopicArn: 'arn:aws:sns:us-east-1:000000000000:in' } }, outputTopicArn: 'arn:aws:sns:us-east-1:000000000000:out' });
  });

  it('sorts every kind by name', () => {
    const tree = buildImportedTree(input({ jobs: [aLiveJob('zeta'), aLiveJob('alpha')] }));
    expect(tree.jobs.map((j) => j.value.name)).toEqual(['alpha', 'zeta']);
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

describe('userTags', () => {
  it('drops aws:* and gtctl:* tags', () => {
    expect(userTags({ 'aws:x': '1', 'gtctl:project': 'p', b: '2', a: '1' })).toEqual({ a: '1', b: '2' });
    expect(userTags({ 'gtctl:project': 'p' })).toBeUndefined();
  });
});
