// The workforce of a job (private, public, vendor): what the normalizer and the job rules say about each misuse.
import { describe, expect, it } from 'vitest';
import { brief, jobDoc, load, teamDoc, type Overrides } from '../../../test/helpers/specs.js';

const PII_FREE = ['freeOfPersonallyIdentifiableInformation'];
const publicJob = (spec: Overrides['spec'] = {}) => jobDoc({ spec: { workforce: 'public', team: undefined, workers: { pricePerTask: 0.036, contentClassifiers: PII_FREE }, ...spec } });
const problems = (doc: ReturnType<typeof jobDoc>) => load([teamDoc(), doc]).diagnostics.map(brief);

describe('a public job', () => {
  it('goes to the public crowd at its price, tasks available 6 h unless set', () => {
    const { desired, diagnostics } = load([publicJob()]);
    expect(diagnostics).toEqual([]);
    expect(desired!.jobs[0]).toMatchObject({ workforce: { type: 'public', priceTenthCents: 36 }, workers: { taskAvailabilitySeconds: 21_600, contentClassifiers: PII_FREE } });
  });

  it.each<[string, Overrides['spec'], string[]]>([
    ['names a team', { team: 'labelers' }, ['workforce-team spec.team']],
    ['has no price', { workers: { pricePerTask: undefined, contentClassifiers: PII_FREE } }, ['price-per-task spec.workforce']],
    ['pays a price off the grid (the nearest is suggested)', { workers: { pricePerTask: 0.05, contentClassifiers: PII_FREE } }, ['price-not-on-grid spec.workers.pricePerTask']],
    ['pays less than a tenth of a cent', { workers: { pricePerTask: 0.0361, contentClassifiers: PII_FREE } }, ['price-not-on-grid spec.workers.pricePerTask']],
    ['keeps tasks available over 12 h', { workers: { pricePerTask: 0.036, contentClassifiers: PII_FREE, taskAvailability: '13h' } }, ['out-of-range spec.workers.taskAvailability']],
    ['does not say its data is free of personal information (a warning)', { workers: { pricePerTask: 0.036 } }, ['public-data-pii spec.workforce']],
  ])('that %s is reported', (_what, spec, expected) => {
    const codes = problems(publicJob(spec)).map((line) => line.split(' ').slice(-2).join(' '));
    expect(codes).toEqual(expected);
  });

  it('is held to its task type\'s prices, and told the nearest one', () => {
    const [line] = load([publicJob({ task: { type: 'semantic-segmentation', labels: ['road'] }, labelAttributeName: 'seg-ref' })]).diagnostics;
    expect(line).toMatchObject({ code: 'price-not-on-grid', hint: expect.stringMatching(/^Use the nearest, 0\.840; the prices are 0\.840, 0\.960, 1\.080, 1\.200\.$/) });
    expect(load([publicJob({ task: { type: 'bounding-box', labels: ['car'] }, workers: { pricePerTask: 0.048, contentClassifiers: PII_FREE } })]).diagnostics).toEqual([]);
  });
});

describe('private and vendor jobs', () => {
  it('need a team, and are not paid per task', () => {
    const codes = (spec: Overrides['spec']) => problems(jobDoc({ spec })).map((line) => line.split(' ').slice(-2).join(' '));
    expect(codes({ team: undefined })).toEqual(['workforce-team spec']);
    expect(codes({ workforce: 'vendor', team: undefined })).toEqual(['workforce-team spec']);
    expect(codes({ workers: { pricePerTask: 0.036 } })).toEqual(['price-per-task spec.workers.pricePerTask']);
  });

  it('a vendor job names its team by name or ARN, checked at plan time (not against the Teams of the specs)', () => {
    const arn = 'arn:aws:sagemaker:us-east-1:111122223333:workteam/vendor-crowd/acme';
    for (const team of ['acme', arn]) {
      const { desired, diagnostics } = load([jobDoc({ spec: { workforce: 'vendor', team } })]);
      expect(diagnostics).toEqual([]);
      expect(desired!.jobs[0]!.workforce).toEqual({ type: 'vendor', team });
    }
  });
});
