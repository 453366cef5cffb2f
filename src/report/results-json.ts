// `gtctl apply --json`: one JSON object per line per change, in plan order (design §7):
// `{ address, action, status, error?, becauseOf?, durationMs }`. Errors carry gtctl's code, AWS's error name when AWS
// answered, the message and hint (stacks stay in the value, out of scripts' way).
import type { ChangeResult } from '../app/execute-plan.js';

export function resultsJsonLines(results: readonly ChangeResult[]): string {
  return results
    .map(({ address, action, status, error, becauseOf, durationMs }) =>
      JSON.stringify({
        address,
        action,
        status,
        ...(error ? { error: { code: error.code, ...(error.awsCode ? { awsCode: error.awsCode } : {}), message: error.message, ...(error.hint ? { hint: error.hint } : {}) } } : {}),
        ...(becauseOf !== undefined ? { becauseOf } : {}),
        durationMs,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}
