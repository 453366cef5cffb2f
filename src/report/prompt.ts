// The one way gtctl asks a person something: a prompt written to the output, a line read from the input. Yes/no
// questions carry a default answer, taken on an empty line or at the end of input (Ctrl-D), and are asked only at
// a terminal: without one the caller's `withoutTerminal` decides (say so and take the default, or refuse), so a run
// in CI never waits for an answer.
import { createInterface } from 'node:readline';
import type { TextSink } from './reporter.js';

/** Where a question is asked and answered. */
export interface Terminal {
  /** A person can answer: without one, nothing is read. */
  interactive: boolean;
  input: NodeJS.ReadableStream;
  output: TextSink;
}

/** The process's own: a person can answer only when both stdin and stdout are terminals (not piped, not CI). */
export function processTerminal(): Terminal {
  return { interactive: process.stdin.isTTY === true && process.stdout.isTTY === true, input: process.stdin, output: process.stdout };
}

/** A conversation of several questions over one input; `close` it when done. */
export interface LineReader {
  /** Writes `prompt` and resolves to the next line, or to undefined once the input has ended (Ctrl-D). */
  ask(prompt: string): Promise<string | undefined>;
  close(): void;
}

export function lineReader(input: NodeJS.ReadableStream, output: TextSink): LineReader {
  // Lines are read through the iterator, which buffers them: answers typed (or piped) ahead of a prompt are kept.
  // `terminal: false`: the terminal echoes and edits the line itself, and Ctrl-C stays the process's signal.
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    ask: async (prompt) => {
      output.write(prompt);
      const line = await lines.next();
      return line.done ? undefined : line.value;
    },
    close: () => rl.close(),
  };
}

/**
 * Asks `question [y/N] ` (`[Y/n]` when the default is yes) and reads one line. Without a terminal nothing is written
 * or read: `withoutTerminal` gets the prompt and answers (or throws to refuse).
 */
export async function askYesNo(terminal: Terminal, question: string, defaultAnswer: boolean, withoutTerminal: (prompt: string) => boolean): Promise<boolean> {
  const prompt = `${question} ${defaultAnswer ? '[Y/n]' : '[y/N]'} `;
  if (!terminal.interactive) return withoutTerminal(prompt);
  const reader = lineReader(terminal.input, terminal.output);
  try {
    return parseAnswer(await reader.ask(prompt), defaultAnswer);
  } finally {
    reader.close();
  }
}

/** Empty (or end of input) takes the default; `y`/`yes` is yes; anything else is no. */
export function parseAnswer(answer: string | undefined, defaultAnswer: boolean): boolean {
  const a = (answer ?? '').trim().toLowerCase();
  if (a === '') return defaultAnswer;
  return a === 'y' || a === 'yes';
}
