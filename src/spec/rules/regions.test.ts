import { describe, expect, it } from 'vitest';
import { bucketDoc, jobDoc, projectDoc, check, run } from '../../../test/helpers/specs.js';
import { jobBucketsInJobRegion, regionHasGroundTruth } from './regions.js';

describe('regionHasGroundTruth', () => {
  it('accepts a Region with Ground Truth, and a Project without a Region', () => {
    expect(check(regionHasGroundTruth, [projectDoc({ spec: { region: 'eu-central-1' } })])).toEqual([]);
    expect(check(regionHasGroundTruth, [projectDoc({ spec: { region: undefined } })])).toEqual([]);
  });

  it('reports a Region without Ground Truth, listing those with it', () => {
    const [d] = run(regionHasGroundTruth, [projectDoc({ spec: { region: 'us-west-1' } })]);
    expect(d).toMatchObject({ code: 'unsupported-region', path: 'spec.region', message: 'Ground Truth is not available in us-west-1' });
    expect(d!.hint).toContain('us-east-1, us-east-2, us-west-2');
  });
});

describe('jobBucketsInJobRegion', () => {
  it('accepts buckets in the project Region, written or defaulted, and buckets the specs do not declare', () => {
    expect(check(jobBucketsInJobRegion, [projectDoc(), bucketDoc(), jobDoc()])).toEqual([]);
    expect(check(jobBucketsInJobRegion, [projectDoc(), bucketDoc({ spec: { region: 'us-east-1' } }), jobDoc()])).toEqual([]);
    expect(check(jobBucketsInJobRegion, [projectDoc(), jobDoc()])).toEqual([]);
  });

  it('reports input and output in a bucket declared in another Region', () => {
    const diagnostics = run(jobBucketsInJobRegion, [projectDoc(), bucketDoc({ spec: { region: 'eu-west-1' } }), jobDoc()]);
    expect(diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['region-mismatch spec.input.fromPrefix', 'region-mismatch spec.output']);
    expect(diagnostics[0]!.message).toBe('bucket "gtctl-data" is declared in eu-west-1, but the job runs in us-east-1');
  });

  it('checks an input manifest the same way', () => {
    const docs = [projectDoc(), bucketDoc({ name: 'eu-data', spec: { region: 'eu-west-1' } }), jobDoc({ spec: { input: { fromPrefix: undefined, manifest: 's3://eu-data/in.manifest' } } })];
    expect(check(jobBucketsInJobRegion, docs)).toEqual(['error region-mismatch spec.input.manifest']);
  });

  it('uses --region when there is no Project, and says nothing when no Region is known', () => {
    const docs = [bucketDoc({ spec: { region: 'eu-west-1' } }), jobDoc()];
    expect(check(jobBucketsInJobRegion, docs, { region: 'us-east-1' })).toEqual(['error region-mismatch spec.input.fromPrefix', 'error region-mismatch spec.output']);
    expect(check(jobBucketsInJobRegion, docs, { region: 'eu-west-1' })).toEqual([]);
    expect(check(jobBucketsInJobRegion, docs)).toEqual([]);
  });
});
