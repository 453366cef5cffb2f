// The consolidation rules on their own (BEHAVIOUR.md, "Workers stand-in"): majority vote, ties, confidence.
import { describe, expect, it } from 'vitest';
import { groundTruthDate, majorityLabels, majorityVote } from './consolidation.js';

const labels = ['Odd Number', 'Even Number', 'Neither'];

describe('majorityVote', () => {
  it.each([
    { answers: ['Even Number'], index: 1, confidence: 0 },
    { answers: ['Even Number', 'Even Number', 'Odd Number'], index: 1, confidence: 0.67 },
    { answers: ['Even Number', 'Odd Number'], index: 0, confidence: 0.5 },
    { answers: ['Neither', 'Even Number', 'Neither', 'Even Number'], index: 1, confidence: 0.5 },
    { answers: ['Neither', 'Neither'], index: 2, confidence: 1 },
  ])('$answers -> label $index at $confidence', ({ answers, index, confidence }) => {
    expect(majorityVote(answers, labels)).toEqual({ index, confidence });
  });
});

describe('majorityLabels', () => {
  it('keeps labels chosen by more than half of the workers, in label order', () => {
    expect(majorityLabels([['Neither', 'Odd Number'], ['Odd Number'], ['Neither']], labels)).toEqual([
      { index: 0, confidence: 0.67 },
      { index: 2, confidence: 0.67 },
    ]);
  });

  it('keeps nothing when two workers split, and everything one worker chose (at confidence 0)', () => {
    expect(majorityLabels([['Odd Number'], ['Even Number']], labels)).toEqual([]);
    expect(majorityLabels([['Even Number', 'Neither']], labels)).toEqual([
      { index: 1, confidence: 0 },
      { index: 2, confidence: 0 },
    ]);
  });
});

describe('groundTruthDate', () => {
  it('writes UTC with microseconds and no zone', () => {
    expect(groundTruthDate(Date.UTC(2018, 9, 18, 22, 18, 13, 527))).toBe('2018-10-18T22:18:13.527000');
  });
});
