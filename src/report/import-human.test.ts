import { describe, expect, it } from 'vitest';
import { renderImported, renderImportWarnings } from './import-human.js';
import { COLOR, PLAIN } from './test-support.js';

describe('import for people', () => {
  it('the files written, then the plan to run next (bold on a terminal)', () => {
    expect(renderImported({ account: '000000000000', region: 'us-east-1' }, ['specs/project.yaml', 'specs/teams/t.yaml'], 'specs', PLAIN)).toBe(
      'Imported from account 000000000000, us-east-1:\n  wrote specs/project.yaml\n  wrote specs/teams/t.yaml\n\nReview the specs, then run gtctl plan -d specs: it should show only the ownership tags to add.\n',
    );
    expect(renderImported({ account: '1', region: 'r' }, [], 'x', COLOR)).toContain('\u001b[1mgtctl plan -d x\u001b[22m');
  });

  it('a warning line each', () => {
    expect(renderImportWarnings(['job j: no team', 'bucket b: gone'], PLAIN)).toBe('warning: job j: no team\nwarning: bucket b: gone\n');
    expect(renderImportWarnings([], PLAIN)).toBe('');
  });
});
