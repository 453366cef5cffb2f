// Bad input at scale: random and mutated YAML (the even-odd example with lines deleted or duplicated, random bytes,
// deep nesting, huge numbers, anchors and aliases, values of the wrong type) never makes loading throw, and every
// diagnostic says where: file, line and column from 1, a code and a message. A few runs go through the built CLI
// (`gtctl validate`), pointed at a closed port for AWS: exit 0 or 1, no internal error, no AWS call attempted.
//
// Reproducible from the seed (FC_SEED overrides it); GTCTL_FUZZ_RUNS multiplies the runs (200 in-process and 10 CLI
// by default).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpecTexts } from '../../src/spec/load.js';
import { ROOT } from '../helpers/gtctl.js';

const SCALE = Number(process.env.GTCTL_FUZZ_RUNS ?? 1);
const SEED = Number(process.env.FC_SEED ?? 20261126);
const FILES = ['project', 'workforce', 'team', 'bucket', 'labeling-job'].map((name) => {
  const file = `specs/even-odd/${name}.yaml`;
  return { file, text: readFileSync(path.join(ROOT, file), 'utf8') };
});

const SNIPPETS = [
  '*undefinedAlias',
  '&a [*a]',
  '!!binary xyz',
  '!custom { a: 1 }',
  '<<: *nowhere',
  '? [complex, key]\n: value',
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '0x7fffffffffffffffff',
  '.nan',
  '-.inf',
  '~',
  '""',
  '"\\u0000\\uD800"',
  '|\n  block\n    deeper',
  '{',
  ']',
  "'unterminated",
  '%YAML 1.1',
  '%TAG ! tag:example.com,2000:',
  '---',
  '...',
  '\t',
  '\uFEFF',
  'members: 42',
  'members: { a: 1 }',
  'spec: []',
  'spec: "text"',
  'metadata: null',
  'kind: [Team]',
  'apiVersion: 7',
  'name: true',
  'teams: [1, 2, null]',
  'labels: &l [a, *l]',
  'x: &x { y: *x }',
];

type Mutation = (lines: string[]) => string[];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((i): Mutation => (lines) => lines.filter((_, j) => j !== i % Math.max(lines.length, 1))),
  fc.nat().map((i): Mutation => (lines) => lines.flatMap((l, j) => (j === i % Math.max(lines.length, 1) ? [l, l] : [l]))),
  fc.tuple(fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 8 })).map(([i, k, s]): Mutation => (lines) => {
    if (lines.length === 0) return [s];
    const j = i % lines.length;
    const line = lines[j]!;
    const at = k % (line.length + 1);
    return lines.map((l, m) => (m === j ? line.slice(0, at) + s + line.slice(at) : l));
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...SNIPPETS), fc.boolean()).map(([i, snippet, replace]): Mutation => (lines) => {
    const j = i % Math.max(lines.length, 1);
    const indent = /^\s*(- )?/.exec(lines[j] ?? '')?.[0] ?? '';
    const key = /^\s*(- )?([^:#]+:)/.exec(lines[j] ?? '')?.[2];
    const line = key && replace && !snippet.includes(':') ? `${indent}${key} ${snippet}` : `${indent}${snippet}`;
    return [...lines.slice(0, j), line, ...lines.slice(replace ? j + 1 : j)];
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 2000 }), fc.constantFrom('[', '{', '- ', 'a: ')).map(([i, depth, open]): Mutation => (lines) => {
    const j = i % Math.max(lines.length, 1);
    const nested = open === '[' ? '['.repeat(depth) + ']'.repeat(depth) : open === '{' ? '{a: '.repeat(depth) + '1' + '}'.repeat(depth) : open === '- ' ? Array.from({ length: Math.min(depth, 200) }, (_, d) => `${'  '.repeat(d)}- x`).join('\n') : Array.from({ length: Math.min(depth, 200) }, (_, d) => `${'  '.repeat(d)}a:`).join('\n') + ' 1';
    const key = /^(\s*)([^:#\s][^:#]*):/.exec(lines[j] ?? '');
    return [...lines.slice(0, j), key ? `${key[1]}${key[2]}: ${nested.includes('\n') ? `\n${nested.replace(/^/gm, `${key[1]}  `)}` : nested}` : nested, ...lines.slice(j + 1)];
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([i, k]): Mutation => (lines) => {
    // Swap two lines (indentation and order break).
    if (lines.length < 2) return lines;
    const a = i % lines.length;
    const b = k % lines.length;
    const out = [...lines];
    [out[a], out[b]] = [out[b]!, out[a]!];
    return out;
  }),
  fc.nat().map((i): Mutation => (lines) => lines.slice(0, i % (lines.length + 1))),
);

/** One spec tree: each even-odd file mutated a few times, sometimes replaced by random text, sometimes a file added. */
const tree: fc.Arbitrary<Array<{ file: string; text: string }>> = fc
  .tuple(
    fc.array(fc.tuple(fc.nat({ max: FILES.length - 1 }), mutation), { minLength: 1, maxLength: 6 }),
    fc.option(fc.tuple(fc.nat({ max: FILES.length - 1 }), fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom(...'{}[]:-,&*!|>\'"#%@`? \n\ta1'.split('')), maxLength: 200 }))), { nil: undefined }),
    fc.option(fc.constantFrom(...SNIPPETS), { nil: undefined }),
    fc.boolean(),
  )
  .map(([mutations, random, extra, crlf]) => {
    const files = FILES.map((f) => ({ file: f.file, lines: f.text.split('\n') }));
    for (const [i, m] of mutations) files[i]!.lines = m(files[i]!.lines);
    const out = files.map((f) => ({ file: f.file, text: f.lines.join(crlf ? '\r\n' : '\n') }));
    if (random) out[random[0]] = { file: out[random[0]]!.file, text: random[1] };
    if (extra !== undefined) out.push({ file: 'specs/even-odd/extra.yaml', text: extra });
    return out;
  });

function checkDiagnostics(sources: Array<{ file: string; text: string }>): void {
  const result = loadSpecTexts(sources, { region: 'us-east-1' });
  const files = new Set(sources.map((s) => s.file));
  for (const d of result.diagnostics) {
    const where = JSON.stringify(d);
    expect(files.has(d.file), where).toBe(true);
    expect(Number.isInteger(d.line) && d.line >= 1, where).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1, where).toBe(true);
    expect(d.code, where).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(typeof d.message === 'string' && d.message.length > 0, where).toBe(true);
    expect(['error', 'warning'], where).toContain(d.severity);
  }
  // No error means a desired state; an error means none.
  expect(result.desired === undefined, JSON.stringify(result.diagnostics)).toBe(result.diagnostics.some((d) => d.severity === 'error'));
}

describe('validate on random and mutated YAML', () => {
  it('loading never throws, and every diagnostic has a location, a code and a message', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(tree, (sources) => checkDiagnostics(sources)),
      { numRuns: 200 * SCALE, seed: SEED },
    );
  });

  it('an alias inside its own anchor is a diagnostic, not a crash (found by this fuzz test)', () => {
    const result = loadSpecTexts([{ file: 'specs/x.yaml', text: 'apiVersion: gtctl/v1\nkind: Team\nmetadata: &m { name: t, self: *m }\n' }]);
    expect(result.diagnostics).toMatchObject([{ code: 'yaml-syntax', line: 3, column: 31, message: 'alias *m is inside its own anchor &m: the value would contain itself' }]);
  });

  it('random text alone, as a whole file', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.constantFrom(...'{}[]:-,&*!|>\'"#%@`? \n\ta1'.split('')), maxLength: 300 })), (text) =>
        checkDiagnostics([{ file: 'specs/x.yaml', text }]),
      ),
      { numRuns: 200 * SCALE, seed: SEED + 1 },
    );
  });

  describe('through the built CLI', () => {
    let tmp = '';
    let closedPort = 0;
    beforeAll(async () => {
      tmp = await mkdtemp(path.join(tmpdir(), 'gtctl-fuzz-'));
      // A port nothing listens on: any AWS call would fail fast with a connection error.
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      closedPort = (server.address() as { port: number }).port;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    afterAll(async () => {
      if (tmp) await rm(tmp, { recursive: true, force: true });
    });

    const run = (dir: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
        const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), 'validate', '-d', dir], {
          cwd: tmp,
          env: { ...inherited, AWS_ENDPOINT_URL: `http://127.0.0.1:${closedPort}`, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true', NO_COLOR: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
        child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('error', reject);
        child.once('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
      });

    it('exit 0 or 1, no internal error, no AWS call', { timeout: 180_000 }, async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(tree, async (sources) => {
          const dir = path.join(tmp, `tree-${++n}`);
          const { mkdir } = await import('node:fs/promises');
          await mkdir(path.join(dir, 'specs/even-odd'), { recursive: true });
          for (const s of sources) await writeFile(path.join(dir, s.file), s.text);
          const result = await run(path.join(dir, 'specs/even-odd'));
          const output = `exit ${result.code}\n${result.stdout}\n${result.stderr}`;
          expect([0, 1], output).toContain(result.code);
          expect(result.stderr, output).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?$/im);
          expect(result.stdout + result.stderr, output).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|endpoint|credential/i);
        }),
        { numRuns: 10 * SCALE, seed: SEED + 2 },
      );
    });
  });
});
