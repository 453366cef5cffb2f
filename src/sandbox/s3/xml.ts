// S3's XML: reading request payloads into the model's member shapes, and writing responses the SDK's REST-XML
// deserializer reads. Lists are flattened or wrapped as each model shape says, so the readers and writers of each
// operation name their elements themselves; this file only holds what they share.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { ServiceError, type HttpResponse } from '../service.js';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** An element's content as the parser gives it: a string for text, an object of child elements, or arrays of either. */
export type XmlValue = string | XmlElement | XmlValue[];
export interface XmlElement {
  [child: string]: XmlValue;
}

export function malformedXml(): ServiceError {
  return new ServiceError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  // Keys and tag values are strings exactly as sent: no number guessing, no trimming (a key may end in a space).
  parseTagValue: false,
  trimValues: false,
  // The SDK escapes \r, \n and some Unicode line breaks as numeric character references.
  htmlEntities: true,
});

/** The root element's content, or MalformedXML when the body is not well-formed XML with that root. */
export function readXml(body: Buffer, root: string): XmlElement {
  const text = body.toString('utf8');
  if (XMLValidator.validate(text) !== true) throw malformedXml();
  const parsed = parser.parse(text) as Record<string, XmlValue>;
  const names = Object.keys(parsed);
  if (names.length !== 1 || names[0] !== root) throw malformedXml();
  return element(parsed[root]);
}

/** A child that must hold elements; an empty element (`<TagSet/>`) reads as no children. */
export function element(value: XmlValue | undefined): XmlElement {
  if (value === undefined || value === '') return {};
  if (typeof value === 'string' || Array.isArray(value)) throw malformedXml();
  return value;
}

/** A repeated element (flattened or inside a wrapper) as a list; undefined when it does not occur at all. */
export function list(value: XmlValue | undefined): XmlValue[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

export function text(value: XmlValue | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  // Whitespace around a text value the parser kept as a `#text` child of an otherwise empty element.
  if (!Array.isArray(value) && Object.keys(value).every((k) => k === '#text')) return (value['#text'] as string | undefined) ?? '';
  throw malformedXml();
}

export function texts(value: XmlValue | undefined): string[] | undefined {
  return list(value)?.map((v) => text(v) ?? '');
}

export function bool(value: XmlValue | undefined): boolean | undefined {
  const raw = text(value)?.trim();
  if (raw === undefined) return undefined;
  if (raw !== 'true' && raw !== 'false') throw malformedXml();
  return raw === 'true';
}

export function int(value: XmlValue | undefined): number | undefined {
  const raw = text(value)?.trim();
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw malformedXml();
  return Number(raw);
}

// Escaped as the SDK's own XML writer does: its parser turns a raw \r\n into \n, so line breaks travel as references.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  tagValueProcessor: (_name: string, value: unknown) => escapeText(String(value)),
});

function escapeText(value: string): string {
  return value.replace(/[&<>"'\r\n]/g, (c) => ENTITIES[c] ?? c);
}
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#xD;',
  '\n': '&#xA;',
};

/**
 * A 200 answer whose body is `<root xmlns="...">content</root>`. Undefined members are left out; arrays repeat
 * their element (the flattened lists S3 uses), so a wrapped list is written as `{ TagSet: { Tag: [...] } }`.
 */
export function xmlResponse(root: string, content: Record<string, unknown>, headers: Record<string, string> = {}): HttpResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/xml', ...headers },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: { '@_xmlns': S3_NAMESPACE, ...content } }) as string}`,
  };
}

/** A success without a body: 200 for PUTs, 204 for DELETEs, as the model's `http` trait states. */
export function emptyResponse(status: 200 | 204, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers };
}
