// Vendor workforces (AWS Marketplace labeling vendors an account subscribes to). ListWorkforces lists them beside the
// private workforce (aws-evidence E8), so a tool that expects only its own workforce must tell them apart. The
// account cannot make one through the API: a test adds one with the sandbox-only route
//   vendor-workforce { name } -> the Workforce as DescribeWorkforce shows it
// It has neither CognitoConfig nor OidcConfig, is Active at once, never counts as the region's private workforce,
// and UpdateWorkforce/DeleteWorkforce/CreateWorkteam refuse it (workforces.ts `ownWorkforce`).
import type { RequestContext } from '../service.js';
import { vendorWorkforceArn } from './arns.js';
import { validation } from './errors.js';
import { regionState, type WorkforceRecord } from './state.js';
import { workforceView } from './workforces.js';

/** CreateWorkforceRequest.WorkforceName's pattern (aws-facts §1.2). */
const WORKFORCE_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]){0,62}$/;

export const vendorWorkforceRoutes = {
  'vendor-workforce'(body: { name?: unknown }, ctx: RequestContext) {
    const { name } = body;
    if (typeof name !== 'string' || !WORKFORCE_NAME.test(name)) throw validation('name must be a workforce name: 1-63 letters, digits and hyphens, not starting with a hyphen.');
    const records = regionState(ctx.state.sagemaker, ctx.region);
    if (records.workforces[name]) throw validation(`A workforce named ${name} already exists in ${ctx.region}.`);
    const now = ctx.now().getTime();
    // Settled from the start: the vendor made it long ago, so it reads as Active.
    const workforce: WorkforceRecord = {
      name,
      arn: vendorWorkforceArn(ctx.region, ctx.account, name),
      vendor: true,
      createdMs: now,
      lastUpdatedMs: now,
      cidrs: [],
      pendingStatus: 'Initializing',
      settlesAtMs: now,
    };
    records.workforces[name] = workforce;
    return workforceView(workforce, now);
  },
};
