// What every command that talks to AWS does first: load and validate the specs, settle the Region, build the AWS
// ports, and check the account guard before any other call.
import type { AwsPorts } from '../aws/ports.js';
import type { CognitoCategory } from '../aws/rate-limits.js';
import { hasErrors, type Diagnostic } from '../core/diagnostics.js';
import { GtctlError, InvalidSpecsError } from '../core/errors.js';
import type { DesiredState } from '../core/model.js';
import { loadSpecs } from '../spec/load.js';
import { requireDirectory, requireGroundTruth } from './preconditions.js';

export interface AwsOptions {
  region?: string;
  profile?: string;
  endpoint?: string;
  env?: NodeJS.ProcessEnv;
}

export async function loadDesired(directory: string, options: AwsOptions): Promise<{ desired: DesiredState; warnings: Diagnostic[] }> {
  await requireDirectory(directory);
  const loaded = await loadSpecs(directory, options.region ? { region: options.region } : {});
  if (hasErrors(loaded.diagnostics) || !loaded.desired) throw new InvalidSpecsError(loaded.diagnostics);
  if (loaded.files.length === 0) throw new GtctlError('no-specs', `no *.yaml or *.yml files under ${directory}`, 'user', 'Point -d at the directory that holds your gtctl specs.');
  return { desired: loaded.desired, warnings: loaded.diagnostics };
}

/** The Region: the Project's, else `--region`, else AWS_REGION / AWS_DEFAULT_REGION; a disagreement is an error. */
export function resolveRegion(specRegion: string | undefined, options: AwsOptions): string {
  const env = options.env ?? process.env;
  if (specRegion && options.region && specRegion !== options.region) {
    throw new GtctlError('region-mismatch', `the specs are for ${specRegion} but --region says ${options.region}`, 'user', 'Drop --region, or change spec.region in the Project.');
  }
  const region = specRegion ?? options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new GtctlError('no-region', 'no AWS Region given', 'user', 'Set spec.region in the Project, pass --region, or set AWS_REGION.');
  requireGroundTruth(region);
  return region;
}

export async function connect(region: string, options: AwsOptions): Promise<AwsPorts> {
  const { createAwsPorts } = await import('../aws/clients.js');
  // A benchmarking knob, not an option: GTCTL_COGNITO_RATE_SCALE multiplies every default pacing rate (Cognito's and
  // SageMaker's), to match a sandbox whose quotas are scaled the same way (POST /_sandbox/quotas {scale}, which scales
  // its modelled SageMaker rate too). Unset: AWS's rates.
  const scaleText = (options.env ?? process.env).GTCTL_COGNITO_RATE_SCALE;
  let cognitoRates: Partial<Record<CognitoCategory, number>> | undefined;
  let sageMakerRate: number | undefined;
  if (scaleText !== undefined && scaleText !== '') {
    const scale = Number(scaleText);
    if (!(scale > 0) || !Number.isFinite(scale)) throw new GtctlError('bad-rate-scale', `GTCTL_COGNITO_RATE_SCALE must be a positive number, got ${scaleText}`, 'user', 'Unset it, or set it to e.g. 10.');
    const { DEFAULT_COGNITO_RATES, SAGEMAKER_RATE } = await import('../aws/rate-limits.js');
    cognitoRates = Object.fromEntries(Object.entries(DEFAULT_COGNITO_RATES).map(([category, rate]) => [category, rate * scale])) as Record<CognitoCategory, number>;
    sageMakerRate = SAGEMAKER_RATE * scale;
  }
  return createAwsPorts({
    region,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(cognitoRates ? { cognitoRates } : {}),
    ...(sageMakerRate ? { sageMakerRate } : {}),
  });
}

/** The caller's account, checked against the expected one before anything else is called. */
export async function checkAccount(ports: AwsPorts, expected: string | undefined): Promise<string> {
  const { account, arn } = await ports.sts.callerIdentity();
  if (expected && account !== expected) {
    throw new GtctlError('wrong-account', `these specs are for account ${expected}, but the credentials are for account ${account} (${arn})`, 'user', 'Use credentials for the right account (AWS_PROFILE, --profile), or fix spec.accountId in the Project. Nothing was read or changed.');
  }
  return account;
}
