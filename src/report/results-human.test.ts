import { describe, expect, it } from 'vitest';
import type { OutputSummary } from '../core/jobs/results.js';
import { renderResults } from './results-human.js';
import { styleFor } from './style.js';

const PLAIN = styleFor({ isTTY: false }, { env: {} });
const COLOR = styleFor({ isTTY: true }, { env: {} });
const ESC = '\u001b[';

const summary = (overrides: Partial<OutputSummary> = {}): OutputSummary => ({
  job: 'text-analysis-job-creation',
  labelAttribute: 'text-analysis-job-creation',
  output: 's3://gtctl-data/Output/text-analysis-job-creation/manifests/output/output.manifest',
  workersPerObject: 3,
  total: 4,
  labeled: 3,
  failed: 1,
  unlabeled: 0,
  unreadable: 0,
  labels: [
    { label: 'Odd Number', objects: 2 },
    { label: 'Even Number', objects: 1 },
  ],
  disagreement: { objects: 1, outOf: 3 },
  failures: [{ reason: 'ClientError: task expired', objects: 1 }],
  ...overrides,
});

describe('renderResults', () => {
  it('a table of labels, the counts, disagreement, failures and where the output is', () => {
    expect(renderResults(summary(), PLAIN)).toBe(
      [
        'Results of job text-analysis-job-creation',
        '  output: s3://gtctl-data/Output/text-analysis-job-creation/manifests/output/output.manifest',
        '',
        '  Label        Objects  Share',
        '  Odd Number         2    67%',
        '  Even Number        1    33%',
        '',
        '  4 objects: 3 labeled, 1 failed, 0 not labeled yet',
        '  Worker disagreement: 1 of 3 objects with confidence below 1 (3 workers per object)',
        '    1 failed: ClientError: task expired',
        '',
      ].join('\n'),
    );
  });

  it('says why disagreement is not measured', () => {
    expect(renderResults(summary({ workersPerObject: 1, disagreement: undefined }), PLAIN)).toContain('Worker disagreement: not measured (one worker per object)\n');
    expect(renderResults(summary({ labels: [], disagreement: undefined }), PLAIN)).toContain('Worker disagreement: not measured (no classification labels yet)\n');
  });

  it('no table without classification labels; unreadable lines said', () => {
    const text = renderResults(summary({ labels: [], labeled: 0, failed: 0, failures: [], total: 0, unreadable: 2, disagreement: undefined }), PLAIN);
    expect(text).not.toContain('Label');
    expect(text).toContain('  0 objects: 0 labeled, 0 failed, 0 not labeled yet\n');
    expect(text).toContain('  2 lines of the output manifest could not be read\n');
  });

  it('colours failures red and disagreement yellow on a terminal, and nothing when piped', () => {
    const text = renderResults(summary(), COLOR);
    expect(text).toContain(`${ESC}31m1 failed${ESC}39m`);
    expect(text).toContain(`${ESC}33m1 of 3 objects with confidence below 1${ESC}39m`);
    expect(renderResults(summary(), PLAIN)).not.toContain(ESC);
    expect(renderResults(summary({ failed: 0, failures: [], disagreement: { objects: 0, outOf: 3 } }), COLOR)).not.toContain(`${ESC}3`);
  });
});
