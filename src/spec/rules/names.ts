import type { Diagnostic } from '../../core/diagnostics.js';
import type { SpecDocument } from '../documents.js';
import { problem, valueAt, type Loaded } from '../loaded.js';
import type { Rule } from './rule.js';

function duplicates<T>(kind: string, items: readonly Loaded<T>[], nameOf: (value: T) => string, fold: (name: string) => string): Diagnostic[] {
  const first = new Map<string, Loaded<T>>();
  const out: Diagnostic[] = [];
  for (const item of items) {
    const key = fold(nameOf(item.value));
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, item);
      continue;
    }
    const where = `${earlier.doc.file}:${earlier.doc.locate(['metadata', 'name']).line}`;
    const sameCase = nameOf(earlier.value) === nameOf(item.value);
    out.push(
      problem(
        item.doc,
        ['metadata', 'name'],
        'duplicate-name',
        sameCase
          ? `${kind} "${nameOf(item.value)}" is declared twice (also at ${where})`
          : `${kind} "${nameOf(item.value)}" and "${nameOf(earlier.value)}" (at ${where}) differ only in case, and AWS compares ${kind} names case-insensitively`,
        sameCase ? `Remove one of the two ${kind} documents or rename one.` : `Give one of the jobs a different name.`,
      ),
    );
  }
  return out;
}

const exact = (name: string) => name;

/** Names are unique per kind; labeling job names are compared case-insensitively, as AWS does (aws-facts §3.1). */
export const noDuplicateNames: Rule = (tree) => [
  ...duplicates('Team', tree.teams, (t) => t.name, exact),
  ...duplicates('Member', tree.members, (m) => m.email, exact),
  ...duplicates('Bucket', tree.buckets, (b) => b.name, exact),
  ...duplicates('LabelingJob', tree.jobs, (j) => j.name, (n) => n.toLowerCase()),
];

interface EmailUse {
  email: string;
  doc: SpecDocument;
  path: (string | number)[];
}

/** Every place the specs name a worker's e-mail: team member lists and Member documents. */
export function emailUses(tree: Parameters<Rule>[0]): EmailUse[] {
  const uses: EmailUse[] = [];
  for (const team of tree.teams) {
    const members = valueAt(team.doc, ['spec', 'members']);
    if (Array.isArray(members)) members.forEach((email, i) => uses.push({ email: String(email), doc: team.doc, path: ['spec', 'members', i] }));
  }
  for (const member of tree.members) uses.push({ email: member.value.email, doc: member.doc, path: ['metadata', 'name'] });
  return uses;
}

/**
 * The labeling portal is case-sensitive about e-mails (aws-facts §6.6): `Alice@x.com` and `alice@x.com` would be
 * two invitations for one person, or one user that cannot sign in as written. The first spelling wins.
 */
export const noEmailCaseClashes: Rule = (tree) => {
  const firstSpelling = new Map<string, EmailUse>();
  const out: Diagnostic[] = [];
  for (const use of emailUses(tree)) {
    const key = use.email.toLowerCase();
    const first = firstSpelling.get(key);
    if (!first) firstSpelling.set(key, use);
    else if (first.email !== use.email) {
      out.push(
        problem(use.doc, use.path, 'email-case-clash', `"${use.email}" differs only in case from "${first.email}" (at ${first.doc.file}:${first.doc.locate(first.path).line})`, `Write the address exactly as the worker signs in, the same way everywhere; the Ground Truth portal is case-sensitive.`),
      );
    }
  }
  return out;
};
