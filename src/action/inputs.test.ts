import { describe, expect, it } from 'vitest';
import { readInputs } from './inputs.js';

const get = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

describe('readInputs', () => {
  it("action.yml's defaults", () => {
    expect(readInputs(get({ command: 'plan', directory: '.', 'mask-emails': 'true', comment: 'true', 'github-token': 'ghs_x', 'drift-issue': 'false', 'lock-timeout': '0' }))).toEqual({
      command: 'plan',
      directory: '.',
      maskEmails: true,
      comment: true,
      githubToken: 'ghs_x',
      driftIssue: false,
      lockTimeout: '0',
    });
  });

  it('takes YAML booleans and a region', () => {
    const inputs = readInputs(get({ command: ' Drift ', directory: 'specs/prod', region: 'eu-west-1', 'mask-emails': 'False', comment: 'FALSE', 'drift-issue': 'True' }));
    expect(inputs).toMatchObject({ command: 'drift', directory: 'specs/prod', region: 'eu-west-1', maskEmails: false, comment: false, driftIssue: true });
  });

  it('refuses an unknown command or a boolean it cannot read, saying what is allowed', () => {
    expect(() => readInputs(get({ command: 'destroy' }))).toThrow('input "command" must be one of plan, apply, drift, not "destroy"');
    expect(() => readInputs(get({}))).toThrow('input "command" must be one of plan, apply, drift');
    expect(() => readInputs(get({ command: 'plan', 'mask-emails': 'yes' }))).toThrow('input "mask-emails" must be true or false, not "yes"');
  });
});
