import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staleSource } from './fresh-dist.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'gtctl-fresh-dist-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Files under the temporary root, each with its modification time in seconds. */
function files(mtimes: Record<string, number>): void {
  for (const [file, seconds] of Object.entries(mtimes)) {
    const full = path.join(root, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, '');
    utimesSync(full, seconds, seconds);
  }
}
const stale = () => staleSource(path.join(root, 'src'), path.join(root, 'dist'));

describe('staleSource', () => {
  it.each([
    ['every output is at least as new as its source', { 'src/cli/main.ts': 10, 'dist/cli/main.js': 10 }, undefined],
    ['a source is newer than its output', { 'src/cli/main.ts': 10, 'dist/cli/main.js': 20, 'src/spec/load.ts': 30, 'dist/spec/load.js': 20 }, 'spec/load.ts'],
    ['a source has no output yet', { 'src/cli/main.ts': 10, 'dist/cli/main.js': 20, 'src/spec/new.ts': 5 }, 'spec/new.ts'],
    ['dist/ is missing', { 'src/cli/main.ts': 10 }, 'cli/main.ts'],
    ['only what the build leaves out changed', { 'src/cli/main.ts': 10, 'dist/cli/main.js': 20, 'src/cli/main.test.ts': 30, 'src/core/test-support.ts': 30, 'src/spec/README.md': 30 }, undefined],
    ['an output is left from a deleted source', { 'src/cli/main.ts': 10, 'dist/cli/main.js': 20, 'dist/spec/files.js': 1 }, undefined],
  ])('%s', (_what, mtimes, expected) => {
    files(mtimes);
    expect(stale()).toBe(expected);
  });
});
