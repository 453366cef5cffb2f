import { describe, expect, it } from 'vitest';
import { GtctlError, InvalidSpecsError } from '../core/errors.js';
import { renderError } from './diagnostics.js';
import { PLAIN } from './test-support.js';

describe('renderError (what the CLI prints when a command stops)', () => {
  it('shows gtctl\'s code with AWS\'s error name beside it, then the hint', () => {
    const error = new GtctlError('aws-error', 'sagemaker CreateWorkteam failed: Workteam t already exists.', 'aws', 'Pick another name.', { awsCode: 'ResourceInUse' });
    expect(renderError(error, PLAIN)).toBe('error aws-error (ResourceInUse): sagemaker CreateWorkteam failed: Workteam t already exists.\n  hint: Pick another name.\n');
  });

  it('lists the spec problems behind invalid specs first', () => {
    const d = { severity: 'error' as const, code: 'unknown-team', message: 'unknown team "x"', file: 'specs/job.yaml', line: 6, column: 9 };
    expect(renderError(new InvalidSpecsError([d]), PLAIN).split('\n')[0]).toBe('specs/job.yaml:6:9: error unknown-team: unknown team "x"');
  });

  it('shows a gtctl bug with its stack and asks for a report', () => {
    const text = renderError(new TypeError('x is undefined'), PLAIN);
    expect(text).toMatch(/^internal error: TypeError: x is undefined\n {4}at /);
    expect(text).toContain('This is a bug in gtctl');
  });
});
