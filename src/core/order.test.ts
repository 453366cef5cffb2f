import { describe, expect, it } from 'vitest';
import { linkDependencies } from './order.js';
import type { Change } from './plan.js';

// Only the fields linkDependencies looks at; the rest of a change is not its business.
const change = (fields: Record<string, unknown>) => ({ diff: [], reasons: [], dependsOn: [], ...fields }) as unknown as Change;

describe('linkDependencies', () => {
  it('has an adopted member wait for the workforce change that adds the managed-user attribute to the pool', () => {
    const changes = [
      change({ address: 'workforce/default', kind: 'workforce', action: 'update' }),
      change({ address: 'member/ann@example.com', kind: 'member', action: 'update', email: 'ann@example.com' }),
    ];
    expect(linkDependencies(changes)[1]!.dependsOn).toEqual(['workforce/default']);
  });
});
