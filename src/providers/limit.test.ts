import { describe, expect, it } from 'vitest';
import { limiter } from './limit.js';

describe('limiter', () => {
  it('never runs more than its limit at once, runs everything, and passes results and failures through', async () => {
    const limit = limiter(3);
    let running = 0;
    let most = 0;
    const task = (i: number) => async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      if (i === 7) throw new Error('seven');
      return i;
    };
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => limit(task(i))));
    expect(most).toBe(3);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual([...Array(20).keys()].filter((i) => i !== 7));
    expect(results[7]).toMatchObject({ status: 'rejected', reason: new Error('seven') });
  });
});
