// YAML documents with positions: every value of a spec can be traced back to its line and column.
import { isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Alias, type Document, type Node } from 'yaml';
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
  /**
   * Where line `line` (1-based) of the string at `path` starts in the file. Only a literal block scalar (`|`) keeps
   * its lines one to one with the file's; for any other string this is `locate(path)`.
   */
  locateLine(path: Path, line: number): Position;
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
    for (const error of doc.errors) {
      const offset = error.code === 'MISSING_CHAR' || error.code === 'BAD_INDENT' ? unclosedStart(doc, error.pos[0]) : error.pos[0];
      // A badly indented line is reported at its start; the key or item that is out of line is after the spaces.
      const skipped = error.code === 'BAD_INDENT' && offset === error.pos[0] ? /^ */.exec(text.slice(offset))![0].length : 0;
      diagnostics.push(yamlDiagnostic(file, error.message, at(offset + skipped), 'error'));
    }
    for (const warning of doc.warnings) diagnostics.push(yamlDiagnostic(file, warning.message, at(warning.pos[0]), 'warning'));
    if (doc.errors.length > 0) return;
    // Empty documents (a trailing `---`, a file of comments) are allowed and ignored. The yaml library gives them
    // an empty null scalar, not null contents; a `null` or `~` actually written is not empty and is reported.
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && doc.contents.range[0] === doc.contents.range[1])) return;
    const docStart = at(doc.contents.range?.[0] ?? 0);
    // toJS throws on an alias without its anchor and on alias bombs; those are the user's YAML, not a crash.
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      const alias = unresolvedAlias(doc);
      diagnostics.push(
        alias
          ? yamlDiagnostic(file, `unknown alias *${alias.source}: no anchor &${alias.source} before it`, at(alias.range?.[0] ?? 0), 'error')
          : yamlDiagnostic(file, (error as Error).message, docStart, 'error'),
      );
      return;
    }
    // An alias inside its own anchor (`a: &x { b: *x }`) makes a value that contains itself: no spec value can be one.
    const circular = circularAlias(doc);
    if (circular) {
      diagnostics.push(yamlDiagnostic(file, `alias *${circular.source} is inside its own anchor &${circular.source}: the value would contain itself`, at(circular.range?.[0] ?? 0), 'error'));
      return;
    }
    documents.push({
      file,
      index,
      value,
      locate: (path) => {
        const node = nodeAt(doc, path).node;
        return node?.range ? at(node.range[0]) : docStart;
      },
      locateKey: (path) => {
        const { node, key } = nodeAt(doc, path);
        const target = key ?? node;
        return target?.range ? at(target.range[0]) : docStart;
      },
      locateLine: (path, line) => {
        const node = nodeAt(doc, path).node;
        if (!node?.range) return docStart;
        if (!isScalar(node) || node.type !== 'BLOCK_LITERAL') return at(node.range[0]);
        // Content line n is file line header + n; past the scalar's end (a chomped trailing line), keep the header.
        const fileLine = at(node.range[0]).line + line;
        const start = lineCounter.lineStarts[fileLine - 1];
        if (start === undefined || start >= node.range[1]) return at(node.range[0]);
        const indent = /^[ ]*/.exec(text.slice(start))![0].length;
        return { line: fileLine, column: indent + 1 };
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

/**
 * The yaml library reports an unclosed quote or flow collection where it gave up (often the end of the document);
 * the user needs the place it was opened: the innermost quoted scalar or flow collection ending at `offset`.
 */
function unclosedStart(doc: Document, offset: number): number {
  let start = offset;
  visit(doc, (_key, node) => {
    const range = (node as Node | null)?.range;
    if (!range || range[0] >= offset || range[1] !== offset) return;
    const unclosable = (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) || (isCollection(node) && node.flow === true);
    if (unclosable) start = range[0];
  });
  return start;
}

function unresolvedAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_key, alias) {
      if (alias.resolve(doc) !== undefined) return undefined;
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
}

function circularAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_key, alias) {
      const target = alias.resolve(doc)?.range;
      const at = alias.range?.[0];
      if (!target || at === undefined || at < target[0] || at >= target[1]) return undefined;
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
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
