// The JSON Schemas of `schemas/`, read from the package on disk (the CLI runs from dist/, two levels below it).
// The GitHub Action's single-file bundle has no package around it: its build (scripts/build-action.mjs) replaces
// this module with one that carries the same documents inline, so keep this module's export list as it is.
import { readFileSync, readdirSync } from 'node:fs';

const SCHEMA_DIRECTORY = new URL('../../schemas/', import.meta.url);

/** Every `*.schema.json`, parsed, in file-name order. */
export function schemaDocuments(): unknown[] {
  return readdirSync(SCHEMA_DIRECTORY)
    .filter((name) => name.endsWith('.schema.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(new URL(name, SCHEMA_DIRECTORY), 'utf8')) as unknown);
}
