// Listing order and continuation tokens, shared by ListObjectsV2 and ListBuckets.
import { ServiceError } from '../service.js';

/**
 * UTF-8 byte order, which is code point order. JavaScript compares UTF-16 code units, which puts astral characters
 * (surrogate pairs, D800-DFFF) before U+E000-U+FFFF; shifting the surrogates above that range fixes it.
 */
export function utf8Order(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return weight(x) - weight(y);
  }
  return a.length - b.length;
}

function weight(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

// Opaque to clients (AWS's are too): the last name a page returned, behind a tag that tells our tokens from others.
const TOKEN_TAG = 'gtctl-sandbox:';

export function continuationToken(lastReturned: string): string {
  return Buffer.from(TOKEN_TAG + lastReturned, 'utf8').toString('base64');
}

/** The last name the page that issued `token` returned; InvalidArgument for a token the sandbox did not issue. */
export function markerOf(token: string): string {
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const marker = decoded.slice(TOKEN_TAG.length);
  if (!decoded.startsWith(TOKEN_TAG) || continuationToken(marker) !== token) {
    throw new ServiceError('InvalidArgument', 'The continuation token provided is incorrect');
  }
  return marker;
}
