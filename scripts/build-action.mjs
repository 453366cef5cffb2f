#!/usr/bin/env node
// `npm run build:action`: bundles the GitHub Action (src/action/main.ts) and everything it runs, the AWS SDK and
// @actions/* included, into the one committed file action.yml names, so that `uses: <owner>/gtctl@<ref>` works on a
// fresh runner without `npm ci`. The output must be byte-for-byte reproducible: `--check` rebuilds it in memory and
// compares it with the committed file (src/action/bundle.test.ts runs that). So: no timestamps, no absolute paths,
// no source maps, fixed options.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// .mjs: an ES module wherever the file is, whatever package.json is (or is not) around it.
export const BUNDLE = 'dist-action/index.mjs';

/**
 * src/spec/schema-documents.ts reads schemas/ from disk next to the package; the bundle carries them inline instead:
 * the same documents, in the same (file-name) order, parsed once at start-up.
 */
const inlineSchemas = {
  name: 'inline-schemas',
  setup(b) {
    b.onResolve({ filter: /[/\\]schema-documents\.js$/ }, (args) => (args.importer.includes(`${path.sep}src${path.sep}spec${path.sep}`) ? { path: 'schema-documents', namespace: 'gtctl-schemas' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'gtctl-schemas' }, () => {
      const dir = path.join(ROOT, 'schemas');
      const names = readdirSync(dir).filter((n) => n.endsWith('.schema.json')).sort();
      const documents = names.map((n) => JSON.stringify(JSON.parse(readFileSync(path.join(dir, n), 'utf8'))));
      return { contents: `const DOCUMENTS = [\n${documents.join(',\n')}\n];\nexport function schemaDocuments() { return structuredClone(DOCUMENTS); }\n`, loader: 'js' };
    });
  },
};

/** The build; `write: false` returns the bytes instead of writing them (what the freshness test compares). */
export async function buildAction({ write = true } = {}) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/action/main.ts'],
    outfile: BUNDLE,
    bundle: true,
    // ESM: @actions/* ship ESM only, and the entry uses top-level await. Dynamic imports of the SDK (src/aws/clients.ts)
    // are literal strings, so esbuild inlines them: one file, no chunks.
    format: 'esm',
    platform: 'node',
    // action.yml runs it on node24; it must also run on Node 20 (gtctl's floor, and older self-hosted runners).
    target: 'node20',
    // ESM builds of dependencies where they ship one (smaller, tree-shaken); CommonJS otherwise.
    mainFields: ['module', 'main'],
    conditions: ['node', 'import'],
    // Bundled CommonJS code that calls require() on Node built-ins needs a real require in an ES module.
    banner: { js: "import { createRequire as __gtctlCreateRequire } from 'node:module';\nconst require = __gtctlCreateRequire(import.meta.url);" },
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    sourcemap: false,
    metafile: false,
    logLevel: 'warning',
    plugins: [inlineSchemas],
    write,
  });
  return write ? undefined : result.outputFiles[0].contents;
}

// `--check`: rebuild in memory and compare with the committed bundle, byte for byte (the freshness test runs this).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const fresh = await buildAction({ write: false });
    let committed;
    try {
      committed = readFileSync(path.join(ROOT, BUNDLE));
    } catch {
      committed = Buffer.alloc(0);
    }
    if (!Buffer.from(fresh).equals(committed)) {
      console.error(`${BUNDLE} is out of date with the source (${committed.length} bytes committed, ${fresh.length} built): run \`npm run build:action\` and commit the result.`);
      process.exit(1);
    }
    console.log(`${BUNDLE} is up to date (${committed.length} bytes).`);
  } else {
    await buildAction();
    const size = readFileSync(path.join(ROOT, BUNDLE)).length;
    console.log(`${BUNDLE}: ${(size / 1024 / 1024).toFixed(2)} MB`);
  }
}
