// YAML documents with positions: every value of a spec can be traced back to its line and column.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../core/diagnostics.js';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface Position {
  line: number;
  column: number;
}

/** One YAML document of a spec file, with what is needed to point at any of its values. */
export interface SpecDocument {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  /** The document as plain data. */
  value: unknown;
  /** Where the value at `path` starts; for a path that does not exist, its nearest existing parent. */
  locate(path: Path): Position;
  /** Where the key of the value at `path` starts (for unknown-field problems); falls back to `locate`. */
  locateKey(path: Path): Position;
}

export interface ParsedFile {
  documents: SpecDocument[];
  diagnostics: Diagnostic[];
}

export function parseSpecFile(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = [];
  const documents: SpecDocument[] = [];
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // A stream with only a bare syntax error comes back as an EmptyStream carrying the errors.
  const docs = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) {
    for (const error of (parsed as { errors: Array<{ message: string; pos: [number, number] }> }).errors) {
      diagnostics.push(yamlDiagnostic(file, error.message, at(error.pos[0]), 'error'));
    }
  }
  docs.forEach((doc, index) => {
    for (const error of doc.errors) diagnostics.push(yamlDiagnostic(file, error.message, at(error.pos[0]), 'error'));
    for (const warning of doc.warnings) diagnostics.push(yamlDiagnostic(file, warning.message, at(warning.pos[0]), 'warning'));
    if (doc.errors.length > 0) return;
    // Empty documents (a trailing `---`, a file of comments) are allowed and ignored.
    if (doc.contents === null) return;
    const docStart = at(doc.contents.range?.[0] ?? 0);
    documents.push({
      file,
      index,
      value: doc.toJS({ maxAliasCount: 100 }),
      locate: (path) => {
        const node = nodeAt(doc, path).node;
        return node?.range ? at(node.range[0]) : docStart;
      },
      locateKey: (path) => {
        const { node, key } = nodeAt(doc, path);
        const target = key ?? node;
        return target?.range ? at(target.range[0]) : docStart;
      },
    });
  });
  return { documents, diagnostics };
}

function yamlDiagnostic(file: string, message: string, position: Position, severity: 'error' | 'warning'): Diagnostic {
  // The yaml library's messages end with a source excerpt after a colon and newline; keep the first line.
  const text = message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
  return {
    severity,
    code: 'yaml-syntax',
    message: text,
    hint: 'Fix the YAML syntax; check indentation, quoting and that each key appears once per mapping.',
    file,
    ...position,
  };
}

/** The deepest node along `path`, and the key node holding it when the last step was a mapping key. */
function nodeAt(doc: Document, path: Path): { node: Node | undefined; key: Node | undefined } {
  let node: Node | undefined = doc.contents ?? undefined;
  let key: Node | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return { node, key: undefined };
      key = pair.key as Node;
      node = (pair.value as Node | null) ?? key;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      key = undefined;
      node = node.items[segment] as Node;
    } else {
      return { node, key: undefined };
    }
  }
  return { node, key };
}

/** `spec.members[2]`: how paths are shown to users. */
export function formatPath(path: Path): string {
  return path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment), '');
}
