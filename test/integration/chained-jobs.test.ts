// A chained job (`input.fromJob`) through the built CLI against the sandbox: while its source job runs, the plan
// shows it waiting (in human and JSON output) without blocking the rest or counting as a change; once the source
// has completed, the next apply creates it on the source's output manifest, and its workers label that output.
import { DescribeLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { bucketDoc, jobDoc, teamDoc } from '../helpers/specs.js';
import { base, useSandbox } from '../helpers/gtctl.js';

const world = useSandbox();

const numbers = bucketDoc({ spec: { objects: [{ key: 'input/1.txt', content: '42' }, { key: 'input/2.txt', content: '19' }] } });
const team = teamDoc({ spec: { members: ['ann@example.com'] } });
const source = jobDoc({ name: 'numbers' });
const recheck = jobDoc({ name: 'numbers-recheck', spec: { input: { fromPrefix: undefined, fromJob: 'numbers' }, task: { title: 'Check: odd or even' } } });
const describeJob = (name: string) => world.sageMaker.send(new DescribeLabelingJobCommand({ LabelingJobName: name }));

async function labelAll(job: string): Promise<string> {
  const tasks = await world.tasks(job, 'ann@example.com');
  return (await world.label(job, 'ann@example.com', tasks.map((t) => ({ object: t.object, label: Number(t.source) % 2 ? 'Odd' : 'Even' })))).jobStatus;
}

describe('a chained job', () => {
  it('waits for its source, then is created on its output and labeled', async () => {
    const dir = await world.specs([...base(), team, numbers, source, recheck]);
    const first = await world.planJson(dir);
    expect(first.code).toBe(2);
    expect(first.plan.changes.map((c) => c.address)).not.toContain('job/numbers-recheck');
    expect((first.plan as unknown as { waiting: unknown }).waiting).toEqual([{ address: 'job/numbers-recheck', waitsFor: 'job/numbers', status: 'not created' }]);
    await world.apply(dir);

    // The source runs: the chain still waits, and a plan with nothing else to do has no changes (exit 0).
    const running = await world.gtctl('plan', '-d', dir, '--detailed-exitcode');
    expect(running.code, running.stderr).toBe(0);
    expect(running.stdout).toMatch(/job\/numbers-recheck waits for job\/numbers to complete \(it is (Initializing|InProgress)\)/);

    await world.advanceClock(60_000);
    expect(await labelAll('numbers')).toBe('Completed');
    const output = (await describeJob('numbers')).LabelingJobOutput?.OutputDatasetS3Uri;
    expect(output).toMatch(/^s3:\/\/gtctl-data\/output\/numbers\/manifests\/output\/output\.manifest$/);

    const ready = await world.planJson(dir);
    expect((ready.plan as unknown as { waiting?: unknown }).waiting).toBeUndefined();
    expect(ready.plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual(['create job/numbers-recheck']);
    await world.apply(dir);
    expect((await describeJob('numbers-recheck')).InputConfig?.DataSource?.S3DataSource?.ManifestS3Uri).toBe(output);
    expect(await world.changes(dir)).toEqual([]);

    await world.advanceClock(60_000);
    expect(await labelAll('numbers-recheck')).toBe('Completed');
  });

  it('is refused at validation when it names no job of the specs', async () => {
    const dir = await world.specs([...base(), team, numbers, jobDoc({ name: 'orphan', spec: { input: { fromPrefix: undefined, fromJob: 'nowhere' } } })]);
    const run = await world.gtctl('validate', '-d', dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\.yaml:\d+:\d+: error unknown-job: unknown job "nowhere"/);
  });
});
