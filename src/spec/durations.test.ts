import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './durations.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30],
    ['90s', 90],
    ['5m', 300],
    ['8h', 28_800],
    ['10d', 864_000],
    ['1h30m', 5_400],
    ['1d2h3m4s', 93_784],
    ['0s', 0],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [30, '30s'],
    [60, '1m'],
    [300, '5m'],
    [5_400, '1h30m'],
    [28_800, '8h'],
    [2_592_000, '30d'],
    [93_784, '1d2h3m4s'],
  ])('%i seconds is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('round-trips with parseDuration', () => {
    for (const seconds of [1, 59, 61, 3_599, 3_601, 86_399, 86_401, 2_592_001]) expect(parseDuration(formatDuration(seconds))).toBe(seconds);
  });
});
