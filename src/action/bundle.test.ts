// The Action as users get it: action.yml at the repository root and the committed bundle it names. The bundle must
// be what the source builds today (esbuild's output is deterministic, so bytes are compared), and action.yml must
// declare exactly the inputs and outputs the code reads and sets.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, ROOT), 'utf8');

interface ActionYml {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
}

describe('the Action bundle', () => {
  it('is up to date with the source (rebuilt in memory, compared byte for byte)', async () => {
    const run = promisify(execFile)(process.execPath, ['scripts/build-action.mjs', '--check'], { cwd: ROOT });
    await expect(run.catch((error: { stderr?: string }) => Promise.reject(new Error(error.stderr ?? String(error))))).resolves.toMatchObject({ stdout: expect.stringContaining('is up to date') });
  });

  it('action.yml runs it on node24 and declares the inputs and outputs the code uses', () => {
    const action = parse(read('action.yml')) as ActionYml;
    expect(action.runs).toEqual({ using: 'node24', main: 'dist-action/index.mjs' });
    expect(Object.keys(action.inputs).sort()).toEqual(['command', 'comment', 'directory', 'drift-issue', 'github-token', 'lock-timeout', 'mask-emails', 'region']);
    expect(action.inputs).toMatchObject({ 'mask-emails': { default: 'true' }, comment: { default: 'true' }, 'drift-issue': { default: 'false' }, 'github-token': { default: '${{ github.token }}' } });
    const inputsSource = read('src/action/inputs.ts');
    for (const name of Object.keys(action.inputs)) expect(inputsSource, `src/action/inputs.ts reads "${name}"`).toContain(`'${name}'`);
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'has-changes', 'plan-json']);
    const mainSource = read('src/action/main.ts');
    for (const name of Object.keys(action.outputs)) expect(mainSource, `src/action/main.ts sets "${name}"`).toContain(`setOutput('${name}'`);
  });

  it('is committed: git does not ignore it', async () => {
    // `git check-ignore` exits 1 for a path no ignore rule matches (0: ignored; 128: no repository here, nothing to check).
    const code = await new Promise<number | null>((resolve) => execFile('git', ['check-ignore', '-q', 'dist-action/index.mjs'], { cwd: ROOT }, (error) => resolve(error ? ((error as { code?: number }).code ?? null) : 0)));
    expect(code === 1 || code === 128, `git check-ignore exited ${code}`).toBe(true);
  });
});

describe('the workflows', () => {
  const workflow = (name: string) => parse(read(`.github/workflows/${name}`)) as { on: Record<string, unknown>; permissions: Record<string, string>; concurrency?: Record<string, unknown>; jobs: Record<string, { steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown> }> }> };
  const steps = (w: ReturnType<typeof workflow>) => Object.values(w.jobs).flatMap((j) => j.steps);

  it('plan: pull_request (never pull_request_target), OIDC, read-only contents, a pull-request comment', () => {
    const w = workflow('gtctl-plan.yml');
    expect(Object.keys(w.on)).toEqual(['pull_request']);
    expect(w.permissions).toEqual({ 'id-token': 'write', contents: 'read', 'pull-requests': 'write' });
    expect(steps(w).map((s) => s.uses)).toEqual(['actions/checkout@v4', 'aws-actions/configure-aws-credentials@v4', './']);
    expect(steps(w).at(-1)!.with).toMatchObject({ command: 'plan' });
  });

  it('apply: push to main, one at a time and never cancelled', () => {
    const w = workflow('gtctl-apply.yml');
    expect(w.on).toMatchObject({ push: { branches: ['main'] } });
    expect(w.concurrency).toEqual({ group: 'gtctl-apply', 'cancel-in-progress': false });
    expect(steps(w).at(-1)!.with).toMatchObject({ command: 'apply' });
  });

  it('drift: scheduled, may write issues', () => {
    const w = workflow('gtctl-drift.yml');
    expect(Object.keys(w.on)).toContain('schedule');
    expect(w.permissions.issues).toBe('write');
    expect(steps(w).at(-1)!.with).toMatchObject({ command: 'drift', 'drift-issue': true });
  });

  it('ci: what .ci/run does, on Node 20', () => {
    const w = workflow('ci.yml');
    expect(steps(w).find((s) => s.uses?.startsWith('actions/setup-node'))!.with).toMatchObject({ 'node-version': 20 });
    expect(steps(w).at(-1)!.run).toBe('npm ci && npm test');
    expect(read('.ci/run')).toContain('npm ci && npm test');
  });
});
