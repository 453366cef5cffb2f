// Adoption (issue 7) through the built CLI: an account made in the console (an untagged team on its own Cognito group
// with users, an untagged bucket, an untagged job with its own template, label file and manifest) is taken over by
// specs that say `metadata.adopt: true`: the plan shows only the adoption, apply tags it, the next plan is empty, and
// from then on spec edits flow as usual. `--show-unmanaged` lists what no spec declares.
import { AdminAddUserToGroupCommand, CreateGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateBucketCommand, GetBucketTaggingCommand, PutBucketTaggingCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateLabelingJobCommand, CreateWorkteamCommand, DescribeLabelingJobCommand, DescribeWorkforceCommand, ListTagsCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { bucketDoc, jobDoc, teamDoc, ROLE_ARN, type SpecDoc } from '../helpers/specs.js';
import { actions, base, PROJECT, useSandbox } from '../helpers/gtctl.js';
import { aLiveJob } from '../../src/core/test-support.js';

const world = useSandbox();

const BUCKET = 'console-data';
const LABELS = JSON.stringify({ 'document-version': '2018-11-28', labels: [{ label: 'Odd' }, { label: 'Even' }] });

async function consoleTeam(name: string, members: string[]): Promise<string> {
  const pool = await world.poolId();
  const workforce = (await world.sageMaker.send(new DescribeWorkforceCommand({ WorkforceName: 'default' }))).Workforce!;
  await world.cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: name }));
  for (const email of members) {
    await world.consoleUser(pool, email);
    await world.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: email, GroupName: name }));
  }
  const created = await world.sageMaker.send(
    new CreateWorkteamCommand({
      WorkteamName: name,
      Description: 'made in the console',
      MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: pool, UserGroup: name, ClientId: workforce.CognitoConfig!.ClientId! } }],
    }),
  );
  return created.WorkteamArn!;
}

async function put(bucket: string, key: string, body: string): Promise<string> {
  await world.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  return `s3://${bucket}/${key}`;
}

async function consoleJob(name: string, teamArn: string): Promise<void> {
  const { request } = aLiveJob(name, {
    request: {
      LabelAttributeName: 'parity',
      RoleArn: ROLE_ARN,
      InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://${BUCKET}/console/input.manifest` } } },
      OutputConfig: { S3OutputPath: `s3://${BUCKET}/output/` },
      LabelCategoryConfigS3Uri: `s3://${BUCKET}/console/labels.json`,
    },
    human: { WorkteamArn: teamArn, UiConfig: { UiTemplateS3Uri: `s3://${BUCKET}/console/template.html` }, TaskDescription: 'Is the number odd or even?' },
  });
  await world.sageMaker.send(new CreateLabelingJobCommand(request));
}

/** The console account: the team, its users, the bucket with the job's files, and the job. */
/** Made in the console long ago: settled, without the consistency windows of new objects. */
function consoleAccount(): Promise<void> {
  return world.settled(madeInTheConsole);
}

async function madeInTheConsole(): Promise<void> {
  const teamArn = await consoleTeam('console-labelers', ['ann@example.com', 'bob@example.com']);
  await world.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await put(BUCKET, 'console/template.html', '<crowd-form><crowd-classifier name="parity" categories="[\'Odd\', \'Even\']"></crowd-classifier></crowd-form>');
  await put(BUCKET, 'console/labels.json', LABELS);
  await put(BUCKET, 'console/input.manifest', '{"source":"42"}\n{"source":"19"}\n');
  await consoleJob('console-odd-even', teamArn);
}

const adopt = (doc: SpecDoc): SpecDoc => ({ ...doc, metadata: { ...doc.metadata, adopt: true } });

/** Specs written by hand to match the console account, each asking to adopt its object. */
function adoptSpecs(teamDescription = 'made in the console'): SpecDoc[] {
  return [
    ...base(),
    adopt(teamDoc({ name: 'console-labelers', spec: { description: teamDescription, members: ['ann@example.com', 'bob@example.com'] } })),
    adopt(bucketDoc({ name: BUCKET, spec: { cors: 'none' } })),
    adopt(
      jobDoc({
        name: 'console-odd-even',
        spec: {
          team: 'console-labelers',
          input: { fromPrefix: undefined, manifest: `s3://${BUCKET}/console/input.manifest` },
          output: `s3://${BUCKET}/output/`,
          labelAttributeName: 'parity',
          task: { templateUri: `s3://${BUCKET}/console/template.html`, labelCategoryUri: `s3://${BUCKET}/console/labels.json` },
          workers: { taskTimeLimit: '5m', taskAvailability: '10d' },
        },
      }),
    ),
  ];
}

describe('adopting objects made in the console', () => {
  it('plans only the adoption, applies it, then converges; a later spec edit flows through as usual', async () => {
    await world.arrange(base());
    await consoleAccount();
    const dir = await world.specs(adoptSpecs());

    const { code, plan } = await world.planJson(dir);
    expect(code).toBe(2);
    expect([...actions(plan)].sort()).toEqual(['update bucket/console-data', 'update job/console-odd-even', 'update member/ann@example.com', 'update member/bob@example.com', 'update team/console-labelers']);
    for (const change of plan.changes.filter((c) => !c.address.startsWith('member/'))) {
      expect(change.reasons[0]).toBe(`adopt: tag it as managed by project ${PROJECT}`);
      expect(change.diff).toEqual([{ path: 'tags.gtctl:project', after: PROJECT }]);
    }
    // Users take no tags: adopting one records the project in its gtctl attribute.
    for (const change of plan.changes.filter((c) => c.address.startsWith('member/'))) expect(change.diff).toEqual([{ path: 'managedBy', after: PROJECT }]);

    await world.apply(dir);
    expect(await world.changes(dir)).toEqual([]);
    expect((await world.s3.send(new GetBucketTaggingCommand({ Bucket: BUCKET }))).TagSet).toEqual([{ Key: 'gtctl:project', Value: PROJECT }]);
    // Describe may leave a job's tags out (aws-evidence A2): ListTags on its ARN has them.
    const job = await world.sageMaker.send(new DescribeLabelingJobCommand({ LabelingJobName: 'console-odd-even' }));
    expect((await world.sageMaker.send(new ListTagsCommand({ ResourceArn: job.LabelingJobArn! }))).Tags).toEqual([{ Key: 'gtctl:project', Value: PROJECT }]);
    expect((await world.users(await world.poolId())).map((u) => u.managedBy)).toEqual([PROJECT, PROJECT]);

    const edited = await world.specs(adoptSpecs('labels numbers'));
    expect(await world.changes(edited)).toEqual(['update team/console-labelers']);
    await world.apply(edited);
    expect(await world.changes(edited)).toEqual([]);
  });

  it('without adopt the same specs clash, and another project\'s object is not adopted', async () => {
    await world.arrange(base());
    await consoleAccount();
    const plain = adoptSpecs().map((d) => ({ ...d, metadata: { name: d.metadata.name } }));
    const { code, plan } = await world.planJson(await world.specs(plain));
    expect(code).toBe(1);
    expect(plan.changes.filter((c) => c.action === 'blocked').map((c) => c.address).sort()).toEqual(['bucket/console-data', 'job/console-odd-even', 'team/console-labelers']);

    await world.settled(async () => {
      await world.s3.send(new CreateBucketCommand({ Bucket: 'theirs-data' }));
      await world.s3.send(new PutBucketTaggingCommand({ Bucket: 'theirs-data', Tagging: { TagSet: [{ Key: 'gtctl:project', Value: 'someone-else' }] } }));
    });
    const theirs = await world.planJson(await world.specs([...base(), adopt(bucketDoc({ name: 'theirs-data', spec: { cors: 'none' } }))]));
    expect(theirs.code).toBe(1);
    expect(theirs.plan.changes.map((c) => [c.address, c.action, c.reasons])).toEqual([
      ['bucket/theirs-data', 'blocked', ['bucket "theirs-data" belongs to gtctl project "someone-else", not this one; it is not adopted: adopt takes over only objects without the gtctl:project tag']],
    ]);
  });

  it('--show-unmanaged lists the live teams, users, jobs and buckets no spec declares', async () => {
    await world.arrange(base());
    await consoleAccount();
    const extraTeamArn = await world.settled(() => consoleTeam('console-extra', ['zed@example.com']));
    await world.settled(() => world.s3.send(new CreateBucketCommand({ Bucket: 'console-extra-bucket' })));
    await consoleJob('console-extra-job', extraTeamArn);
    const dir = await world.arrange(adoptSpecs());

    const json = await world.gtctl('plan', '-d', dir, '--json', '--show-unmanaged');
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as { unmanaged: Record<string, Array<Record<string, unknown>>> };
    expect(doc.unmanaged).toEqual({
      teams: [{ name: 'console-extra' }],
      users: [{ email: 'zed@example.com', status: 'invited' }],
      jobs: [{ name: 'console-extra-job', status: expect.any(String) }],
      buckets: [{ name: 'console-extra-bucket' }],
    });
    const human = await world.gtctl('plan', '-d', dir, '--show-unmanaged');
    expect(human.stdout).toContain('Live objects no spec declares:');
    expect(human.stdout).toMatch(/teams \(1\)\n\s+console-extra \(unmanaged\)/);
    // The default document has no `unmanaged` field.
    const plainJson = await world.gtctl('plan', '-d', dir, '--json');
    expect(JSON.parse(plainJson.stdout)).not.toHaveProperty('unmanaged');
  });
});
