import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import yargs from 'yargs';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import type { JsonService, LabelRequest, PendingTask } from '../../sandbox/service.js';
import { askForAnswers, readAnswers, sandboxCommand, sandboxOptions } from './sandbox.js';

const run = (...argv: string[]) => yargs().command(sandboxCommand).strict().fail(false).parseAsync(argv);

describe('gtctl sandbox flags', () => {
  const base = { _: [], $0: 'gtctl', port: 4566, quotaScale: 1, 'quota-scale': 1, quotas: true, ideal: false };

  it('become server options: a `*` fault rule, quota settings and the state file', () => {
    expect(sandboxOptions({ ...base, state: 's.json', latency: 20, failRate: 0.1, throttleRate: 0.2, quotas: false, quotaScale: 10 })).toEqual({
      port: 4566,
      statePath: 's.json',
      faults: { rules: [{ operation: '*', latencyMs: 20, failRate: 0.1, throttleRate: 0.2 }] },
      quotas: { enabled: false, scale: 10 },
      realism: { ideal: false },
    });
    expect(sandboxOptions(base)).toEqual({ port: 4566, quotas: { enabled: true, scale: 1 }, realism: { ideal: false } });
  });

  it('set the realism: --ideal, --seed, --consistency-ms and --variant NAME=VALUE', () => {
    expect(sandboxOptions({ ...base, seed: 7, consistencyMs: 50, variant: ['describeJobTags=returned', 'appClientWrites=none'] }).realism).toEqual({
      ideal: false,
      seed: 7,
      consistencyMs: 50,
      variants: { describeJobTags: 'returned', appClientWrites: 'none' },
    });
    expect(sandboxOptions({ ...base, ideal: true }).realism).toEqual({ ideal: true });
  });

  it('run SageMaker over another Cognito and S3: --cognito-endpoint and --s3-endpoint (a URL, or `aws`)', () => {
    expect(sandboxOptions({ ...base, cognitoEndpoint: 'http://127.0.0.1:5000/', s3Endpoint: 'aws' }).external).toEqual({
      cognitoEndpoint: 'http://127.0.0.1:5000',
      s3Endpoint: 'aws',
    });
    expect(sandboxOptions(base).external).toBeUndefined();
  });

  it.each([
    [{ port: 70000 }, '--port must be an integer from 0 to 65535, not 70000'],
    [{ failRate: 1.5 }, '--fail-rate must be a number from 0 to 1, not 1.5'],
    [{ failRate: 0.6, throttleRate: 0.6 }, '--fail-rate and --throttle-rate must not add up to more than 1'],
    [{ latency: -5 }, '--latency must be a number of milliseconds >= 0, not -5'],
    [{ quotaScale: 0 }, '--quota-scale must be a positive number, not 0'],
    [{ seed: 1.5 }, '--seed must be an integer, not 1.5'],
    [{ consistencyMs: -1 }, '--consistency-ms must be a number of milliseconds from 0 to 600000, not -1'],
    [{ variant: ['describeJobTags'] }, '--variant takes NAME=VALUE, not "describeJobTags"'],
    [{ variant: ['nope=x'] }, '--variant: unknown variant "nope"'],
    [{ variant: ['describeJobTags=maybe'] }, '--variant describeJobTags must be one of absent, returned, not "maybe"'],
    [{ cognitoEndpoint: 'localhost:5000' }, '--cognito-endpoint must be an http(s) URL with no path, or "aws", not "localhost:5000"'],
    [{ s3Endpoint: 'http://127.0.0.1:5000/s3' }, '--s3-endpoint must be an http(s) URL with no path, or "aws", not "http://127.0.0.1:5000/s3"'],
  ])('are refused when out of range: %j', (flags, message) => {
    expect(() => sandboxOptions({ ...base, ...flags })).toThrow(message);
  });
});

describe('gtctl sandbox start-up problems', () => {
  it("are the user's to fix: a file that is not a sandbox state, a port in use", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gtctl-sandbox-cli-'));
    const busy = await startSandbox();
    try {
      writeFileSync(path.join(dir, 'state.json'), '[]');
      await expect(run('sandbox', '--port', '0', '--state', path.join(dir, 'state.json'))).rejects.toMatchObject({
        code: 'state-file',
        source: 'user',
        message: expect.stringContaining('not a gtctl sandbox state file: expected a JSON object'),
      });
      await expect(run('sandbox', '--port', String(busy.port))).rejects.toMatchObject({ code: 'port-in-use', source: 'user' });
      await expect(run('sandbox', '--port', '0', '--cognito-endpoint', 'http://127.0.0.1:9')).rejects.toMatchObject({
        code: 'external-endpoint',
        source: 'user',
        message: expect.stringContaining('Cannot reach STS at http://127.0.0.1:9'),
      });
    } finally {
      await busy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gtctl sandbox label', () => {
  let sandbox: Sandbox;
  let dir: string;
  const labelled: LabelRequest[] = [];
  const standIn: JsonService = {
    targetPrefix: 'SageMaker',
    routePrefix: 'sagemaker',
    validationErrorCode: 'ValidationException',
    constraints: {},
    operations: {},
    adminRoutes: {
      label: (body: LabelRequest, ctx) => {
        labelled.push(body);
        return { job: body.job, region: ctx.region, accepted: body.answers.length };
      },
    },
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ services: [standIn] });
    dir = mkdtempSync(path.join(tmpdir(), 'gtctl-label-'));
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts the answers file to the sandbox as the worker, and prints the result', async () => {
    const file = path.join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify([{ object: 0, label: 'Even Number' }, { object: 1, label: ['Odd Number'] }]));
    const printed = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await run('sandbox', 'label', '--endpoint', sandbox.url, '--region', 'eu-west-1', '--job', 'numbers', '--as', 'user1@example.com', '--answers', file);
      expect(labelled).toEqual([
        { job: 'numbers', worker: 'user1@example.com', answers: [{ object: 0, label: 'Even Number' }, { object: 1, label: ['Odd Number'] }] },
      ]);
      expect(JSON.parse(String(printed.mock.calls[0]?.[0]))).toEqual({ job: 'numbers', region: 'eu-west-1', accepted: 2 });
    } finally {
      printed.mockRestore();
    }
  });

  it("reports the sandbox's refusal", async () => {
    const file = path.join(dir, 'answers.json');
    const other = await startSandbox({ services: [{ ...standIn, adminRoutes: {} }] });
    try {
      await expect(run('sandbox', 'label', '--endpoint', other.url, '--job', 'j', '--as', 'w', '--answers', file)).rejects.toThrow(
        'sandbox refused sagemaker/label: NotFound: No sandbox route /_sandbox/sagemaker/label',
      );
    } finally {
      await other.close();
    }
  });

  it('needs --answers when stdin is not a terminal, and an endpoint', async () => {
    const saved = process.env['AWS_ENDPOINT_URL'];
    delete process.env['AWS_ENDPOINT_URL'];
    try {
      await expect(run('sandbox', 'label', '--endpoint', sandbox.url, '--job', 'j', '--as', 'w')).rejects.toThrow(
        'sandbox label: stdin is not a terminal, so pass the answers with --answers FILE',
      );
      await expect(run('sandbox', 'label', '--job', 'j', '--as', 'w')).rejects.toThrow('pass --endpoint URL or set AWS_ENDPOINT_URL');
    } finally {
      if (saved !== undefined) process.env['AWS_ENDPOINT_URL'] = saved;
    }
  });

  it('checks the answers file', () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([{ object: -1, label: 'x' }]));
    expect(() => readAnswers(file)).toThrow(`--answers ${file}: entry 0 must be { "object"`);
    writeFileSync(file, '{');
    expect(() => readAnswers(file)).toThrow(`--answers ${file}:`);
  });

  it('asks for each task on the terminal, by number or name, until the answer is one of the labels', async () => {
    const tasks: PendingTask[] = [
      { object: 0, source: '42', labels: ['Odd Number', 'Even Number'], multiLabel: false },
      { object: 2, source: '21', labels: ['Odd Number', 'Even Number'], multiLabel: false },
      { object: 5, source: 's3://b/cat.jpg', labels: ['cat', 'dog', 'hat'], multiLabel: true },
    ];
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    input.write('2\n7\nodd number\n1, HAT\n');
    expect(await askForAnswers(tasks, input, output)).toEqual([
      { object: 0, label: 'Even Number' },
      { object: 2, label: 'Odd Number' },
      { object: 5, label: ['cat', 'hat'] },
    ]);
    expect(shown).toContain('Task 1 of 3 (object 0): 42\n  1) Odd Number\n  2) Even Number\n');
    expect(shown).toContain('Please answer with one of 1-2 or a label name.');
  });
});
