// The target run.mjs chose, from its environment: GTCTL_CONFORMANCE_TARGET and, for `moto`, the running moto_server
// at GTCTL_CONFORMANCE_ENDPOINT (run.mjs starts and stops it).
import { externalTarget, sandboxTarget, type Target } from './targets.js';

export async function conformanceTarget(): Promise<Target> {
  const name = process.env['GTCTL_CONFORMANCE_TARGET'] ?? 'sandbox';
  if (name === 'sandbox') return sandboxTarget();
  const endpoint = process.env['GTCTL_CONFORMANCE_ENDPOINT'];
  if (name === 'moto' && endpoint) return externalTarget('moto', endpoint);
  throw new Error(`No scenario target for ${name}${endpoint ? '' : ' (GTCTL_CONFORMANCE_ENDPOINT is not set)'}`);
}
