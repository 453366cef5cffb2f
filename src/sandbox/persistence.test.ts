import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CognitoIdentityProviderClient, CreateUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { emptySandboxState, startSandbox, type Sandbox } from './index.js';

describe('--state FILE', () => {
  let dir: string;
  let file: string;
  let sandbox: Sandbox | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gtctl-sandbox-state-'));
    file = path.join(dir, 'state.json');
  });
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const cognitoOf = (s: Sandbox) =>
    new CognitoIdentityProviderClient({ region: 'eu-west-1', endpoint: s.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const advanceClock = (s: Sandbox, advanceMs: number) => fetch(`${s.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ advanceMs }) });

  it('keeps the state across a restart on the same file', async () => {
    const first = await startSandbox({ statePath: file, quotas: { enabled: false } });
    await cognitoOf(first).send(new CreateUserPoolCommand({ PoolName: 'survivor' }));
    await advanceClock(first, 60_000);
    await first.close();
    expect(readdirSync(dir)).toEqual(['state.json']); // no temporary files left behind

    sandbox = await startSandbox({ statePath: file, quotas: { enabled: false } });
    const { UserPools } = await cognitoOf(sandbox).send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(UserPools?.map((p) => p.Name)).toEqual(['survivor']);
    expect(sandbox.state.clockOffsetMs).toBe(60_000);
  });

  it('saves shortly after a change, without waiting for close', async () => {
    sandbox = await startSandbox({ statePath: file });
    await advanceClock(sandbox, 5_000);
    for (let waited = 0; !existsSync(file) && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.parse(readFileSync(file, 'utf8')).clockOffsetMs).toBe(5_000);
  });

  it('loads a file saved before SNS was served, with no topics', async () => {
    const { sns: _, ...before } = emptySandboxState();
    writeFileSync(file, JSON.stringify({ ...before, clockOffsetMs: 7 }));
    sandbox = await startSandbox({ statePath: file });
    expect(sandbox.state.sns).toEqual({ regions: {} });
    expect(sandbox.state.clockOffsetMs).toBe(7);
  });

  it('starts empty when the file does not exist yet', async () => {
    sandbox = await startSandbox({ statePath: file });
    expect(sandbox.state.clockOffsetMs).toBe(0);
  });

  it.each([
    ['{ not json', /^--state .*state\.json: not valid JSON/],
    ['[]', /^--state .*state\.json: not a gtctl sandbox state file: expected a JSON object$/],
    ['{"cognito":{},"sagemaker":{},"s3":{}}', /not a gtctl sandbox state file: "clockOffsetMs" must be a number$/],
    ['{"cognito":{},"sagemaker":[],"s3":{},"clockOffsetMs":0}', /not a gtctl sandbox state file: "sagemaker" must be an object$/],
    ['{"cognito":{},"sagemaker":{},"s3":{},"sns":7,"clockOffsetMs":0}', /not a gtctl sandbox state file: "sns" must be an object$/],
  ])('refuses to start from a file that is not a sandbox state: %s', async (content, message) => {
    writeFileSync(file, content);
    await expect(startSandbox({ statePath: file })).rejects.toThrow(message);
  });
});
