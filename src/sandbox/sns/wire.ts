// SNS's awsQuery framing: a form-encoded request (`Action=...&Version=2010-03-31&...`) read into the model's shape,
// and an XML answer `<{Action}Response><{Action}Result>...</{Action}Result><ResponseMetadata>...`.
// Lists travel as `Tags.member.N.Key`, maps as `Attributes.entry.N.key` / `.value` (the SDK's serializer).
import type { Shape } from '../constraints.js';
import { escapeXml } from '../server/errors.js';
import type { HttpResponse } from '../service.js';

/** The XML namespace of every SNS answer, errors included. */
export const SNS_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** The N of `<prefix>.N.<rest>` keys present in the form, in order. */
function indexes(form: URLSearchParams, prefix: string): number[] {
  const found = new Set<number>();
  for (const key of form.keys()) {
    const match = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.`).exec(key);
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
    default:
      return form.get(key) ?? undefined;
  }
}

/** `<name>text</name>`, the text escaped. */
export function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** The answer to `action`; `result` is the inner XML of its Result element (DeleteTopic has none). */
export function answer(action: string, result: string | undefined, requestId: string): HttpResponse {
  const body =
    `<${action}Response xmlns="${SNS_NAMESPACE}">` +
    (result === undefined ? '' : `<${action}Result>${result}</${action}Result>`) +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}
