import { describe, expect, it } from 'vitest';
import { projectDoc, teamDoc, workforceDoc, check, run } from '../../../test/helpers/specs.js';
import { cognitoSettingsComplete, invitationTemplateUsable, noCognitoMembersWithOidc, teamGroupsMatchWorkforce, userPoolInRegion, workforceHasOneIdentityProvider } from './workforce.js';

const OIDC = {
  clientId: 'gtctl',
  clientSecretEnv: 'OIDC_SECRET',
  issuer: 'https://idp.example.com',
  authorizationEndpoint: 'https://idp.example.com/authorize',
  tokenEndpoint: 'https://idp.example.com/token',
  userInfoEndpoint: 'https://idp.example.com/userinfo',
  logoutEndpoint: 'https://idp.example.com/logout',
  jwksUri: 'https://idp.example.com/jwks',
};
const anOidcWorkforce = () => workforceDoc({ spec: { cognito: undefined, oidc: OIDC } });
const anExistingPool = (cognito: { userPool?: string; clientId?: string } = {}) =>
  workforceDoc({ spec: { cognito: { userPool: 'us-east-1_AbC123', clientId: '1example23456789', domain: undefined, ...cognito } } });

describe('workforceHasOneIdentityProvider', () => {
  it('accepts Cognito or OIDC', () => {
    expect(check(workforceHasOneIdentityProvider, [workforceDoc()])).toEqual([]);
    expect(check(workforceHasOneIdentityProvider, [anOidcWorkforce()])).toEqual([]);
  });

  it('reports both, at the oidc block', () => {
    expect(check(workforceHasOneIdentityProvider, [workforceDoc({ spec: { oidc: OIDC } })])).toEqual(['error workforce-identity spec.oidc']);
  });

  it('reports neither, at the spec', () => {
    expect(check(workforceHasOneIdentityProvider, [workforceDoc({ spec: { cognito: undefined } })])).toEqual(['error workforce-identity spec']);
  });
});

describe('cognitoSettingsComplete', () => {
  it('accepts a managed pool with a domain, and an existing pool with its client', () => {
    expect(check(cognitoSettingsComplete, [workforceDoc()])).toEqual([]);
    expect(check(cognitoSettingsComplete, [anExistingPool()])).toEqual([]);
    expect(check(cognitoSettingsComplete, [anOidcWorkforce()])).toEqual([]);
  });

  it('reports a managed pool without a domain, or with a clientId', () => {
    expect(check(cognitoSettingsComplete, [workforceDoc({ spec: { cognito: { domain: undefined } } })])).toEqual(['error missing-field spec.cognito']);
    expect(check(cognitoSettingsComplete, [workforceDoc({ spec: { cognito: { clientId: 'abc' } } })])).toEqual(['error unexpected-field spec.cognito.clientId']);
  });

  it('reports an existing pool without its clientId, at the pool', () => {
    expect(check(cognitoSettingsComplete, [anExistingPool({ clientId: undefined })])).toEqual(['error missing-field spec.cognito.userPool']);
  });

  it.each(['my-aws-portal', 'amazon-labeling', 'cognito1'])('reports the reserved word in the domain prefix %s', (domain) => {
    expect(check(cognitoSettingsComplete, [workforceDoc({ spec: { cognito: { domain } } })])).toEqual(['error invalid-format spec.cognito.domain']);
  });
});

describe('userPoolInRegion', () => {
  it('accepts a pool in the project Region, and anything when no Region is known', () => {
    expect(check(userPoolInRegion, [projectDoc(), anExistingPool()])).toEqual([]);
    expect(check(userPoolInRegion, [anExistingPool({ userPool: 'eu-west-1_AbC123' })])).toEqual([]);
  });

  it('reports a pool in another Region, from its id', () => {
    const [d] = run(userPoolInRegion, [projectDoc(), anExistingPool({ userPool: 'eu-west-1_AbC123' })]);
    expect(d).toMatchObject({ code: 'region-mismatch', path: 'spec.cognito.userPool', message: 'user pool eu-west-1_AbC123 is in eu-west-1, but the project is in us-east-1' });
  });
});

describe('invitationTemplateUsable', () => {
  it('accepts no invitation, settings without a message, and a message with both placeholders', () => {
    expect(check(invitationTemplateUsable, [workforceDoc()])).toEqual([]);
    expect(check(invitationTemplateUsable, [workforceDoc({ spec: { invitation: { organizationName: 'Example' } } })])).toEqual([]);
    expect(check(invitationTemplateUsable, [workforceDoc({ spec: { invitation: { message: 'Hi {username}, password {####}' } } })])).toEqual([]);
  });

  it('reports a message without the placeholders Cognito needs', () => {
    const [d] = run(invitationTemplateUsable, [workforceDoc({ spec: { invitation: { message: 'Welcome aboard' } } })]);
    expect(d).toMatchObject({ code: 'invitation-template', path: 'spec.invitation.message', message: 'the invitation message lacks {username} and {####}' });
  });

  it('warns that an invitation is ignored for a pool gtctl does not manage', () => {
    expect(check(invitationTemplateUsable, [workforceDoc({ spec: { cognito: undefined, oidc: OIDC, invitation: { subject: 'Hi' } } })])).toEqual(['warning ignored-field spec.invitation']);
  });
});

describe('teamGroupsMatchWorkforce', () => {
  it('accepts the group field of the workforce kind, and anything without a workforce', () => {
    expect(check(teamGroupsMatchWorkforce, [workforceDoc(), teamDoc({ spec: { userGroup: 'g' } })])).toEqual([]);
    expect(check(teamGroupsMatchWorkforce, [anOidcWorkforce(), teamDoc({ spec: { oidcGroups: ['g'] } })])).toEqual([]);
    expect(check(teamGroupsMatchWorkforce, [teamDoc({ spec: { oidcGroups: ['g'] } })])).toEqual([]);
  });

  it('warns about the other kind\'s field', () => {
    expect(check(teamGroupsMatchWorkforce, [workforceDoc(), teamDoc({ spec: { oidcGroups: ['g'] } })])).toEqual(['warning ignored-field spec.oidcGroups']);
    expect(check(teamGroupsMatchWorkforce, [anOidcWorkforce(), teamDoc({ spec: { userGroup: 'g' } })])).toEqual(['warning ignored-field spec.userGroup']);
  });
});

describe('noCognitoMembersWithOidc', () => {
  it('warns about team members and Member documents with an OIDC workforce only', () => {
    expect(check(noCognitoMembersWithOidc, [anOidcWorkforce(), teamDoc({ spec: { members: ['a@x.com'] } })])).toEqual(['warning ignored-field spec.members']);
    expect(check(noCognitoMembersWithOidc, [workforceDoc(), teamDoc({ spec: { members: ['a@x.com'] } })])).toEqual([]);
  });
});
