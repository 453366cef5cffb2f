// Issue 7's round trip: one console-made (untagged) labeling job per built-in task type of the catalog but the frame
// types, plus a custom one with its own Lambda functions, imported with `gtctl import`; the specs validate, reproduce each job's exact
// task type, labels (read from its label category file), instructions, workers and time limits, and plan as nothing
// but the adoption (the ownership tag, the members' mark). Once applied, the plan is empty.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CreateBucketCommand, PutBucketCorsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { BUILT_IN_TASK_TYPES, builtInHumanTaskUi, builtInLambdas, frameTypeOf } from '../../src/core/catalog.js';
import type { TaskType } from '../../src/core/model.js';
import { ROLE_ARN } from '../helpers/specs.js';
import { consoleWorkforce } from '../helpers/console-account.js';
import { REGION, useSandbox } from '../helpers/gtctl.js';

const world = useSandbox();

const TEXT_BUCKET = 'console-text-data';
const IMAGE_BUCKET = 'console-image-data';
const TEAM = 'console-team';
const GROUP = 'console-group';
const PEOPLE = ['ann@example.com', 'bob@example.com'];
const CUSTOM_PRE = 'arn:aws:lambda:us-east-1:000000000000:function:my-pre-annotation';
const CUSTOM_ACS = 'arn:aws:lambda:us-east-1:000000000000:function:my-consolidation';

interface Case {
  type: TaskType;
  job: string;
  labels: string[];
  instructions?: { short: string; full: string };
  perObject: number;
  taskTimeLimit: number;
  taskAvailability: number;
  /** As written in the imported spec. */
  taskTimeLimitText: string;
  taskAvailabilityText: string;
}

// Video frame and 3D point cloud types, whose inputs are sequences and whose label files are 2020-03-01, round-trip
// in frame-jobs.test.ts.
const TYPES = [...(Object.keys(BUILT_IN_TASK_TYPES) as Array<Exclude<TaskType, 'custom'>>).filter((type) => !frameTypeOf(type)), 'custom' as const];
// Varied workers and time limits: 1, 3 or 5 workers; 90 s, 5 min or 1 h a task; 2, 10 or 1 day(s) available.
const WORKERS = [1, 3, 5];
const LIMITS: Array<[number, string]> = [[90, '1m30s'], [300, '5m'], [3600, '1h']];
const AVAILABILITY: Array<[number, string]> = [[172_800, '2d'], [864_000, '10d'], [86_400, '1d']];

const CASES: Case[] = TYPES.map((type, i) => ({
  type,
  job: `console-${type}`,
  labels: type === 'named-entity-recognition' ? ['Person', 'Place'] : [`${type}-a`, `${type}-b`, 'Other'],
  ...(type === 'named-entity-recognition' ? { instructions: { short: 'Mark people and places', full: '<p>Mark every person and every place.</p>' } } : {}),
  perObject: WORKERS[i % 3]!,
  taskTimeLimit: LIMITS[i % 3]![0],
  taskTimeLimitText: LIMITS[i % 3]![1],
  taskAvailability: AVAILABILITY[i % 3]![0],
  taskAvailabilityText: AVAILABILITY[i % 3]![1],
}));

const isImage = (type: TaskType) => type !== 'custom' && BUILT_IN_TASK_TYPES[type].inputKey === 'source-ref';

/** The console user's account: untagged pool, client, domain, workforce, a team with its group, two buckets, the jobs. */
/** Made in the console long ago: settled, without the consistency windows of new objects. */
function consoleAccount(): Promise<void> {
  return world.settled(madeInTheConsole);
}

async function madeInTheConsole(): Promise<void> {
  const { teamArn } = await consoleWorkforce(world, { name: TEAM, group: GROUP, people: PEOPLE });
  await world.s3.send(new CreateBucketCommand({ Bucket: TEXT_BUCKET }));
  await world.s3.send(new CreateBucketCommand({ Bucket: IMAGE_BUCKET }));
  // Workers' browsers fetch the images: the console asks for a GET rule on the image bucket.
  await world.s3.send(
    new PutBucketCorsCommand({ Bucket: IMAGE_BUCKET, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'], ExposeHeaders: ['Access-Control-Allow-Origin'] }] } }),
  );
  for (const c of CASES) {
    const bucket = isImage(c.type) ? IMAGE_BUCKET : TEXT_BUCKET;
    const put = (Key: string, Body: string) => world.s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
    const key = c.type === 'custom' ? 'source' : BUILT_IN_TASK_TYPES[c.type].inputKey;
    const manifest = key === 'source' ? '{"source":"Ann went to Paris"}\n{"source":"19"}\n' : `{"source-ref":"s3://${bucket}/images/1.jpg"}\n{"source-ref":"s3://${bucket}/images/2.jpg"}\n`;
    await put(`${c.job}/data.manifest`, manifest);
    const labelFile = { 'document-version': '2018-11-28', labels: c.labels.map((label) => ({ label })), ...(c.instructions ? { instructions: { shortInstruction: c.instructions.short, fullInstruction: c.instructions.full } } : {}) };
    await put(`${c.job}/labels.json`, JSON.stringify(labelFile));
    const humanTaskUi = builtInHumanTaskUi(c.type, REGION);
    if (!humanTaskUi) await put(`${c.job}/template.liquid.html`, `<crowd-form><!-- ${c.type} --><div>{{ task.input.taskObject }}</div></crowd-form>\n`);
    const lambdas = c.type === 'custom' ? { pre: CUSTOM_PRE, consolidation: CUSTOM_ACS } : builtInLambdas(c.type, REGION);
    const ref = c.type !== 'custom' && BUILT_IN_TASK_TYPES[c.type].labelAttributeRef;
    await world.sageMaker.send(
      new CreateLabelingJobCommand({
        LabelingJobName: c.job,
        LabelAttributeName: ref ? `${c.job}-ref` : c.job,
        RoleArn: ROLE_ARN,
        LabelCategoryConfigS3Uri: `s3://${bucket}/${c.job}/labels.json`,
        InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://${bucket}/${c.job}/data.manifest` } } },
        OutputConfig: { S3OutputPath: `s3://${bucket}/out/` },
        HumanTaskConfig: {
          WorkteamArn: teamArn,
          UiConfig: humanTaskUi ? { HumanTaskUiArn: humanTaskUi } : { UiTemplateS3Uri: `s3://${bucket}/${c.job}/template.liquid.html` },
          PreHumanTaskLambdaArn: lambdas.pre,
          TaskTitle: `Label: ${c.type}`,
          TaskDescription: `A ${c.type} job made in the console`,
          NumberOfHumanWorkersPerDataObject: c.perObject,
          TaskTimeLimitInSeconds: c.taskTimeLimit,
          TaskAvailabilityLifetimeInSeconds: c.taskAvailability,
          MaxConcurrentTaskCount: 1000,
          AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: lambdas.consolidation },
        },
      }),
    );
  }
}

describe('gtctl import round trip, every task type', () => {
  it('imports a job of each type exactly; plan is adoption only, and empty once applied', async () => {
    await consoleAccount();
    const dir = await world.specs({});
    const run = await world.gtctl('import', '--out', dir, '--project', 'console', '--region', REGION);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);

    const jobs = parseAllDocuments(await readFile(path.join(dir, 'jobs.yaml'), 'utf8')).map((d) => d.toJS());
    expect(jobs.map((j) => j.metadata.name).sort()).toEqual(CASES.map((c) => c.job).sort());
    for (const c of CASES) {
      const job = jobs.find((j) => j.metadata.name === c.job);
      expect(job.metadata.adopt, c.job).toBe(true);
      expect(job.spec.task.type, c.job).toBe(c.type);
      expect(job.spec.task.labels, c.job).toEqual(c.labels);
      expect(job.spec.task.instructions, c.job).toEqual(c.instructions);
      expect(job.spec.workers, c.job).toEqual({ perObject: c.perObject, taskTimeLimit: c.taskTimeLimitText, taskAvailability: c.taskAvailabilityText });
      if (c.type === 'custom') expect(job.spec.task).toMatchObject({ preAnnotationLambdaArn: CUSTOM_PRE, consolidationLambdaArn: CUSTOM_ACS });
      expect(job.spec.labelAttributeName, c.job).toBeUndefined();
    }

    const validate = await world.gtctl('validate', '-d', dir);
    expect(validate.code, `${validate.stdout}\n${validate.stderr}`).toBe(0);

    const { code, plan, stderr } = await world.planJson(dir);
    expect(code, stderr).toBe(2);
    const changes = plan.changes.filter((c) => c.action !== 'no-op');
    expect(changes.map((c) => c.address).sort()).toEqual(
      [`bucket/${IMAGE_BUCKET}`, `bucket/${TEXT_BUCKET}`, ...CASES.map((c) => `job/${c.job}`), ...PEOPLE.map((p) => `member/${p}`), `team/${TEAM}`, 'workforce/default'].sort(),
    );
    for (const change of changes) {
      const paths = (change.diff ?? []).map((d) => d.path);
      if (change.address.startsWith('member/')) {
        // A member of an adopted team is adopted with it: marked as managed, nothing else.
        expect(paths.every((p) => /managedBy|customAttributes|gtctl_project/.test(p)), `${change.address}: ${JSON.stringify(change.diff)}`).toBe(true);
      } else if (change.address === 'workforce/default') {
        // Adopting the workforce records it on its pool (a workforce takes no tags: aws-evidence A1) and gives the
        // pool the attributes that mark managed members and their invitations.
        expect(change.action).toBe('update');
        expect(paths.sort()).toEqual(['tags.gtctl:workforce', 'userPool.customAttributes']);
      } else {
        expect(change.action, change.address).toBe('update');
        expect(paths, `${change.address}: ${JSON.stringify(change.diff)}`).toEqual(['tags.gtctl:project']);
      }
    }

    const apply = await world.apply(dir);
    expect(apply.code, `${apply.stdout}\n${apply.stderr}`).toBe(0);
    const again = await world.planJson(dir);
    expect(again.code, JSON.stringify(again.plan.changes)).toBe(0);
    expect(again.plan.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
  }, 30_000);
});
