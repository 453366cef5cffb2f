// Errors that stop a command. Problems in specs are Diagnostics (collected); these are thrown, coded, and mapped
// to a message and exit code by the CLI's single top-level catch.

/** Whose fault: the user's input, AWS's answer, or a bug in gtctl (the only case that shows a stack). */
export type ErrorSource = 'user' | 'aws' | 'internal';

export class GtctlError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly source: ErrorSource,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GtctlError';
  }
}

/**
 * A change held back by a limit that only time lifts (Cognito's default sender: 50 e-mails a day): neither done nor
 * failed; the next apply does it (design §7, `deferred`).
 */
export class DeferredChange extends GtctlError {
  constructor(code: string, message: string, hint?: string, options?: { cause?: unknown }) {
    super(code, message, 'aws', hint, options);
    this.name = 'DeferredChange';
  }
}
