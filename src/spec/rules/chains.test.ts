import { describe, expect, it } from 'vitest';
import { check, jobDoc, type Overrides } from '../../../test/helpers/specs.js';
import { jobChainsValid } from './chains.js';

const chained = (name: string, fromJob: string, spec: Overrides['spec'] = {}) => jobDoc({ name, spec: { input: { fromPrefix: undefined, fromJob }, ...spec } });
const boxes = jobDoc({ name: 'boxes', spec: { task: { type: 'bounding-box', labels: ['Car'] } } });
const verify = (from: string, spec: Overrides['spec'] = {}) => chained('verify', from, { task: { type: 'bounding-box-verification', labels: ['Car'] }, ...spec });

describe('jobChainsValid', () => {
  it.each<[string, ReturnType<typeof jobDoc>[], string[]]>([
    ['a chain from a job of the specs', [jobDoc(), chained('again', 'odd-even')], []],
    ['a verification of boxes', [boxes, verify('boxes')], []],
    ['a verification of a box adjustment', [boxes, chained('adjust', 'boxes', { task: { type: 'bounding-box-adjustment', labels: ['Car'] } }), verify('adjust')], []],
    ['a chain from an unknown job', [jobDoc(), chained('again', 'nope')], ['error unknown-job spec.input.fromJob']],
    ['a loop', [chained('a', 'b'), chained('b', 'a')], ['error job-chain-cycle spec.input.fromJob', 'error job-chain-cycle spec.input.fromJob']],
    ['a verification of another family', [jobDoc(), verify('odd-even')], ['error chain-task-type spec.input.fromJob']],
    ['a verification writing the source\'s label attribute', [boxes, verify('boxes', { labelAttributeName: 'boxes' })], ['error label-attribute-name spec.labelAttributeName']],
  ])('%s', (_what, docs, expected) => {
    expect(check(jobChainsValid, docs)).toEqual(expected);
  });
});
