// The identifiers SageMaker mints: ARNs, the worker portal host, job reference codes (and the sandbox's stand-in vendor
// account and Marketplace listing ids).
import { randomBytes } from 'node:crypto';

/** Ground Truth's own account: it owns the public (Mechanical Turk) crowd and the built-in human task UIs. */
export const GROUND_TRUTH_ACCOUNT = '394669845002';

// UNCONFIRMED (aws-facts §11.8): whether AWS lower-cases the job name in the job ARN. Other SageMaker ARNs
// (training jobs, endpoints) are lower-cased, so the sandbox lower-cases; flip this to keep the case as given.
const LOWER_CASE_JOB_ARNS = true;

const arn = (region: string, account: string, resource: string) => `arn:aws:sagemaker:${region}:${account}:${resource}`;

export const workforceArn = (region: string, account: string, name: string) => arn(region, account, `workforce/${name}`);

// UNCONFIRMED: no vendor workforce ARN is published; this follows the vendor work team ARNs of AWS's IAM reference
// (`workteam/vendor-crowd/<name>`).
export const vendorWorkforceArn = (region: string, account: string, name: string) => arn(region, account, `workforce/vendor-crowd/${name}`);

/** The resource type an ARN of this service names (`workforce`, `workteam`, `labeling-job`, ...). */
export const resourceType = (resourceArn: string) => resourceArn.split(':')[5]?.split('/')[0];

export const workteamArn = (region: string, account: string, name: string) => arn(region, account, `workteam/private-crowd/${name}`);

/**
 * The account the sandbox's vendor (AWS Marketplace) work teams live in: a vendor's team is in the vendor's account,
 * not the subscriber's. A fixed stand-in, AWS's documentation placeholder for "another account".
 */
export const VENDOR_ACCOUNT = '111122223333';

/** `workteam/vendor-crowd/<name>`: the vendor work team ARNs of AWS's IAM reference (`sagemaker:WorkteamType`). */
export const vendorWorkteamArn = (region: string, name: string) => arn(region, VENDOR_ACCOUNT, `workteam/vendor-crowd/${name}`);

export const publicCrowdArn = (region: string) => arn(region, GROUND_TRUTH_ACCOUNT, 'workteam/public-crowd/default');

export const labelingJobArn = (region: string, account: string, name: string) =>
  arn(region, account, `labeling-job/${LOWER_CASE_JOB_ARNS ? name.toLowerCase() : name}`);

export const humanTaskUiArn = (region: string, account: string, name: string) => arn(region, account, `human-task-ui/${name}`);

/** A built-in human task UI of `region`, by name (`VideoObjectTracking`...: aws-facts §4.2). */
export const builtInHumanTaskUiArn = (region: string, name: string) => arn(region, GROUND_TRUTH_ACCOUNT, `human-task-ui/${name}`);

/** Whether `value` names one of Ground Truth's built-in human task UIs in `region` (NER, point cloud, video). */
export function isBuiltInHumanTaskUi(value: string, region: string): boolean {
  return value.startsWith(builtInHumanTaskUiArn(region, ''));
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number): string {
  return [...randomBytes(length)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

/** The worker portal host of a new workforce; its teams share it. */
export function portalSubDomain(region: string): string {
  return `${randomAlphanumeric(10)}.labeling.${region}.sagemaker.aws`;
}

/** A job reference code as observed: the requester's account id followed by a random suffix. */
export function jobReferenceCode(account: string): string {
  return `${account}${randomAlphanumeric(12)}`;
}

/** UNCONFIRMED format: the AWS Marketplace listing a vendor work team is sold under, as Marketplace product pages name them. */
export function marketplaceListingId(): string {
  return `prodview-${randomAlphanumeric(13)}`;
}

/** The VPC endpoint SageMaker creates for a VPC-mode portal. */
export function vpcEndpointId(): string {
  return `vpce-${randomBytes(9).toString('hex').slice(0, 17)}`;
}
