import { describe, expect, it } from 'vitest';
import type { PendingTask } from '../sandbox/index.js';
import { labelPrompt, labelRetry, renderTask, sandboxBanner, sandboxStopped } from './sandbox-human.js';

const URL = 'http://127.0.0.1:4566';
const defaults = { port: 4566, quotas: { enabled: true, scale: 1 }, realism: { ideal: false } };

describe('sandboxBanner', () => {
  it('one endpoint for everything, test keys, and the settings as shell comments', () => {
    expect(sandboxBanner(URL, '000000000000', defaults)).toBe(
      [
        'gtctl sandbox listening on http://127.0.0.1:4566 (account 000000000000)',
        'export AWS_ENDPOINT_URL=http://127.0.0.1:4566',
        'export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1',
        '# state: in memory; Cognito quotas: on (scale 1); Ctrl-C stops',
        '# realism: on (seed 1, consistency 300 ms; GET /_sandbox/realism shows the variants)',
        '',
      ].join('\n'),
    );
    expect(sandboxBanner(URL, '1', { ...defaults, statePath: 's.json', quotas: { enabled: false, scale: 1 }, realism: { ideal: true } })).toContain(
      '# state: s.json; Cognito quotas: off; Ctrl-C stops\n# realism: off (--ideal)\n',
    );
  });

  it("over external backends: SageMaker here, the others where they are, none for AWS's own (and no test keys then)", () => {
    const text = sandboxBanner(URL, '1', { ...defaults, external: { cognitoEndpoint: 'http://127.0.0.1:5000', s3Endpoint: 'aws' } });
    expect(text.split('\n').slice(0, 4)).toEqual([
      'gtctl sandbox listening on http://127.0.0.1:4566 (account 1; SageMaker over Cognito at http://127.0.0.1:5000, S3 at aws)',
      'export AWS_ENDPOINT_URL_SAGEMAKER=http://127.0.0.1:4566',
      'export AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER=http://127.0.0.1:5000',
      'export AWS_ENDPOINT_URL_STS=http://127.0.0.1:5000',
    ]);
    expect(text).not.toContain('AWS_ACCESS_KEY_ID');
  });

  it('the stop line names the state file when there is one', () => {
    expect([sandboxStopped(defaults), sandboxStopped({ ...defaults, statePath: 's.json' })]).toEqual(['gtctl sandbox stopped\n', 'gtctl sandbox stopped; state saved to s.json\n']);
  });
});

describe('sandbox label tasks', () => {
  const single: PendingTask = { object: 2, source: '21', labels: ['Odd Number', 'Even Number'], multiLabel: false };
  const multi: PendingTask = { object: 5, source: 's3://b/cat.jpg', labels: ['cat', 'dog', 'hat'], multiLabel: true };

  it('a task with its numbered labels, and the prompt and retry for single- and multi-label tasks', () => {
    expect(renderTask(single, 1, 3)).toBe('\nTask 2 of 3 (object 2): 21\n  1) Odd Number\n  2) Even Number\n');
    expect([labelPrompt(single), labelPrompt(multi)]).toEqual(['Label (number or name): ', 'Labels (numbers or names, comma-separated): ']);
    expect([labelRetry(single), labelRetry(multi)]).toEqual(['Please answer with one of 1-2 or a label name.\n', 'Please answer with one or more of 1-3 or a label name.\n']);
  });
});
