// Evaluates identity-based IAM policies the way AWS does, for the sandbox IAM service (SimulatePrincipalPolicy) and
// for gating what a labeling job's execution role may read and write. Pure and dependency-free so that both callers,
// and tests, can ask "would AWS allow this?" without a server. Follows AWS's "Policy evaluation logic" for identity
// policies only: an explicit Deny wins, otherwise any Allow allows, otherwise the request is implicitly denied.
// Resource-based policies, permission boundaries, SCPs and session policies are outside it.
import { parsePolicy, type Condition, type Element, type OperatorTest, type Statement } from './policy-document.js';

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface EvaluationRequest {
  /** Such as 's3:GetObject'; matched case-insensitively. */
  action: string;
  /** An ARN, or '*' for actions that take no resource. */
  resource: string;
  /** Condition keys of the request, e.g. { 's3:prefix': 'input/' }; an array is a multivalued key. */
  context?: Record<string, string | string[] | number | boolean>;
}

export interface EvaluationResult {
  decision: Decision;
  matchedStatements: Array<{ policy: string; sid?: string; effect: 'Allow' | 'Deny' }>;
}

/**
 * Decides a request against named identity policy documents (JSON text or parsed objects). Never throws: a document
 * or statement that policyProblems rejects contributes nothing, since IAM would never have stored it.
 */
export function evaluate(policies: ReadonlyArray<{ name: string; document: string | object }>, request: EvaluationRequest): EvaluationResult {
  const context = contextValues(request.context ?? {});
  const matchedStatements = policies.flatMap(({ name, document }) => {
    const { policy } = parsePolicy(document);
    const scope: Scope = { context, variables: policy.variables };
    return policy.statements
      .filter((statement) => statementApplies(statement, request, scope))
      .map((statement) => ({ policy: name, ...(statement.sid === undefined ? {} : { sid: statement.sid }), effect: statement.effect }));
  });
  return { decision: decide(matchedStatements.map((statement) => statement.effect)), matchedStatements };
}

/** Parses and checks a policy document as IAM's PutRolePolicy/CreatePolicy would: the problems, [] when valid. Size is the caller's. */
export function policyProblems(document: string): string[] {
  return parsePolicy(document).problems;
}

/** Context keys lower-cased (condition keys are case-insensitive), every value a list of strings; [] counts as absent. */
type ContextValues = ReadonlyMap<string, readonly string[]>;

interface Scope {
  context: ContextValues;
  /** Whether `${...}` is a policy variable (version 2012-10-17) or literal text. */
  variables: boolean;
}

function contextValues(context: NonNullable<EvaluationRequest['context']>): ContextValues {
  const entries = Object.entries(context).map(([key, value]) => [key.toLowerCase(), (Array.isArray(value) ? value : [value]).map(String)] as const);
  return new Map(entries.filter(([, values]) => values.length > 0));
}

function decide(effects: ReadonlyArray<'Allow' | 'Deny'>): Decision {
  if (effects.includes('Deny')) return 'explicitDeny';
  return effects.includes('Allow') ? 'allowed' : 'implicitDeny';
}

function statementApplies(statement: Statement, request: EvaluationRequest, scope: Scope): boolean {
  return (
    elementMatches(statement.action, (pattern) => wildcardMatch(compilePattern(pattern, true, undefined), request.action, true)) &&
    elementMatches(statement.resource, (pattern) => wildcardMatch(compilePattern(pattern, true, variablesOf(scope)), request.resource, false)) &&
    statement.conditions.every((condition) => conditionHolds(condition, scope))
  );
}

function elementMatches(element: Element, matches: (pattern: string) => boolean): boolean {
  return element.patterns.some(matches) !== element.negated;
}

function variablesOf(scope: Scope): ContextValues | undefined {
  return scope.variables ? scope.context : undefined;
}

// AWS, "IAM JSON policy elements: Condition operators": "If the key that you specify in a policy condition is not
// present in the request context, the values do not match and the condition is false. If the policy condition requires
// that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition is
// true. This logic applies to all condition operators except ...IfExists and Null check." For the set qualifiers, the
// multivalued-keys page says ForAllValues "also returns true if there are no context keys in the request" while
// ForAnyValue returns false; the qualifier is applied before the negated-operator rule.
function conditionHolds(condition: Condition, scope: Scope): boolean {
  const { operator } = condition;
  const { test } = operator;
  const present = scope.context.get(condition.key);
  if (test === 'null') return condition.values.some((value) => value.toLowerCase() === String(present === undefined));
  if (present === undefined) return operator.ifExists || operator.set === 'ForAllValues' || (operator.set === undefined && operator.negated);
  // A negated operator holds for a context value when that value matches none of the policy values.
  const holdsFor = (actual: string): boolean => condition.values.some((expected) => valueMatches(test, expected, actual, scope)) !== operator.negated;
  switch (operator.set) {
    case 'ForAllValues':
      return present.every(holdsFor);
    case 'ForAnyValue':
      return present.some(holdsFor);
    case undefined:
      // Without a qualifier a multivalued key is read as "any value matches", and a negated operator as "no value
      // matches"; for the usual single value both are the plain comparison.
      return operator.negated ? present.every(holdsFor) : present.some(holdsFor);
    default:
      return unreachable(operator.set);
  }
}

function valueMatches(test: Exclude<OperatorTest, 'null'>, expected: string, actual: string, scope: Scope): boolean {
  switch (test) {
    case 'equals':
      return wildcardMatch(compilePattern(expected, false, variablesOf(scope)), actual, false);
    case 'equalsIgnoreCase':
      return wildcardMatch(compilePattern(expected, false, variablesOf(scope)), actual, true);
    // StringLike and the Arn operators alike. AWS compares an ARN's six colon-separated parts one by one; here the ARN is
    // matched as one string, so a * may cross a ':' (arn:aws:iam::*:role/x also matches an ARN with an extra part).
    case 'like':
      return wildcardMatch(compilePattern(expected, true, variablesOf(scope)), actual, false);
    case 'numericEquals':
      return compareNumbers(expected, actual, (difference) => difference === 0);
    case 'lessThan':
      return compareNumbers(expected, actual, (difference) => difference < 0);
    case 'lessThanEquals':
      return compareNumbers(expected, actual, (difference) => difference <= 0);
    case 'greaterThan':
      return compareNumbers(expected, actual, (difference) => difference > 0);
    case 'greaterThanEquals':
      return compareNumbers(expected, actual, (difference) => difference >= 0);
    case 'bool':
      return parseBool(expected) !== undefined && parseBool(expected) === parseBool(actual);
    default:
      return unreachable(test);
  }
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** `holds` receives actual − expected; a value that is not a number matches nothing. */
function compareNumbers(expected: string, actual: string, holds: (difference: number) => boolean): boolean {
  const [a, e] = [actual.trim(), expected.trim()];
  return NUMBER.test(a) && NUMBER.test(e) && holds(Number(a) - Number(e));
}

function parseBool(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  return lower === 'true' || lower === 'false' ? lower === 'true' : undefined;
}

const ANY_RUN = Symbol('*');
const ANY_ONE = Symbol('?');
/** One code point to match literally, or a wildcard. */
type Token = string | typeof ANY_RUN | typeof ANY_ONE;

/** A `${...}` variable or any single code point. */
const PIECE = /\$\{([^}]*)\}|[\s\S]/gu;

/**
 * Turns a policy string into tokens, substituting policy variables when `variables` is given. Undefined when a
 * variable has no value: AWS then treats what holds it as matching nothing. Substituted text is always literal, so a
 * '*' in a user name is no wildcard; `${*}`, `${?}` and `${$}` are how a policy writes those characters literally.
 */
function compilePattern(pattern: string, wildcards: boolean, variables: ContextValues | undefined): Token[] | undefined {
  const tokens: Token[] = [];
  for (const [piece, body] of pattern.matchAll(PIECE)) {
    if (body !== undefined && variables !== undefined) {
      const text = resolveVariable(body, variables);
      if (text === undefined) return undefined;
      tokens.push(...Array.from(text));
    } else {
      tokens.push(...Array.from(piece, (character) => (wildcards ? wildcardToken(character) : character)));
    }
  }
  return tokens;
}

function wildcardToken(character: string): Token {
  if (character === '*') return ANY_RUN;
  return character === '?' ? ANY_ONE : character;
}

/** `${key}` or `${key, 'default'}` (a quote doubled inside the default stands for one); only single-valued keys resolve. */
function resolveVariable(body: string, variables: ContextValues): string | undefined {
  if (body === '*' || body === '?' || body === '$') return body;
  const withDefault = /^\s*(.+?)\s*,\s*'((?:[^']|'')*)'\s*$/s.exec(body);
  const key = (withDefault?.[1] ?? body).trim().toLowerCase();
  const values = variables.get(key);
  if (values?.length === 1) return values[0];
  return withDefault?.[2]?.replaceAll("''", "'");
}

/** Glob matching with single-star backtracking: linear in practice, and no regular expression to build or escape. */
function wildcardMatch(tokens: readonly Token[] | undefined, text: string, ignoreCase: boolean): boolean {
  if (tokens === undefined) return false;
  const fold = (character: string): string => (ignoreCase ? character.toLowerCase() : character);
  const characters = Array.from(text, fold);
  let t = 0;
  let c = 0;
  // Where the last * was, and how many characters it has swallowed so far: on a mismatch it swallows one more.
  let lastStar = -1;
  let resumeAt = 0;
  while (c < characters.length) {
    const token = tokens[t];
    if (token === ANY_RUN) {
      lastStar = t;
      resumeAt = c;
      t += 1;
    } else if (token !== undefined && (token === ANY_ONE || fold(token) === characters[c])) {
      t += 1;
      c += 1;
    } else if (lastStar >= 0) {
      resumeAt += 1;
      t = lastStar + 1;
      c = resumeAt;
    } else {
      return false;
    }
  }
  while (tokens[t] === ANY_RUN) t += 1;
  return t === tokens.length;
}

function unreachable(value: never): never {
  throw new Error(`Unhandled case ${String(value)}`);
}
