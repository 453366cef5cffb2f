// `gtctl validate` as users run it: the built CLI (dist/, rebuilt by test/helpers/fresh-dist.ts when stale)
// in a child process, checked by exit code, stdout and stderr.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = 'dist/cli/main.js';
const INVALID = 'test/fixtures/invalid';
const WARNINGS = 'test/fixtures/warnings';
const ESC = '\u001b';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function gtctl(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const { NO_COLOR: _, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...inherited, ...env }, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The same command on a pseudo-terminal (util-linux `script`), for the colour checks; undefined where unavailable. */
function onTerminal(args: string[], env: NodeJS.ProcessEnv = {}): string | undefined {
  if (process.platform !== 'linux' || spawnSync('script', ['--version']).status !== 0) return undefined;
  const command = ['node', CLI, ...args].map((a) => `'${a}'`).join(' ');
  const { NO_COLOR: _, ...inherited } = process.env;
  return spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...inherited, ...env }, encoding: 'utf8' }).stdout;
}

describe('gtctl validate', () => {
  it('accepts the even-odd example: exit 0, a one-line summary on stdout, nothing on stderr', () => {
    expect(gtctl(['validate', '-d', 'specs/even-odd'])).toEqual({
      code: 0,
      stdout: '✓ specs/even-odd: 5 documents in 5 files (1 Project, 1 Workforce, 1 Bucket, 1 Team, 1 LabelingJob) valid\n',
      stderr: '',
    });
  });

  it('rejects an invalid tree: exit 1, each diagnostic with its hint on stderr, then the count', () => {
    expect(gtctl(['validate', '-d', `${INVALID}/job-single-label`])).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        `${INVALID}/job-single-label/job.yaml:15:13: error too-few-labels: text-classification needs at least 2 labels, found 1`,
        '  hint: Workers choose between labels: list at least two.',
        `✗ ${INVALID}/job-single-label: 1 error, 0 warnings; 2 documents in 2 files (1 Team, 1 LabelingJob)`,
        '',
      ].join('\n'),
    });
  });

  it('prints every diagnostic line in the contract format, each followed by a hint', () => {
    const { code, stderr } = gtctl(['validate', '-d', `${INVALID}/job-duration-out-of-range`]);
    expect(code).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    const heads = lines.filter((_, i) => i % 2 === 0).slice(0, -1);
    expect(heads.map((l) => /^(\S+):(\d+):(\d+): (error|warning) ([a-z-]+): .+$/.exec(l)?.slice(1, 6).join(' '))).toEqual([
      `${INVALID}/job-duration-out-of-range/job.yaml 17 20 error out-of-range`,
      `${INVALID}/job-duration-out-of-range/job.yaml 18 23 error out-of-range`,
      `${INVALID}/job-duration-out-of-range/job.yaml 36 20 error out-of-range`,
      `${INVALID}/job-duration-out-of-range/job.yaml 37 23 error out-of-range`,
    ]);
    for (const [i, line] of lines.entries()) if (i % 2 === 1) expect(line).toMatch(/^ {2}hint: \S/);
  });

  it('prints the diagnostics as a JSON array on stdout with --json, and nothing on stderr', () => {
    const { code, stdout, stderr } = gtctl(['validate', '-d', `${INVALID}/job-single-label`, '--json']);
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    expect(JSON.parse(stdout)).toEqual([
      {
        severity: 'error',
        code: 'too-few-labels',
        message: 'text-classification needs at least 2 labels, found 1',
        hint: 'Workers choose between labels: list at least two.',
        file: `${INVALID}/job-single-label/job.yaml`,
        line: 15,
        column: 13,
        path: 'spec.task.labels',
      },
    ]);
    expect(gtctl(['validate', '-d', 'specs/even-odd', '--json'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('exits 0 when there are only warnings, and shows them', () => {
    expect(gtctl(['validate', '-d', `${WARNINGS}/job-team-without-members`])).toEqual({
      code: 0,
      stdout: `✓ ${WARNINGS}/job-team-without-members: 2 documents in 2 files (1 Team, 1 LabelingJob) valid with 1 warning\n`,
      stderr: [
        `${WARNINGS}/job-team-without-members/job.yaml:6:9: warning team-without-members: team "labelers" has no members, so nobody will work on this job`,
        '  hint: Add members to the team (its `members` list or Member documents naming it).',
        '',
      ].join('\n'),
    });
  });

  it('reports YAML the parser cannot resolve as a diagnostic, not as an internal error', () => {
    const { code, stderr } = gtctl(['validate', '-d', `${INVALID}/yaml-unknown-alias`]);
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(`${INVALID}/yaml-unknown-alias/team.yaml:6:16: error yaml-syntax: unknown alias *description: no anchor &description before it`);
    expect(stderr).not.toContain('internal error');
  });

  it('fails on a missing directory with a message and a hint, and no stack trace', () => {
    expect(gtctl(['validate', '-d', 'no/such/dir'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error no-such-directory: spec directory no/such/dir does not exist\n  hint: Pass the directory that holds your specs with -d DIR.\n',
    });
  });

  it('refuses a --region without Ground Truth, as it refuses spec.region', () => {
    const { code, stderr } = gtctl(['validate', '-d', 'specs/even-odd', '--region', 'us-west-1']);
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe('error unsupported-region: Ground Truth is not available in us-west-1');
  });

  it('fails on a directory without specs', () => {
    const { code, stderr } = gtctl(['validate', '-d', 'schemas']);
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe('error no-specs: no *.yaml or *.yml files under schemas');
  });

  it('writes no colour when the output is not a terminal, or with NO_COLOR or --no-color', () => {
    for (const run of [
      gtctl(['validate', '-d', `${WARNINGS}/warnings-only`]),
      gtctl(['validate', '-d', `${INVALID}/job-single-label`], { NO_COLOR: '1' }),
      gtctl(['validate', '-d', `${INVALID}/job-single-label`, '--no-color']),
      gtctl(['validate', '-d', 'no/such/dir']),
    ]) {
      expect(run.stdout + run.stderr).not.toContain(ESC);
      expect(run.stdout + run.stderr).not.toBe('');
    }
  });

  it('writes colour on a terminal, unless NO_COLOR or --no-color say otherwise', (context) => {
    const args = ['validate', '-d', `${INVALID}/job-single-label`];
    const coloured = onTerminal(args);
    if (coloured === undefined) return context.skip('no pseudo-terminal (util-linux script) here');
    expect(coloured).toContain(`${ESC}[31m`);
    expect(onTerminal(args, { NO_COLOR: '1' })).not.toContain(ESC);
    expect(onTerminal([...args, '--no-color'])).not.toContain(ESC);
  });
});
