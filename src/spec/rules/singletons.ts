import type { Rule } from './rule.js';
import { problem, type Loaded } from '../loaded.js';

function atMostOne(kind: string, items: readonly Loaded<unknown>[]) {
  const [first, ...rest] = items;
  return rest.map((extra) =>
    problem(extra.doc, ['kind'], 'duplicate-singleton', `more than one ${kind} document (the first is at ${first!.doc.file}:${first!.doc.locate(['kind']).line})`, `A spec tree has at most one ${kind}; merge them or remove this one.`),
  );
}

export const atMostOneProject: Rule = (tree) => atMostOne('Project', tree.projects);

/** One private workforce per account and Region (aws-facts §1.1). */
export const atMostOneWorkforce: Rule = (tree) => atMostOne('Workforce', tree.workforces);
