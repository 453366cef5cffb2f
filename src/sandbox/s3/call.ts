// What an S3 operation gets: the request decoded (aws-chunked undone, body verified, payload read into the model's
// shape, constraints checked) and what it returns: the HTTP answer, since S3 answers in headers as much as in XML.
import { ServiceError, type HttpResponse, type RequestContext } from '../service.js';
import type { XmlElement } from './xml.js';

export interface S3Call {
  /** '' only for ListBuckets. */
  bucket: string;
  /** '' for bucket-level operations. */
  key: string;
  query: URLSearchParams;
  /** Lower-cased; aws-chunked trailers (the streamed checksum) are merged in as if they were headers. */
  headers: Readonly<Record<string, string>>;
  /** The object's bytes: aws-chunked framing already removed. */
  body: Buffer;
  /**
   * The request's members that the constraint table names, in the model's names, already checked against it:
   * header and query members as strings (integers parsed), the XML payload in the model's shape.
   */
  input: Readonly<Record<string, unknown>>;
  /** The region the request was signed for; undefined for unsigned requests (nothing to check them against). */
  signedRegion: string | undefined;
  /** What the payload checks found: a verified checksum to keep with an object. */
  checksum: { algorithm: string; value: string } | undefined;
}

export interface S3Operation {
  run(call: S3Call, ctx: RequestContext): HttpResponse;
  /**
   * A write S3 takes a moment over and refuses while another is in flight on the same bucket (aws-evidence E1,
   * `in-flight.ts`): `create` for CreateBucket, `configure` for the configuration writes, which a front end that does
   * not know a new bucket yet may also refuse.
   */
  inFlight?: 'create' | 'configure';
  /** The operation's XML body: the model member it fills, its root element, and how to read it into the model's shape. */
  payload?: { member: string; root: string; read(root: XmlElement): unknown };
  /** The model's `requestChecksumRequired`: the body must come with Content-MD5 or a flexible checksum. */
  checksumRequired?: true;
}

/**
 * An S3 error whose answer carries headers besides the error document (a delete marker's 404 says
 * `x-amz-delete-marker: true`). The server renders only a ServiceError's code and message, so `handleS3` answers
 * these itself.
 */
export class ErrorWithHeaders extends ServiceError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly headers: Record<string, string>,
  ) {
    super(code, message, status);
  }
}
