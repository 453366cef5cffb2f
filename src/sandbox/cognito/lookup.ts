// Read-only queries other sandbox services make of Cognito state (SageMaker checks pools, clients and groups).
// Placeholder signatures: the Cognito implementation replaces the bodies, never the signatures.
import type { CognitoState } from './state.js';

export interface CognitoUserView {
  username: string;
  sub: string;
  email?: string;
  enabled: boolean;
  status: string;
}

export function userPoolExists(_state: CognitoState, _region: string, _userPoolId: string): boolean {
  return false;
}

export function appClientExists(_state: CognitoState, _region: string, _userPoolId: string, _clientId: string): boolean {
  return false;
}

export function groupExists(_state: CognitoState, _region: string, _userPoolId: string, _groupName: string): boolean {
  return false;
}

/** The pool's domain prefix, if it has one. */
export function userPoolDomain(_state: CognitoState, _region: string, _userPoolId: string): string | undefined {
  return undefined;
}

export function usersInGroup(_state: CognitoState, _region: string, _userPoolId: string, _groupName: string): CognitoUserView[] {
  return [];
}

/** By username, or by e-mail alias when the pool signs in with e-mail (case-insensitively if the pool is). */
export function findUser(_state: CognitoState, _region: string, _userPoolId: string, _usernameOrAlias: string): CognitoUserView | undefined {
  return undefined;
}
