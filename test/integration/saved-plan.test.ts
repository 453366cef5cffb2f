// Saved plans through the built CLI: `plan --out FILE` then `apply FILE` applies exactly that plan; a plan whose
// live state moved in the meantime is refused as stale with not one write call (read from the sandbox request log).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AdminAddUserToGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { teamDoc } from '../helpers/specs.js';
import { actions, base, useSandbox, writeCalls } from '../helpers/gtctl.js';

const world = useSandbox();

const tree = (members: string[]) => [...base(), teamDoc({ spec: { members } })];

describe('a saved plan', () => {
  it('builds a fresh account exactly as planned, and is stale once applied', async () => {
    const dir = await world.specs(tree(['ann@example.com']));
    const file = path.join(dir, '..', 'fresh.plan.json');
    const saved = await world.gtctl('plan', '-d', dir, '--out', file, '--json');
    expect(saved.code).toBe(0);
    expect(saved.stderr).toContain(`Saved the plan to ${file}`);
    const document = JSON.parse(await readFile(file, 'utf8'));
    // The file is the `--json` document plus what apply needs.
    const printed = JSON.parse(saved.stdout);
    expect(actions(document)).toEqual(actions(printed));
    expect(document.summary).toEqual(printed.summary);

    await world.clearRequests();
    const apply = await world.gtctl('apply', file);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain(`Apply complete: ${printed.changes.length} done, 0 failed, 0 skipped.`);
    expect(writeCalls(await world.requests()).filter((w) => w.startsWith('cognito-idp.Admin'))).toEqual(['cognito-idp.AdminCreateUser', 'cognito-idp.AdminAddUserToGroup']);
    expect(await world.groupMembers(await world.poolId(), 'labelers')).toEqual(['ann@example.com']);

    // Everything it read has moved: the same file again is stale, and nothing is written.
    await world.clearRequests();
    const twice = await world.gtctl('apply', file);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/error stale-plan: the plan is stale: live state changed since it was made \(.*workforce\/default.*\); nothing was applied/);
    expect(writeCalls(await world.requests())).toEqual([]);
    expect(await world.changes(dir)).toEqual([]);
  });

  it('applies exactly the saved changes, whatever the specs say by then', async () => {
    await world.arrange(tree(['ann@example.com']));
    const dir = await world.specs(tree(['alice@example.com', 'ann@example.com']));
    const file = path.join(dir, '..', 'alice.plan.json');
    expect((await world.gtctl('plan', '-d', dir, '--out', file)).code).toBe(0);
    // The specs change after the plan was saved: bob is not in the plan, so apply must not add him.
    const later = await world.specs(tree(['alice@example.com', 'ann@example.com', 'bob@example.com']));

    await world.clearRequests();
    const apply = await world.gtctl('apply', '-d', later, file);
    expect(apply.code, apply.stderr).toBe(0);
    expect(writeCalls(await world.requests())).toEqual(['cognito-idp.AdminCreateUser', 'cognito-idp.AdminAddUserToGroup']);
    const pool = await world.poolId();
    expect(await world.groupMembers(pool, 'labelers')).toEqual(['alice@example.com', 'ann@example.com']);
    expect((await world.outbox()).map((m) => m.to)).toEqual(['ann@example.com', 'alice@example.com']);
    expect(await world.changes(later)).toEqual(['create member/bob@example.com', 'create membership/labelers/bob@example.com']);
  });

  it('is refused as stale, with zero write calls, when a user joined a group out of band', async () => {
    await world.arrange(tree(['ann@example.com']));
    const pool = await world.poolId();
    await world.consoleUser(pool, 'eve@example.com');
    const dir = await world.specs(tree(['alice@example.com', 'ann@example.com']));
    const file = path.join(dir, '..', 'stale.plan.json');
    expect((await world.gtctl('plan', '-d', dir, '--out', file)).code).toBe(0);

    await world.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: 'eve@example.com', GroupName: 'labelers' }));
    await world.clearRequests();
    const apply = await world.gtctl('apply', file);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(
      'error stale-plan: the plan is stale: live state changed since it was made (the members of team labelers); nothing was applied',
    );
    expect(apply.stderr).toContain('hint: Run `gtctl plan --out FILE` again, review it, and apply the new plan.');
    const log = await world.requests();
    expect(log.length).toBeGreaterThan(0);
    expect(writeCalls(log)).toEqual([]);
    expect(await world.groupMembers(pool, 'labelers')).toEqual(['ann@example.com', 'eve@example.com']);
    expect((await world.outbox()).map((m) => m.to)).toEqual(['ann@example.com']);
  });
});
