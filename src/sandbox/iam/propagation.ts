// A role, its trust policy or its permissions just changed: IAM is eventually consistent, and SageMaker cannot
// assume a new role (or use a new policy) for a while (aws-evidence E3: Terraform retries CreateLabelingJob for two
// minutes on "Could not assume role"). The change starts the role's window in SageMaker's list of propagating roles
// (sagemaker/roles.ts), which holds only when the sandbox is realistic.
import type { RequestContext } from '../service.js';
import type { RoleRecord } from './state.js';

export function propagates(ctx: RequestContext, role: RoleRecord): void {
  (ctx.state.sagemaker.roles ??= {})[role.arn] = ctx.now().getTime() + ctx.realism.window();
}
