// aws-chunked: how the SDK streams a PutObject body whose checksum it can only compute while sending. The HTTP layer
// has already undone `transfer-encoding: chunked`; what is left is S3's own framing:
//   <hex size>[;chunk-signature=<sig>]\r\n <data> \r\n ... 0[;chunk-signature=<sig>]\r\n <trailer lines>\r\n \r\n
// The trailers carry the checksum (`x-amz-checksum-crc32:...`) that other clients send as a header.
import { ServiceError } from '../service.js';

/** `content-encoding: aws-chunked` (possibly after the object's own encoding) or a streaming payload hash. */
export function isAwsChunked(headers: Readonly<Record<string, string>>): boolean {
  return (
    contentCodings(headers['content-encoding']).includes('aws-chunked') ||
    (headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-')
  );
}

/** The object's own Content-Encoding: what the writer sent without the transfer framing token. */
export function storedContentEncoding(header: string | undefined): string | undefined {
  const codings = contentCodings(header).filter((c) => c !== 'aws-chunked');
  return codings.length > 0 ? codings.join(',') : undefined;
}

function contentCodings(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

export interface Unchunked {
  body: Buffer;
  /** Lower-cased trailer names, as headers would be. */
  trailers: Record<string, string>;
}

const CRLF = Buffer.from('\r\n');

// UNCONFIRMED: the code S3 gives a broken frame; IncompleteBody is its code for a body that ends too soon.
function broken(): ServiceError {
  return new ServiceError('IncompleteBody', 'The request body terminated unexpectedly');
}

export function decodeAwsChunked(raw: Buffer, decodedLength: string | undefined): Unchunked {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf(CRLF, at);
    if (lineEnd < 0) throw broken();
    const sizeText = raw.toString('latin1', at, lineEnd).split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw broken();
    const size = parseInt(sizeText, 16);
    at = lineEnd + CRLF.length;
    if (size === 0) break;
    if (at + size + CRLF.length > raw.length || !raw.subarray(at + size, at + size + CRLF.length).equals(CRLF)) throw broken();
    parts.push(raw.subarray(at, at + size));
    at += size + CRLF.length;
  }
  const trailers: Record<string, string> = {};
  for (const line of raw.toString('utf8', at).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = Buffer.concat(parts);
  if (decodedLength !== undefined && Number(decodedLength) !== body.length) {
    throw new ServiceError('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');
  }
  return { body, trailers };
}
