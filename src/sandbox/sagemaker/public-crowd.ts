// What CreateLabelingJob checks of `HumanTaskConfig.PublicWorkforceTaskPrice`, the pay of an Amazon Mechanical Turk
// worker per task (aws-facts §3.3: "MTurk only"). The API reference of PublicWorkforceTaskPrice lists the prices
// allowed per task type; the rules marked INFERRED are not stated there. The error texts are the sandbox's own
// (UNCONFIRMED).
import type { Crowd } from './crowds.js';
import { validation } from './errors.js';
import type { HumanTaskConfig } from './state.js';
import { CUSTOM_TASK, type TaskType } from './task-types.js';

// Prices in tenths of a cent, the unit AmountInUsd counts down to (0.036 USD = 36).
const BOUNDING_BOX = [36, 48, 60, 72, 120, 240, 360, 480, 600, 720, 840, 960, 1080, 1200];
const CLASSIFICATION = [12, 24, ...BOUNDING_BOX];
const SEMANTIC_SEGMENTATION = [840, 960, 1080, 1200];

/**
 * The prices the public crowd may be offered, by task type. A task type missing here (the video frame and 3D point
 * cloud types) is not offered to the public crowd at all (INFERRED: the console offers those types only private and
 * vendor teams, and the API reference lists no price for them).
 */
const PRICES: Readonly<Record<string, readonly number[]>> = {
  BoundingBox: BOUNDING_BOX,
  // INFERRED: a verification or adjustment job is priced as the task whose labels it reviews.
  VerificationBoundingBox: BOUNDING_BOX,
  AdjustmentBoundingBox: BOUNDING_BOX,
  ImageMultiClass: CLASSIFICATION,
  ImageMultiClassMultiLabel: CLASSIFICATION,
  TextMultiClass: CLASSIFICATION,
  TextMultiClassMultiLabel: CLASSIFICATION,
  // INFERRED: named entity recognition is a text task, and video clip classification a classification, priced as
  // text classification.
  NamedEntityRecognition: CLASSIFICATION,
  VideoMultiClass: CLASSIFICATION,
  [CUSTOM_TASK.name]: CLASSIFICATION,
  SemanticSegmentation: SEMANTIC_SEGMENTATION,
  VerificationSemanticSegmentation: SEMANTIC_SEGMENTATION,
  AdjustmentSemanticSegmentation: SEMANTIC_SEGMENTATION,
};

const usd = (tenthsOfACent: number) => (tenthsOfACent / 1000).toFixed(3);

/** The amount in tenths of a cent; a member not sent counts as 0 (the model requires none of them). */
function tenthsOfACent(price: NonNullable<HumanTaskConfig['PublicWorkforceTaskPrice']>): number {
  const amount = price.AmountInUsd ?? {};
  return (amount.Dollars ?? 0) * 1000 + (amount.Cents ?? 0) * 10 + (amount.TenthFractionsOfACent ?? 0);
}

/** The price rules for a job sent to a team of this kind. */
export function checkTaskPrice(config: HumanTaskConfig, taskType: TaskType, crowd: Crowd): void {
  const price = config.PublicWorkforceTaskPrice;
  if (crowd !== 'public') {
    // INFERRED: the price is "MTurk only"; private and vendor workers are not paid per task through the job.
    if (price) throw validation(`PublicWorkforceTaskPrice is only for the public crowd (Amazon Mechanical Turk); ${config.WorkteamArn} is a ${crowd} work team.`);
    return;
  }
  const allowed = PRICES[taskType.name];
  if (!allowed) throw validation(`${taskType.name} labeling jobs cannot be sent to the public crowd (Amazon Mechanical Turk); use a private or vendor work team.`);
  // INFERRED: Mechanical Turk workers are paid per task, so a public-crowd job needs a price.
  if (!price) throw validation('Jobs for the public crowd need PublicWorkforceTaskPrice.');
  const amount = tenthsOfACent(price);
  if (!allowed.includes(amount))
    throw validation(`PublicWorkforceTaskPrice ${usd(amount)} USD is not a price offered for ${taskType.name} tasks; use one of ${allowed.map(usd).join(', ')}.`);
}
