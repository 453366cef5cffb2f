// The scenarios against the target the conformance runner names (GTCTL_CONFORMANCE_TARGET, run.mjs).
import { afterAll, beforeAll, describe } from 'vitest';
import { conformanceTarget } from '../target-from-env.js';
import type { Target } from '../targets.js';
import { scenarios } from './scenarios.js';

const name = process.env['GTCTL_CONFORMANCE_TARGET'] ?? 'sandbox';

// On AWS the scenarios would need the Region's one private workforce and a job name burnt for good: the `aws`
// target runs the differential cases and the evidence probes only (README, "Conformance").
describe.skipIf(name === 'aws')(`scenarios on ${name}`, () => {
  let target: Target;
  beforeAll(async () => void (target = await conformanceTarget()));
  afterAll(() => target?.close());
  scenarios(() => target);
});
