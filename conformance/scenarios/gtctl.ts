// The real CLI, run as a user runs it, against a conformance target; and a spec tree copied from specs/even-odd,
// with the sandbox's account replaced by the target's.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target } from '../targets.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'dist/cli/main.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function gtctl(target: Target, cwd: string, ...args: string[]): Promise<Run> {
  // Nothing of the developer's own AWS setup may leak in.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && k !== 'FORCE_COLOR'));
  const env = { ...inherited, ...target.env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** specs/even-odd in a new folder, naming the target's account. */
export function seedSpecs(target: Target): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gtctl-conformance-'));
  const source = path.join(ROOT, 'specs/even-odd');
  for (const file of readdirSync(source))
    writeFileSync(path.join(dir, file), readFileSync(path.join(source, file), 'utf8').replaceAll('000000000000', target.account));
  return dir;
}

/** POST /_sandbox/<route> on the sandbox serving SageMaker. */
export async function sandboxRoute<T>(target: Target, route: string, body: unknown): Promise<T> {
  const res = await fetch(`${target.sageMakerUrl}/_sandbox/${route}`, { method: 'POST', body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST /_sandbox/${route}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}
