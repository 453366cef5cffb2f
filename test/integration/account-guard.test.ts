// The account guard (design §3): `accountId` is checked against the caller identity before anything else, so a
// mismatch exits 1 after exactly one AWS call, STS GetCallerIdentity, whatever the command.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { teamDoc } from '../helpers/specs.js';
import { base, tally, useSandbox } from '../helpers/gtctl.js';

const world = useSandbox();

describe('the account guard', () => {
  it('stops plan, apply and status with a message when the specs name another account', async () => {
    const dir = await world.specs([...base({ accountId: '111111111111' }), teamDoc()]);
    for (const args of [['plan', '--json'], ['apply', '--auto-approve'], ['status']]) {
      const run = await world.gtctl(...args, '-d', dir);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stdout, args.join(' ')).toBe('');
      expect(run.stderr).toContain(
        'error wrong-account: these specs are for account 111111111111, but the credentials are for account 000000000000 (arn:aws:iam::000000000000:',
      );
    }
    expect(tally(await world.requests())).toEqual({ 'sts.GetCallerIdentity': 3 });
  });

  it('passes when the account matches', async () => {
    const dir = await world.specs([...base({ accountId: '000000000000' }), teamDoc()]);
    const { code } = await world.planJson(dir);
    expect(code).toBe(2);
  });

  it('stops a saved plan made for another account before it reads anything', async () => {
    const dir = await world.specs([...base(), teamDoc()]);
    const file = path.join(dir, '..', 'other-account.plan.json');
    expect((await world.gtctl('plan', '-d', dir, '--out', file)).code).toBe(0);
    const document = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...document, account: '111111111111' }));

    await world.clearRequests();
    const run = await world.gtctl('apply', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error wrong-account:');
    expect(run.stderr).toContain('111111111111');
    expect(tally(await world.requests())).toEqual({ 'sts.GetCallerIdentity': 1 });
  });
});
