import type { Diagnostic } from '../../core/diagnostics.js';
import { problem, valueAt } from '../loaded.js';
import type { Rule } from './rule.js';

export const workforceHasOneIdentityProvider: Rule = (tree) =>
  tree.workforces.flatMap(({ doc }) => {
    const cognito = valueAt(doc, ['spec', 'cognito']);
    const oidc = valueAt(doc, ['spec', 'oidc']);
    if (cognito !== undefined && oidc !== undefined)
      return [problem(doc, ['spec', 'oidc'], 'workforce-identity', 'a workforce signs workers in with Cognito or with OIDC, not both', 'Keep either `cognito` or `oidc`.')];
    if (cognito === undefined && oidc === undefined)
      return [problem(doc, valueAt(doc, ['spec']) === undefined ? ['metadata', 'name'] : ['spec'], 'workforce-identity', 'the workforce has no identity provider', 'Add `cognito: { userPool: managed, domain: <prefix> }` (gtctl creates the pool) or an `oidc` block.')];
    return [];
  });

/** Cognito rejects domain prefixes containing these words (reserved for AWS). */
const RESERVED_DOMAIN_WORDS = ['aws', 'amazon', 'cognito'];

export const cognitoSettingsComplete: Rule = (tree) =>
  tree.workforces.flatMap(({ doc, value }) => {
    const out: Diagnostic[] = [];
    const domain = valueAt(doc, ['spec', 'cognito', 'domain']);
    if (value.identity.type === 'cognito-managed') {
      if (domain === undefined)
        out.push(problem(doc, ['spec', 'cognito'], 'missing-field', 'spec.cognito: a managed user pool needs a `domain` prefix for its sign-in pages', 'Add `domain: <prefix>`, e.g. your project name in lower case.'));
      if (valueAt(doc, ['spec', 'cognito', 'clientId']) !== undefined)
        out.push(problem(doc, ['spec', 'cognito', 'clientId'], 'unexpected-field', 'spec.cognito.clientId: gtctl creates the app client of a managed pool', 'Remove `clientId`, or set `userPool` to the id of your existing pool.'));
    }
    if (value.identity.type === 'cognito-existing' && valueAt(doc, ['spec', 'cognito', 'clientId']) === undefined)
      out.push(problem(doc, ['spec', 'cognito', 'userPool'], 'missing-field', 'spec.cognito: an existing user pool needs the `clientId` of its app client', 'Add `clientId:` (the pool\'s app client with a secret that Ground Truth uses).'));
    if (typeof domain === 'string') {
      const word = RESERVED_DOMAIN_WORDS.find((w) => domain.includes(w));
      if (word)
        out.push(problem(doc, ['spec', 'cognito', 'domain'], 'invalid-format', `spec.cognito.domain: Cognito does not allow "${word}" in a domain prefix`, `Choose a prefix without "aws", "amazon" or "cognito".`));
    }
    return out;
  });

/** A pool id starts with its Region (`eu-west-1_AbC`); Ground Truth needs the pool in the workforce's Region. */
export const userPoolInRegion: Rule = (tree, { region }) =>
  tree.workforces.flatMap(({ doc, value }) => {
    if (value.identity.type !== 'cognito-existing' || !region) return [];
    const poolRegion = value.identity.userPoolId.split('_')[0];
    return poolRegion === region
      ? []
      : [problem(doc, ['spec', 'cognito', 'userPool'], 'region-mismatch', `user pool ${value.identity.userPoolId} is in ${poolRegion}, but the project is in ${region}`, 'Use a user pool in the project\'s Region.')];
  });

/** gtctl sets the e-mail sending of a pool it manages only; an existing pool keeps its own. */
export const emailOnlyForManagedPool: Rule = (tree) =>
  tree.workforces.flatMap(({ doc, value }) =>
    valueAt(doc, ['spec', 'email']) !== undefined && value.identity.type !== 'cognito-managed'
      ? [problem(doc, ['spec', 'email'], 'ignored-field', 'spec.email applies only to a user pool gtctl manages (`userPool: managed`)', 'Remove it, and set up SES sending on your own pool (Cognito console: Messaging, Email).', 'warning')]
      : [],
  );

export const invitationTemplateUsable: Rule = (tree) =>
  tree.workforces.flatMap(({ doc, value }) => {
    const invitation = valueAt(doc, ['spec', 'invitation']);
    if (invitation === undefined) return [];
    if (value.identity.type !== 'cognito-managed')
      return [problem(doc, ['spec', 'invitation'], 'ignored-field', 'spec.invitation applies only to a user pool gtctl manages (`userPool: managed`)', 'Remove it, or set the invitation template on your own pool.', 'warning')];
    const message = valueAt(doc, ['spec', 'invitation', 'message']);
    if (typeof message !== 'string') return [];
    const missing = ['{username}', '{####}'].filter((placeholder) => !message.includes(placeholder));
    return missing.length
      ? [problem(doc, ['spec', 'invitation', 'message'], 'invitation-template', `the invitation message lacks ${missing.join(' and ')}`, 'Cognito does not deliver an invitation without {####} (the temporary password); include {username} so workers know their sign-in name.')]
      : [];
  });

/** `userGroup` only means something to Cognito workforces, `oidcGroups` only to OIDC ones. */
export const teamGroupsMatchWorkforce: Rule = (tree) => {
  const workforce = tree.workforces[0]?.value;
  if (!workforce) return [];
  const oidc = workforce.identity.type === 'oidc';
  const field = oidc ? 'userGroup' : 'oidcGroups';
  return tree.teams
    .filter(({ doc }) => valueAt(doc, ['spec', field]) !== undefined)
    .map(({ doc }) => problem(doc, ['spec', field], 'ignored-field', `spec.${field} is ignored with ${oidc ? 'an OIDC' : 'a Cognito'} workforce`, `Use ${oidc ? '`oidcGroups`' : '`userGroup`'} instead, or remove it.`, 'warning'));
};

/** With OIDC, workers live in the identity provider: team members and Member documents would silently do nothing. */
export const noCognitoMembersWithOidc: Rule = (tree) => {
  if (tree.workforces[0]?.value.identity.type !== 'oidc') return [];
  const hint = 'With an OIDC workforce, people join teams through the `sagemaker:groups` claim of your identity provider; remove the members here.';
  return [
    ...tree.teams
      .filter(({ doc }) => valueAt(doc, ['spec', 'members']) !== undefined)
      .map(({ doc }) => problem(doc, ['spec', 'members'], 'ignored-field', 'spec.members is ignored with an OIDC workforce', hint, 'warning')),
    ...tree.members.map(({ doc }) => problem(doc, ['kind'], 'ignored-field', 'Member documents are ignored with an OIDC workforce', hint, 'warning')),
  ];
};
