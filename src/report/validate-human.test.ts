import { describe, expect, it } from 'vitest';
import type { ValidateResult } from '../app/validate.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { COLOR, PLAIN } from './test-support.js';
import { renderValidation } from './validate-human.js';

const plain = { stdout: PLAIN, stderr: PLAIN };
const counts = { Project: 0, Workforce: 0, Bucket: 0, Team: 1, Member: 0, LabelingJob: 1 };
const aResult = (overrides: Partial<ValidateResult> = {}): ValidateResult => ({ valid: true, diagnostics: [], files: ['team.yaml', 'job.yaml'], counts, ...overrides });
const problem = (severity: Diagnostic['severity']): Diagnostic => ({ severity, code: 'team-without-members', message: 'team t has no members', hint: 'Add members.', file: 'job.yaml', line: 3, column: 5 });

describe('renderValidation', () => {
  it('valid: one line on stdout with the documents by kind', () => {
    expect(renderValidation(aResult(), 'specs', plain)).toEqual({ stdout: '✓ specs: 2 documents in 2 files (1 Team, 1 LabelingJob) valid\n', stderr: '' });
    expect(renderValidation(aResult({ files: ['one.yaml'], counts: { ...counts, LabelingJob: 0 } }), 'specs', plain).stdout).toBe('✓ specs: 1 document in 1 file (1 Team) valid\n');
  });

  it('valid with warnings: they go to stderr and are counted on the stdout line', () => {
    expect(renderValidation(aResult({ diagnostics: [problem('warning')] }), 'specs', plain)).toEqual({
      stdout: '✓ specs: 2 documents in 2 files (1 Team, 1 LabelingJob) valid with 1 warning\n',
      stderr: 'job.yaml:3:5: warning team-without-members: team t has no members\n  hint: Add members.\n',
    });
  });

  it('invalid: the diagnostics, then the counts, all on stderr', () => {
    expect(renderValidation(aResult({ valid: false, diagnostics: [problem('error')] }), 'specs', plain)).toEqual({
      stdout: '',
      stderr: 'job.yaml:3:5: error team-without-members: team t has no members\n  hint: Add members.\n✗ specs: 1 error, 0 warnings; 2 documents in 2 files (1 Team, 1 LabelingJob)\n',
    });
  });

  it("colours each stream's text in that stream's style", () => {
    expect(renderValidation(aResult(), 'specs', { stdout: COLOR, stderr: PLAIN }).stdout).toMatch(/^\u001b\[32m✓\u001b\[39m /);
    expect(renderValidation(aResult({ valid: false }), 'specs', { stdout: PLAIN, stderr: COLOR }).stderr).toMatch(/^\u001b\[31m✗\u001b\[39m /);
  });
});
