import { describe, expect, it } from 'vitest';
import type { WorkforceDocument } from '../written.js';
import { DEFAULT_INVITATION_SUBJECT, normalizeWorkforce } from './workforce.js';

const workforce = (spec: WorkforceDocument['spec']): WorkforceDocument => ({ apiVersion: 'gtctl/v1', kind: 'Workforce', metadata: { name: 'default' }, spec });

describe('normalizeWorkforce', () => {
  it('names a managed pool after the project and builds an invitation Cognito will deliver', () => {
    const value = normalizeWorkforce(workforce({ cognito: { userPool: 'managed', domain: 'portal' }, invitation: { organizationName: 'Example', contactEmail: 'help@example.com' } }), 'labeling');
    expect(value.identity).toMatchObject({ type: 'cognito-managed', poolName: 'gtctl-labeling', domain: 'portal', invitation: { subject: DEFAULT_INVITATION_SUBJECT } });
    const message = value.identity.type === 'cognito-managed' ? value.identity.invitation.message : '';
    for (const part of ['{username}', '{####}', 'Example has invited you', 'help@example.com']) expect(message).toContain(part);
  });

  it('keeps a written pool name, subject and message', () => {
    const value = normalizeWorkforce(workforce({ cognito: { userPool: 'managed', domain: 'p', poolName: 'workers' }, invitation: { subject: 'Hi', message: '{username} {####}' } }), 'labeling');
    expect(value.identity).toEqual({ type: 'cognito-managed', poolName: 'workers', domain: 'p', invitation: { subject: 'Hi', message: '{username} {####}' } });
  });

  it('takes an existing pool with its client', () => {
    expect(normalizeWorkforce(workforce({ cognito: { userPool: 'us-east-1_AbC', clientId: 'client' } }), 'labeling').identity).toEqual({
      type: 'cognito-existing',
      userPoolId: 'us-east-1_AbC',
      clientId: 'client',
    });
  });

  it('takes OIDC settings, with no extra parameters by default', () => {
    const oidc = {
      clientId: 'c',
      clientSecretEnv: 'SECRET',
      issuer: 'https://i',
      authorizationEndpoint: 'https://a',
      tokenEndpoint: 'https://t',
      userInfoEndpoint: 'https://u',
      logoutEndpoint: 'https://l',
      jwksUri: 'https://j',
    };
    expect(normalizeWorkforce(workforce({ oidc }), 'labeling').identity).toEqual({ type: 'oidc', ...oidc, authenticationRequestExtraParams: {} });
  });

  it('sorts source CIDRs and defaults to none (no restriction) and no tags', () => {
    expect(normalizeWorkforce(workforce({ cognito: { userPool: 'managed', domain: 'p' }, sourceIpCidrs: ['10.2.0.0/16', '10.1.0.0/16'] }), 'x')).toMatchObject({
      sourceIpCidrs: ['10.1.0.0/16', '10.2.0.0/16'],
      tags: {},
    });
    expect(normalizeWorkforce(workforce({ cognito: { userPool: 'managed', domain: 'p' } }), 'x').sourceIpCidrs).toEqual([]);
  });
});
