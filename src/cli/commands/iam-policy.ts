// `gtctl iam-policy [--mode plan|apply] [--role-arn ARN ...]`: the least-privilege IAM policy (JSON) for the role CI
// runs gtctl with: `plan` for pull requests and drift checks (reads only), `apply` for merges. With `--trust github
// --repo owner/name --account ID`: that role's trust policy for GitHub Actions' OIDC provider instead.
import type { Argv, CommandModule } from 'yargs';
import { githubTrustPolicy, iamPolicy, type PolicyMode } from '../../core/iam-policy.js';
import { GtctlError } from '../../core/errors.js';
import { EXIT } from '../../core/exit-codes.js';
import { prettyJson } from '../../report/json.js';
import { type GlobalOptions } from '../options.js';

interface IamPolicyArgs extends GlobalOptions {
  mode: PolicyMode;
  roleArn?: string[];
  trust?: 'github';
  repo?: string;
  account?: string;
  branch: string;
  environment?: string;
}

export const iamPolicyCommand: CommandModule<GlobalOptions, IamPolicyArgs> = {
  command: 'iam-policy',
  describe: 'Print the least-privilege IAM policy for the CI role that runs plan (read-only) or apply',
  builder: (argv: Argv<GlobalOptions>) =>
    argv
      .option('mode', { choices: ['plan', 'apply'] as const, default: 'plan' as const, describe: 'plan: reads only (pull requests, drift checks); apply: reads, writes and iam:PassRole' })
      .option('role-arn', { type: 'string', array: true, describe: 'Labeling-job execution roles apply may pass to SageMaker (default: any role, to SageMaker only)' })
      .option('trust', { choices: ['github'] as const, describe: "Print the role's trust policy for GitHub Actions' OIDC provider instead of its permissions" })
      .option('repo', { type: 'string', describe: 'With --trust github: the repository, owner/name' })
      .option('account', { type: 'string', describe: 'With --trust github: the 12-digit account that has the OIDC provider' })
      .option('branch', { type: 'string', default: 'main', describe: 'With --trust github: the default branch, the only one that may apply' })
      .option('environment', { type: 'string', describe: 'With --trust github --mode apply: only this GitHub environment may apply' }) as unknown as Argv<IamPolicyArgs>,
  handler: (args) => {
    if (args.trust === 'github') {
      if (!args.repo || !/^[\w.-]+\/[\w.-]+$/.test(args.repo)) throw new GtctlError('usage', '--trust github needs --repo owner/name', 'user', 'Name the repository whose workflows assume the role, e.g. --repo acme/labeling-specs.');
      if (!args.account || !/^\d{12}$/.test(args.account)) throw new GtctlError('usage', '--trust github needs --account with the 12-digit account id', 'user', 'The account that holds the token.actions.githubusercontent.com OIDC provider.');
      process.stdout.write(prettyJson(githubTrustPolicy(args.mode, { repo: args.repo, account: args.account, branch: args.branch, ...(args.environment ? { environment: args.environment } : {}) })));
    } else {
      process.stdout.write(prettyJson(iamPolicy(args.mode, args.roleArn?.length ? { roleArns: args.roleArn } : {})));
    }
    process.exitCode = EXIT.ok;
  },
};
