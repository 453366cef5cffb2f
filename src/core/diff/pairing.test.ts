import { describe, expect, it } from 'vitest';
import { OWNERSHIP_TAG, WORKFORCE_OWNERSHIP_TAG } from '../live.js';
import { claim, pairAndClaim } from './pairing.js';

const desired = (name: string, adopt = false) => ({ name, adopt });
const live = (name: string, owner?: string): { name: string; tags: Record<string, string> } => ({ name, tags: owner === undefined ? {} : { [OWNERSHIP_TAG]: owner } });

describe('pairAndClaim', () => {
  it('pairs by name and claims each partner: new, ours, adopted, or a clash with its code', () => {
    const { pairs, orphans } = pairAndClaim(
      'team',
      [desired('new'), desired('mine'), desired('console', true), desired('stray'), desired('theirs', true)],
      [live('mine', 'proj'), live('console'), live('stray'), live('theirs', 'other'), live('gone', 'proj'), live('unowned')],
      'proj',
    );
    const brief = pairs.map((p) => [p.desired.name, p.live === undefined ? 'new' : p.clash ? p.clash.code : p.claimed.adopting ? 'adopt' : 'ours']);
    expect(brief).toEqual([['new', 'new'], ['mine', 'ours'], ['console', 'adopt'], ['stray', 'not-managed'], ['theirs', 'other-project']]);
    // Only what this project owns can be deleted: an unmanaged object gone from the specs was never ours.
    expect(orphans.map((o) => o.name)).toEqual(['gone']);
  });

  it('folds names with the key AWS compares them by, and names the live object as AWS spells it', () => {
    const { pairs, orphans } = pairAndClaim('labeling job', [desired('Odd-Even')], [live('odd-even'), live('OTHER', 'proj')], 'proj', (n) => n.toLowerCase());
    expect(pairs[0]).toMatchObject({ live: { name: 'odd-even' }, clash: { code: 'not-managed', reason: expect.stringContaining('labeling job "odd-even" already exists') } });
    expect(orphans.map((o) => o.name)).toEqual(['OTHER']);
  });
});

describe('claim', () => {
  it('an adoption leads with its reason; tags beyond the ownership tag it adds still deserve theirs', () => {
    const result = claim('bucket', 'data', {}, 'proj', true);
    if (!('claimed' in result)) throw new Error('expected a claim');
    expect(result.claimed.lead).toEqual(['adopt: tag it as managed by project proj']);
    expect(result.claimed.retagged([{ path: `tags.${OWNERSHIP_TAG}` }, { path: `tags.${WORKFORCE_OWNERSHIP_TAG}` }])).toBe(false);
    expect(result.claimed.retagged([{ path: `tags.${OWNERSHIP_TAG}` }, { path: 'tags.cost' }])).toBe(true);
  });

  it('an owned object leads with nothing and reports any tag change', () => {
    const result = claim('bucket', 'data', { [OWNERSHIP_TAG]: 'proj' }, 'proj', false);
    expect(result).toMatchObject({ claimed: { adopting: false, lead: [] } });
    if ('claimed' in result) expect(result.claimed.retagged([{ path: `tags.${OWNERSHIP_TAG}` }])).toBe(true);
  });

  it('another project\'s object is never adopted, and the reason says why adopt did not take it', () => {
    expect(claim('team', 't', { [OWNERSHIP_TAG]: 'other' }, 'proj', false)).toEqual({ clash: { code: 'other-project', reason: 'team "t" belongs to gtctl project "other", not this one' } });
    expect(claim('team', 't', { [OWNERSHIP_TAG]: 'other' }, 'proj', true)).toMatchObject({ clash: { code: 'other-project', reason: expect.stringContaining('it is not adopted') } });
  });
});
