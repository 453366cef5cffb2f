// Execution roles that are still propagating (aws-evidence E3: Terraform retries CreateLabelingJob on
// ValidationException for 2 minutes while a new role or its policy propagates). The sandbox has no IAM, so a test
// says when a role was just made with the sandbox-only route
//   roles { roleArn } -> { roleArn, assumableAt }: SageMaker can assume it from `assumableAt` (now + the window)
// Until then, when realistic, CreateLabelingJob with that role is refused and creates nothing. A role never
// registered is taken as long-existing. Roles made through the sandbox's IAM register themselves (iam/propagation.ts)
// and must trust sagemaker.amazonaws.com.
import { heldRole, mayAssume } from '../iam/role-permissions.js';
import type { RequestContext } from '../service.js';
import { validation } from './errors.js';

/** CreateLabelingJobRequest.RoleArn's pattern (aws-facts §3.2). */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_\/]+$/;

export const roleRoutes = {
  roles(body: { roleArn?: unknown }, ctx: RequestContext) {
    const { roleArn } = body;
    if (typeof roleArn !== 'string' || !ROLE_ARN.test(roleArn)) throw validation('roleArn must be an IAM role ARN, arn:aws:iam::<account>:role/<name>.');
    const assumableAtMs = ctx.now().getTime() + ctx.realism.window();
    // Roles are global: not kept per region. `??=` because state files saved before this field lack it.
    (ctx.state.sagemaker.roles ??= {})[roleArn] = assumableAtMs;
    return { roleArn, assumableAt: new Date(assumableAtMs).toISOString() };
  },
};

/**
 * Refuses a role SageMaker cannot assume yet, with the message SageMaker's job APIs give for a role they cannot
 * assume (seen from CreateTransformJob in awslabs/predictive-maintenance-using-machine-learning issue 3; Terraform's
 * training job retries on "Could not assume role"). UNCONFIRMED that CreateLabelingJob words it the same way.
 */
export function checkRoleAssumable(ctx: RequestContext, roleArn: string): void {
  const assumableAtMs = ctx.state.sagemaker.roles?.[roleArn];
  const propagating = ctx.realism.on && assumableAtMs !== undefined && ctx.now().getTime() < assumableAtMs;
  const role = heldRole(ctx.state, ctx.account, roleArn);
  if (propagating || (role && !mayAssume(role, SAGEMAKER_PRINCIPAL)))
    throw validation(`Could not assume role ${roleArn}. Please ensure that the role exists and allows principal '${SAGEMAKER_PRINCIPAL}' to assume the role.`);
}

const SAGEMAKER_PRINCIPAL = 'sagemaker.amazonaws.com';
