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
