// Labeling jobs through the built CLI against the sandbox, whose workers stand-in answers the tasks: the even-odd
// scenario from an empty account to a completed job and its output manifest; disagreement between two workers per
// object; a saved plan that creates a job; what AWS allows on an existing job (a changed spec is blocked,
// `state: stopped` stops it, a job dropped from the specs is forgotten, a name taken in another letter case blocks);
// and the pre-flight checks that block a job whose input would fail, before anything is written.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateBucketCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { CreateLabelingJobCommand, DescribeLabelingJobCommand, ListTagsCommand, ListWorkteamsCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { bucketDoc, jobDoc, projectDoc, teamDoc, ROLE_ARN, type Docs } from '../helpers/specs.js';
import { actions, base, PROJECT, ROOT, useSandbox, writeCalls, type World } from '../helpers/gtctl.js';

const world = useSandbox();

const PRE_TEXT = 'arn:aws:lambda:us-east-1:432418664414:function:PRE-TextMultiClass';
const ACS_TEXT = 'arn:aws:lambda:us-east-1:432418664414:function:ACS-TextMultiClass';

async function text(uri: string): Promise<string> {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
  return (await world.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
}

const describeJob = async (name: string) => world.sageMaker.send(new DescribeLabelingJobCommand({ LabelingJobName: name }));

/** Answers as `worker` the open tasks whose data objects are the keys of `labels` (a source -> label map). */
async function answer(job: string, worker: string, labels: Record<string, string>): Promise<string> {
  const tasks = await world.tasks(job, worker);
  const answers = Object.entries(labels).map(([source, label]) => ({ object: tasks.find((t) => t.source === source)!.object, label }));
  return (await world.label(job, worker, answers)).jobStatus;
}

/** Three numbers in a bucket and a job that classifies them, with its team: the smallest tree that runs a job. */
const numbers = bucketDoc({ spec: { objects: [{ key: 'input/1.txt', content: '42' }, { key: 'input/2.txt', content: '19' }, { key: 'input/3.txt', content: '21' }] } });
const team = teamDoc({ spec: { members: ['ann@example.com', 'bob@example.com'] } });
const jobTree = (job = jobDoc()) => [...base(), team, numbers, job];

describe('the even-odd scenario (specs/even-odd)', () => {
  const BUCKET = 'custom-sagemaker-bucket-s3-feature-engineering123';
  const JOB = 'text-analysis-job-creation';

  async function copyOfExample(): Promise<string> {
    const source = path.join(ROOT, 'specs/even-odd');
    const files = await readdir(source);
    return world.specs(Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(path.join(source, f), 'utf8')] as const))));
  }

  it('applies to a running job, three workers label it, it completes with the right output, and a re-plan is empty', async () => {
    const dir = await copyOfExample();
    const apply = await world.gtctl('apply', '-d', dir, '--auto-approve');
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain('Apply complete: 13 done, 0 failed, 0 skipped.');

    // The bucket, as the spec says and owned by the project.
    const s3 = world.s3;
    expect((await s3.send(new GetBucketCorsCommand({ Bucket: BUCKET }))).CORSRules).toEqual([
      { AllowedMethods: ['GET'], AllowedOrigins: ['*'], ExposeHeaders: ['Access-Control-Allow-Origin'] },
    ]);
    expect((await s3.send(new GetBucketEncryptionCommand({ Bucket: BUCKET }))).ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'AES256',
    });
    expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }))).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect((await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: BUCKET }))).OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: BUCKET }))).TagSet).toEqual([{ Key: 'gtctl:project', Value: 'techblogger-labeling' }]);
    expect(await Promise.all(['1', '2', '3'].map((n) => text(`s3://${BUCKET}/Input/${n}.txt`)))).toEqual(['42', '19', '21']);

    // The job, with the Region's built-in Lambdas and the files gtctl wrote under <output>gtctl/<job>/.
    const job = await describeJob(JOB);
    const files = `s3://${BUCKET}/Output/gtctl/${JOB}/`;
    expect(job).toMatchObject({
      LabelingJobStatus: 'InProgress',
      LabelAttributeName: JOB,
      RoleArn: 'arn:aws:iam::000000000000:role/AmazonSageMaker-ExecutionRole-20250818T084167',
      OutputConfig: { S3OutputPath: `s3://${BUCKET}/Output/` },
      HumanTaskConfig: {
        WorkteamArn: 'arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Image-Classification-Testing-Team',
        PreHumanTaskLambdaArn: PRE_TEXT,
        AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: ACS_TEXT },
        TaskTitle: 'Odd or even',
        NumberOfHumanWorkersPerDataObject: 1,
        TaskTimeLimitInSeconds: 300,
        TaskAvailabilityLifetimeInSeconds: 864_000,
      },
    });
    // Describe may leave the tags out (aws-evidence A2): ListTags on its ARN has them.
    expect((await world.sageMaker.send(new ListTagsCommand({ ResourceArn: job.LabelingJobArn! }))).Tags).toEqual([{ Key: 'gtctl:project', Value: 'techblogger-labeling' }]);
    const manifestUri = job.InputConfig!.DataSource!.S3DataSource!.ManifestS3Uri!;
    const templateUri = job.HumanTaskConfig!.UiConfig!.UiTemplateS3Uri!;
    const labelsUri = job.LabelCategoryConfigS3Uri!;
    for (const uri of [manifestUri, templateUri, labelsUri]) expect(uri.startsWith(files), uri).toBe(true);
    expect((await text(manifestUri)).split('\n').filter(Boolean).map((l) => JSON.parse(l))).toEqual(
      ['42', '19', '21'].map((source, i) => ({ source, 'gtctl-source-ref': `s3://${BUCKET}/Input/${i + 1}.txt` })),
    );
    expect(JSON.parse(await text(labelsUri))).toEqual({ 'document-version': '2018-11-28', labels: [{ label: 'Odd Number' }, { label: 'Even Number' }] });
    expect(await text(templateUri)).toContain('<crowd-classifier');

    // The workers: Ground Truth has started the job once its clock has moved on; one answer each completes it.
    await world.advanceClock(60_000);
    expect(await answer(JOB, 'user1@gmail.com', { '42': 'Even Number' })).toBe('InProgress');
    expect(await answer(JOB, 'user2@gmail.com', { '19': 'Odd Number' })).toBe('InProgress');
    expect(await answer(JOB, 'user3@gmail.com', { '21': 'Odd Number' })).toBe('Completed');

    const output = `s3://${BUCKET}/Output/${JOB}/manifests/output/output.manifest`;
    const lines = (await text(output)).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.source, l[JOB], (l[`${JOB}-metadata`] as Record<string, unknown>)['class-name']])).toEqual([
      ['42', 1, 'Even Number'],
      ['19', 0, 'Odd Number'],
      ['21', 0, 'Odd Number'],
    ]);
    expect(lines[0]![`${JOB}-metadata`]).toMatchObject({ type: 'groundtruth/text-classification', 'human-annotated': 'yes', confidence: 0 });

    const status = await world.gtctl('status', '-d', dir, '--json');
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).jobs).toEqual([
      { name: JOB, status: 'Completed', labelCounters: { total: 3, human: 3, machine: 0, failed: 0, unlabeled: 0 }, outputManifest: output },
    ]);
    const results = await world.gtctl('results', JOB, '-d', dir, '--json');
    expect(results.code, results.stderr).toBe(0);
    expect(JSON.parse(results.stdout)).toEqual({
      job: JOB,
      labelAttribute: JOB,
      output,
      workersPerObject: 1,
      total: 3,
      labeled: 3,
      failed: 0,
      unlabeled: 0,
      unreadable: 0,
      labels: [
        { label: 'Odd Number', objects: 2 },
        { label: 'Even Number', objects: 1 },
      ],
      failures: [],
    });

    // The job's output under Output/ is not an input, and a completed job is not a change: nothing to do.
    const again = await world.planJson(dir);
    expect({ code: again.code, changes: again.plan.changes }).toEqual({ code: 0, changes: [] });
  });
});

describe('two workers per object', () => {
  it('consolidates by majority and results count the object the workers disagreed on', async () => {
    const dir = await world.arrange(jobTree(jobDoc({ spec: { workers: { perObject: 2 } } })));
    await answer('odd-even', 'ann@example.com', { '42': 'Even', '19': 'Odd', '21': 'Odd' });
    expect(await answer('odd-even', 'bob@example.com', { '42': 'Even', '19': 'Odd', '21': 'Even' })).toBe('Completed');

    const results = await world.gtctl('results', 'odd-even', '-d', dir, '--json');
    expect(results.code, results.stderr).toBe(0);
    // A tie goes to the label listed first: 21 is "Odd", with confidence 0.5.
    expect(JSON.parse(results.stdout)).toMatchObject({
      workersPerObject: 2,
      labeled: 3,
      labels: [
        { label: 'Odd', objects: 2 },
        { label: 'Even', objects: 1 },
      ],
      disagreement: { objects: 1, outOf: 3 },
    });
    const human = await world.gtctl('results', 'odd-even', '-d', dir);
    expect(human.stdout).toMatch(/Worker disagreement: 1 of 3 objects/);
  });
});

describe('a saved plan', () => {
  it('creates the bucket, its objects and the job as planned', async () => {
    await world.arrange([...base(), team]);
    const dir = await world.specs(jobTree());
    const file = path.join(dir, '..', 'job.plan.json');
    const saved = await world.gtctl('plan', '-d', dir, '--out', file, '--json');
    expect(actions(JSON.parse(saved.stdout))).toEqual([
      'create bucket/gtctl-data',
      'create object/gtctl-data/input/1.txt',
      'create object/gtctl-data/input/2.txt',
      'create object/gtctl-data/input/3.txt',
      'create job/odd-even',
    ]);
    const apply = await world.gtctl('apply', file);
    expect(apply.code, apply.stderr).toBe(0);
    expect((await describeJob('odd-even')).LabelingJobStatus).toBe('InProgress');
    expect(await world.changes(dir)).toEqual([]);
  });
});

describe('an existing job', () => {
  it('whose spec changed is blocked, naming the changed fields; apply exits 1 without a single write', async () => {
    await world.arrange(jobTree());
    const dir = await world.specs(jobTree(jobDoc({ spec: { task: { title: 'Odd or even?' }, workers: { perObject: 2 } } })));

    await world.clearRequests();
    const [{ code, plan }, apply] = await Promise.all([world.planJson(dir), world.gtctl('apply', '-d', dir, '--auto-approve')]);
    expect({ code, changes: actions(plan) }).toEqual({ code: 1, changes: ['blocked job/odd-even'] });
    const [reason] = plan.changes[0]!.reasons;
    expect(reason).toMatch(/^labeling jobs cannot be changed once created \(.*\): give the job a new name/);
    expect(reason).toContain('task.title');
    expect(reason).toContain('workers.perObject');
    expect(plan.changes[0]!.diff).toContainEqual({ path: 'task.title', before: 'Odd or even', after: 'Odd or even?' });
    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain('! job/odd-even');
    expect(writeCalls(await world.requests())).toEqual([]);
    expect((await describeJob('odd-even')).HumanTaskConfig?.TaskTitle).toBe('Odd or even');
  });

  it('with state: stopped is stopped (shown as irreversible), and then plans nothing', async () => {
    await world.arrange(jobTree());
    const dir = await world.specs(jobTree(jobDoc({ spec: { state: 'stopped' } })));

    const [{ code, plan }, human] = await Promise.all([world.planJson(dir), world.gtctl('plan', '-d', dir)]);
    expect({ code, changes: actions(plan) }).toEqual({ code: 2, changes: ['stop job/odd-even'] });
    expect(plan.changes[0]!.diff).toEqual([{ path: 'status', before: 'InProgress', after: 'Stopped' }]);
    expect(human.stdout).toContain('■ job/odd-even (irreversible)');

    await world.clearRequests();
    await world.apply(dir);
    expect(writeCalls(await world.requests())).toEqual(['sagemaker.StopLabelingJob']);
    expect(['Stopping', 'Stopped']).toContain((await describeJob('odd-even')).LabelingJobStatus);
    expect(await world.changes(dir)).toEqual([]);
  });

  it('dropped from the specs is forgotten: no change, and the job runs on', async () => {
    await world.arrange(jobTree());
    const dir = await world.specs([...base(), team, numbers]);
    await world.clearRequests();
    const { code, plan } = await world.planJson(dir);
    expect({ code, changes: plan.changes }).toEqual({ code: 0, changes: [] });
    await world.apply(dir);
    expect(writeCalls(await world.requests())).toEqual([]);
    expect((await describeJob('odd-even')).LabelingJobStatus).toBe('InProgress');
  });

  it('made outside gtctl under the same name in another letter case blocks the job', async () => {
    await world.arrange([...base(), team, numbers]);
    const teamArn = (await world.sageMaker.send(new ListWorkteamsCommand({}))).Workteams![0]!.WorkteamArn!;
    await world.sageMaker.send(
      new CreateLabelingJobCommand({
        LabelingJobName: 'Odd-Even',
        LabelAttributeName: 'label',
        RoleArn: ROLE_ARN,
        InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://gtctl-data/console.manifest' } } },
        OutputConfig: { S3OutputPath: 's3://gtctl-data/console/' },
        HumanTaskConfig: {
          WorkteamArn: teamArn,
          UiConfig: { UiTemplateS3Uri: 's3://gtctl-data/console.liquid.html' },
          PreHumanTaskLambdaArn: PRE_TEXT,
          TaskTitle: 'Made in the console',
          TaskDescription: 'Made in the console',
          NumberOfHumanWorkersPerDataObject: 1,
          TaskTimeLimitInSeconds: 300,
          AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: ACS_TEXT },
        },
      }),
    );
    const dir = await world.specs(jobTree());

    await world.clearRequests();
    const [{ code, plan }, apply] = await Promise.all([world.planJson(dir), world.gtctl('apply', '-d', dir, '--auto-approve')]);
    expect({ code, changes: actions(plan) }).toEqual({ code: 1, changes: ['blocked job/odd-even'] });
    expect(plan.changes[0]!.reasons[0]).toMatch(/labeling job "Odd-Even" already exists and is not managed by gtctl.*give the job a new name/);
    expect(apply.code).toBe(1);
    expect(writeCalls(await world.requests())).toEqual([]);
  });
});

describe('pre-flight: a job whose input would fail is blocked before anything is written', () => {
  const IMAGES = 'gtctl-images';
  const cat = { key: 'cats/1.jpg', content: 'not really a JPEG' };
  /** An input naming a manifest (the builder's job reads a prefix, which the override must drop). */
  const manifest = (uri: string) => ({ manifest: uri, fromPrefix: undefined });
  const imageJob = (input: Record<string, string | undefined>) =>
    jobDoc({ spec: { input, task: { type: 'image-classification', title: 'Cat or dog', description: 'Is it a cat or a dog?', labels: ['Cat', 'Dog'] } } });

  /** What exists before the plan (made through the SDK, outside gtctl), and the tree to plan. */
  const cases: Array<[string, (w: World) => Promise<Docs>, RegExp]> = [
    [
      'the input manifest does not exist',
      async () => jobTree(jobDoc({ spec: { input: manifest('s3://gtctl-data/manifests/missing.manifest') } })),
      /^the input manifest s3:\/\/gtctl-data\/manifests\/missing\.manifest does not exist: upload it/,
    ],
    [
      'an image job whose manifest lines have "source"',
      async (w) => {
        await w.arrange([projectDoc({ name: PROJECT }), bucketDoc()]);
        await w.s3.send(new PutObjectCommand({ Bucket: 'gtctl-data', Key: 'cats.manifest', Body: '{"source":"a cat"}\n' }));
        return jobTree(imageJob(manifest('s3://gtctl-data/cats.manifest')));
      },
      /^input manifest line 1: uses "source" but the job's task type needs "source-ref"\. Image tasks take the S3 URI/,
    ],
    [
      'a text job whose "source" holds an S3 URI',
      async () =>
        jobTree(jobDoc({ spec: { input: manifest('s3://gtctl-data/uris.manifest') } })).map((doc) =>
          doc === numbers ? bucketDoc({ spec: { objects: [{ key: 'uris.manifest', content: '{"source":"s3://gtctl-data/input/1.txt"}\n' }] } }) : doc,
        ),
      /^input manifest line 1: "source" holds an S3 URI \(s3:\/\/gtctl-data\/input\/1\.txt\); workers would be shown the URI/,
    ],
    [
      'its images are in a bucket declared with cors: none',
      async () => [...jobTree(imageJob({ fromPrefix: `s3://${IMAGES}/cats/` })), bucketDoc({ name: IMAGES, spec: { cors: 'none', objects: [cat] } })],
      /^bucket gtctl-images holds images of this job but no CORS rule lets the labeling portal GET them/,
    ],
    [
      'its images are in a bucket the specs do not declare, which has no CORS',
      async (w) => {
        await w.settled(async () => {
          await w.s3.send(new CreateBucketCommand({ Bucket: IMAGES }));
          await w.s3.send(new PutObjectCommand({ Bucket: IMAGES, Key: cat.key, Body: cat.content }));
        });
        return jobTree(imageJob({ fromPrefix: `s3://${IMAGES}/cats/` }));
      },
      /^bucket gtctl-images holds images of this job but no CORS rule lets the labeling portal GET them/,
    ],
  ];

  it.each(cases)('%s: plan and apply exit 1 with the reason', async (_, arrange, reason) => {
    const dir = await world.specs(await arrange(world));
    await world.clearRequests();
    const [{ code, plan }, apply] = await Promise.all([world.planJson(dir), world.gtctl('apply', '-d', dir, '--auto-approve')]);
    expect(code).toBe(1);
    const job = plan.changes.find((c) => c.address === 'job/odd-even')!;
    expect(job.action).toBe('blocked');
    expect(job.reasons).toEqual([expect.stringMatching(reason)]);
    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain('This plan cannot be applied: job/odd-even is blocked');
    expect(writeCalls(await world.requests())).toEqual([]);
  });

  it('passes images in a bucket the specs do not declare when its CORS lets the portal GET them', async () => {
    await world.settled(async () => {
      await world.s3.send(new CreateBucketCommand({ Bucket: IMAGES }));
      await world.s3.send(new PutBucketCorsCommand({ Bucket: IMAGES, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'] }] } }));
      await world.s3.send(new PutObjectCommand({ Bucket: IMAGES, Key: cat.key, Body: cat.content }));
    });
    const dir = await world.specs(jobTree(imageJob({ fromPrefix: `s3://${IMAGES}/cats/` })));
    const { plan } = await world.planJson(dir);
    expect(actions(plan)).toContain('create job/odd-even');
  });
});
