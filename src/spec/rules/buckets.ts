import type { Diagnostic } from '../../core/diagnostics.js';
import { problem, valueAt } from '../loaded.js';
import type { Rule } from './rule.js';

const FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3'];

/** The naming rules the schema's pattern cannot say clearly (aws-facts §8.3). */
export function bucketNameProblem(name: string): string | undefined {
  if (name.includes('..')) return 'must not contain two adjacent dots';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'must not look like an IP address';
  const prefix = FORBIDDEN_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `must not start with "${prefix}"`;
  const suffix = FORBIDDEN_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `must not end with "${suffix}"`;
  return undefined;
}

export const bucketNamesValid: Rule = (tree) =>
  tree.buckets.flatMap(({ doc, value }) => {
    const reason = bucketNameProblem(value.name);
    if (reason) return [problem(doc, ['metadata', 'name'], 'invalid-bucket-name', `bucket name "${value.name}" ${reason}`, 'See the S3 bucket naming rules: 3-63 lower-case letters, digits, dots and hyphens.')];
    if (value.name.includes('.'))
      return [problem(doc, ['metadata', 'name'], 'bucket-name-dots', `bucket name "${value.name}" contains dots`, 'Dots break TLS for virtual-hosted-style requests; prefer hyphens.', 'warning')];
    return [];
  });

export const objectsHaveOneSource: Rule = (tree) =>
  tree.buckets.flatMap(({ doc }) => {
    const objects = valueAt(doc, ['spec', 'objects']);
    if (!Array.isArray(objects)) return [];
    const out: Diagnostic[] = [];
    const seen = new Map<string, number>();
    objects.forEach((object: { key: string; content?: unknown; file?: unknown }, i) => {
      if (object.content !== undefined && object.file !== undefined)
        out.push(problem(doc, ['spec', 'objects', i, 'file'], 'object-source', `object "${object.key}" has both \`content\` and \`file\``, 'Keep one: `content` for short text, `file` for a file in the repository.'));
      if (object.content === undefined && object.file === undefined)
        out.push(problem(doc, ['spec', 'objects', i], 'object-source', `object "${object.key}" has neither \`content\` nor \`file\``, 'Add `content: ...` or `file: path/relative/to/this/spec`.'));
      const earlier = seen.get(object.key);
      if (earlier !== undefined)
        out.push(problem(doc, ['spec', 'objects', i, 'key'], 'duplicate-object-key', `object key "${object.key}" is declared twice in this bucket (also objects[${earlier}])`, 'Remove one of the two.'));
      else seen.set(object.key, i);
    });
    return out;
  });
