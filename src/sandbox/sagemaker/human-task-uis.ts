// Create/Describe/Delete/ListHumanTaskUis: worker task templates kept by SageMaker (a job names one through
// UiConfig.HumanTaskUiArn). A UI is Active as soon as it exists; deleting it removes it at once.
import { createHash } from 'node:crypto';
import type { RequestContext } from '../service.js';
import { humanTaskUiArn } from './arns.js';
import { resourceInUse, resourceNotFound } from './errors.js';
import { page, sorted, withinTimes, type PageRequest, type SortOrder } from './pagination.js';
import { regionState, type HumanTaskUiRecord, type RegionState, type Tag } from './state.js';
import { dropTags, putTags } from './tags.js';

function findUi(records: RegionState, name: string): HumanTaskUiRecord {
  const ui = records.humanTaskUis[name];
  if (!ui) throw resourceNotFound(`Human task UI ${name} does not exist.`);
  return ui;
}

export const humanTaskUiOperations = {
  CreateHumanTaskUi(input: { HumanTaskUiName: string; UiTemplate: { Content: string }; Tags?: Tag[] }, ctx: RequestContext) {
    const records = regionState(ctx.state.sagemaker, ctx.region);
    if (records.humanTaskUis[input.HumanTaskUiName]) throw resourceInUse(`Human task UI ${input.HumanTaskUiName} already exists.`);
    const ui: HumanTaskUiRecord = {
      name: input.HumanTaskUiName,
      arn: humanTaskUiArn(ctx.region, ctx.account, input.HumanTaskUiName),
      content: input.UiTemplate.Content,
      createdMs: ctx.now().getTime(),
    };
    putTags(records, ui.arn, input.Tags ?? []);
    records.humanTaskUis[ui.name] = ui;
    return { HumanTaskUiArn: ui.arn };
  },

  DescribeHumanTaskUi(input: { HumanTaskUiName: string }, ctx: RequestContext) {
    const ui = findUi(regionState(ctx.state.sagemaker, ctx.region), input.HumanTaskUiName);
    return {
      HumanTaskUiArn: ui.arn,
      HumanTaskUiName: ui.name,
      HumanTaskUiStatus: 'Active',
      CreationTime: new Date(ui.createdMs),
      UiTemplate: {
        // Where SageMaker keeps the template is its own business; the sandbox names a plausible, unreachable URL.
        Url: `https://sagemaker-human-task-ui-${ctx.region}.s3.amazonaws.com/${ctx.account}/${ui.name}/template.liquid`,
        ContentSha256: createHash('sha256').update(ui.content, 'utf8').digest('hex'),
      },
    };
  },

  DeleteHumanTaskUi(input: { HumanTaskUiName: string }, ctx: RequestContext) {
    const records = regionState(ctx.state.sagemaker, ctx.region);
    const ui = findUi(records, input.HumanTaskUiName);
    delete records.humanTaskUis[ui.name];
    dropTags(records, ui.arn);
    return {};
  },

  ListHumanTaskUis(input: PageRequest & { CreationTimeAfter?: number; CreationTimeBefore?: number; SortOrder?: SortOrder }, ctx: RequestContext) {
    const matching = Object.values(regionState(ctx.state.sagemaker, ctx.region).humanTaskUis).filter((ui) =>
      withinTimes(ui.createdMs, input.CreationTimeAfter, input.CreationTimeBefore),
    );
    const { items, NextToken } = page(sorted(matching, (ui) => ui.createdMs, (ui) => ui.name, input.SortOrder), input);
    return {
      HumanTaskUiSummaries: items.map((ui) => ({ HumanTaskUiName: ui.name, HumanTaskUiArn: ui.arn, CreationTime: new Date(ui.createdMs) })),
      ...(NextToken && { NextToken }),
    };
  },
};
