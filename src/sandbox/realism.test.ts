import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONSISTENCY_MS, Realism, VARIANTS } from './realism.js';
import { startSandbox, type Sandbox } from './index.js';

describe('Realism', () => {
  it('is realistic by default, every variant at its first value, with the fixed default seed', () => {
    const r = new Realism();
    expect(r.on).toBe(true);
    expect(r.consistencyMs).toBe(DEFAULT_CONSISTENCY_MS);
    for (const [name, v] of Object.entries(VARIANTS)) expect(r.variant(name as keyof typeof VARIANTS)).toBe(v.values[0]);
  });

  it('draws windows between half and all of consistencyMs, the same ones for the same seed', () => {
    const draws = (seed: number) => {
      const r = new Realism({ seed, consistencyMs: 200 });
      return Array.from({ length: 50 }, () => r.window());
    };
    expect(draws(4)).toEqual(draws(4));
    expect(draws(4)).not.toEqual(draws(5));
    for (const ms of draws(4)) expect(ms >= 100 && ms <= 200).toBe(true);
  });

  it('plays nothing when ideal: no windows, no chances', () => {
    const r = new Realism({ ideal: true });
    expect(r.on).toBe(false);
    expect(r.window()).toBe(0);
    expect(Array.from({ length: 20 }, () => r.chance(1))).not.toContain(true);
  });

  it('refuses an unknown variant or value, naming what is allowed', () => {
    const r = new Realism();
    expect(() => r.update({ variants: { nope: 'x' } })).toThrow(/unknown variant "nope"; known: describeJobTags/);
    expect(() => r.update({ variants: { describeJobTags: 'maybe' } })).toThrow('variant describeJobTags must be one of absent, returned');
  });
});

describe('GET and POST /_sandbox/realism', () => {
  let sandbox: Sandbox;
  beforeAll(async () => void (sandbox = await startSandbox()));
  afterAll(() => sandbox.close());
  const call = async (method: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}/_sandbox/realism`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it('answers the settings with every variant, its values and its source (design §6.1)', async () => {
    const { body } = await call('GET');
    expect(body).toMatchObject({ ideal: false, seed: 1, consistencyMs: DEFAULT_CONSISTENCY_MS });
    expect(Object.keys(body['variants'])).toEqual(Object.keys(VARIANTS));
    expect(body['variants']['appClientWrites']).toEqual({ value: 'replaces-urls', values: ['replaces-urls', 'adds-portal-urls', 'none'], source: expect.stringContaining('E6') });
  });

  it('changes any of them, variants one by one; a bad body is a 400 naming the problem', async () => {
    const { body } = await call('POST', { seed: 9, consistencyMs: 50, variants: { describeJobTags: 'returned' } });
    expect(body).toMatchObject({ seed: 9, consistencyMs: 50, variants: { describeJobTags: { value: 'returned' }, appClientWrites: { value: 'replaces-urls' } } });
    expect(sandbox.realism.variant('describeJobTags')).toBe('returned');
    expect(await call('POST', { ideal: 'yes' })).toMatchObject({ status: 400, body: { message: 'ideal must be a boolean' } });
    expect(await call('POST', { speed: 1 })).toMatchObject({ status: 400, body: { message: expect.stringContaining('unknown field "speed"') } });
  });
});
