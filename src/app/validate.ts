// Use case: validate a spec tree. Reads files only; no AWS call, no credentials.
import { hasErrors, type Diagnostic } from '../core/diagnostics.js';
import { GtctlError } from '../core/errors.js';
import type { Kind } from '../spec/kinds.js';
import { loadSpecs } from '../spec/load.js';
import { requireDirectory, requireGroundTruth } from './preconditions.js';

export interface ValidateOptions {
  directory: string;
  region?: string;
}

export interface ValidateResult {
  valid: boolean;
  diagnostics: Diagnostic[];
  files: string[];
  counts: Record<Kind, number>;
}

export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  await requireDirectory(options.directory);
  if (options.region) requireGroundTruth(options.region);
  const loaded = await loadSpecs(options.directory, options.region ? { region: options.region } : {});
  if (loaded.files.length === 0) {
    throw new GtctlError('no-specs', `no *.yaml or *.yml files under ${options.directory}`, 'user', 'Point -d at the directory that holds your gtctl specs.');
  }
  return { valid: !hasErrors(loaded.diagnostics), diagnostics: loaded.diagnostics, files: loaded.files, counts: loaded.counts };
}
