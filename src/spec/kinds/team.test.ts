import { describe, expect, it } from 'vitest';
import type { TeamDocument } from '../written.js';
import { normalizeTeam } from './team.js';

const team = (spec?: TeamDocument['spec']): TeamDocument => ({ apiVersion: 'gtctl/v1', kind: 'Team', metadata: { name: 'labelers' }, ...(spec ? { spec } : {}) });

describe('normalizeTeam', () => {
  it('defaults description, Cognito group and OIDC groups to the team name', () => {
    expect(normalizeTeam(team())).toEqual({ name: 'labelers', description: 'labelers', members: [], userGroup: 'labelers', oidcGroups: ['labelers'], presignedUrlSourceIp: false, tags: {}, adopt: false });
  });

  it('carries metadata.adopt', () => {
    expect(normalizeTeam({ ...team(), metadata: { name: 'labelers', adopt: true } }).adopt).toBe(true);
  });

  it('sorts members and groups, keeping the case of each address', () => {
    const value = normalizeTeam(team({ members: ['bob@x.io', 'Ann@x.io'], oidcGroups: ['b', 'a'], presignedUrlSourceIp: true }));
    expect(value).toMatchObject({ members: ['Ann@x.io', 'bob@x.io'], oidcGroups: ['a', 'b'], presignedUrlSourceIp: true });
  });
});
