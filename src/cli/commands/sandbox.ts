// `gtctl sandbox`: run the embedded AWS-compatible server until interrupted.
// `gtctl sandbox label`: answer a labeling job's tasks as one worker, against a running sandbox.
// The sandbox is imported only when a handler runs, so other commands do not pay for loading it.
import { readFileSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { GtctlError } from '../../core/errors.js';
import { prettyJson } from '../../report/json.js';
import { lineReader } from '../../report/prompt.js';
import type { TextSink } from '../../report/reporter.js';
import { labelPrompt, labelRetry, NO_OPEN_TASKS, renderTask, sandboxBanner, sandboxStopped } from '../../report/sandbox-human.js';
import type { LabelRequest, PendingTask, SandboxOptions } from '../../sandbox/index.js';
// The variants' names and values only (a small module): checked before the server is loaded.
import { VARIANTS } from '../../sandbox/realism.js';

const DEFAULT_PORT = 4566;

interface ServeArgs {
  port: number;
  state?: string;
  latency?: number;
  'fail-rate'?: number;
  'throttle-rate'?: number;
  'quota-scale': number;
  quotas: boolean;
  seed?: number;
  'consistency-ms'?: number;
  ideal: boolean;
  variant?: string[];
  'cognito-endpoint'?: string;
  's3-endpoint'?: string;
}

interface LabelArgs {
  endpoint?: string;
  region?: string;
  job: string;
  as: string;
  answers?: string;
}

export const sandboxCommand: CommandModule<object, ServeArgs> = {
  command: 'sandbox',
  describe: 'Run the embedded AWS-compatible server (SageMaker, Cognito, S3, STS) on 127.0.0.1',
  builder: (yargs: Argv<object>) =>
    yargs
      .command(labelCommand)
      .option('port', { type: 'number', global: false, default: DEFAULT_PORT, describe: 'Port to listen on (0 picks a free port)' })
      .option('state', { type: 'string', global: false, describe: 'Keep the state in this JSON file across restarts' })
      .option('latency', { type: 'number', global: false, describe: 'Milliseconds added to every AWS call' })
      .option('fail-rate', { type: 'number', global: false, describe: 'Fraction of AWS calls answered with an internal error (0..1)' })
      .option('throttle-rate', { type: 'number', global: false, describe: 'Fraction of AWS calls answered with a throttling error (0..1)' })
      .option('quota-scale', { type: 'number', global: false, default: 1, describe: "Multiply Cognito's request-rate quotas (10 = ten times faster)" })
      .option('quotas', { type: 'boolean', global: false, default: true, describe: 'Throttle Cognito at its quotas (--no-quotas turns this off)' })
      .option('seed', { type: 'number', global: false, describe: 'Seed of the realistic behaviours\' random draws (default 1)' })
      .option('consistency-ms', { type: 'number', global: false, describe: 'How long new things take to become visible, in ms (default 300)' })
      .option('ideal', { type: 'boolean', global: false, default: false, describe: 'Turn every realistic behaviour off: instant, sequential, limitless (for debugging only)' })
      .option('variant', { type: 'string', array: true, global: false, describe: 'Play one of AWS\'s unknown behaviours: NAME=VALUE (repeatable; GET /_sandbox/realism lists them)' })
      .option('cognito-endpoint', { type: 'string', global: false, describe: 'Serve SageMaker over the Cognito at this URL (moto, AWS: `aws`) instead of the sandbox\'s own' })
      .option('s3-endpoint', { type: 'string', global: false, describe: 'Serve SageMaker over the S3 at this URL (moto, AWS: `aws`) instead of the sandbox\'s own' }),
  handler: async (args) => {
    const options = sandboxOptions(args);
    const { startSandbox, StateFileError } = await import('../../sandbox/index.js');
    // A busy port or a state file the sandbox cannot use is the user's to fix, not a gtctl bug.
    const explained = (error: unknown): never => {
      if (error instanceof StateFileError) throw new GtctlError('state-file', error.message, 'user', undefined, { cause: error });
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new GtctlError('port-in-use', `port ${options.port} is already in use`, 'user', 'Pass --port 0 for a free port, or stop the other server.');
      throw error;
    };
    const sandbox = await startSandbox(options).catch((error: unknown) => {
      // The external endpoint's STS could not be reached: the user's to fix.
      if (options.external && error instanceof Error && error.message.startsWith('Cannot reach STS'))
        throw new GtctlError('external-endpoint', error.message, 'user', 'Start that server first, or check the URL.');
      return explained(error);
    });
    process.stdout.write(sandboxBanner(sandbox.url, sandbox.account, options));
    await untilStopped();
    await sandbox.close().catch(explained);
    process.stdout.write(sandboxStopped(options));
  },
};

/** Flags to server options; throws on values the server would misread. */
export function sandboxOptions(args: ArgumentsCamelCase<ServeArgs>): SandboxOptions {
  const { port, latency, failRate, throttleRate, quotaScale } = args;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage(`--port must be an integer from 0 to 65535, not ${port}`);
  if (latency !== undefined && !(latency >= 0)) throw usage(`--latency must be a number of milliseconds >= 0, not ${latency}`);
  for (const [flag, rate] of [['--fail-rate', failRate], ['--throttle-rate', throttleRate]] as const)
    if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw usage(`${flag} must be a number from 0 to 1, not ${rate}`);
  if ((failRate ?? 0) + (throttleRate ?? 0) > 1) throw usage('--fail-rate and --throttle-rate must not add up to more than 1');
  if (!(quotaScale > 0)) throw usage(`--quota-scale must be a positive number, not ${quotaScale}`);
  const { seed, consistencyMs } = args;
  if (seed !== undefined && !Number.isInteger(seed)) throw usage(`--seed must be an integer, not ${seed}`);
  if (consistencyMs !== undefined && !(consistencyMs >= 0 && consistencyMs <= 600_000)) throw usage(`--consistency-ms must be a number of milliseconds from 0 to 600000, not ${consistencyMs}`);
  const variants = Object.fromEntries(
    (args.variant ?? []).map((pair) => {
      const [name, value, ...rest] = pair.split('=');
      if (!name || value === undefined || rest.length > 0) throw usage(`--variant takes NAME=VALUE, not "${pair}"`);
      if (!Object.hasOwn(VARIANTS, name)) throw usage(`--variant: unknown variant "${name}"; known: ${Object.keys(VARIANTS).join(', ')}`);
      const values: readonly string[] = VARIANTS[name as keyof typeof VARIANTS].values;
      if (!values.includes(value)) throw usage(`--variant ${name} must be one of ${values.join(', ')}, not "${value}"`);
      return [name, value];
    }),
  );
  const external = Object.fromEntries(
    ([['cognitoEndpoint', '--cognito-endpoint', args.cognitoEndpoint], ['s3Endpoint', '--s3-endpoint', args.s3Endpoint]] as const).flatMap(([option, flag, value]) => {
      if (value === undefined) return [];
      if (value !== 'aws' && !/^https?:\/\/[^/\s]+\/?$/.test(value)) throw usage(`${flag} must be an http(s) URL with no path, or "aws", not "${value}"`);
      return [[option, value.replace(/\/$/, '')]];
    }),
  );
  const everyCall = {
    operation: '*',
    ...(latency !== undefined && { latencyMs: latency }),
    ...(failRate !== undefined && { failRate }),
    ...(throttleRate !== undefined && { throttleRate }),
  };
  return {
    port,
    ...(args.state !== undefined && { statePath: args.state }),
    ...(Object.keys(everyCall).length > 1 && { faults: { rules: [everyCall] } }),
    quotas: { enabled: args.quotas, scale: quotaScale },
    realism: { ideal: args.ideal, ...(seed !== undefined && { seed }), ...(consistencyMs !== undefined && { consistencyMs }), ...(Object.keys(variants).length > 0 && { variants }) },
    ...(Object.keys(external).length > 0 && { external }),
  };
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const labelCommand: CommandModule<object, LabelArgs> = {
  command: 'label',
  describe: "Answer a labeling job's tasks as a worker, in a running sandbox",
  builder: (yargs: Argv<object>) =>
    yargs
      .option('endpoint', { type: 'string', describe: 'The sandbox URL (default: AWS_ENDPOINT_URL)' })
      .option('region', { type: 'string', describe: "The job's region (default: AWS_REGION, else us-east-1)" })
      .option('job', { type: 'string', demandOption: true, describe: 'Labeling job name' })
      .option('as', { type: 'string', demandOption: true, describe: "The worker: a member's e-mail for a private team's job, any name for a public-crowd or vendor job" })
      .option('answers', { type: 'string', describe: 'JSON file: [{ "object": 0, "label": "Even Number" }, ...] (default: ask on the terminal)' }),
  handler: async (args) => {
    const endpoint = args.endpoint ?? process.env['AWS_ENDPOINT_URL'];
    if (!endpoint) throw usage('sandbox label: pass --endpoint URL or set AWS_ENDPOINT_URL to the sandbox URL');
    const region = args.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
    const post = (route: string, body: unknown) => postAdmin(endpoint, route, region, body);
    let answers: LabelRequest['answers'];
    if (args.answers !== undefined) answers = readAnswers(args.answers);
    else if (process.stdin.isTTY) {
      const tasks = (await post('sagemaker/tasks', { job: args.job, worker: args.as })) as PendingTask[];
      answers = await askForAnswers(tasks, process.stdin, process.stdout);
    } else throw usage('sandbox label: stdin is not a terminal, so pass the answers with --answers FILE');
    const request: LabelRequest = { job: args.job, worker: args.as, answers };
    const result = await post('sagemaker/label', request);
    process.stdout.write(prettyJson(result));
  },
};

export function readAnswers(file: string): LabelRequest['answers'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw usage(`--answers ${file}: ${(error as Error).message}`);
  }
  const isLabel = (l: unknown) => typeof l === 'string' || (Array.isArray(l) && l.every((x) => typeof x === 'string'));
  if (!Array.isArray(parsed)) throw usage(`--answers ${file}: expected a JSON array of { "object": 0, "label": "..." }`);
  parsed.forEach((answer: { object?: unknown; label?: unknown }, i) => {
    if (typeof answer !== 'object' || answer === null || !Number.isInteger(answer.object) || (answer.object as number) < 0 || !isLabel(answer.label))
      throw usage(`--answers ${file}: entry ${i} must be { "object": <0-based line of the manifest>, "label": "..." or ["...", ...] }`);
  });
  return parsed as LabelRequest['answers'];
}

/** Shows each open task and reads a label by number or name; multi-label tasks take several, comma-separated. */
export async function askForAnswers(tasks: readonly PendingTask[], input: NodeJS.ReadableStream, output: TextSink): Promise<LabelRequest['answers']> {
  const answers: LabelRequest['answers'] = [];
  if (tasks.length === 0) {
    output.write(NO_OPEN_TASKS);
    return answers;
  }
  // Not a yes/no question: a label has no default answer, so the end of input stops the command instead.
  const reader = lineReader(input, output);
  try {
    for (const [i, task] of tasks.entries()) {
      output.write(renderTask(task, i, tasks.length));
      for (;;) {
        const line = await reader.ask(labelPrompt(task));
        if (line === undefined) throw usage('sandbox label: input ended before every task was answered');
        const labels = chosenLabels(line, task.labels);
        if (labels && (task.multiLabel ? labels.length > 0 : labels.length === 1)) {
          answers.push({ object: task.object, label: task.multiLabel ? labels : labels[0]! });
          break;
        }
        output.write(labelRetry(task));
      }
    }
  } finally {
    reader.close();
  }
  return answers;
}

function chosenLabels(answer: string, labels: readonly string[]): string[] | undefined {
  const chosen: string[] = [];
  for (const part of answer.split(',').map((p) => p.trim()).filter(Boolean)) {
    const byNumber = /^\d+$/.test(part) ? labels[Number(part) - 1] : undefined;
    const label = byNumber ?? labels.find((l) => l.toLowerCase() === part.toLowerCase());
    if (label === undefined) return undefined;
    chosen.push(label);
  }
  return chosen;
}

async function postAdmin(endpoint: string, route: string, region: string, body: unknown): Promise<unknown> {
  const url = `${endpoint.replace(/\/+$/, '')}/_sandbox/${route}?region=${encodeURIComponent(region)}`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    throw new GtctlError('sandbox-unreachable', `cannot reach the sandbox at ${endpoint}: ${(error as Error).cause ?? (error as Error).message}`, 'user', 'Start one with `gtctl sandbox` and pass its URL.');
  }
  const text = await response.text();
  let parsed: { __type?: string; message?: string } | undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new GtctlError('sandbox-unreachable', `${url} did not answer like a gtctl sandbox (HTTP ${response.status})`, 'user');
  }
  if (!response.ok) throw new GtctlError('sandbox-refused', `sandbox refused ${route}: ${parsed?.__type ?? response.status}: ${parsed?.message ?? text}`, 'user');
  return parsed;
}

function usage(message: string): GtctlError {
  return new GtctlError('usage', message, 'user');
}
