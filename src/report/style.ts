// Colour for humans on a terminal only: never with --no-color, NO_COLOR, or when output is piped.

export interface Style {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const COLOR: Style = { red: ansi(31, 39), yellow: ansi(33, 39), green: ansi(32, 39), bold: ansi(1, 22), dim: ansi(2, 22) };
const identity = (text: string) => text;
const PLAIN: Style = { red: identity, yellow: identity, green: identity, bold: identity, dim: identity };

export function styleFor(stream: { isTTY?: boolean }, options: { color?: boolean; env?: NodeJS.ProcessEnv }): Style {
  const env = options.env ?? process.env;
  const wanted = options.color !== false && env.NO_COLOR === undefined && stream.isTTY === true;
  return wanted ? COLOR : PLAIN;
}
