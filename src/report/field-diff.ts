// One field-level difference as lines a reviewer reads at a glance: `~ description: "a" -> "b"`, `+ tags.cost: "ml"`,
// and multi-line text (an invitation e-mail) as a line diff. Secret-named fields never reach here (see secrets.ts).
import { diffLines } from 'diff';
import type { FieldDiff } from '../core/plan.js';
import { withoutSecrets } from './secrets.js';
import type { Style } from './style.js';

/** Applied to every piece of user text before it is styled (e-mail masking, or nothing). */
export type TextFilter = (text: string) => string;

/** Unchanged lines kept around each change in a multi-line diff; longer unchanged runs are elided. */
const CONTEXT = 2;

/** JSON-ish: strings quoted, lists and objects as compact JSON (secret-named keys dropped), absent as `(none)`. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  return JSON.stringify(withoutSecrets(value)) ?? String(value);
}

const isMultiline = (value: unknown) => typeof value === 'string' && value.includes('\n');

export function renderFieldDiff(d: FieldDiff, style: Style, indent: string, text: TextFilter): string[] {
  const hasBefore = d.before !== undefined;
  const hasAfter = d.after !== undefined;
  const [marker, paint] = !hasBefore ? ['+', style.green] : !hasAfter ? ['-', style.red] : ['~', style.yellow];
  const path = text(d.path);
  if ((isMultiline(d.before) || isMultiline(d.after)) && (d.before === undefined || typeof d.before === 'string') && (d.after === undefined || typeof d.after === 'string')) {
    return [`${indent}${paint(marker)} ${path}:`, ...textDiff((d.before as string | undefined) ?? '', (d.after as string | undefined) ?? '', style, `${indent}    `, text)];
  }
  const value = !hasBefore ? formatValue(d.after) : !hasAfter ? formatValue(d.before) : `${formatValue(d.before)} -> ${formatValue(d.after)}`;
  return [`${indent}${paint(marker)} ${path}: ${text(value)}`];
}

/** A line diff of two texts: `- ` removed, `+ ` added, two spaces for context; long unchanged runs elided. */
export function textDiff(before: string, after: string, style: Style, indent: string, text: TextFilter): string[] {
  const parts = diffLines(before, after);
  const out: string[] = [];
  parts.forEach((part, index) => {
    const lines = splitLines(part.value);
    if (part.added) out.push(...lines.map((line) => `${indent}${style.green(`+ ${text(line)}`)}`));
    else if (part.removed) out.push(...lines.map((line) => `${indent}${style.red(`- ${text(line)}`)}`));
    else {
      const first = index === 0;
      const last = index === parts.length - 1;
      const head = first ? [] : lines.slice(0, CONTEXT);
      const tail = last ? [] : lines.slice(-CONTEXT);
      const context = (line: string) => `${indent}  ${text(line)}`;
      if (lines.length <= head.length + tail.length + 1) out.push(...lines.map(context));
      else {
        const hidden = lines.length - head.length - tail.length;
        out.push(...head.map(context), `${indent}  ${style.dim(`... ${hidden} unchanged line${hidden === 1 ? '' : 's'}`)}`, ...tail.map(context));
      }
    }
  });
  return out;
}

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
