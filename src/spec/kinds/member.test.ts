import { describe, expect, it } from 'vitest';
import { normalizeMember } from './member.js';

describe('normalizeMember', () => {
  it('uses the name as the e-mail, sorts teams and enables the worker by default', () => {
    expect(normalizeMember({ apiVersion: 'gtctl/v1', kind: 'Member', metadata: { name: 'Ann@x.io' }, spec: { teams: ['b', 'a'] } })).toEqual({ email: 'Ann@x.io', teams: ['a', 'b'], disabled: false });
  });

  it('keeps a display name and a disabled worker', () => {
    expect(normalizeMember({ apiVersion: 'gtctl/v1', kind: 'Member', metadata: { name: 'a@x.io' }, spec: { displayName: 'Ann', disabled: true } })).toEqual({
      email: 'a@x.io',
      displayName: 'Ann',
      teams: [],
      disabled: true,
    });
  });
});
