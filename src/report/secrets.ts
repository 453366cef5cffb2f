// Output never contains secrets (design §3). The Plan holds none by design; this is the second line of defence
// for every renderer: fields named like a secret are dropped, never printed, not even masked.

const SECRET_NAME = /secret|password/i;

/** True for a dotted field path any of whose segments names a secret (`oidc.clientSecret`, `password`). */
export function isSecretPath(path: string): boolean {
  return path.split('.').some((segment) => SECRET_NAME.test(segment));
}

/** A copy of `value` without the object keys that name a secret, at any depth. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([key]) => !SECRET_NAME.test(key)).map(([key, v]) => [key, withoutSecrets(v)]));
  }
  return value;
}
