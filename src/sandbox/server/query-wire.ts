// The awsQuery framing SNS and IAM share: a form-encoded request (`Action=...&Version=...&...`) read into the
// operation's shape, and an XML answer `<{Action}Response><{Action}Result>...</{Action}Result><ResponseMetadata>...`
// in the service's namespace. Lists travel as `Tags.member.N.Key`, maps as `Attributes.entry.N.key` / `.value` (the
// SDK's serializer).
import { firstViolation, type Shape } from '../constraints.js';
import { ServiceError, type HttpResponse, type RequestContext } from '../service.js';
import { escapeXml } from './errors.js';

/** One awsQuery operation: its input has passed the constraint table; it answers its Result's inner XML, if any. */
export type QueryOperation = (input: any, ctx: RequestContext) => string | undefined;

/**
 * The handler of an awsQuery service: the form read into the operation's shape -> the constraint table (awsQuery
 * services answer violations with ValidationError, phrased as the JSON services phrase them) -> the operation.
 */
export function queryService<Name extends string>(
  namespace: string,
  operations: Readonly<Record<Name, QueryOperation>>,
  constraints: Readonly<Record<Name, Shape & { type: 'structure' }>>,
): (form: URLSearchParams, ctx: RequestContext) => HttpResponse {
  const isServed = (action: string): action is Name => Object.hasOwn(operations, action);
  return (form, ctx) => {
    const action = form.get('Action') ?? '';
    if (!isServed(action)) throw new ServiceError('InvalidAction', `Could not find operation ${action} for version ${form.get('Version')}`);
    const shape = constraints[action];
    const input = decodeQuery(form, shape);
    const problem = firstViolation(shape, input);
    if (problem) throw new ServiceError('ValidationError', problem);
    return answer(namespace, action, operations[action](input, ctx), ctx.requestId);
  };
}

/** The N of `<prefix>.N[.<rest>]` keys present in the form, in order. */
function indexes(form: URLSearchParams, prefix: string): number[] {
  const found = new Set<number>();
  for (const key of form.keys()) {
    // `Tags.member.1.Key` for lists of structures, `TagKeys.member.1` for lists of strings.
    const match = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)(?:\\.|$)`).exec(key);
    if (match) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/** The members of an operation's input structure found in the form; members not sent stay absent. */
export function decodeQuery(form: URLSearchParams, shape: Shape & { type: 'structure' }): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const value = decodeMember(form, name, member);
    if (value !== undefined) input[name] = value;
  }
  return input;
}

function decodeMember(form: URLSearchParams, key: string, shape: Shape): unknown {
  switch (shape.type) {
    case 'map': {
      const at = indexes(form, `${key}.entry`);
      if (at.length === 0) return undefined;
      return Object.fromEntries(at.map((n) => [form.get(`${key}.entry.${n}.key`) ?? '', form.get(`${key}.entry.${n}.value`) ?? '']));
    }
    case 'list': {
      const at = indexes(form, `${key}.member`);
      if (at.length === 0) return form.has(key) ? [] : undefined;
      return at.map((n) => decodeMember(form, `${key}.member.${n}`, shape.member));
    }
    case 'structure':
      return Object.fromEntries(
        Object.entries(shape.members).flatMap(([name, member]) => {
          const value = decodeMember(form, `${key}.${name}`, member);
          return value === undefined ? [] : [[name, value]];
        }),
      );
    case 'integer':
    case 'float': {
      const text = form.get(key);
      return text === null ? undefined : Number(text);
    }
    case 'boolean': {
      const text = form.get(key);
      return text === null ? undefined : text === 'true';
    }
    default:
      return form.get(key) ?? undefined;
  }
}

/** `<name>text</name>`, the text escaped. */
export function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** The answer to `action`; `result` is the inner XML of its Result element (some actions have none). */
export function answer(namespace: string, action: string, result: string | undefined, requestId: string): HttpResponse {
  const body =
    `<${action}Response xmlns="${namespace}">` +
    (result === undefined ? '' : `<${action}Result>${result}</${action}Result>`) +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}
