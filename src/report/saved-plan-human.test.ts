import { expect, it } from 'vitest';
import { savedPlanNote } from './saved-plan-human.js';

it('savedPlanNote names the file and the command that applies it', () => {
  expect(savedPlanNote('plan.json')).toBe('Saved the plan to plan.json; apply it with `gtctl apply plan.json`.\n');
});
