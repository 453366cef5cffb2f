// The document kinds of the spec language, in the order the plan applies them.

export const KINDS = ['Project', 'Workforce', 'Bucket', 'Team', 'Member', 'LabelingJob'] as const;
export type Kind = (typeof KINDS)[number];

export const API_VERSION = 'gtctl/v1';

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}
