// Read-only queries other sandbox services make of Cognito state (SageMaker checks pools, clients and groups,
// through sagemaker/backends/local.ts). They never change state and never throw: an unknown pool, client, group or
// user is simply absent.
import type { CognitoUserView } from '../sagemaker/backends/ports.js';
import { findPool, findUser as findUserRecord } from './find.js';
import type { CognitoState, UserRecord } from './state.js';

function view(user: UserRecord): CognitoUserView {
  const email = user.attributes['email'];
  return {
    username: user.username,
    sub: user.attributes['sub'] ?? '',
    ...(email !== undefined && { email }),
    enabled: user.enabled,
    status: user.status,
  };
}

export function userPoolExists(state: CognitoState, region: string, userPoolId: string): boolean {
  return findPool(state, region, userPoolId) !== undefined;
}

export function appClientExists(state: CognitoState, region: string, userPoolId: string, clientId: string): boolean {
  return findPool(state, region, userPoolId)?.clients[clientId] !== undefined;
}

export function groupExists(state: CognitoState, region: string, userPoolId: string, groupName: string): boolean {
  return findPool(state, region, userPoolId)?.groups[groupName] !== undefined;
}

/** The pool's domain prefix, if it has one (a custom domain is not a prefix). */
export function userPoolDomain(state: CognitoState, region: string, userPoolId: string): string | undefined {
  const domain = findPool(state, region, userPoolId)?.domain;
  return domain && !domain.certificateArn ? domain.domain : undefined;
}

/** The groups the user (by username or alias) is in. */
export function groupsOfUser(state: CognitoState, region: string, userPoolId: string, usernameOrAlias: string): string[] {
  const pool = findPool(state, region, userPoolId);
  return (pool && findUserRecord(pool, usernameOrAlias)?.groups) ?? [];
}

/** By username, or by e-mail alias when the pool signs in with e-mail (case-insensitively if the pool is). */
export function findUser(state: CognitoState, region: string, userPoolId: string, usernameOrAlias: string): CognitoUserView | undefined {
  const pool = findPool(state, region, userPoolId);
  const user = pool && findUserRecord(pool, usernameOrAlias);
  return user ? view(user) : undefined;
}
