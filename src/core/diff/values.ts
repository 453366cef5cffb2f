// Comparing normalized values: canonical JSON (sorted keys) so that key order never makes a difference.
import type { FieldDiff } from '../plan.js';

export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** Field-level differences between two flat records of normalized values, in the order of `fields`. */
export function fieldDiffs<T extends string>(fields: readonly T[], before: Partial<Record<T, unknown>>, after: Partial<Record<T, unknown>>): FieldDiff[] {
  return fields.filter((f) => !same(before[f], after[f])).map((f) => ({ path: f, before: before[f], after: after[f] }));
}

/** Tag differences as `tags.<key>` field diffs, plus the keys to remove. */
export function tagDiffs(live: Readonly<Record<string, string>>, desired: Readonly<Record<string, string>>): { diff: FieldDiff[]; remove: string[] } {
  const keys = [...new Set([...Object.keys(live), ...Object.keys(desired)])].sort();
  const diff = keys.filter((k) => live[k] !== desired[k]).map((k) => ({ path: `tags.${k}`, before: live[k], after: desired[k] }));
  return { diff, remove: keys.filter((k) => live[k] !== undefined && desired[k] === undefined) };
}
