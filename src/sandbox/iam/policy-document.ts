// The identity-policy document model behind the sandbox IAM evaluator: turns JSON text (or an already parsed object)
// into normalised statements, and lists what IAM's PutRolePolicy/CreatePolicy would reject as MalformedPolicyDocument.
// Both come from one pass so the evaluator can only ever act on statements the validator accepted.
//
// Where AWS is known to answer with a specific sentence ("Policy statement must contain actions.", ...) the problem is
// that sentence verbatim. Where AWS only says "Syntax errors in policy." the problem starts with that sentence and goes
// on to name the fault, because a bare "Syntax errors in policy." tells a sandbox user nothing.

export type Effect = 'Allow' | 'Deny';

/** Action/NotAction or Resource/NotResource: `negated` when the statement used the Not form. */
export interface Element {
  negated: boolean;
  patterns: readonly string[];
}

/** How one policy value is compared with one context value; several operators share a test and differ by `negated`. */
export type OperatorTest =
  | 'equals'
  | 'equalsIgnoreCase'
  | 'like'
  | 'numericEquals'
  | 'lessThan'
  | 'lessThanEquals'
  | 'greaterThan'
  | 'greaterThanEquals'
  | 'bool'
  | 'null';

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

export interface Operator {
  test: OperatorTest;
  negated: boolean;
  ifExists: boolean;
  set: SetQualifier | undefined;
}

export interface Condition {
  operator: Operator;
  /** Lower-cased: condition keys are case-insensitive. */
  key: string;
  values: readonly string[];
}

export interface Statement {
  sid?: string;
  effect: Effect;
  action: Element;
  resource: Element;
  conditions: readonly Condition[];
}

export interface ParsedPolicy {
  /** Policy variables exist only in version 2012-10-17; in 2008-10-17 (the default) `${...}` is literal text. */
  variables: boolean;
  statements: readonly Statement[];
}

export interface ParseOutcome {
  policy: ParsedPolicy;
  problems: string[];
}

const SYNTAX = 'Syntax errors in policy.';
const NO_ACTIONS = 'Policy statement must contain actions.';
const NO_RESOURCES = 'Policy statement must contain resources.';
const NO_VENDOR = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
const PRINCIPAL = 'Policy document should not specify a principal.';
const DUPLICATE_SID = 'Statement IDs (SID) in a single policy must be unique.';
const BAD_SID = 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*';

const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const TOP_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Principal', 'NotPrincipal']);

// A Map, not an object literal, so that names such as "constructor" are not mistaken for operators.
const OPERATORS = new Map<string, { test: OperatorTest; negated: boolean }>([
  ['StringEquals', { test: 'equals', negated: false }],
  ['StringNotEquals', { test: 'equals', negated: true }],
  ['StringEqualsIgnoreCase', { test: 'equalsIgnoreCase', negated: false }],
  ['StringNotEqualsIgnoreCase', { test: 'equalsIgnoreCase', negated: true }],
  ['StringLike', { test: 'like', negated: false }],
  ['StringNotLike', { test: 'like', negated: true }],
  // AWS documents ArnEquals and ArnLike as the same comparison: case-sensitive, with * and ? wildcards.
  ['ArnEquals', { test: 'like', negated: false }],
  ['ArnLike', { test: 'like', negated: false }],
  ['ArnNotEquals', { test: 'like', negated: true }],
  ['ArnNotLike', { test: 'like', negated: true }],
  ['NumericEquals', { test: 'numericEquals', negated: false }],
  ['NumericNotEquals', { test: 'numericEquals', negated: true }],
  ['NumericLessThan', { test: 'lessThan', negated: false }],
  ['NumericLessThanEquals', { test: 'lessThanEquals', negated: false }],
  ['NumericGreaterThan', { test: 'greaterThan', negated: false }],
  ['NumericGreaterThanEquals', { test: 'greaterThanEquals', negated: false }],
  ['Bool', { test: 'bool', negated: false }],
  ['Null', { test: 'null', negated: false }],
]);

const OPERATOR_NAME = /^(?:(ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/;

/**
 * Parses and checks a policy document. `policy.statements` holds only statements without problems, and is empty when
 * the document as a whole is malformed: a statement IAM would refuse to store must never grant or deny anything.
 */
export function parsePolicy(document: string | object): ParseOutcome {
  const root = typeof document === 'string' ? parseJson(document) : document;
  if (!isRecord(root)) {
    const problem = root === INVALID_JSON ? `${SYNTAX} The document is not valid JSON.` : `${SYNTAX} The document is not a JSON object.`;
    return { policy: { variables: false, statements: [] }, problems: [problem] };
  }
  const documentProblems = [...topLevelProblems(root), ...sidProblems(statementList(root.Statement))];
  const statementProblems: string[] = [];
  const statements = statementList(root.Statement).flatMap((raw, index) => {
    const problems: string[] = [];
    const statement = parseStatement(raw, index + 1, problems);
    statementProblems.push(...problems);
    return statement === undefined || problems.length > 0 ? [] : [statement];
  });
  return {
    policy: { variables: root.Version === '2012-10-17', statements: documentProblems.length > 0 ? [] : statements },
    problems: [...new Set([...documentProblems, ...statementProblems])],
  };
}

const INVALID_JSON = Symbol('invalid JSON');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}

/** Element names present with a value: a parsed object may carry `undefined` where JSON text would have nothing. */
function elementNames(raw: Record<string, unknown>): string[] {
  return Object.keys(raw).filter((key) => raw[key] !== undefined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function statementList(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  return isRecord(raw) ? [raw] : [];
}

function topLevelProblems(root: Record<string, unknown>): string[] {
  const problems = elementNames(root)
    .filter((key) => !TOP_ELEMENTS.has(key))
    .map((key) => `${SYNTAX} Unknown element ${key}.`);
  if (root.Version !== undefined && !(typeof root.Version === 'string' && VERSIONS.has(root.Version))) {
    problems.push(`${SYNTAX} Version must be 2012-10-17 or 2008-10-17.`);
  }
  if (root.Id !== undefined && typeof root.Id !== 'string') problems.push(`${SYNTAX} Id must be a string.`);
  if (root.Statement === undefined) problems.push(`${SYNTAX} The document has no Statement.`);
  else if (statementList(root.Statement).length === 0) problems.push(`${SYNTAX} Statement must be an object or a non-empty array.`);
  return problems;
}

function sidProblems(statements: unknown[]): string[] {
  const sids = statements.flatMap((raw) => (isRecord(raw) && typeof raw.Sid === 'string' ? [raw.Sid] : []));
  return new Set(sids).size === sids.length ? [] : [DUPLICATE_SID];
}

function parseStatement(raw: unknown, n: number, problems: string[]): Statement | undefined {
  if (!isRecord(raw)) {
    problems.push(`${SYNTAX} Statement ${n} is not an object.`);
    return undefined;
  }
  for (const key of elementNames(raw).filter((name) => !STATEMENT_ELEMENTS.has(name))) {
    problems.push(`${SYNTAX} Statement ${n} has unknown element ${key}.`);
  }
  if (raw.Principal !== undefined || raw.NotPrincipal !== undefined) problems.push(PRINCIPAL);
  const sid = parseSid(raw.Sid, n, problems);
  const effect = parseEffect(raw.Effect, n, problems);
  const action = parseElement(raw, 'Action', 'NotAction', n, problems);
  const resource = parseElement(raw, 'Resource', 'NotResource', n, problems);
  const conditions = parseConditions(raw.Condition, n, problems);
  action?.patterns.forEach((pattern) => problems.push(...actionProblems(pattern)));
  resource?.patterns.forEach((pattern) => problems.push(...resourceProblems(pattern)));
  if (effect === undefined || action === undefined || resource === undefined) return undefined;
  return { ...(sid === undefined ? {} : { sid }), effect, action, resource, conditions };
}

function parseSid(raw: unknown, n: number, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') problems.push(`${SYNTAX} Statement ${n} has a Sid that is not a string.`);
  else if (!/^[0-9A-Za-z]*$/.test(raw)) problems.push(BAD_SID);
  return typeof raw === 'string' ? raw : undefined;
}

function parseEffect(raw: unknown, n: number, problems: string[]): Effect | undefined {
  if (raw === 'Allow' || raw === 'Deny') return raw;
  if (raw === undefined) problems.push(`${SYNTAX} Statement ${n} has no Effect.`);
  else problems.push(`${SYNTAX} Statement ${n} has Effect ${JSON.stringify(raw)}; it must be Allow or Deny.`);
  return undefined;
}

function parseElement(
  raw: Record<string, unknown>,
  positive: 'Action' | 'Resource',
  negative: 'NotAction' | 'NotResource',
  n: number,
  problems: string[],
): Element | undefined {
  const missing = positive === 'Action' ? NO_ACTIONS : NO_RESOURCES;
  if (raw[positive] !== undefined && raw[negative] !== undefined) {
    problems.push(`${SYNTAX} Statement ${n} has both ${positive} and ${negative}.`);
    return undefined;
  }
  const negated = raw[negative] !== undefined;
  const value = negated ? raw[negative] : raw[positive];
  if (value === undefined) {
    problems.push(missing);
    return undefined;
  }
  const patterns = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(patterns) || !patterns.every((pattern) => typeof pattern === 'string')) {
    problems.push(`${SYNTAX} Statement ${n} has a ${negated ? negative : positive} that is not a string or an array of strings.`);
    return undefined;
  }
  if (patterns.length === 0) {
    problems.push(missing);
    return undefined;
  }
  return { negated, patterns };
}

function actionProblems(action: string): string[] {
  if (action === '*') return [];
  const parts = action.split(':');
  if (parts.length === 1) return [NO_VENDOR];
  if (parts.length > 2) return ['Actions/Condition can contain only one colon.'];
  const vendor = parts[0] ?? '';
  return /^[A-Za-z0-9.-]+$/.test(vendor) ? [] : [`Vendor ${vendor} is not valid`];
}

function resourceProblems(resource: string): string[] {
  return resource === '*' || resource.startsWith('arn:') ? [] : [`Resource ${resource} must be in ARN format or "*".`];
}

function parseConditions(raw: unknown, n: number, problems: string[]): Condition[] {
  if (raw === undefined) return [];
  if (!isRecord(raw)) {
    problems.push(`${SYNTAX} Statement ${n} has a Condition that is not an object.`);
    return [];
  }
  return Object.entries(raw).flatMap(([name, block]) => {
    const operator = parseOperator(name);
    if (operator === undefined) problems.push(`${SYNTAX} Statement ${n} uses unknown condition operator ${name}.`);
    if (!isRecord(block)) {
      problems.push(`${SYNTAX} Statement ${n} has a ${name} block that is not an object.`);
      return [];
    }
    return Object.entries(block).flatMap(([key, value]) => {
      const values = conditionValues(value);
      // Condition keys may hold more colons (aws:ResourceTag/aws:cloudformation:stack-name), so only the vendor counts.
      if (!/^[^:]+:./.test(key)) problems.push(NO_VENDOR);
      if (values === undefined) problems.push(`${SYNTAX} Statement ${n} has a ${key} value that is not a string, number, boolean or array of them.`);
      return operator === undefined || values === undefined ? [] : [{ operator, key: key.toLowerCase(), values }];
    });
  });
}

function parseOperator(name: string): Operator | undefined {
  const [, set, base = '', ifExists] = OPERATOR_NAME.exec(name) ?? [];
  const known = OPERATORS.get(base);
  if (known === undefined) return undefined;
  // Null is itself the existence test: AWS has no NullIfExists, and a set of values makes no sense for it.
  if (known.test === 'null' && (set !== undefined || ifExists !== undefined)) return undefined;
  return { ...known, ifExists: ifExists !== undefined, set: set === 'ForAnyValue' || set === 'ForAllValues' ? set : undefined };
}

function conditionValues(raw: unknown): string[] | undefined {
  const list = Array.isArray(raw) ? raw : [raw];
  const scalars = list.filter((value): value is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof value));
  return scalars.length === list.length ? scalars.map(String) : undefined;
}
