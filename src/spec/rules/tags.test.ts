import { describe, expect, it } from 'vitest';
import { bucketDoc, jobDoc, projectDoc, teamDoc, workforceDoc, check, run } from '../../../test/helpers/specs.js';
import { noReservedTagKeys } from './tags.js';

describe('noReservedTagKeys', () => {
  it('accepts ordinary keys, including ones that merely contain a reserved word', () => {
    expect(check(noReservedTagKeys, [bucketDoc({ spec: { tags: { team: 'data', 'my-aws:key': 'x', gtctl: 'y' } } })])).toEqual([]);
  });

  it('reports aws: and gtctl: keys in any case, at the key', () => {
    const diagnostics = run(noReservedTagKeys, [bucketDoc({ spec: { tags: { 'gtctl:project': 'other', 'AWS:Owner': 'me' } } })]);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.path}`)).toEqual(['7:5 reserved-tag spec.tags.gtctl:project', '8:5 reserved-tag spec.tags.AWS:Owner']);
    expect(diagnostics[1]!.message).toBe('tag key "AWS:Owner" uses the reserved prefix "aws:"');
  });

  it('checks every taggable kind', () => {
    const tags = { 'aws:x': 'y' };
    const docs = [projectDoc({ spec: { tags } }), workforceDoc({ spec: { tags } }), teamDoc({ spec: { tags } }), bucketDoc({ spec: { tags } }), jobDoc({ spec: { tags } })];
    expect(check(noReservedTagKeys, docs)).toHaveLength(5);
  });
});
