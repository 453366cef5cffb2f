// Checks every command makes on its inputs before doing any work.
import { stat } from 'node:fs/promises';
import { GROUND_TRUTH_REGIONS, hasGroundTruth } from '../core/catalog.js';
import { GtctlError } from '../core/errors.js';

export async function requireDirectory(directory: string): Promise<void> {
  const info = await stat(directory).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new GtctlError('no-such-directory', `spec directory ${directory} does not exist`, 'user', 'Pass the directory that holds your specs with -d DIR.');
  }
}

/** A Region from --region or the environment gets the check a Project's `spec.region` gets from the rules. */
export function requireGroundTruth(region: string): void {
  if (!hasGroundTruth(region)) {
    throw new GtctlError('unsupported-region', `Ground Truth is not available in ${region}`, 'user', `Use one of: ${GROUND_TRUTH_REGIONS.join(', ')}.`);
  }
}
