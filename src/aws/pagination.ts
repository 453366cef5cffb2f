// Pagination folded into the ports: a list call returns everything. One small loop for every list rather than the
// SDK's paginators: explicit about the page size and the token member (ListUsers' is PaginationToken), and guarded
// against a token that comes back twice. Each page is an ordinary send: counted, paced and mapped like any call.
import { GtctlError } from '../core/errors.js';

/** The largest page each API accepts: fewer calls, and fewer Cognito quota tokens, per listing. */
export const SAGEMAKER_MAX_RESULTS = 100;
export const COGNITO_MAX_RESULTS = 60;
/** ListObjectsV2's ceiling (MaxKeys) and ListBuckets' (MaxBuckets). */
export const S3_MAX_KEYS = 1000;
export const S3_MAX_BUCKETS = 10_000;

/** Calls `page` with each next token, starting with none, until a page has no token (or `enough` says so); every page's items, in order. */
export async function allPages<T>(
  page: (token: string | undefined) => Promise<readonly [T[] | undefined, string | undefined]>,
  enough: (items: readonly T[]) => boolean = () => false,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const [pageItems, next] = await page(token);
    items.push(...(pageItems ?? []));
    // A token handed back twice would loop forever; AWS never does it, a broken endpoint might.
    if (next !== undefined && next !== '' && seen.has(next))
      throw new GtctlError('pagination-loop', 'AWS returned the same pagination token twice', 'aws');
    token = next === '' || enough(items) ? undefined : next;
    if (token !== undefined) seen.add(token);
  } while (token !== undefined);
  return items;
}
