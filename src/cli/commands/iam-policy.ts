// `gtctl iam-policy [--mode plan|apply] [--role-arn ARN ...]`: the least-privilege IAM policy (JSON) for the role CI
// runs gtctl with: `plan` for pull requests and drift checks (reads only), `apply` for merges.
import type { Argv, CommandModule } from 'yargs';
import { iamPolicy, type PolicyMode } from '../../core/iam-policy.js';
import { EXIT } from '../../core/exit-codes.js';
import { prettyJson } from '../../report/json.js';
import { type GlobalOptions } from '../options.js';

interface IamPolicyArgs extends GlobalOptions {
  mode: PolicyMode;
  roleArn?: string[];
}

export const iamPolicyCommand: CommandModule<GlobalOptions, IamPolicyArgs> = {
  command: 'iam-policy',
  describe: 'Print the least-privilege IAM policy for the CI role that runs plan (read-only) or apply',
  builder: (argv: Argv<GlobalOptions>) =>
    argv
      .option('mode', { choices: ['plan', 'apply'] as const, default: 'plan' as const, describe: 'plan: reads only (pull requests, drift checks); apply: reads, writes and iam:PassRole' })
      .option('role-arn', { type: 'string', array: true, describe: 'Labeling-job execution roles apply may pass to SageMaker (default: any role, to SageMaker only)' }) as unknown as Argv<IamPolicyArgs>,
  handler: (args) => {
    process.stdout.write(prettyJson(iamPolicy(args.mode, args.roleArn?.length ? { roleArns: args.roleArn } : {})));
    process.exitCode = EXIT.ok;
  },
};
