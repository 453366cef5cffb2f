import { describe, expect, it } from 'vitest';
import type { Unmanaged } from '../core/unmanaged.js';
import { planJson } from './plan-json.js';
import { PLAIN, plans } from './test-support.js';
import { renderUnmanaged } from './unmanaged-human.js';

const UNMANAGED: Unmanaged = {
  teams: [{ name: 'console-team' }, { name: 'theirs', owner: 'other' }],
  users: [{ email: 'zed@example.com', status: 'invited' }],
  jobs: [{ name: 'console-job', status: 'InProgress' }],
  buckets: [],
};

describe('--show-unmanaged', () => {
  it('people: one section, grouped by kind, each object with its owner or "unmanaged"; empty kinds left out', () => {
    expect(renderUnmanaged(UNMANAGED, PLAIN)).toBe(
      [
        '',
        'Live objects no spec declares:',
        '  teams (2)',
        '    console-team (unmanaged)',
        '    theirs (gtctl project other)',
        '  users (1)',
        '    zed@example.com (invited, unmanaged)',
        '  jobs (1)',
        '    console-job (InProgress, unmanaged)',
        '',
      ].join('\n'),
    );
    expect(renderUnmanaged({ teams: [], users: [], jobs: [], buckets: [] }, PLAIN)).toBe('\nLive objects no spec declares:\n  none\n');
  });

  it('JSON: an `unmanaged` field after the summary only when asked; the default document is unchanged', () => {
    const p = plans.workforceUpdate();
    const plain = planJson(p);
    expect(planJson(p, {})).toBe(plain);
    const doc = JSON.parse(planJson(p, { unmanaged: UNMANAGED })) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([...Object.keys(JSON.parse(plain) as object), 'unmanaged']);
    expect(doc.unmanaged).toEqual(UNMANAGED);
  });
});
