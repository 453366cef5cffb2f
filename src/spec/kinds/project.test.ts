import { describe, expect, it } from 'vitest';
import { DEFAULT_PROJECT_NAME, normalizeProject } from './project.js';

describe('normalizeProject', () => {
  it('is the default project without a document: keep unlisted users, no Region, no tags', () => {
    expect(normalizeProject(undefined)).toEqual({ name: DEFAULT_PROJECT_NAME, policies: { unlistedUsers: 'keep' }, tags: {} });
  });

  it('keeps what is written', () => {
    const written = { apiVersion: 'gtctl/v1', kind: 'Project', metadata: { name: 'p' }, spec: { region: 'eu-west-1', accountId: '000000000000', policies: { unlistedUsers: 'disable' }, tags: { a: 'b' } } } as const;
    expect(normalizeProject(written)).toEqual({ name: 'p', region: 'eu-west-1', accountId: '000000000000', policies: { unlistedUsers: 'disable' }, tags: { a: 'b' } });
  });
});
