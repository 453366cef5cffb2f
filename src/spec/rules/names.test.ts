import { describe, expect, it } from 'vitest';
import { bucketDoc, jobDoc, memberDoc, teamDoc, check, run } from '../../../test/helpers/specs.js';
import { noDuplicateNames, noEmailCaseClashes } from './names.js';

describe('noDuplicateNames', () => {
  it('accepts distinct names per kind, and one name used by different kinds', () => {
    expect(check(noDuplicateNames, [teamDoc(), teamDoc({ name: 'reviewers' }), jobDoc({ name: 'labelers' }), bucketDoc({ name: 'labelers' })])).toEqual([]);
  });

  it('reports the second of two Teams, Members or Buckets with the same name', () => {
    expect(check(noDuplicateNames, [teamDoc(), teamDoc()])).toEqual(['error duplicate-name metadata.name']);
    expect(check(noDuplicateNames, [memberDoc(), memberDoc()])).toEqual(['error duplicate-name metadata.name']);
    expect(check(noDuplicateNames, [bucketDoc(), bucketDoc()])).toEqual(['error duplicate-name metadata.name']);
  });

  it('compares job names case-insensitively, as AWS does, and says so', () => {
    const [d, ...rest] = run(noDuplicateNames, [jobDoc({ name: 'odd-even' }), jobDoc({ name: 'Odd-Even' })]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ file: 'specs/1.yaml', code: 'duplicate-name', path: 'metadata.name' });
    expect(d!.message).toBe('LabelingJob "Odd-Even" and "odd-even" (at specs/0.yaml:4) differ only in case, and AWS compares LabelingJob names case-insensitively');
  });

  it('compares team names exactly', () => {
    expect(check(noDuplicateNames, [teamDoc({ name: 'labelers' }), teamDoc({ name: 'Labelers' })])).toEqual([]);
  });
});

describe('noEmailCaseClashes', () => {
  it('accepts one address spelled the same way everywhere', () => {
    expect(check(noEmailCaseClashes, [teamDoc(), teamDoc({ name: 'reviewers' }), memberDoc({ name: 'ann@example.com' })])).toEqual([]);
  });

  it('reports a Member document spelling a team member differently, keeping the first spelling', () => {
    const [d, ...rest] = run(noEmailCaseClashes, [teamDoc(), memberDoc({ name: 'Ann@example.com' })]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', file: 'specs/1.yaml', code: 'email-case-clash', path: 'metadata.name' });
    expect(d!.message).toBe('"Ann@example.com" differs only in case from "ann@example.com" (at specs/0.yaml:7)');
  });

  it('reports clashes between team lists, at the list item', () => {
    expect(check(noEmailCaseClashes, [teamDoc(), teamDoc({ name: 'reviewers', spec: { members: ['carol@example.com', 'BOB@example.com'] } })])).toEqual([
      'error email-case-clash spec.members[1]',
    ]);
  });

  it('reports clashes between Member documents', () => {
    expect(check(noEmailCaseClashes, [teamDoc({ spec: { members: [] } }), memberDoc({ name: 'dan@example.com' }), memberDoc({ name: 'Dan@Example.com' })])).toEqual([
      'error email-case-clash metadata.name',
    ]);
  });
});
