// Values for scripts as they are (`status --json`, `results --json`, `iam-policy`, `sandbox label`): indented JSON,
// one document per run. Plans have their own fixed-order form (plan-json.ts); apply's results are JSON lines.

export function prettyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
