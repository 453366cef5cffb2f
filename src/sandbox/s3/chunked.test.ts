// aws-chunked framing in the forms the SDK and other clients send it (end to end: object-operations.test.ts).
import { describe, expect, it } from 'vitest';
import { decodeAwsChunked, isAwsChunked, storedContentEncoding } from './chunked.js';

const frame = (text: string) => Buffer.from(text, 'latin1');

describe('decodeAwsChunked', () => {
  it('joins the chunks and reads the trailers (unsigned, with a trailing checksum)', () => {
    const decoded = decodeAwsChunked(frame('6\r\nhello \r\n6\r\nstream\r\n0\r\nx-amz-checksum-crc32:gtnkmQ==\r\n\r\n'), '12');
    expect(decoded).toEqual({ body: Buffer.from('hello stream'), trailers: { 'x-amz-checksum-crc32': 'gtnkmQ==' } });
  });

  it('ignores chunk signatures (signed streaming)', () => {
    const sig = ';chunk-signature=' + 'a'.repeat(64);
    const decoded = decodeAwsChunked(frame(`a${sig}\r\n0123456789\r\n0${sig}\r\n\r\n`), undefined);
    expect(decoded).toEqual({ body: Buffer.from('0123456789'), trailers: {} });
  });

  it('keeps chunk data byte for byte, CRLFs inside it included', () => {
    expect(decodeAwsChunked(frame('4\r\n\r\n\r\n\r\n0\r\n\r\n'), '4').body).toEqual(Buffer.from('\r\n\r\n'));
  });

  it.each([
    ['a size that is not hex', 'zz\r\nhello\r\n0\r\n\r\n', undefined],
    ['a chunk shorter than its size', '9\r\nhello\r\n0\r\n\r\n', undefined],
    ['no final chunk', '5\r\nhello\r\n', undefined],
    ['a decoded length other than the one declared', '5\r\nhello\r\n0\r\n\r\n', '6'],
  ])('refuses %s with IncompleteBody', (_, raw, declared) => {
    expect(() => decodeAwsChunked(frame(raw), declared)).toThrow(expect.objectContaining({ code: 'IncompleteBody', status: 400 }));
  });
});

describe('isAwsChunked', () => {
  it('recognises the content coding and the streaming payload hashes', () => {
    expect(isAwsChunked({ 'content-encoding': 'gzip, aws-chunked' })).toBe(true);
    expect(isAwsChunked({ 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' })).toBe(true);
    expect(isAwsChunked({ 'content-encoding': 'gzip', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })).toBe(false);
  });
});

describe('storedContentEncoding', () => {
  it('keeps the object’s own codings only', () => {
    expect(storedContentEncoding('gzip,aws-chunked')).toBe('gzip');
    expect(storedContentEncoding('aws-chunked')).toBeUndefined();
    expect(storedContentEncoding(undefined)).toBeUndefined();
  });
});
