// Errors that stop a command. Problems in specs are Diagnostics (collected); these are thrown, coded, and mapped
// to a message and exit code by the hosts' single top-level catch.
import type { Diagnostic } from './diagnostics.js';

/** Whose fault: the user's input, AWS's answer, or a bug in gtctl (the only case that shows a stack). */
export type ErrorSource = 'user' | 'aws' | 'internal';

/**
 * A coded error as hosts show it. `code` is always gtctl's own (kebab-case, stable: `stale-plan`,
 * `aws-access-denied`); `awsCode` is AWS's error name, passed through as AWS spells it, when AWS answered.
 */
export interface CodedError {
  code: string;
  awsCode?: string;
  message: string;
  hint?: string;
}

export class GtctlError extends Error {
  /** AWS's own error name (`ResourceInUse`, `AccessDeniedException`), when the error is AWS's answer. */
  readonly awsCode: string | undefined;

  constructor(
    readonly code: string,
    message: string,
    readonly source: ErrorSource,
    readonly hint?: string,
    options?: { cause?: unknown; awsCode?: string },
  ) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'GtctlError';
    this.awsCode = options?.awsCode;
  }
}

/** Specs with errors stop a command before any AWS call; the host prints the diagnostics. */
export class InvalidSpecsError extends GtctlError {
  constructor(readonly diagnostics: Diagnostic[]) {
    super('invalid-specs', `the specs have ${diagnostics.filter((d) => d.severity === 'error').length} error(s); nothing was changed`, 'user', 'Fix the problems above (`gtctl validate` lists them), then run the command again.');
  }
}

/** Whether `error` is gtctl's own error `code` (AWS's answers are matched by name with `isAwsError`). */
export function isGtctlError(error: unknown, code: string): error is GtctlError {
  return error instanceof GtctlError && error.code === code;
}

/** The coded part of an error, for results, reporters and summaries (never its stack or cause). */
export function codedError(error: GtctlError): CodedError {
  return { code: error.code, ...(error.awsCode ? { awsCode: error.awsCode } : {}), message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}

/** The spec problems behind a thrown error: the one way hosts get at them. */
export function diagnosticsOf(error: unknown): readonly Diagnostic[] {
  return error instanceof InvalidSpecsError ? error.diagnostics : [];
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
