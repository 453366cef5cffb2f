// One pagination scheme for every Cognito list operation: items in creation order, opaque tokens that name the list
// they belong to and the last item returned, so a page continues correctly even when items were added or removed.
import { createHash } from 'node:crypto';
import { invalidParameter } from './find.js';

/**
 * Page size when `Limit` / `MaxResults` is omitted (or 0, which the model allows). AWS documents only the maximum (60);
 * the default is UNCONFIRMED (aws-facts §6.5, §11.5).
 */
const DEFAULT_PAGE_SIZE = 60;

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  next?: string;
}

interface TokenBody {
  /** Hash of the list's scope (operation, pool, group, filter...): a token from another list is refused. */
  s: string;
  /** `seq` of the last item returned. */
  a: number;
}

/** `scope` identifies the list: the same operation with the same parameters must pass the same scope. */
export function paginate<T extends { seq: number }>(
  items: Iterable<T>,
  request: { limit?: number | undefined; token?: string | undefined; scope: string },
): Page<T> {
  const ordered = [...items].sort((a, b) => a.seq - b.seq);
  const after = request.token === undefined ? undefined : readToken(request.token, request.scope);
  const start = after === undefined ? 0 : ordered.findIndex((item) => item.seq > after);
  const remaining = start < 0 ? [] : ordered.slice(start);
  const size = request.limit || DEFAULT_PAGE_SIZE;
  const page = remaining.slice(0, size);
  const last = page[page.length - 1];
  if (remaining.length <= size || last === undefined) return { items: page };
  return { items: page, next: writeToken({ s: scopeHash(request.scope), a: last.seq }) };
}

function scopeHash(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 16);
}

function writeToken(body: TokenBody): string {
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function readToken(token: string, scope: string): number {
  let body: Partial<TokenBody> | undefined;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    body = undefined;
  }
  if (!body || body.s !== scopeHash(scope) || typeof body.a !== 'number') throw invalidParameter('Invalid pagination token.');
  return body.a;
}
