import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askYesNo, lineReader, parseAnswer, type Terminal } from './prompt.js';

function terminal(interactive: boolean) {
  const input = new PassThrough();
  let shown = '';
  const t: Terminal = { interactive, input, output: { write: (chunk: string) => (shown += chunk) } };
  return { terminal: t, input, shown: () => shown };
}

const refuse = (): never => {
  throw new Error('refused');
};

describe('askYesNo', () => {
  it.each([
    ['yes\n', false, true],
    ['Y\n', false, true],
    ['no\n', true, false],
    ['maybe\n', true, false],
    ['\n', true, true],
    ['\n', false, false],
  ])('at a terminal: %j with default %s -> %s', async (typed, defaultAnswer, expected) => {
    const t = terminal(true);
    const answer = askYesNo(t.terminal, 'Delete?', defaultAnswer, refuse);
    t.input.end(typed);
    await expect(answer).resolves.toBe(expected);
    expect(t.shown()).toBe(`Delete? ${defaultAnswer ? '[Y/n]' : '[y/N]'} `);
  });

  it.each([true, false])('at a terminal, the input ends (Ctrl-D): the default, %s', async (defaultAnswer) => {
    const t = terminal(true);
    const answer = askYesNo(t.terminal, 'Delete?', defaultAnswer, refuse);
    t.input.end();
    await expect(answer).resolves.toBe(defaultAnswer);
  });

  it('without a terminal: reads and writes nothing, and hands the prompt to withoutTerminal', async () => {
    const t = terminal(false);
    const seen: string[] = [];
    await expect(askYesNo(t.terminal, 'Apply?', true, (prompt) => {
        seen.push(prompt);
        return true;
      })).resolves.toBe(true);
    expect(seen).toEqual(['Apply? [Y/n] ']);
    await expect(askYesNo(t.terminal, 'Delete?', false, refuse)).rejects.toThrow('refused');
    expect(t.shown()).toBe('');
  });
});

describe('lineReader', () => {
  it('keeps lines typed ahead of a prompt, and resolves undefined once the input ends', async () => {
    const t = terminal(true);
    t.input.end('first\nsecond\n');
    const reader = lineReader(t.input, t.terminal.output);
    expect([await reader.ask('1: '), await reader.ask('2: '), await reader.ask('3: ')]).toEqual(['first', 'second', undefined]);
    reader.close();
    expect(t.shown()).toBe('1: 2: 3: ');
  });
});

describe('parseAnswer', () => {
  it('empty is the default, y/yes is yes, anything else no', () => {
    expect([parseAnswer(undefined, true), parseAnswer(' Y ', false), parseAnswer('YES', false), parseAnswer('nope', true)]).toEqual([true, true, true, false]);
  });
});
