import { describe, expect, it } from 'vitest';
import { formatPath, parseSpecFile } from './documents.js';

/** Lines joined with newlines: a test's YAML reads top to bottom, and its line numbers are the array's plus one. */
const lines = (...text: string[]) => `${text.join('\n')}\n`;

const TEAM = lines(
  'apiVersion: gtctl/v1', // 1
  'kind: Team', // 2
  'metadata:', // 3
  '  name: labelers', // 4
  'spec:', // 5
  '  members:', // 6
  '    - ann@example.com', // 7
  '    - bob@example.com', // 8
  '  tags: { cost-center: "42" }', // 9
);

function only(text: string) {
  const parsed = parseSpecFile('specs/team.yaml', text);
  expect(parsed.diagnostics).toEqual([]);
  expect(parsed.documents).toHaveLength(1);
  return parsed.documents[0]!;
}

describe('parseSpecFile positions', () => {
  it('keeps the plain value and locates nested values, sequence items and flow values', () => {
    const doc = only(TEAM);
    expect(doc.value).toEqual({
      apiVersion: 'gtctl/v1',
      kind: 'Team',
      metadata: { name: 'labelers' },
      spec: { members: ['ann@example.com', 'bob@example.com'], tags: { 'cost-center': '42' } },
    });
    expect(doc.locate(['metadata', 'name'])).toEqual({ line: 4, column: 9 });
    expect(doc.locate(['spec', 'members', 1])).toEqual({ line: 8, column: 7 });
    expect(doc.locate(['spec', 'tags', 'cost-center'])).toEqual({ line: 9, column: 24 });
    expect(doc.locate([])).toEqual({ line: 1, column: 1 });
  });

  it('locates keys separately from their values', () => {
    const doc = only(TEAM);
    expect(doc.locateKey(['spec', 'members'])).toEqual({ line: 6, column: 3 });
    expect(doc.locateKey(['spec', 'tags', 'cost-center'])).toEqual({ line: 9, column: 11 });
    // A sequence item has no key: its own position.
    expect(doc.locateKey(['spec', 'members', 0])).toEqual({ line: 7, column: 7 });
  });

  it('falls back to the nearest existing parent for a path that does not exist', () => {
    const doc = only(TEAM);
    expect(doc.locate(['spec', 'description'])).toEqual({ line: 6, column: 3 });
    expect(doc.locate(['spec', 'members', 5])).toEqual({ line: 7, column: 5 });
    expect(doc.locateKey(['spec', 'description'])).toEqual({ line: 6, column: 3 });
  });

  it('maps the lines of a literal block scalar to file lines, and any other string to its start', () => {
    const doc = only(lines('content: |', '  {"source": "1"}', '', '    {"source": "3"}', 'folded: >', '  a', '  b'));
    expect(doc.locateLine(['content'], 1)).toEqual({ line: 2, column: 3 });
    expect(doc.locateLine(['content'], 3)).toEqual({ line: 4, column: 5 });
    // Past the block's end: the block itself.
    expect(doc.locateLine(['content'], 9)).toEqual({ line: 1, column: 10 });
    expect(doc.locateLine(['folded'], 2)).toEqual({ line: 5, column: 9 });
  });
});

describe('parseSpecFile documents', () => {
  it('splits multi-document files, numbering documents in file order and positions file-wide', () => {
    const { documents, diagnostics } = parseSpecFile('specs/two.yaml', lines('kind: Team', '---', '# second', 'kind: Member', 'metadata: { name: x }'));
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => [d.index, d.value])).toEqual([
      [0, { kind: 'Team' }],
      [1, { kind: 'Member', metadata: { name: 'x' } }],
    ]);
    expect(documents[1]!.locate(['metadata', 'name'])).toEqual({ line: 5, column: 19 });
    expect(documents[1]!.locate([])).toEqual({ line: 4, column: 1 });
  });

  it('ignores empty documents: an empty file, comments only, a trailing or doubled ---', () => {
    for (const text of ['', lines('# nothing here'), lines('kind: Team', '---'), lines('---', '---', 'kind: Team', '---', '# end')]) {
      const { documents, diagnostics } = parseSpecFile('specs/x.yaml', text);
      expect(diagnostics).toEqual([]);
      expect(documents.map((d) => d.value)).toEqual(text.includes('kind') ? [{ kind: 'Team' }] : []);
    }
  });

  it('keeps a null written out as a document (it is reported as not a document later)', () => {
    expect(parseSpecFile('specs/x.yaml', lines('---', 'null')).documents.map((d) => d.value)).toEqual([null]);
  });
});

describe('parseSpecFile YAML errors', () => {
  const errorsOf = (text: string) => parseSpecFile('specs/bad.yaml', text).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);

  it('reports a badly indented key where the key is, not at the start of its line', () => {
    expect(errorsOf(lines('metadata:', '  name: a', ' spec: {}'))).toEqual(['3:2 error yaml-syntax: All mapping items must start at the same column']);
  });

  it('reports an unclosed quote where it was opened, not at the end of the document', () => {
    expect(errorsOf(lines('metadata:', '  name: "labelers', 'spec:', '  members: []'))).toEqual(['2:9 error yaml-syntax: Missing closing "quote']);
  });

  it('reports an unclosed flow collection at its opening bracket', () => {
    expect(errorsOf(lines('kind: Team', 'metadata: { name: a', '---', 'kind: Team'))).toEqual([
      '2:11 error yaml-syntax: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
  });

  it('reports a duplicate key at its second occurrence', () => {
    expect(errorsOf(lines('kind: Team', 'spec:', '  description: a', '  description: b'))).toEqual(['4:3 error yaml-syntax: Map keys must be unique']);
  });

  it('reports an alias without its anchor instead of throwing', () => {
    expect(errorsOf(lines('kind: Team', 'spec:', '  description: *text'))).toEqual(['3:16 error yaml-syntax: unknown alias *text: no anchor &text before it']);
  });

  it('reports an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const n of 'bcdefghij') bomb.push(`${n}: &${n} [${Array(10).fill(`*${String.fromCharCode(n.charCodeAt(0) - 1)}`).join(', ')}]`);
    const [diagnostic, ...rest] = parseSpecFile('specs/bomb.yaml', lines(...bomb)).diagnostics;
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ severity: 'error', code: 'yaml-syntax', line: 1, column: 1 });
    expect(diagnostic!.message).toMatch(/alias/i);
  });

  it('drops the broken document only: the others of the file are kept', () => {
    const parsed = parseSpecFile('specs/three.yaml', lines('kind: Team', '---', 'kind: [Team', '---', 'kind: Member'));
    expect(parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['3:7 yaml-syntax']);
    expect(parsed.documents.map((d) => [d.index, d.value])).toEqual([
      [0, { kind: 'Team' }],
      [2, { kind: 'Member' }],
    ]);
  });

  it('gives every YAML problem a hint and the file it is in', () => {
    const [d] = parseSpecFile('specs/bad.yaml', lines('a: b: c')).diagnostics;
    expect(d).toMatchObject({ file: 'specs/bad.yaml', code: 'yaml-syntax', severity: 'error', line: 1, column: 4 });
    expect(d!.hint).toMatch(/indentation/);
  });
});

describe('formatPath', () => {
  it('writes keys with dots and indexes in brackets', () => {
    expect(formatPath(['spec', 'members', 2])).toBe('spec.members[2]');
    expect(formatPath([0, 'key'])).toBe('[0].key');
    expect(formatPath([])).toBe('');
  });
});
