// Sandbox throughput: simple calls per second through the real SDK clients, 16 in flight, ~3 s per operation.
// Run `npm run build` first: this starts the sandbox in-process from dist/. Quotas are off so the figure is the
// server's, not Cognito's request-rate quota. BENCH_MS changes the duration per operation.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListWorkteamsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { startSandbox } from '../dist/sandbox/index.js';

const DURATION_MS = Number(process.env.BENCH_MS ?? 3000);
const CONCURRENCY = 16;
const WARM_UP_CALLS = 100;

// The SDK's notice that its future releases need Node 22 is not a figure (the CLI turns it off the same way).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const sandbox = await startSandbox({ quotas: { enabled: false } });
const config = {
  region: 'us-east-1',
  endpoint: sandbox.url,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
};
const sts = new STSClient(config);
const sageMaker = new SageMakerClient(config);

const operations = [
  ['STS GetCallerIdentity', () => sts.send(new GetCallerIdentityCommand({}))],
  ['SageMaker ListWorkteams', () => sageMaker.send(new ListWorkteamsCommand({ MaxResults: 10 }))],
];

let failed = false;
try {
  for (const [name, call] of operations) {
    for (let i = 0; i < WARM_UP_CALLS; i++) await call();
    let calls = 0;
    const started = performance.now();
    const deadline = started + DURATION_MS;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline) {
          await call();
          calls++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`${name}: ${Math.round(calls / seconds)} calls/s (${calls} calls in ${seconds.toFixed(1)} s, ${CONCURRENCY} in flight)`);
  }
} catch (error) {
  console.error(`bench/sandbox.mjs: a call failed: ${error.name}: ${error.message}`);
  failed = true;
} finally {
  await sandbox.close();
}
process.exitCode = failed ? 1 : 0;
