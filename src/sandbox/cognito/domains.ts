// User pool domains: CreateUserPoolDomain, DescribeUserPoolDomain, DeleteUserPoolDomain.
// A pool has at most one domain; a prefix is unique among the Region's pools (it becomes
// `<prefix>.auth.<region>.amazoncognito.com`). When realistic a new domain is CREATING for a while ("might take up to
// one minute to take effect": aws-evidence E4); SageMaker refuses a workforce on it meanwhile.
import { randomBytes } from 'node:crypto';
import type { JsonOperation, RequestContext } from '../service.js';
import { invalidParameter, requirePool } from './find.js';
import { regionState } from './state.js';

// The Cognito developer guide: a prefix domain may not contain these words.
const RESERVED_WORDS = ['aws', 'amazon', 'cognito'];

const createUserPoolDomain: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  const region = regionState(ctx.state.cognito, ctx.region);
  const domain: string = input.Domain;
  const custom = input.CustomDomainConfig?.CertificateArn as string | undefined;
  if (!custom) {
    const reserved = RESERVED_WORDS.find((word) => domain.includes(word));
    if (reserved) throw invalidParameter(`Domain cannot contain reserved word: ${reserved}`);
  }
  if (region.domains[domain] !== undefined) throw invalidParameter('Domain already associated with another user pool.');
  if (pool.domain) throw invalidParameter(`User pool ${pool.id} already has a domain configured.`);
  const cloudFront = `d${randomBytes(7).toString('hex').slice(0, 13)}.cloudfront.net`;
  pool.domain = {
    domain,
    ...(custom && { certificateArn: custom }),
    managedLoginVersion: input.ManagedLoginVersion ?? 1,
    cloudFrontDistribution: cloudFront,
    version: versionStamp(ctx),
    createdMs: ctx.now().getTime(),
    ...(ctx.realism.on && { activeAtMs: ctx.now().getTime() + 2 * ctx.realism.window() }),
  };
  region.domains[domain] = pool.id;
  return { ManagedLoginVersion: pool.domain.managedLoginVersion, ...(custom && { CloudFrontDomain: cloudFront }) };
};

/** An unknown domain is not an error: AWS answers with an empty DomainDescription. */
const describeUserPoolDomain: JsonOperation = (input, ctx) => {
  const region = regionState(ctx.state.cognito, ctx.region);
  const poolId = region.domains[input.Domain];
  const domain = poolId === undefined ? undefined : region.pools[poolId]?.domain;
  if (poolId === undefined || !domain) return { DomainDescription: {} };
  return {
    DomainDescription: {
      UserPoolId: poolId,
      AWSAccountId: ctx.account,
      Domain: domain.domain,
      S3Bucket: `aws-cognito-prod-${ctx.region}-assets`,
      CloudFrontDistribution: domain.cloudFrontDistribution,
      Version: domain.version,
      Status: domain.activeAtMs !== undefined && ctx.now().getTime() < domain.activeAtMs ? 'CREATING' : 'ACTIVE',
      ...(domain.certificateArn && { CustomDomainConfig: { CertificateArn: domain.certificateArn } }),
      ManagedLoginVersion: domain.managedLoginVersion,
    },
  };
};

const deleteUserPoolDomain: JsonOperation = (input, ctx) => {
  const pool = requirePool(ctx, input.UserPoolId);
  if (pool.domain?.domain !== input.Domain) throw invalidParameter('No such domain or user pool exists.');
  delete regionState(ctx.state.cognito, ctx.region).domains[input.Domain];
  delete pool.domain;
  return {};
};

// AWS's domain versions are creation timestamps such as `20250101120000`.
function versionStamp(ctx: RequestContext): string {
  return ctx.now().toISOString().replace(/[^0-9]/g, '').slice(0, 14);
}

export const domainOperations: Record<string, JsonOperation> = {
  CreateUserPoolDomain: createUserPoolDomain,
  DescribeUserPoolDomain: describeUserPoolDomain,
  DeleteUserPoolDomain: deleteUserPoolDomain,
};
