// `gtctl sandbox` for people: the start-up banner (what to paste into a shell), the line when it stops, and what
// `sandbox label` shows of each task while it asks for a label.
import type { PendingTask, SandboxOptions } from '../sandbox/index.js';

/**
 * The environment that points gtctl (and any SDK) at this sandbox: one endpoint for everything, or, over external
 * backends, SageMaker here and Cognito, S3 and STS where they are (nothing for `aws`: the SDK's own endpoints).
 */
function endpointExports(url: string, options: SandboxOptions): string[] {
  const { cognitoEndpoint, s3Endpoint } = options.external ?? {};
  if (!cognitoEndpoint && !s3Endpoint) return [`export AWS_ENDPOINT_URL=${url}`];
  const sts = cognitoEndpoint ?? s3Endpoint;
  const endpoints = { SAGEMAKER: url, COGNITO_IDENTITY_PROVIDER: cognitoEndpoint ?? url, S3: s3Endpoint ?? url, STS: sts };
  return Object.entries(endpoints).flatMap(([service, endpoint]) => (endpoint === 'aws' ? [] : [`export AWS_ENDPOINT_URL_${service}=${endpoint}`]));
}

// What a user pastes into a shell; the notes are shell comments so pasting all of it is harmless.
export function sandboxBanner(url: string, account: string, options: SandboxOptions): string {
  const { cognitoEndpoint, s3Endpoint } = options.external ?? {};
  const over = [cognitoEndpoint && `Cognito at ${cognitoEndpoint}`, s3Endpoint && `S3 at ${s3Endpoint}`].filter(Boolean).join(', ');
  return [
    `gtctl sandbox listening on ${url} (account ${account}${over ? `; SageMaker over ${over}` : ''})`,
    ...endpointExports(url, options),
    // Over AWS's own Cognito or S3 the user's real credentials are needed; anything else takes any key.
    ...(cognitoEndpoint === 'aws' || s3Endpoint === 'aws' ? [] : ['export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1']),
    `# state: ${options.statePath ?? 'in memory'}; Cognito quotas: ${options.quotas?.enabled ? `on (scale ${options.quotas.scale})` : 'off'}; Ctrl-C stops`,
    `# realism: ${options.realism?.ideal ? 'off (--ideal)' : `on (seed ${options.realism?.seed ?? 1}, consistency ${options.realism?.consistencyMs ?? 300} ms; GET /_sandbox/realism shows the variants)`}`,
    '',
  ].join('\n');
}

export function sandboxStopped(options: SandboxOptions): string {
  return `gtctl sandbox stopped${options.statePath ? `; state saved to ${options.statePath}` : ''}\n`;
}

export const NO_OPEN_TASKS = 'No open tasks for this worker.\n';

/** One task and its labels, numbered from 1 as the worker answers them; `index` counts from 0. */
export function renderTask(task: PendingTask, index: number, total: number): string {
  return `\nTask ${index + 1} of ${total} (object ${task.object}): ${task.source}\n${task.labels.map((label, n) => `  ${n + 1}) ${label}\n`).join('')}`;
}

export function labelPrompt(task: PendingTask): string {
  return task.multiLabel ? 'Labels (numbers or names, comma-separated): ' : 'Label (number or name): ';
}

/** After an answer that names no label (or several, for a single-label task). */
export function labelRetry(task: PendingTask): string {
  return `Please answer with ${task.multiLabel ? 'one or more of' : 'one of'} 1-${task.labels.length} or a label name.\n`;
}
