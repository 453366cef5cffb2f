import { readFileSync } from 'node:fs';

/** gtctl's version, from package.json (read once, at start-up). */
export const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
