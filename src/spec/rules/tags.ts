import type { Diagnostic } from '../../core/diagnostics.js';
import type { Path } from '../documents.js';
import { problem, valueAt, type Loaded } from '../loaded.js';
import type { Rule } from './rule.js';

/** `aws:` is AWS's; `gtctl:` carries ownership and must only be written by gtctl itself. */
const RESERVED_TAG_PREFIXES = ['aws:', 'gtctl:'];

export const noReservedTagKeys: Rule = (tree) => {
  const tagged: Loaded<unknown>[] = [...tree.projects, ...tree.workforces, ...tree.teams, ...tree.buckets, ...tree.jobs];
  const out: Diagnostic[] = [];
  for (const { doc } of tagged) {
    const tags = valueAt(doc, ['spec', 'tags']);
    if (!tags || typeof tags !== 'object') continue;
    for (const key of Object.keys(tags)) {
      const prefix = RESERVED_TAG_PREFIXES.find((p) => key.toLowerCase().startsWith(p));
      if (!prefix) continue;
      const at: Path = ['spec', 'tags', key];
      out.push({ ...problem(doc, at, 'reserved-tag', `tag key "${key}" uses the reserved prefix "${prefix}"`, prefix === 'gtctl:' ? 'gtctl sets its own tags (gtctl:project); choose another key.' : 'AWS reserves the aws: prefix; choose another key.'), ...doc.locateKey(at) });
    }
  }
  return out;
};
