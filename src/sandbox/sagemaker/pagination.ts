// Sorting, filtering by time and paging for the List* operations. Tokens are opaque to callers (base64 of an
// offset into the sorted, filtered list); a token that does not decode is a ValidationException, as on AWS.
import { validation } from './errors.js';

/** UNCONFIRMED (aws-facts §11.5): SageMaker's default MaxResults; 10 is what most SageMaker List calls document. */
export const DEFAULT_PAGE_SIZE = 10;

export interface PageRequest {
  MaxResults?: number;
  NextToken?: string;
}

export type SortOrder = 'Ascending' | 'Descending';

export function page<T>(items: readonly T[], request: PageRequest, defaultSize = DEFAULT_PAGE_SIZE): { items: T[]; NextToken?: string } {
  const start = request.NextToken ? decodeToken(request.NextToken) : 0;
  const end = start + (request.MaxResults ?? defaultSize);
  return { items: items.slice(start, end), ...(end < items.length && { NextToken: encodeToken(end) }) };
}

/** A sorted copy: by `key`, ties broken by `name` so pages are stable. */
export function sorted<T>(items: readonly T[], key: (item: T) => string | number, name: (item: T) => string, order: SortOrder = 'Ascending'): T[] {
  const sign = order === 'Descending' ? -1 : 1;
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...items].sort((a, b) => sign * (compare(key(a), key(b)) || compare(name(a), name(b))));
}

/** NameContains filters of the List* calls. UNCONFIRMED: whether AWS compares case-insensitively; the sandbox does. */
export function nameContains(name: string, fragment: string | undefined): boolean {
  return fragment === undefined || name.toLowerCase().includes(fragment.toLowerCase());
}

/** The bounds of a `...After` / `...Before` filter pair, from the wire (epoch seconds) to epoch milliseconds. */
export function withinTimes(ms: number, after: unknown, before: unknown): boolean {
  const bound = (value: unknown) => (typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : undefined);
  const from = bound(after);
  const to = bound(before);
  return (from === undefined || ms > from) && (to === undefined || ms < to);
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

function decodeToken(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through: not a token this sandbox issued
  }
  throw validation(`Invalid pagination token: ${token}`);
}
