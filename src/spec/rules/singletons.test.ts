import { describe, expect, it } from 'vitest';
import { aProject, aWorkforce, check, run } from '../../../test/helpers/specs.js';
import { atMostOneProject, atMostOneWorkforce } from './singletons.js';

describe('atMostOneProject', () => {
  it('accepts one Project, or none', () => {
    expect(check(atMostOneProject, [aProject()])).toEqual([]);
    expect(check(atMostOneProject, [])).toEqual([]);
  });

  it('reports every Project after the first, at its kind, naming where the first is', () => {
    const diagnostics = run(atMostOneProject, [aProject(), aProject({ name: 'other' }), aProject({ name: 'third' })]);
    expect(diagnostics.map((d) => `${d.file} ${d.code} ${d.path}`)).toEqual(['specs/1.yaml duplicate-singleton kind', 'specs/2.yaml duplicate-singleton kind']);
    expect(diagnostics[0]!.message).toBe('more than one Project document (the first is at specs/0.yaml:2)');
  });
});

describe('atMostOneWorkforce', () => {
  it('accepts one Workforce', () => {
    expect(check(atMostOneWorkforce, [aWorkforce()])).toEqual([]);
  });

  it('reports a second Workforce, even with another name', () => {
    expect(check(atMostOneWorkforce, { 'workforce.yaml': [aWorkforce(), aWorkforce({ name: 'second' })] })).toEqual(['error duplicate-singleton kind']);
  });
});
