// Runs the GitHub Action exactly as a runner does: `node dist-action/index.mjs` (the committed bundle action.yml
// names) in a child process, with the inputs as INPUT_* variables, the event payload in a file named by
// GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files, GITHUB_API_URL on a fake GitHub (fake-github.ts),
// and the AWS variables on the test file's sandbox. Nothing of the environment the tests themselves run in (a
// GitHub runner's GITHUB_*, RUNNER_*, INPUT_*, a developer's AWS_*) reaches the child.
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, REGION } from './gtctl.js';

export const BUNDLE = path.join(ROOT, 'dist-action/index.mjs');
export const REPOSITORY = 'acme/labeling-specs';

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT, parsed. */
  outputs: Record<string, string>;
  /** What the run appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** Milliseconds from spawn to the first byte on stdout. */
  firstOutputMs: number;
}

export interface ActionEvent {
  name: 'pull_request' | 'push' | 'schedule' | 'workflow_dispatch';
  payload: Record<string, unknown>;
}

export const pullRequest = (number: number, sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'): ActionEvent => ({
  name: 'pull_request',
  payload: { action: 'synchronize', number, pull_request: { number, head: { sha, ref: 'add-worker' }, base: { ref: 'main' } }, repository: { full_name: REPOSITORY, default_branch: 'main' } },
});

export const push = (sha = 'f00dfeed00000000000000000000000000000001', ref = 'refs/heads/main'): ActionEvent => ({
  name: 'push',
  payload: { ref, after: sha, head_commit: { id: sha }, repository: { full_name: REPOSITORY, default_branch: 'main' } },
});

export const schedule = (): ActionEvent => ({ name: 'schedule', payload: { schedule: '0 6 * * *' } });

let runs = 0;

/**
 * Runs the Action in `cwd` (the "workspace") with `inputs` (names as in action.yml; unset inputs get action.yml's
 * defaults, as the runner does), against the sandbox at `awsEndpoint` and the fake GitHub at `apiUrl`.
 */
export async function runAction(options: { cwd: string; inputs: Record<string, string>; event: ActionEvent; awsEndpoint: string; apiUrl: string }): Promise<ActionRun> {
  const dir = path.join(options.cwd, `.action-run-${++runs}`);
  await mkdir(dir, { recursive: true });
  const files = { event: path.join(dir, 'event.json'), summary: path.join(dir, 'summary.md'), output: path.join(dir, 'output.txt') };
  await writeFile(files.event, JSON.stringify(options.event.payload));
  await writeFile(files.summary, '');
  await writeFile(files.output, '');
  const defaults: Record<string, string> = { directory: '.', 'mask-emails': 'true', comment: 'true', 'github-token': 'ghs_fake-token', 'drift-issue': 'false', region: '' };
  const inputs = { ...defaults, ...options.inputs };
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AWS_|GITHUB_|RUNNER_|INPUT_|ACTIONS_)/.test(k) && k !== 'CI'));
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value])),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_SHA: 'f00dfeed00000000000000000000000000000001',
    GITHUB_REF: options.event.name === 'pull_request' ? 'refs/pull/7/merge' : 'refs/heads/main',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_WORKSPACE: options.cwd,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    RUNNER_TEMP: dir,
    AWS_ENDPOINT_URL: options.awsEndpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const started = performance.now();
  let firstOutputMs = -1;
  // Asynchronous: the sandbox and the fake GitHub answer from this very process.
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (firstOutputMs < 0) firstOutputMs = performance.now() - started;
      out += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('error', reject);
    child.once('close', (exit) => resolve({ code: exit, stdout: out, stderr: err }));
  });
  return { code, stdout, stderr, outputs: parseOutputs(await readFile(files.output, 'utf8')), summary: await readFile(files.summary, 'utf8'), firstOutputMs };
}

/** GITHUB_OUTPUT's format: `name<<DELIMITER`, the value's lines, `DELIMITER`. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const end = lines.indexOf(m[2]!, i + 1);
    out[m[1]!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return out;
}
