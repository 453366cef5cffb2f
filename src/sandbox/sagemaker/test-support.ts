// Shared by the SageMaker tests: a sandbox driven only through the real SDK clients and the admin routes, and
// builders that set up what a test does not care about (pool, client, domain, groups, workers, bucket, job inputs).
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateLabelingJobCommand,
  CreateWorkforceCommand,
  CreateWorkteamCommand,
  SageMakerClient,
  type CreateLabelingJobCommandInput,
} from '@aws-sdk/client-sagemaker';
import { IAMClient } from '@aws-sdk/client-iam';
import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, expect } from 'vitest';
import { startSandbox, type RealismUpdate, type Sandbox } from '../index.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface World {
  sandbox: Sandbox;
  region: string;
  sm: SageMakerClient;
  cognito: CognitoIdentityProviderClient;
  s3: S3Client;
  sns: SNSClient;
  iam: IAMClient;
  /** POST /_sandbox/<path>?region=<region>; the parsed answer, or throws an Error carrying `code` (the `__type`). */
  admin<T = unknown>(path: string, body?: unknown): Promise<T>;
  /** Moves the sandbox clock forward. */
  advance(ms: number): Promise<void>;
  /**
   * When realistic, moves the clock past every consistency window and status transition begun so far (new groups,
   * domains and roles visible, workforces Active), as a careful client would wait; nothing when ideal.
   */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The realism the tests of rough behaviour run under: a fixed seed and a short window, so the clock can pass it. */
export const REALISTIC: RealismUpdate = { seed: 5, consistencyMs: 200 };

/**
 * One sandbox per test file (quotas off: these tests are about behaviour, not rates). Ideal unless a test asks for
 * realism, e.g. `{ seed: 5, consistencyMs: 200 }`: most tests are about what AWS does once things have settled.
 */
/**
 * One sandbox for a describe block (started before its tests, closed after them), and clients per Region that close
 * with it. `sandbox()` is the running sandbox (for its realism and state).
 */
export function sharedSandbox(realism: RealismUpdate): { sandbox(): Sandbox; inRegion(region: string): World } {
  let running: Sandbox | undefined;
  const worlds: World[] = [];
  beforeAll(async () => void (running = await startSandboxForTests(realism)));
  afterAll(async () => {
    for (const w of worlds) await w.close();
    await running?.close();
  });
  const sandbox = () => running!;
  return {
    sandbox,
    inRegion: (region) => {
      const w = world(sandbox(), region);
      worlds.push(w);
      return w;
    },
  };
}

export async function startSandboxForTests(realism: RealismUpdate = { ideal: true }): Promise<Sandbox> {
  return startSandbox({ quotas: { enabled: false }, realism });
}

/** Clients for one region of a running sandbox; `maxAttempts: 1` because many tests expect errors. */
export function world(sandbox: Sandbox, region = 'us-east-1'): World {
  const config = { endpoint: sandbox.url, region, credentials, maxAttempts: 1 };
  const sm = new SageMakerClient(config);
  const cognito = new CognitoIdentityProviderClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const sns = new SNSClient(config);
  const iam = new IAMClient(config);
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${sandbox.url}/_sandbox/${path}?region=${region}`, { method: 'POST', body: JSON.stringify(body) });
    const answer = (await response.json()) as T & { __type?: string; message?: string };
    if (!response.ok) throw Object.assign(new Error(answer.message), { code: answer.__type, status: response.status });
    return answer;
  };
  return {
    sandbox,
    region,
    sm,
    cognito,
    s3,
    sns,
    iam,
    admin: (path, body = {}) => post(path, body),
    advance: async (ms) => void (await post('clock', { advanceMs: ms })),
    async settle() {
      if (sandbox.realism.on) await post('clock', { advanceMs: Math.max(sandbox.realism.consistencyMs, sandbox.state.sagemaker.settings.transitionMs) });
    },
    async close() {
      for (const client of [sm, cognito, s3, sns, iam]) client.destroy();
    },
  };
}

/** Awaits a rejection and checks the SDK error's name (the AWS code) and, if given, its message. */
export async function expectError(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as { name: string; message: string },
  );
  expect(error, `expected ${name}`).toBeDefined();
  expect(error!.name).toBe(name);
  if (message !== undefined) expect(error!.message).toMatch(message);
}

/**
 * A call that a rough behaviour holds back for a while. Realistic: refused with a ValidationException matching
 * `message`, then taken once the clock has moved `windowMs` on; ideal: taken at once. Answers what it finally answers.
 */
export async function takenOnceSettled<T>(w: World, call: () => Promise<T>, message: string | RegExp, windowMs: number): Promise<T> {
  if (w.sandbox.realism.on) {
    await expectError(call(), 'ValidationException', message);
    await w.advance(windowMs);
  }
  return call();
}

let counter = 0;
/** A name no other test in the file uses. */
export const unique = (prefix: string) => `${prefix}-${++counter}`;

export interface CognitoSetup {
  userPool: string;
  clientId: string;
}

/** A user pool with an app client (with secret) and, unless told otherwise, a domain: what a workforce needs. */
export async function cognitoPool(w: World, options: { domain?: boolean } = {}): Promise<CognitoSetup> {
  const pool = await w.cognito.send(new CreateUserPoolCommand({ PoolName: unique('pool') }));
  const userPool = pool.UserPool!.Id!;
  const client = await w.cognito.send(new CreateUserPoolClientCommand({ UserPoolId: userPool, ClientName: 'portal', GenerateSecret: true }));
  if (options.domain !== false) await w.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: userPool, Domain: unique('labeling') }));
  return { userPool, clientId: client.UserPoolClient!.ClientId! };
}

export async function group(w: World, userPool: string, name = unique('group')): Promise<string> {
  await w.cognito.send(new CreateGroupCommand({ UserPoolId: userPool, GroupName: name }));
  return name;
}

/** A worker (username = e-mail, no invitation sent) in the given groups. */
export async function worker(w: World, userPool: string, email: string, groups: string[]): Promise<void> {
  await w.cognito.send(
    new AdminCreateUserCommand({ UserPoolId: userPool, Username: email, UserAttributes: [{ Name: 'email', Value: email }], MessageAction: 'SUPPRESS' }),
  );
  for (const GroupName of groups) await w.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPool, Username: email, GroupName }));
}

export async function cognitoWorkforce(w: World, setup: CognitoSetup, name = 'default'): Promise<void> {
  await w.sm.send(new CreateWorkforceCommand({ WorkforceName: name, CognitoConfig: { UserPool: setup.userPool, ClientId: setup.clientId } }));
}

export async function cognitoTeam(w: World, setup: CognitoSetup, groups: string[], name = unique('team')): Promise<string> {
  const created = await w.sm.send(
    new CreateWorkteamCommand({
      WorkteamName: name,
      Description: 'sandbox test team',
      MemberDefinitions: groups.map((UserGroup) => ({ CognitoMemberDefinition: { UserPool: setup.userPool, ClientId: setup.clientId, UserGroup } })),
    }),
  );
  return created.WorkteamArn!;
}

export async function bucket(w: World, name = unique('bucket')): Promise<string> {
  await w.s3.send(new CreateBucketCommand({ Bucket: name, ...(w.region !== 'us-east-1' && { CreateBucketConfiguration: { LocationConstraint: w.region as 'eu-west-1' } }) }));
  return name;
}

export async function putText(w: World, bucketName: string, key: string, text: string): Promise<string> {
  await w.s3.send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: text }));
  return `s3://${bucketName}/${key}`;
}

export async function getText(w: World, bucketName: string, key: string): Promise<string> {
  const object = await w.s3.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
  return object.Body!.transformToString();
}

export const labelFile = (labels: string[]) => JSON.stringify({ 'document-version': '2018-11-28', labels: labels.map((label) => ({ label })) });

export const manifest = (sources: string[]) => sources.map((source) => JSON.stringify({ source })).join('\n');

/** Ground Truth's Lambda account in us-east-1 (aws-facts §4.2). */
export const lambda = (kind: 'PRE' | 'ACS', suffix: string, region = 'us-east-1') =>
  `arn:aws:lambda:${region}:432418664414:function:${kind}-${suffix}`;

/** Everything a labeling job needs, in one region: a Cognito workforce, a team of workers, a bucket with inputs. */
export interface LabelingSetup extends CognitoSetup {
  teamArn: string;
  groupName: string;
  bucket: string;
}

export async function labelingSetup(w: World, workers: string[]): Promise<LabelingSetup> {
  const setup = await cognitoPool(w);
  const groupName = await group(w, setup.userPool);
  for (const email of workers) await worker(w, setup.userPool, email, [groupName]);
  await w.settle();
  await cognitoWorkforce(w, setup);
  await w.settle();
  const teamArn = await cognitoTeam(w, setup, [groupName]);
  const bucketName = await bucket(w);
  await w.settle();
  await putText(w, bucketName, 'template.liquid', '<crowd-form></crowd-form>');
  return { ...setup, teamArn, groupName, bucket: bucketName };
}

/** A text classification job request; `sources` and `labels` are written to the setup's bucket under the job's name. */
export async function textClassificationJob(
  w: World,
  setup: Pick<LabelingSetup, 'teamArn' | 'bucket'>,
  options: { name?: string; sources?: string[]; labels?: string[]; workers?: number; multiLabel?: boolean } = {},
  overrides: Partial<CreateLabelingJobCommandInput> = {},
): Promise<CreateLabelingJobCommandInput> {
  const name = options.name ?? unique('job');
  const suffix = options.multiLabel ? 'TextMultiClassMultiLabel' : 'TextMultiClass';
  return {
    LabelingJobName: name,
    LabelAttributeName: 'parity',
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: await putText(w, setup.bucket, `${name}/input.manifest`, manifest(options.sources ?? ['42', '19', '21'])) } } },
    OutputConfig: { S3OutputPath: `s3://${setup.bucket}/Output/` },
    RoleArn: 'arn:aws:iam::000000000000:role/AmazonSageMaker-ExecutionRole',
    LabelCategoryConfigS3Uri: await putText(w, setup.bucket, `${name}/labels.json`, labelFile(options.labels ?? ['Odd Number', 'Even Number'])),
    HumanTaskConfig: {
      WorkteamArn: setup.teamArn,
      UiConfig: { UiTemplateS3Uri: `s3://${setup.bucket}/template.liquid` },
      PreHumanTaskLambdaArn: lambda('PRE', suffix, w.region),
      AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: lambda('ACS', suffix, w.region) },
      TaskTitle: 'Odd or even',
      TaskDescription: 'Is the number odd or even?',
      NumberOfHumanWorkersPerDataObject: options.workers ?? 1,
      TaskTimeLimitInSeconds: 300,
    },
    ...overrides,
  };
}

export async function createJob(w: World, input: CreateLabelingJobCommandInput): Promise<string> {
  return (await w.sm.send(new CreateLabelingJobCommand(input))).LabelingJobArn!;
}

/** Creates the job and moves the clock past its start (the default transition delay); its name. */
export async function startJob(w: World, input: CreateLabelingJobCommandInput): Promise<string> {
  await createJob(w, input);
  await w.advance(500);
  return input.LabelingJobName!;
}

/** The output manifest of a job whose output path is `s3://<bucket>/Output/`, one parsed object per line. */
export async function outputManifest(w: World, bucketName: string, job: string): Promise<Array<Record<string, any>>> {
  return (await getText(w, bucketName, `Output/${job}/manifests/output/output.manifest`))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, any>);
}
