import { describe, expect, it } from 'vitest';
import { buildImportedTree, type ImportInput } from '../core/import.js';
import { OWNERSHIP_TAG } from '../core/live.js';
import { aLiveJob, aLiveTeam, aLiveWorkforce, anImportInput as input, CONSOLE_BUCKET as BUCKET } from '../core/test-support.js';
import { writeImportedTree, type CommentedDocument } from './write.js';

const REGION = 'us-east-1';

/** Both halves of import: live state to resolved values (core), those to documents (here). */
const imported = (i: ImportInput) => writeImportedTree(buildImportedTree(i));
const specOf = <S>(doc: CommentedDocument<{ spec?: S }> | undefined): S => doc!.document.spec!;

describe('writeImportedTree', () => {
  it('writes a Project with the account and Region', () => {
    const tree = imported(input());
    expect(tree.project.document).toEqual({ apiVersion: 'gtctl/v1', kind: 'Project', metadata: { name: 'imported' }, spec: { region: REGION, accountId: '000000000000' } });
  });

  it('adopts an existing Cognito workforce by pool id and client id', () => {
    const tree = imported(input());
    expect(tree.workforce?.document.metadata).toEqual({ name: 'default', adopt: true });
    expect(specOf(tree.workforce)).toEqual({ cognito: { userPool: 'us-east-1_pool', clientId: 'client' } });
  });

  it('writes an OIDC workforce with the secret left to an environment variable, and says so', () => {
    const oidc = { clientId: 'c', issuer: 'https://idp', authorizationEndpoint: 'https://idp/a', tokenEndpoint: 'https://idp/t', userInfoEndpoint: 'https://idp/u', logoutEndpoint: 'https://idp/l', jwksUri: 'https://idp/j', authenticationRequestExtraParams: {} };
    const base = input();
    const { cognito: _, ...workforce } = aLiveWorkforce({ oidc, sourceIpCidrs: ['10.0.0.0/8'], tags: {} });
    const tree = imported({ ...base, live: { ...base.live, workforce } });
    expect(specOf(tree.workforce).oidc?.clientSecretEnv).toBe('OIDC_CLIENT_SECRET');
    expect(specOf(tree.workforce).sourceIpCidrs).toEqual(['10.0.0.0/8']);
    expect(tree.workforce?.comments.map((c) => c.text).join()).toMatch(/OIDC_CLIENT_SECRET/);
  });

  it('lists team members by e-mail, sorted, and keeps only the user tags', () => {
    const team = imported(input()).teams[0]!;
    expect(team.document.metadata).toEqual({ name: 'reviewers', adopt: true });
    expect(specOf(team)).toEqual({ description: 'reviewers', members: ['a@example.com', 'b@example.com'], tags: { owner: 'ops' } });
  });

  it('names the user group only when it differs from the team name', () => {
    const base = input();
    const tree = imported({ ...base, live: { ...base.live, teams: [aLiveTeam('reviewers', { userGroup: 'console-group', notificationTopicArn: 'arn:aws:sns:us-east-1:000000000000:tasks', presignedUrlSourceIp: true, tags: {} })] } });
    expect(specOf(tree.teams[0])).toMatchObject({ userGroup: 'console-group', notificationTopicArn: 'arn:aws:sns:us-east-1:000000000000:tasks', presignedUrlSourceIp: true });
  });

  it('leaves out what another gtctl project owns, with a warning, and does not adopt what this one owns', () => {
    const base = input();
    const teams = [aLiveTeam('theirs', { tags: { [OWNERSHIP_TAG]: 'other' } }), aLiveTeam('ours', { tags: { [OWNERSHIP_TAG]: 'imported' } })];
    const tree = buildImportedTree({ ...base, live: { ...base.live, teams } });
    const written = writeImportedTree(tree);
    expect(written.teams.map((t) => t.document.metadata.name)).toEqual(['ours']);
    expect(written.teams[0]!.document.metadata).toEqual({ name: 'ours' });
    expect(tree.warnings).toEqual(['team "theirs" belongs to gtctl project "other": not imported']);
  });

  it('says beside each team that its members were not read, when they were not', () => {
    const team = imported(input({ membersRead: false })).teams[0]!;
    expect(team.comments).toEqual([{ path: ['spec', 'description'], text: ' members not imported: list them before planning, membership is authoritative' }]);
  });

  it('writes a bucket with its settings and no objects', () => {
    const bucket = imported(input()).buckets[0]!;
    expect(bucket.document.metadata).toEqual({ name: BUCKET, adopt: true });
    expect(specOf(bucket)).toEqual({ region: REGION, cors: 'ground-truth', encryption: 'sse-s3', blockPublicAccess: true, objectOwnership: 'BucketOwnerEnforced', versioning: false });
  });

  it('says what a bucket spec cannot: no object ownership setting, suspended versioning, objects left in it', () => {
    const base = input();
    const { objectOwnership: _, ...bucket } = base.live.buckets[0]!;
    const written = imported({ ...base, live: { ...base.live, buckets: [{ ...bucket, versioning: 'Suspended', empty: false }] } }).buckets[0]!;
    expect(specOf(written).objectOwnership).toBeUndefined();
    expect(written.comments.map((c) => c.path)).toEqual([['spec', 'blockPublicAccess'], ['spec', 'versioning'], []]);
  });

  it('imports a text-classification job with its template, label file and labels', () => {
    const job = imported(input()).jobs[0]!;
    expect(job.document.metadata).toEqual({ name: 'odd-even', adopt: true });
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
    const tree = imported(input({ jobs: [aLiveJob('ner', { type: 'named-entity-recognition' })], labelFiles: { [`s3://${BUCKET}/in/labels.json`]: file } }));
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
    const spec = specOf(imported(input({ jobs: [job] })).jobs[0]);
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
    const written = imported(input({ jobs: [job] })).jobs[0]!;
    expect(specOf(written).task).toMatchObject({ type: 'custom', preAnnotationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:pre', consolidationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:acs' });
    expect(written.comments).toContainEqual(expect.objectContaining({ path: ['spec', 'task', 'type'] }));
  });

  it('puts a comment on the name of a job that is over', () => {
    expect(imported(input({ jobs: [aLiveJob('done', { status: 'Completed' })] })).jobs[0]!.comments).toEqual([{ path: ['metadata', 'name'], text: ' Completed' }]);
  });
});
