// Tags as real AWS answers them (BEHAVIOUR.md, "Tags"): workforce ARNs refused by the tag operations (aws-evidence
// A1), CreateWorkforce's Tags under each `createWorkforceTags` variant, and DescribeLabelingJob's Tags under each
// `describeJobTags` variant (A2). The ideal behaviour (every ARN taggable, Describe with Tags) is in
// workforces.test.ts and jobs.test.ts.
import {
  AddTagsCommand,
  CreateWorkforceCommand,
  DeleteTagsCommand,
  DescribeLabelingJobCommand,
  ListTagsCommand,
  ListWorkforcesCommand,
} from '@aws-sdk/client-sagemaker';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cognitoPool,
  createJob,
  expectError,
  labelingSetup,
  REALISTIC,
  sharedSandbox,
  textClassificationJob,
  type World,
} from './test-support.js';

const tags = [{ Key: 'gtctl:project', Value: 'demo' }];

describe('SageMaker tags, realistic', () => {
  const shared = sharedSandbox(REALISTIC);
  const inRegion = shared.inRegion;
  /** CreateWorkforce on a fresh, settled pool of the region. */
  const createWorkforce = async (w: World, withTags = true) => {
    const setup = await cognitoPool(w);
    await w.settle();
    const CognitoConfig = { UserPool: setup.userPool, ClientId: setup.clientId };
    return w.sm.send(new CreateWorkforceCommand({ WorkforceName: 'default', CognitoConfig, ...(withTags && { Tags: tags }) }));
  };
  /** What the workforce's tag store holds, read with realism off for a moment (the tag operations refuse it otherwise). */
  const storedTags = async (w: World, ResourceArn: string) => {
    shared.sandbox().realism.update({ ideal: true });
    try {
      return (await w.sm.send(new ListTagsCommand({ ResourceArn }))).Tags;
    } finally {
      shared.sandbox().realism.update({ ideal: false });
    }
  };


  it('refuses ListTags, AddTags and DeleteTags on a workforce ARN: "Invalid resource type: workforce"', async () => {
    const w = inRegion('us-east-2');
    const { WorkforceArn: ResourceArn } = await createWorkforce(w, false);
    const refused = [
      w.sm.send(new ListTagsCommand({ ResourceArn })),
      w.sm.send(new AddTagsCommand({ ResourceArn, Tags: tags })),
      w.sm.send(new DeleteTagsCommand({ ResourceArn, TagKeys: ['gtctl:project'] })),
    ];
    for (const call of refused) await expectError(call, 'ValidationException', 'Invalid resource type: workforce');
  });

  it('createWorkforceTags=rejected (the default): CreateWorkforce with Tags is refused and creates nothing', async () => {
    const w = inRegion('us-west-1');
    expect(shared.sandbox().realism.variant('createWorkforceTags')).toBe('rejected');
    await expectError(createWorkforce(w), 'ValidationException', 'Invalid resource type: workforce');
    expect((await w.sm.send(new ListWorkforcesCommand({}))).Workforces).toEqual([]);
    await createWorkforce(w, false);
  });

  it('createWorkforceTags=accepted: the tags are stored, and ListTags still refuses the ARN', async () => {
    const w = inRegion('us-west-2');
    await w.admin('realism', { variants: { createWorkforceTags: 'accepted' } });
    const { WorkforceArn } = await createWorkforce(w);
    await expectError(w.sm.send(new ListTagsCommand({ ResourceArn: WorkforceArn })), 'ValidationException', 'Invalid resource type: workforce');
    expect(await storedTags(w, WorkforceArn!)).toEqual(tags);
  });

  it('createWorkforceTags=ignored: CreateWorkforce succeeds and drops the tags', async () => {
    const w = inRegion('ca-central-1');
    shared.sandbox().realism.update({ variants: { createWorkforceTags: 'ignored' } });
    const { WorkforceArn } = await createWorkforce(w);
    expect(await storedTags(w, WorkforceArn!)).toEqual([]);
  });

  describe('DescribeLabelingJob', () => {
    let w: World;
    let arn: string;
    beforeAll(async () => {
      w = inRegion('eu-west-1');
      const setup = await labelingSetup(w, []);
      arn = await createJob(w, await textClassificationJob(w, setup, { name: 'Tagged-Job' }, { Tags: tags }));
    });
    const describeJob = () => w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: 'Tagged-Job' }));

    it('describeJobTags=absent (the default): Describe has no Tags; ListTags on the ARN Describe gives has them', async () => {
      expect(shared.sandbox().realism.variant('describeJobTags')).toBe('absent');
      const job = await describeJob();
      expect(job).not.toHaveProperty('Tags');
      expect(job.LabelingJobArn).toBe(arn);
      expect((await w.sm.send(new ListTagsCommand({ ResourceArn: job.LabelingJobArn }))).Tags).toEqual(tags);
      // The ARN is the lower-cased one: the name's own case names nothing.
      await expectError(w.sm.send(new ListTagsCommand({ ResourceArn: arn.replace('tagged-job', 'Tagged-Job') })), 'ValidationException', /does not exist/);
    });

    it('describeJobTags=returned: Describe has the Tags', async () => {
      shared.sandbox().realism.update({ variants: { describeJobTags: 'returned' } });
      expect((await describeJob()).Tags).toEqual(tags);
    });
  });
});
