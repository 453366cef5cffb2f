// Vitest globalSetup of the suites that run the built CLI (`node dist/cli/main.js`: vitest.config.ts's integration
// project, conformance/vitest.config.ts): a run straight after editing src/ must test that edit, not the last build.
// So when dist/ is behind its sources, build it first, with `npm run build`'s command. `npm test` builds before
// vitest starts, so there this finds dist/ fresh and does nothing.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What tsconfig.build.json compiles from src/: every .ts but tests and their support modules. */
const isBuilt = (file: string) => file.endsWith('.ts') && !file.endsWith('.test.ts') && path.basename(file) !== 'test-support.ts';

/**
 * The first source (relative to `src`) whose .js under `dist` is missing or older than it; undefined when none is.
 * Each source is compared with its own output because tsc rewrites every output it emits, while outputs of deleted
 * sources are never touched again (so the oldest file in dist/ says nothing). schemas/ is no input: the CLI reads it
 * from disk at run time.
 */
export function staleSource(src: string, dist: string): string | undefined {
  const sources = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && isBuilt(entry.name))
    .map((entry) => path.relative(src, path.join(entry.parentPath, entry.name)))
    .sort();
  return sources.find((source) => {
    const output = statSync(path.join(dist, source.replace(/\.ts$/, '.js')), { throwIfNoEntry: false });
    return output === undefined || output.mtimeMs < statSync(path.join(src, source)).mtimeMs;
  });
}

export function setup(): void {
  const stale = staleSource(path.join(ROOT, 'src'), path.join(ROOT, 'dist'));
  if (stale === undefined) return;
  console.log(`dist/ is older than src/${stale}: building it (tsc -p tsconfig.build.json) before the tests that run it`);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}
