// Conditional requests on objects (RFC 7232 as S3 applies it). Writes: PutObject takes `If-None-Match: *` (create
// only) and `If-Match: <etag>` (replace only that version); DeleteObject takes `If-Match`. Reads: GET and HEAD take
// If-Match / If-Unmodified-Since (412) and If-None-Match / If-Modified-Since (304).
// An object write is checked and applied in one step, with nothing awaited between, so the 409
// ConditionalRequestConflict AWS gives two racing conditional writes cannot happen here: the second one simply sees
// the first one's result.
import { ServiceError } from '../service.js';
import { ErrorWithHeaders } from './call.js';
import type { ObjectRecord } from './state.js';

function preconditionFailed(): ServiceError {
  return new ServiceError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412);
}

/** `headers`: what the answer says besides (a delete marker that hides the key says so). */
export function noSuchKey(headers?: Record<string, string>): ServiceError {
  const message = 'The specified key does not exist.';
  return headers ? new ErrorWithHeaders('NoSuchKey', message, 404, headers) : new ServiceError('NoSuchKey', message, 404);
}

/** Whether an If-Match / If-None-Match list names the object's ETag; quotes and `W/` are optional, `*` names any. */
function etagMatches(header: string, etag: string): boolean {
  const bare = etag.replace(/"/g, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '').replace(/"/g, '');
    return tag === '*' || tag === bare;
  });
}

/** Throws unless a conditional write may replace `existing`: `If-None-Match: *` (create only) and `If-Match`. */
export function checkWriteConditions(headers: Readonly<Record<string, string>>, existing: ObjectRecord | undefined): void {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    // S3 implements only the create-only form on writes.
    if (ifNoneMatch.trim() !== '*') {
      throw new ServiceError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501);
    }
    if (existing) throw preconditionFailed();
  }
  checkIfMatch(headers['if-match'], existing);
}

/** `If-Match` on a write or delete: the key must exist (404 otherwise) with that ETag (412 otherwise). */
export function checkIfMatch(ifMatch: string | undefined, existing: ObjectRecord | undefined): void {
  if (ifMatch === undefined) return;
  if (!existing) throw noSuchKey();
  if (!etagMatches(ifMatch, existing.etag)) throw preconditionFailed();
}

/** 'not-modified' when a GET or HEAD should answer 304; throws 412 when a precondition fails. */
export function readCondition(headers: Readonly<Record<string, string>>, object: ObjectRecord): 'not-modified' | undefined {
  const ifMatch = headers['if-match'];
  const ifNoneMatch = headers['if-none-match'];
  // Last-Modified is to the second, and so are HTTP dates.
  if (ifMatch !== undefined ? !etagMatches(ifMatch, object.etag) : modifiedSince(headers['if-unmodified-since'], object) === true) {
    throw preconditionFailed();
  }
  if (ifNoneMatch !== undefined ? etagMatches(ifNoneMatch, object.etag) : modifiedSince(headers['if-modified-since'], object) === false) {
    return 'not-modified';
  }
  return undefined;
}

// undefined when the header is absent or not a date: an unreadable condition is ignored, as HTTP says.
function modifiedSince(header: string | undefined, object: ObjectRecord): boolean | undefined {
  if (header === undefined) return undefined;
  const since = Date.parse(header);
  return Number.isNaN(since) ? undefined : object.lastModifiedMs > since;
}
