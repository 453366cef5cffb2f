import { describe, expect, it } from 'vitest';
import { projectDoc, workforceDoc, check, run } from '../../../test/helpers/specs.js';
import { atMostOneProject, atMostOneWorkforce } from './singletons.js';

describe('atMostOneProject', () => {
  it('accepts one Project, or none', () => {
    expect(check(atMostOneProject, [projectDoc()])).toEqual([]);
    expect(check(atMostOneProject, [])).toEqual([]);
  });

  it('reports every Project after the first, at its kind, naming where the first is', () => {
    const diagnostics = run(atMostOneProject, [projectDoc(), projectDoc({ name: 'other' }), projectDoc({ name: 'third' })]);
    expect(diagnostics.map((d) => `${d.file} ${d.code} ${d.path}`)).toEqual(['specs/1.yaml duplicate-singleton kind', 'specs/2.yaml duplicate-singleton kind']);
    expect(diagnostics[0]!.message).toBe('more than one Project document (the first is at specs/0.yaml:2)');
  });
});

describe('atMostOneWorkforce', () => {
  it('accepts one Workforce', () => {
    expect(check(atMostOneWorkforce, [workforceDoc()])).toEqual([]);
  });

  it('reports a second Workforce, even with another name', () => {
    expect(check(atMostOneWorkforce, { 'workforce.yaml': [workforceDoc(), workforceDoc({ name: 'second' })] })).toEqual(['error duplicate-singleton kind']);
  });
});
