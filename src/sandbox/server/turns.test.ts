import { describe, expect, it } from 'vitest';
import { Turns } from './turns.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Turns', () => {
  it('runs work one at a time, in order, across awaits, and goes on after a failure', async () => {
    const turns = new Turns();
    const events: string[] = [];
    const step = (name: string, fail = false) =>
      turns.run(async () => {
        events.push(`${name} checks`);
        await tick();
        events.push(`${name} acts`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a'), step('b', true), step('c')]);
    expect(events).toEqual(['a checks', 'a acts', 'b checks', 'b acts', 'c checks', 'c acts']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
