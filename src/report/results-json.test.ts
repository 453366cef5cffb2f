import { describe, expect, it } from 'vitest';
import { resultsJsonLines } from './results-json.js';

describe('resultsJsonLines (apply --json)', () => {
  it('prints one JSON object per line per change: code, message and hint of errors, never their stack', () => {
    const text = resultsJsonLines([
      { address: 'member/a@x.com', action: 'create', status: 'failed', error: { code: 'internal', message: 'boom', hint: 'report it', stack: 'Error: boom\n    at x' }, durationMs: 12 },
      { address: 'membership/t/a@x.com', action: 'create', status: 'skipped', becauseOf: 'member/a@x.com', durationMs: 0 },
      { address: 'team/t', action: 'update', status: 'done', durationMs: 40 },
    ]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { address: 'member/a@x.com', action: 'create', status: 'failed', error: { code: 'internal', message: 'boom', hint: 'report it' }, durationMs: 12 },
      { address: 'membership/t/a@x.com', action: 'create', status: 'skipped', becauseOf: 'member/a@x.com', durationMs: 0 },
      { address: 'team/t', action: 'update', status: 'done', durationMs: 40 },
    ]);
  });

  it('gives an AWS answer gtctl\'s code, with AWS\'s error name beside it', () => {
    const [line] = resultsJsonLines([{ address: 'team/t', action: 'create', status: 'failed', error: { code: 'aws-error', awsCode: 'ResourceInUse', message: 'sagemaker CreateWorkteam failed: exists' }, durationMs: 3 }]).trimEnd().split('\n');
    expect(JSON.parse(line!).error).toEqual({ code: 'aws-error', awsCode: 'ResourceInUse', message: 'sagemaker CreateWorkteam failed: exists' });
  });
});
