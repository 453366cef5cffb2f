import { describe, expect, it } from 'vitest';
import { formatValue, renderFieldDiff, textDiff } from './field-diff.js';
import { PLAIN } from './test-support.js';

const same = (s: string) => s;
const render = (d: Parameters<typeof renderFieldDiff>[0]) => renderFieldDiff(d, PLAIN, '', same);

describe('renderFieldDiff', () => {
  it.each([
    [{ path: 'description', before: 'a', after: 'b' }, '~ description: "a" -> "b"'],
    [{ path: 'tags.cost', after: 'ml' }, '+ tags.cost: "ml"'],
    [{ path: 'tags.old', before: 'x' }, '- tags.old: "x"'],
    [{ path: 'sourceIpCidrs', before: [], after: ['10.0.0.0/16'] }, '~ sourceIpCidrs: [] -> ["10.0.0.0/16"]'],
    [{ path: 'presignedUrlSourceIp', before: false, after: true }, '~ presignedUrlSourceIp: false -> true'],
  ])('%o', (d, line) => expect(render(d)).toEqual([line]));

  it('renders a new multi-line text as added lines', () => {
    expect(render({ path: 'invitation.message', after: 'Hi\nthere\n' })).toEqual(['+ invitation.message:', '    + Hi', '    + there']);
  });
});

describe('textDiff', () => {
  const before = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');

  it('keeps two lines of context around a change and elides the rest', () => {
    const after = before.replace('line 6', 'line six');
    expect(textDiff(before, after, PLAIN, '', same)).toEqual([
      '  ... 3 unchanged lines',
      '  line 4',
      '  line 5',
      '- line 6',
      '+ line six',
      '  line 7',
      '  line 8',
      '  ... 4 unchanged lines',
    ]);
  });

  it('keeps a short unchanged run between two changes whole', () => {
    const after = before.replace('line 2', 'line two').replace('line 6', 'line six');
    const out = textDiff(before, after, PLAIN, '', same);
    expect(out.slice(0, 9)).toEqual(['  line 1', '- line 2', '+ line two', '  line 3', '  line 4', '  line 5', '- line 6', '+ line six', '  line 7']);
  });
});

describe('formatValue', () => {
  it('is JSON-ish, and says (none) for an absent value', () => {
    expect([formatValue('a "b"'), formatValue({ b: 1, a: [true] }), formatValue(undefined), formatValue(null)]).toEqual(['"a \\"b\\""', '{"b":1,"a":[true]}', '(none)', 'null']);
  });
});
