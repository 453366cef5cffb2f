// `--state FILE`: the sandbox's state survives restarts. The file is the state JSON exactly as `GET /_sandbox/state`
// shows it; writes go to a temporary file in the same directory and are renamed over it, so a crash mid-write never
// leaves a torn file.
import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SandboxState } from './service.js';
import { emptyIamState } from './iam/state.js';
import { emptySnsState } from './sns/state.js';

/** A state file that cannot be read or written: the user's to fix (path, permissions, a file that is not ours). */
export class StateFileError extends Error {
  override name = 'StateFileError';
}

/** The saved state, or undefined when the file does not exist yet. Throws when the file is not a sandbox state. */
export function loadState(path: string): SandboxState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(`--state ${path}: cannot read it (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(`--state ${path}: not valid JSON (${(error as Error).message})`);
  }
  const problem = stateShapeProblem(parsed);
  if (problem) throw new StateFileError(`--state ${path}: not a gtctl sandbox state file: ${problem}`);
  // Files saved before the sandbox served SNS or IAM have no `sns` or `iam`: they load with no topics or roles.
  const state = parsed as Omit<SandboxState, 'sns' | 'iam'> & Partial<Pick<SandboxState, 'sns' | 'iam'>>;
  return { ...state, sns: state.sns ?? emptySnsState(), iam: state.iam ?? emptyIamState() };
}

// Checks the top level only: each service owns the shape below its key.
function stateShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const record = value as Record<string, unknown>;
  for (const key of ['cognito', 'sagemaker', 's3'] as const) {
    const part = record[key];
    if (typeof part !== 'object' || part === null || Array.isArray(part)) return `"${key}" must be an object`;
  }
  for (const key of ['sns', 'iam'] as const) {
    const part = record[key];
    if (part !== undefined && (typeof part !== 'object' || part === null || Array.isArray(part))) return `"${key}" must be an object`;
  }
  if (typeof record['clockOffsetMs'] !== 'number') return '"clockOffsetMs" must be a number';
  return undefined;
}

/**
 * Saves the state some milliseconds after the last change (`schedule`), one write at a time, skipping writes that
 * would not change the file. `flush` writes now and reports any error a background write met.
 */
export class StateFile {
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #lastWritten: string | undefined;
  #error: Error | undefined;
  #sequence = 0;

  constructor(
    readonly path: string,
    private readonly state: () => SandboxState,
    private readonly debounceMs = 50,
  ) {}

  schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#enqueue();
    }, this.debounceMs);
  }

  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    await this.#enqueue();
    if (this.#error) {
      const error = this.#error;
      this.#error = undefined;
      throw new StateFileError(`could not save sandbox state to ${this.path}: ${error.message}`);
    }
  }

  #enqueue(): Promise<void> {
    this.#writing = this.#writing.then(() => this.#write()).catch((error: unknown) => {
      this.#error = error as Error;
    });
    return this.#writing;
  }

  async #write(): Promise<void> {
    const text = JSON.stringify(this.state());
    if (text === this.#lastWritten) return;
    const temporary = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.${this.#sequence++}.tmp`);
    try {
      await writeFile(temporary, text);
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    this.#lastWritten = text;
  }
}
