// Schema step: the envelope (apiVersion, kind, metadata.name), then ajv against schemas/<kind>.schema.json.
// ajv's errors become diagnostics that point at the offending value, with the schema's description as the hint.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { formatPath, type Path, type SpecDocument } from './documents.js';
import { API_VERSION, isKind, KINDS, type Kind } from './kinds.js';
import { schemaDocuments } from './schema-documents.js';

const SCHEMA_ID = (kind: Kind) => `https://gtctl.dev/schemas/v1/${kind.toLowerCase()}.schema.json`;

let ajv: Ajv2020 | undefined;
const validators = new Map<Kind, ValidateFunction>();

/** Compiled on first use per kind: a tree of Members never pays for compiling the LabelingJob schema. */
function validatorFor(kind: Kind): ValidateFunction {
  let validate = validators.get(kind);
  if (validate) return validate;
  if (!ajv) {
    // verbose: errors carry the failing schema, whose `description` becomes the hint.
    ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
    for (const schema of schemaDocuments()) ajv.addSchema(schema as object);
  }
  validate = ajv.getSchema(SCHEMA_ID(kind))!;
  validators.set(kind, validate);
  return validate;
}

/** A document that passed the schema: its kind and name are known to be well-formed. */
export interface TypedDocument {
  doc: SpecDocument;
  kind: Kind;
  name: string;
}

/** `declared`: a document that failed the schema but says its kind and name, so references to it can resolve. */
export function checkSchema(doc: SpecDocument): { typed?: TypedDocument; declared?: { kind: Kind; name: string }; diagnostics: Diagnostic[] } {
  const envelope = checkEnvelope(doc);
  if (envelope.length > 0) return { diagnostics: envelope };
  const value = doc.value as { kind: Kind; metadata?: { name?: unknown } };
  const { kind } = value;
  const name = value.metadata?.name;
  const validate = validatorFor(kind);
  if (validate(value)) return { typed: { doc, kind, name: name as string }, diagnostics: [] };
  return {
    ...(typeof name === 'string' ? { declared: { kind, name } } : {}),
    diagnostics: toDiagnostics(doc, (validate.errors ?? []) as AjvError[]),
  };
}

function checkEnvelope(doc: SpecDocument): Diagnostic[] {
  const at = (path: Path, code: string, message: string, hint: string): Diagnostic[] => [
    { severity: 'error', code, message, hint, file: doc.file, ...doc.locate(path), path: formatPath(path) },
  ];
  const value = doc.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return at([], 'not-a-document', 'a spec document must be a mapping with apiVersion, kind, metadata and spec', 'Start the document with `apiVersion: gtctl/v1` and `kind: ...`.');
  }
  const record = value as Record<string, unknown>;
  if (record.apiVersion === undefined) {
    return at([], 'missing-field', 'missing required field "apiVersion"', `Add \`apiVersion: ${API_VERSION}\`.`);
  }
  if (record.apiVersion !== API_VERSION) {
    return at(['apiVersion'], 'unsupported-api-version', `unsupported apiVersion ${shownValue(record.apiVersion)}`, `Use \`apiVersion: ${API_VERSION}\`.`);
  }
  if (record.kind === undefined) {
    return at([], 'missing-field', 'missing required field "kind"', `Add \`kind:\`, one of ${KINDS.join(', ')}.`);
  }
  if (!isKind(record.kind)) {
    // Only a string can be a miscased kind: `kind: [Team]` is no spelling mistake.
    const suggestion = typeof record.kind === 'string' ? KINDS.find((k) => k.toLowerCase() === String(record.kind).toLowerCase()) : undefined;
    return at(['kind'], 'unknown-kind', `unknown kind ${shownValue(record.kind)}`, suggestion ? `Did you mean \`${suggestion}\`? Kinds are case-sensitive.` : `Use one of ${KINDS.join(', ')}.`);
  }
  return [];
}

type AjvError = ErrorObject & {
  parentSchema?: { description?: string; properties?: Record<string, { description?: string }> };
};

function toDiagnostics(doc: SpecDocument, errors: readonly AjvError[]): Diagnostic[] {
  // A value of the wrong length often breaks its pattern too (`""` and `^.+$`, a 3-character e-mail): one
  // problem, so the length is reported alone; the pattern is checked again once the length is right.
  const where = (e: AjvError) => `${e.instancePath}\u0000${e.propertyName ?? ''}`;
  const wrongLength = new Set(errors.filter((e) => e.keyword === 'minLength' || e.keyword === 'maxLength').map(where));
  const kept = collapseOneOf(errors).filter((e) => e.keyword !== 'pattern' || !wrongLength.has(where(e)));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of kept) {
    const diagnostic = describe(doc, error);
    if (!diagnostic) continue;
    const key = `${diagnostic.line}:${diagnostic.column}:${diagnostic.code}:${diagnostic.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(diagnostic);
    }
  }
  return out;
}

/** Keywords whose failure means the value does not have a oneOf branch's shape at all. */
const SHAPE_KEYWORDS = new Set(['type', 'enum', 'const']);

/**
 * A failed oneOf also reports every branch's errors. When the value has the shape of exactly one branch (a list
 * where the other branch is a preset name), that branch's errors say what is wrong: keep them alone. Otherwise
 * keep the oneOf alone, whose description (the hint) lists the accepted forms. Branches are told apart by schema
 * identity, not schemaPath: errors under a `$ref` carry the referenced schema's path.
 */
function collapseOneOf(errors: readonly AjvError[]): AjvError[] {
  let kept = [...errors];
  for (const oneOf of errors.filter((e) => e.keyword === 'oneOf')) {
    const branches = Array.isArray(oneOf.schema) ? (oneOf.schema as unknown[]) : [];
    const under = (e: AjvError) => e !== oneOf && (e.instancePath === oneOf.instancePath || e.instancePath.startsWith(`${oneOf.instancePath}/`));
    const shaped = branches.filter((branch) => !errors.some((e) => under(e) && e.parentSchema === branch && SHAPE_KEYWORDS.has(e.keyword)));
    kept =
      shaped.length === 1
        ? kept.filter((e) => e !== oneOf && !(under(e) && e.parentSchema !== shaped[0] && branches.includes(e.parentSchema)))
        : kept.filter((e) => !under(e));
  }
  return kept;
}

function describe(doc: SpecDocument, error: AjvError): Diagnostic | undefined {
  // A key breaking a propertyNames rule is reported twice: the broken rule (with `propertyName` set, the key as
  // `data`) and a vague "property name must be valid". Keep the rule, pointed at the key; drop the summary.
  if (error.keyword === 'propertyNames') return undefined;
  const key = error.propertyName;
  const path = key === undefined ? pointerToPath(error.instancePath) : [...pointerToPath(error.instancePath), key];
  const where = formatPath(key === undefined ? path : path.slice(0, -1)) || 'document';
  const hint = error.parentSchema?.description;
  const located = (code: string, message: string, at: Path, useKey = key !== undefined, fix = hint): Diagnostic => ({
    severity: 'error',
    code,
    message,
    ...(fix ? { hint: fix } : {}),
    file: doc.file,
    ...(useKey ? doc.locateKey(at) : doc.locate(at)),
    path: formatPath(at),
  });
  const params = error.params as Record<string, unknown>;
  const shown = key === undefined ? shownValue(error.data) : `key ${shownValue(error.data)}`;
  switch (error.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      const description = error.parentSchema?.properties?.[field]?.description ?? `Add \`${field}:\` here.`;
      return located('missing-field', `${where}: missing required field "${field}"`, path, true, description);
    }
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys(error.parentSchema?.properties ?? {});
      const close = allowed.find((a) => similar(a, field));
      const fix = close ? `Did you mean \`${close}\`?` : `Allowed fields here: ${allowed.join(', ')}.`;
      return located('unknown-field', `${where}: unknown field "${field}"`, [...path, field], true, fix);
    }
    case 'type': {
      // YAML reads unquoted digits (an account id, a numeric label) as a number, and `yes`/`no`... as booleans.
      const quote = params.type === 'string' && (typeof error.data === 'number' || typeof error.data === 'boolean');
      const why = typeof error.data === 'number' ? 'digits as a number (dropping leading zeros)' : 'true/false as a boolean';
      const fix = quote ? `Quote the value: YAML reads unquoted ${why}.${hint ? ` ${hint}` : ''}` : hint;
      return located('wrong-type', `${where}: must be ${article(String(params.type))}, not ${kindOf(error.data)}`, path, undefined, fix);
    }
    case 'pattern':
      return located('invalid-format', `${where}: ${shown} is not valid`, path);
    case 'minLength':
    case 'maxLength':
      return located('invalid-length', `${where}: ${shown} is ${[...String(error.data)].length} characters long; ${error.keyword === 'minLength' ? 'at least' : 'at most'} ${String(params.limit)} allowed`, path);
    case 'minimum':
    case 'maximum':
      return located('out-of-range', `${where}: ${shown} is ${error.keyword === 'minimum' ? 'below the minimum' : 'above the maximum'} of ${String(params.limit)}`, path);
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return located('invalid-count', `${where}: has ${countOf(error.data)} entries; ${error.keyword.startsWith('min') ? 'at least' : 'at most'} ${String(params.limit)} allowed`, path);
    case 'uniqueItems': {
      // ajv's i and j come in either order depending on the item type; point at the repetition, not the original.
      const repeated = Math.max(Number(params.i), Number(params.j));
      const first = Math.min(Number(params.i), Number(params.j));
      return located('duplicate-item', `${where}: ${shownValue((error.data as unknown[])[repeated])} is listed twice (also ${formatPath([...path, first])})`, [...path, repeated], false, 'Remove the repeated entry.');
    }
    case 'enum':
      return located('invalid-value', `${where}: ${shown} is not one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, path);
    case 'const':
      return located('invalid-value', `${where}: must be ${JSON.stringify(params.allowedValue)}`, path);
    case 'oneOf':
      return located('invalid-value', `${where}: ${shown} is not a valid value`, path);
    default:
      return located('invalid-value', `${where}: ${error.message ?? 'is not valid'}`, path);
  }
}

function pointerToPath(pointer: string): Path {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** A value as JSON, cut short: a 20,000-character invitation does not belong in a one-line diagnostic. */
function shownValue(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN - 1)}…` : json;
}

const MAX_SHOWN = 80;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${article(typeof value)} (${shownValue(value)})`;
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'mapping', array: 'list', integer: 'whole number' };
  const name = names[type] ?? type;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : Object.keys(value as object).length;
}

// One edit apart, or equal ignoring case: enough to catch `member:` for `members:` and `Description:`.
function similar(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(i + (a.length >= b.length ? 1 : 0)) === b.slice(i + (b.length >= a.length ? 1 : 0));
}
