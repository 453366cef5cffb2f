// What the sandbox was asked, for tests that assert on calls ("no write call was made") rather than on state.
import type { AwsServiceName } from '../service.js';

export interface RequestLogEntry {
  /** ISO time on the sandbox clock (real time plus `clockOffsetMs`). */
  time: string;
  /** `unknown` for an X-Amz-Target that names no service the sandbox serves. */
  service: AwsServiceName | 'unknown';
  /** The AWS operation name (`CreateGroup`, `PutObject`, `GetCallerIdentity`), or what the request named if unknown. */
  operation: string;
  /** The HTTP status answered. */
  status: number;
  /** The error code answered (`ValidationException`, `TooManyRequestsException`, `NoSuchKey`...), when not 2xx. */
  error?: string;
}

/** Keeps the most recent entries only, so a long-running sandbox does not grow without bound. */
export const REQUEST_LOG_LIMIT = 10_000;

export class RequestLog {
  #entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > REQUEST_LOG_LIMIT) this.#entries.splice(0, this.#entries.length - REQUEST_LOG_LIMIT);
  }

  entries(): readonly RequestLogEntry[] {
    return this.#entries;
  }

  /** Returns how many entries were dropped. */
  clear(): number {
    const count = this.#entries.length;
    this.#entries = [];
    return count;
  }
}
