import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Change } from '../core/plan.js';
import { duration, humanReporter } from './human-reporter.js';
import { COLOR, PLAIN, plans, TEAM } from './test-support.js';

function sink() {
  const chunks: string[] = [];
  return { write: (chunk: string) => chunks.push(chunk), text: () => chunks.join(''), lines: () => chunks.join('').split('\n').slice(0, -1) };
}

const fresh = plans.freshAccount().changes;
const byAddress = (address: string) => fresh.find((c) => c.address === address)!;
const member = byAddress('member/user1@gmail.com');
const membership = byAddress(`membership/${TEAM}/user1@gmail.com`);

describe('humanReporter: progress', () => {
  it('a line when each change starts and ends; failures with their hint; skipped ones name the failed change', () => {
    const out = sink();
    const r = humanReporter(out, PLAIN, { interactive: false });
    r.applyStarted(3);
    r.changeStarted(byAddress('workforce/default'));
    r.changeFinished(byAddress('workforce/default'), 2400);
    r.changeStarted(member);
    r.changeFailed(member, { code: 'aws-throttled', message: 'Rate exceeded for AdminCreateUser', hint: 'Run apply again; gtctl retries throttled calls.' });
    r.changeSkipped(membership, member.address);
    r.applyFinished({ done: 1, failed: 1, skipped: 1, deferred: 0 });
    expect(out.lines()).toEqual([
      'Applying 3 changes...',
      '  + workforce/default ...',
      '  + workforce/default ... done (2.4 s)',
      '  + member/user1@gmail.com ...',
      '  + member/user1@gmail.com ... failed: aws-throttled: Rate exceeded for AdminCreateUser',
      '      hint: Run apply again; gtctl retries throttled calls.',
      `  + membership/${TEAM}/user1@gmail.com ... skipped (depends on member/user1@gmail.com, which failed)`,
      'Apply finished with errors: 1 done, 1 failed, 1 skipped.',
    ]);
  });

  it('the example line, and a clean finish', () => {
    const out = sink();
    const alice = plans.addAlice().changes[0]!;
    const r = humanReporter(out, PLAIN, { interactive: false });
    r.applyStarted(1);
    r.changeStarted(alice);
    r.changeFinished(alice, 120);
    r.applyFinished({ done: 1, failed: 0, skipped: 0, deferred: 0 });
    expect(out.lines().slice(2)).toEqual(['  + member/alice@example.com ... done (120 ms)', 'Apply complete: 1 done, 0 failed, 0 skipped.']);
  });

  it('colours a failure red on a terminal, and masks e-mails when asked', () => {
    const out = sink();
    humanReporter(out, COLOR, { interactive: false, maskEmails: true }).changeFailed(member, { code: 'boom', message: 'user1@gmail.com: no' });
    expect(out.text()).toContain('\u001b[31m\u001b[1mfailed\u001b[22m\u001b[39m\u001b[31m: boom: u***@gmail.com: no\u001b[39m');
    expect(out.text()).toContain('member/u***@gmail.com');
  });

  it('long runs: no line per start, a count line every 50 finished changes', () => {
    const out = sink();
    const r = humanReporter(out, PLAIN, { interactive: false });
    const changes: Change[] = Array.from({ length: 120 }, (_, i) => ({ ...member, address: `member/user${i}@gmail.com`, email: `user${i}@gmail.com` }));
    r.applyStarted(changes.length);
    changes.forEach((c, i) => {
      r.changeStarted(c);
      if (i === 7 || i === 70) r.changeFailed(c, { code: 'x', message: 'failed' });
      else r.changeFinished(c, 100);
    });
    const lines = out.lines();
    expect(lines.filter((l) => l.endsWith(' ...'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('['))).toEqual(['[50/120] 49 done, 1 failed', '[100/120] 98 done, 2 failed']);
    expect(lines.indexOf('[50/120] 49 done, 1 failed')).toBe(lines.indexOf('  + member/user49@gmail.com ... done (100 ms)') + 1);
  });

  it('reports the read, warnings, and a plan it is handed', () => {
    const out = sink();
    const r = humanReporter(out, PLAIN, { interactive: false });
    r.readStarted();
    r.readFinished({ calls: { ListWorkteams: 1, ListUsers: 3, DescribeWorkforce: 1 }, ms: 340 });
    r.warning('the workforce is Updating; waiting');
    r.planReady(plans.addAlice());
    expect(out.lines().slice(0, 5)).toEqual([
      'Reading live state...',
      'Read live state: 5 AWS calls in 340 ms (DescribeWorkforce 1, ListUsers 3, ListWorkteams 1)',
      'warning: the workforce is Updating; waiting',
      'Plan for project proj in account 000000000000, region us-east-1',
      '',
    ]);
    expect(out.lines().at(-1)).toBe('Plan: 2 to create, 0 to update, 0 to delete, 0 to stop, 0 blocked; 6 unchanged.');
  });
});

describe('humanReporter: confirm', () => {
  it.each([true, false])('without a terminal answers the default (%s) at once, and says so', async (defaultAnswer) => {
    const out = sink();
    const r = humanReporter(out, PLAIN, { interactive: false, input: new PassThrough() });
    await expect(r.confirm('Apply these changes?', defaultAnswer)).resolves.toBe(defaultAnswer);
    expect(out.text()).toBe(`Apply these changes? ${defaultAnswer ? '[Y/n] yes' : '[y/N] no'} (not interactive: the default answer)\n`);
  });

  // How answers are read is the prompt's (prompt.test.ts); here, that the question reaches it and its answer comes back.
  it.each([
    ['yes\n', false, true],
    ['\n', true, true],
  ])('interactive: %j with default %s -> %s', async (typed, defaultAnswer, expected) => {
    const input = new PassThrough();
    const out = sink();
    const answer = humanReporter(out, PLAIN, { interactive: true, input }).confirm('Apply?', defaultAnswer);
    input.end(typed);
    await expect(answer).resolves.toBe(expected);
    expect(out.text()).toBe(`Apply? ${defaultAnswer ? '[Y/n]' : '[y/N]'} `);
  });

  it('interactive, but the input ends: the default', async () => {
    const input = new PassThrough();
    const answer = humanReporter(sink(), PLAIN, { interactive: true, input }).confirm('Apply?', false);
    input.end();
    await expect(answer).resolves.toBe(false);
  });
});

describe('helpers', () => {
  it('duration', () => {
    expect([duration(120.4), duration(2400), duration(185_000)]).toEqual(['120 ms', '2.4 s', '3m 05s']);
  });
});
