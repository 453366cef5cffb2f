// Human task UIs, through the SageMaker SDK client (BEHAVIOUR.md, "Human task UIs").
import {
  CreateHumanTaskUiCommand,
  DeleteHumanTaskUiCommand,
  DescribeHumanTaskUiCommand,
  DescribeLabelingJobCommand,
  ListHumanTaskUisCommand,
  ListTagsCommand,
} from '@aws-sdk/client-sagemaker';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { createJob, expectError, labelingSetup, startSandboxForTests, textClassificationJob, world, type World } from './test-support.js';

const template = '<crowd-form><crowd-classifier name="category"></crowd-classifier></crowd-form>';

describe('SageMaker human task UIs', () => {
  let sandbox: Sandbox;
  let w: World;
  const create = (HumanTaskUiName: string) => w.sm.send(new CreateHumanTaskUiCommand({ HumanTaskUiName, UiTemplate: { Content: template } }));

  beforeAll(async () => {
    sandbox = await startSandboxForTests();
    w = world(sandbox);
  });
  afterAll(async () => {
    await w.close();
    await sandbox.close();
  });

  it('creates, describes and deletes a UI', async () => {
    const { HumanTaskUiArn } = await w.sm.send(
      new CreateHumanTaskUiCommand({ HumanTaskUiName: 'odd-or-even', UiTemplate: { Content: template }, Tags: [{ Key: 'k', Value: 'v' }] }),
    );
    expect(HumanTaskUiArn).toBe('arn:aws:sagemaker:us-east-1:000000000000:human-task-ui/odd-or-even');
    const described = await w.sm.send(new DescribeHumanTaskUiCommand({ HumanTaskUiName: 'odd-or-even' }));
    expect(described).toMatchObject({ HumanTaskUiArn, HumanTaskUiName: 'odd-or-even', HumanTaskUiStatus: 'Active' });
    expect(described.UiTemplate!.ContentSha256).toBe(createHash('sha256').update(template).digest('hex'));
    expect((await w.sm.send(new ListTagsCommand({ ResourceArn: HumanTaskUiArn }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);

    await expectError(create('odd-or-even'), 'ResourceInUse');
    await w.sm.send(new DeleteHumanTaskUiCommand({ HumanTaskUiName: 'odd-or-even' }));
    await expectError(w.sm.send(new DescribeHumanTaskUiCommand({ HumanTaskUiName: 'odd-or-even' })), 'ResourceNotFound');
    await expectError(w.sm.send(new DeleteHumanTaskUiCommand({ HumanTaskUiName: 'odd-or-even' })), 'ResourceNotFound');
  });

  it('refuses upper-case names with the constraint message', async () => {
    await expectError(create('Odd'), 'ValidationException', /at 'humanTaskUiName' failed to satisfy constraint/);
  });

  it('lists UIs two at a time, newest first on request', async () => {
    for (const name of ['ui-a', 'ui-b', 'ui-c']) {
      await create(name);
      await w.advance(1000);
    }
    const first = await w.sm.send(new ListHumanTaskUisCommand({ MaxResults: 2, SortOrder: 'Descending' }));
    expect(first.HumanTaskUiSummaries!.map((s) => s.HumanTaskUiName)).toEqual(['ui-c', 'ui-b']);
    const second = await w.sm.send(new ListHumanTaskUisCommand({ MaxResults: 2, SortOrder: 'Descending', NextToken: first.NextToken }));
    expect(second.HumanTaskUiSummaries!.map((s) => s.HumanTaskUiName)).toEqual(['ui-a']);
    expect(second.NextToken).toBeUndefined();
  });

  it('lets a job use an existing UI, and refuses one that does not exist', async () => {
    const setup = await labelingSetup(w, []);
    const { HumanTaskUiArn } = await create('for-jobs');
    const input = await textClassificationJob(w, setup);
    input.HumanTaskConfig!.UiConfig = { HumanTaskUiArn };
    await createJob(w, input);
    expect((await w.sm.send(new DescribeLabelingJobCommand({ LabelingJobName: input.LabelingJobName }))).HumanTaskConfig!.UiConfig).toEqual({ HumanTaskUiArn });

    const missing = await textClassificationJob(w, setup);
    missing.HumanTaskConfig!.UiConfig = { HumanTaskUiArn: `${HumanTaskUiArn}-gone` };
    await expectError(createJob(w, missing), 'ValidationException', /does not exist/);
    missing.HumanTaskConfig!.UiConfig = { HumanTaskUiArn, UiTemplateS3Uri: `s3://${setup.bucket}/template.liquid` };
    await expectError(createJob(w, missing), 'ValidationException', /exactly one/);
  });
});
