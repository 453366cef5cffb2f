// The scenarios against the target the conformance runner names (GTCTL_CONFORMANCE_TARGET, run.mjs).
import { afterAll, beforeAll, describe } from 'vitest';
import { conformanceTarget } from '../target-from-env.js';
import type { Target } from '../targets.js';
import { scenarios } from './scenarios.js';

describe(`scenarios on ${process.env['GTCTL_CONFORMANCE_TARGET'] ?? 'sandbox'}`, () => {
  let target: Target;
  beforeAll(async () => void (target = await conformanceTarget()));
  afterAll(() => target?.close());
  scenarios(() => target);
});
