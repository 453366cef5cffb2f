// STS: the identity gtctl checks against the Project's accountId before anything else.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { expect } from 'vitest';
import { conformanceSuite } from './harness.js';

const { differential } = conformanceSuite();

differential({
  service: 'sts',
  operation: 'GetCallerIdentity',
  case: 'account and ARN',
  run: async (c) => {
    const { Account, Arn, UserId } = await c.sts.send(new GetCallerIdentityCommand({}));
    // The identity itself is the account's: only its form is comparable.
    return {
      account: /^\d{12}$/.test(Account ?? ''),
      arnHasAccount: Account !== undefined && (Arn ?? '').split(':')[4] === Account,
      arnForm: /^arn:aws[a-z-]*:(iam|sts)::\d{12}:[a-z-]+\/.+$/.test(Arn ?? ''),
      userId: typeof UserId === 'string' && UserId.length > 0,
    };
  },
  expect: (answer) => expect(answer).toEqual({ account: true, arnHasAccount: true, arnForm: true, userId: true }),
});
