// The STS port: who gtctl is running as (checked against the Project's accountId before anything else).
import type { STSClient } from '@aws-sdk/client-sts';
import { GtctlError } from '../core/errors.js';
import type { Connect } from './clients.js';
import type { StsPort } from './ports.js';

type Sdk = typeof import('@aws-sdk/client-sts');

export function stsPort(connect: Connect<Sdk, STSClient>): StsPort {
  return {
    async callerIdentity() {
      const { sdk, client } = await connect();
      const { Account, Arn } = await client.send(new sdk.GetCallerIdentityCommand({}));
      if (Account === undefined || Arn === undefined)
        throw new GtctlError('unexpected-response', 'sts GetCallerIdentity answered without an account or ARN', 'aws');
      return { account: Account, arn: Arn };
    },
  };
}
