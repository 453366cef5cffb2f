import { describe, expect, it } from 'vitest';
import { jsonReporter } from './json-reporter.js';
import { silentReporter } from './reporter.js';
import { plans, TEAM } from './test-support.js';

const { changes } = plans.addAlice();
const member = changes[0]!;
const membership = changes[1]!;

describe('silentReporter', () => {
  it('records events in order, and answers questions with their default', async () => {
    const r = silentReporter();
    r.readStarted();
    r.changeStarted(member);
    r.changeFailed(member, { code: 'x', message: 'no' });
    r.changeSkipped(membership, member.address);
    expect(await r.confirm('Apply?', false)).toBe(false);
    expect(r.events.map((e) => e.type)).toEqual(['readStarted', 'changeStarted', 'changeFailed', 'changeSkipped', 'confirm']);
    expect(r.events.at(-1)).toEqual({ type: 'confirm', question: 'Apply?', defaultAnswer: false, answer: false });
  });

  it('answers as told, for use-case tests', async () => {
    expect(await silentReporter({ answer: true }).confirm('Apply?', false)).toBe(true);
  });
});

describe('jsonReporter', () => {
  it('writes one JSON object per event line, changes by address and action', async () => {
    const chunks: string[] = [];
    const r = jsonReporter({ write: (c: string) => chunks.push(c) });
    r.readFinished({ calls: { ListUsers: 2 }, ms: 80 });
    r.applyStarted(2);
    r.changeStarted(member);
    r.changeFinished(member, 120);
    r.changeFailed(membership, { code: 'aws-error', message: 'boom', hint: 'retry' });
    r.applyFinished({ done: 1, failed: 1, skipped: 0, deferred: 0 });
    r.warning('careful');
    expect(await r.confirm('Apply?', true)).toBe(true);
    expect(chunks.every((c) => c.endsWith('\n') && !c.slice(0, -1).includes('\n'))).toBe(true);
    expect(chunks.map((c) => JSON.parse(c))).toEqual([
      { event: 'readFinished', calls: { ListUsers: 2 }, ms: 80 },
      { event: 'applyStarted', total: 2 },
      { event: 'changeStarted', address: 'member/alice@example.com', action: 'create' },
      { event: 'changeFinished', address: 'member/alice@example.com', action: 'create', ms: 120 },
      { event: 'changeFailed', address: `membership/${TEAM}/alice@example.com`, action: 'create', error: { code: 'aws-error', message: 'boom', hint: 'retry' } },
      { event: 'applyFinished', done: 1, failed: 1, skipped: 0, deferred: 0 },
      { event: 'warning', message: 'careful' },
      { event: 'confirm', question: 'Apply?', defaultAnswer: true, answer: true },
    ]);
  });

  it('masks e-mails when asked', () => {
    const chunks: string[] = [];
    jsonReporter({ write: (c: string) => chunks.push(c) }, { maskEmails: true }).changeStarted(member);
    expect(chunks).toEqual(['{"event":"changeStarted","address":"member/a***@example.com","action":"create"}\n']);
  });
});
