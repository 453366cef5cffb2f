import { describe, expect, it } from 'vitest';
import { silentReporter } from './reporter.js';
import { plans } from './test-support.js';

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
