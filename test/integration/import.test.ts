// `gtctl import` through the built CLI: an account made as a console user makes it (untagged pool, app client,
// domain, workforce; a team with its group and users; a bucket; a text-classification job with its own template,
// label file and manifest), imported into specs that validate, are never overwritten without --force, and plan
// (once adopted) as nothing but the ownership tags to add.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { aLiveJob } from '../../src/core/test-support.js';
import { ROLE_ARN } from '../helpers/specs.js';
import { consoleWorkforce } from '../helpers/console-account.js';
import { REGION, useSandbox } from '../helpers/gtctl.js';

const world = useSandbox();

const BUCKET = 'console-labeling-data';
const TEAM = 'console-team';
const GROUP = 'console-group';
const JOB = 'console-odd-even';
const PEOPLE = ['ann@example.com', 'bob@example.com'];
const TEMPLATE = '<crowd-form><crowd-classifier name="category" categories="{{ task.input.labels | to_json | escape }}" header="Odd or even?"><classification-target>{{ task.input.taskObject }}</classification-target></crowd-classifier></crowd-form>\n';

/** Everything a console user would have clicked together, none of it tagged for gtctl. */
/** Made in the console long ago: settled, without the consistency windows of new objects. */
function consoleAccount(): Promise<{ poolId: string; clientId: string }> {
  return world.settled(madeInTheConsole);
}

async function madeInTheConsole(): Promise<{ poolId: string; clientId: string }> {
  const { poolId, clientId, teamArn } = await consoleWorkforce(world, { name: TEAM, group: GROUP, people: PEOPLE });
  await world.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const put = (Key: string, Body: string) => world.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
  await put('in/template.liquid.html', TEMPLATE);
  await put('in/labels.json', JSON.stringify({ 'document-version': '2018-11-28', labels: [{ label: 'Odd' }, { label: 'Even' }] }));
  await put('in/numbers.manifest', '{"source":"42"}\n{"source":"19"}\n');
  // The console's text-classification job, reading this bucket and sending tasks to the console team.
  const { request } = aLiveJob(JOB, {
    request: {
      RoleArn: ROLE_ARN,
      LabelCategoryConfigS3Uri: `s3://${BUCKET}/in/labels.json`,
      InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://${BUCKET}/in/numbers.manifest` } } },
      OutputConfig: { S3OutputPath: `s3://${BUCKET}/out/` },
    },
    human: { WorkteamArn: teamArn, UiConfig: { UiTemplateS3Uri: `s3://${BUCKET}/in/template.liquid.html` } },
  });
  await world.sageMaker.send(new CreateLabelingJobCommand(request));
  return { poolId, clientId };
}

/** The documents of a written file, as data. */
async function docsOf(file: string): Promise<any[]> {
  return parseAllDocuments(await readFile(file, 'utf8')).map((d) => d.toJS());
}

async function imported(): Promise<{ dir: string; poolId: string; clientId: string }> {
  const { poolId, clientId } = await consoleAccount();
  const dir = await world.specs({});
  const run = await world.gtctl('import', '--out', dir, '--project', 'console', '--region', REGION);
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  return { dir, poolId, clientId };
}

describe('gtctl import', () => {
  it('writes one file per kind for a console-made account, and the specs validate', async () => {
    const { dir, poolId, clientId } = await imported();
    expect((await readdir(dir)).sort()).toEqual(['buckets.yaml', 'jobs.yaml', 'project.yaml', 'teams.yaml', 'workforce.yaml']);
    expect((await readFile(path.join(dir, 'jobs.yaml'), 'utf8')).split('\n')[0]).toBe('# yaml-language-server: $schema=https://gtctl.dev/schemas/v1/labelingjob.schema.json');
    const [project] = await docsOf(path.join(dir, 'project.yaml'));
    expect(project).toMatchObject({ kind: 'Project', metadata: { name: 'console' }, spec: { region: REGION, accountId: '000000000000' } });
    const [workforce] = await docsOf(path.join(dir, 'workforce.yaml'));
    expect(workforce).toMatchObject({ metadata: { name: 'default', adopt: true }, spec: { cognito: { userPool: poolId, clientId } } });
    const [team] = await docsOf(path.join(dir, 'teams.yaml'));
    expect(team).toEqual({ apiVersion: 'gtctl/v1', kind: 'Team', metadata: { name: TEAM, adopt: true }, spec: { description: 'Made in the console', members: PEOPLE, userGroup: GROUP } });
    const [bucket] = await docsOf(path.join(dir, 'buckets.yaml'));
    expect(bucket).toMatchObject({ metadata: { name: BUCKET, adopt: true }, spec: { region: REGION } });
    expect(bucket.spec.objects).toBeUndefined();
    const [job] = await docsOf(path.join(dir, 'jobs.yaml'));
    expect(job).toMatchObject({
      metadata: { name: JOB, adopt: true },
      spec: {
        team: TEAM,
        input: { manifest: `s3://${BUCKET}/in/numbers.manifest` },
        task: { type: 'text-classification', labels: ['Odd', 'Even'], templateUri: `s3://${BUCKET}/in/template.liquid.html`, labelCategoryUri: `s3://${BUCKET}/in/labels.json` },
        workers: { perObject: 1, taskTimeLimit: '5m', taskAvailability: '10d' },
      },
    });

    const validate = await world.gtctl('validate', '-d', dir);
    expect(validate.code, `${validate.stdout}\n${validate.stderr}`).toBe(0);
  });

  it('never overwrites a spec file without --force, and does with it', async () => {
    const { dir } = await imported();
    const mine = '# my own edits\n';
    await writeFile(path.join(dir, 'teams.yaml'), mine);
    const refused = await world.gtctl('import', '--out', dir, '--project', 'console', '--region', REGION);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/file-exists/);
    expect(await readFile(path.join(dir, 'teams.yaml'), 'utf8')).toBe(mine);

    const forced = await world.gtctl('import', '--out', dir, '--project', 'console', '--region', REGION, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(await readFile(path.join(dir, 'teams.yaml'), 'utf8')).toContain(`name: ${TEAM}`);
  });

  it('plans the imported tree as adoption only: ownership tags to add, nothing created, deleted or blocked', async () => {
    const { dir } = await imported();
    const { code, plan, stderr } = await world.planJson(dir);
    expect(code, stderr).not.toBe(1);
    const changes = plan.changes.filter((c) => c.action !== 'no-op');
    expect(changes.map((c) => c.action).filter((a) => a !== 'update')).toEqual([]);
    // Members need no flag: the people of an adopted team's list are adopted with it (marked as managed).
    expect(changes.map((c) => c.address).sort()).toEqual([`bucket/${BUCKET}`, `job/${JOB}`, ...PEOPLE.map((p) => `member/${p}`), `team/${TEAM}`, 'workforce/default'].sort());
    for (const change of changes) {
      const paths = (change.diff ?? []).map((d) => d.path);
      expect(paths.every((p) => /tags|gtctl:project|gtctl_project|managedBy|customAttributes/.test(p)), `${change.address}: ${JSON.stringify(change.diff)}`).toBe(true);
    }

    const apply = await world.apply(dir);
    expect(apply.code, `${apply.stdout}\n${apply.stderr}`).toBe(0);
    const again = await world.gtctl('plan', '-d', dir, '--detailed-exitcode');
    expect(again.code, again.stdout).toBe(0);
  });
});
