import { describe, expect, it } from 'vitest';
import { code, escapeMarkdown, fenced, packSections, type Section } from './github-markdown.js';

const section = (name: string, n: number): Section => ({ head: [`## ${name}`, '```'], items: Array.from({ length: n }, (_, i) => ({ lines: [`${name}-${i}`], address: `${name}/${i}` })), tail: ['```'] });
const omitted = (n: number) => [`(${n} not shown)`];

describe('packSections', () => {
  it('everything when it fits', () => {
    expect(packSections({ head: ['# T'], sections: [section('a', 2), section('empty', 0)], foot: ['end'], omitted }, 1000)).toBe('# T\n## a\n```\na-0\na-1\n```\nend\n');
  });

  it('stops at the first item that does not fit, closes its section, counts what is shown nowhere', () => {
    // The whole is 58 characters; room is kept for the longest possible note and the foot.
    const out = packSections({ head: ['# T'], sections: [section('a', 3), section('b', 3)], foot: ['end'], omitted }, 57);
    expect(out).toBe('# T\n## a\n```\na-0\n```\n(5 not shown)\nend\n');
  });

  it('counts an address shown in one section as shown, wherever else it appears', () => {
    const twice: Section = { head: ['## again'], items: [{ lines: ['a-0 again'], address: 'a/0' }], tail: [] };
    const out = packSections({ head: ['# T'], sections: [section('a', 1), section('b', 10), twice], foot: [], omitted }, 60);
    expect(out).toContain('(10 not shown)');
  });
});

describe('markdown text', () => {
  it('fences are longer than any backtick run inside', () => {
    expect(fenced('diff', ['a', 'b'])).toEqual({ open: '```diff', close: '```' });
    expect(fenced('diff', ['````x'])).toEqual({ open: '`````diff', close: '`````' });
  });

  it('inline code survives backticks', () => {
    expect(code('team/a')).toBe('`team/a`');
    expect(code('object/b/`k`')).toBe('`` object/b/`k` ``');
  });

  it('escapes what would format, link or open HTML, and keeps code spans', () => {
    expect(escapeMarkdown('<!-- *a* [b](c) | `gtctl import` `\nnext')).toBe('\\<\\!-- \\*a\\* \\[b\\](c) \\| `gtctl import` \\` next');
  });
});
