// What the IAM sandbox remembers: the account's roles, each with its trust policy, inline policies and tags. IAM is
// global, so nothing here is per Region. Plain JSON (times epoch ms on the simulated clock) so `--state FILE` can
// persist it.

export interface IamState {
  /** By role name lower-cased: IAM role names are unique case-insensitively within an account. */
  roles: Record<string, RoleRecord>;
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface RoleRecord {
  name: string;
  path: string;
  arn: string;
  roleId: string;
  createdMs: number;
  /** As sent (JSON text); answered URL-encoded, as IAM does. */
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  tags: Tag[];
  /** Inline policies by name (case-sensitive), as sent. */
  policies: Record<string, string>;
}

export function emptyIamState(): IamState {
  return { roles: {} };
}
