// A rule is a small named check across documents. Rules only report; they never change the tree.
import type { Diagnostic } from '../../core/diagnostics.js';
import type { SpecTree } from '../loaded.js';

export interface RuleContext {
  /** The project's Region, or the `--region` given to the command; undefined when neither says. */
  region?: string;
  /** Account from the Project, when given (role ARNs in another account are suspicious). */
  accountId?: string;
}

export type Rule = (tree: SpecTree, context: RuleContext) => Diagnostic[];
