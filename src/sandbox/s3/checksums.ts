// Body integrity as S3 checks it before it stores or applies anything: Content-MD5, the flexible checksum headers
// (or aws-chunked trailers) and a hex `x-amz-content-sha256`. Verifying them is also what proves the aws-chunked
// decoding right: the SDK's default CRC32 trailer covers the decoded bytes.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { ServiceError } from '../service.js';

export interface Checksum {
  /** As S3 names it in `ChecksumAlgorithm`: CRC32, CRC32C, CRC64NVME, SHA1, SHA256. */
  algorithm: string;
  /** base64, as the `x-amz-checksum-*` header carries it. */
  value: string;
}

// Node has CRC32, SHA-1 and SHA-256 built in. CRC32C and CRC64NVME are accepted and stored as sent, unverified:
// a client that sends a wrong one gets it back on GET and its own SDK rejects it there.
const COMPUTE: Readonly<Record<string, ((body: Buffer) => string) | undefined>> = {
  CRC32: (body) => {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(crc32(body));
    return out.toString('base64');
  },
  SHA1: (body) => createHash('sha1').update(body).digest('base64'),
  SHA256: (body) => createHash('sha256').update(body).digest('base64'),
  CRC32C: undefined,
  CRC64NVME: undefined,
};

const CHECKSUM_ALGORITHMS = Object.keys(COMPUTE);

/** Header name of an algorithm's checksum, e.g. `x-amz-checksum-crc32`. */
export function checksumHeader(algorithm: string): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** Throws BadDigest & co. when the body is not what its headers promise; returns the checksum to store, if any. */
export function verifyBody(headers: Readonly<Record<string, string>>, body: Buffer): Checksum | undefined {
  verifyContentMd5(headers['content-md5'], body);
  verifyPayloadHash(headers['x-amz-content-sha256'], body);
  const algorithm = CHECKSUM_ALGORITHMS.find((a) => headers[checksumHeader(a)] !== undefined);
  if (algorithm === undefined) return undefined;
  const value = headers[checksumHeader(algorithm)]!;
  const compute = COMPUTE[algorithm];
  if (compute && compute(body) !== value) {
    throw new ServiceError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`);
  }
  return { algorithm, value };
}

function verifyContentMd5(header: string | undefined, body: Buffer): void {
  if (header === undefined) return;
  const digest = Buffer.from(header, 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== header) {
    throw new ServiceError('InvalidDigest', 'The Content-MD5 you specified was invalid.');
  }
  if (!digest.equals(createHash('md5').update(body).digest())) {
    throw new ServiceError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
}

// `UNSIGNED-PAYLOAD` and the `STREAMING-*` markers promise nothing about the bytes; a hex digest does.
function verifyPayloadHash(header: string | undefined, body: Buffer): void {
  if (header === undefined || !/^[0-9a-f]{64}$/.test(header)) return;
  if (createHash('sha256').update(body).digest('hex') !== header) {
    throw new ServiceError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
}

/** The hex MD5 of a body: S3's ETag for a single-part upload under SSE-S3. */
export function md5Hex(body: Buffer): string {
  return createHash('md5').update(body).digest('hex');
}
