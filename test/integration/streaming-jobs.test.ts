// A streaming job through the built CLI against the sandbox: created on an SNS input topic (no manifest), fed by a
// publisher of the user's own (the real SNS client), labeled object by object, its labels published to the output
// topic; `gtctl status` shows what it received and labeled; `state: stopped` stops it.
import { CreateTopicCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DescribeLabelingJobCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { bucketDoc, jobDoc, teamDoc } from '../helpers/specs.js';
import { base, REGION, useSandbox, waitFor } from '../helpers/gtctl.js';

const world = useSandbox();

const team = teamDoc({ spec: { members: ['ann@example.com'] } });
const describeJob = (name: string) => world.sageMaker.send(new DescribeLabelingJobCommand({ LabelingJobName: name }));

describe('a streaming job', () => {
  it('labels what is published to its topic until it is stopped', async () => {
    const sns = new SNSClient({ region: REGION, endpoint: world.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const topicIn = (await sns.send(new CreateTopicCommand({ Name: 'numbers-in' }))).TopicArn!;
    const topicOut = (await sns.send(new CreateTopicCommand({ Name: 'numbers-out' }))).TopicArn!;
    const stream = (state?: 'stopped') =>
      jobDoc({ name: 'numbers-stream', spec: { input: { fromPrefix: undefined, stream: { snsTopicArn: topicIn } }, outputTopicArn: topicOut, ...(state ? { state } : {}) } });
    const dir = await world.specs([...base(), team, bucketDoc(), stream()]);
    await world.apply(dir);
    const job = await describeJob('numbers-stream');
    expect(job.InputConfig?.DataSource).toEqual({ SnsDataSource: { SnsTopicArn: topicIn } });
    expect(job.OutputConfig?.SnsTopicArn).toBe(topicOut);
    expect(await world.changes(dir)).toEqual([]);

    await world.advanceClock(60_000);
    for (const source of ['42', '19']) await sns.send(new PublishCommand({ TopicArn: topicIn, Message: JSON.stringify({ source }) }));
    const tasks = await waitFor('the streamed objects', async () => {
      const open = await world.tasks('numbers-stream', 'ann@example.com');
      return open.length === 2 ? open : undefined;
    });
    await world.label('numbers-stream', 'ann@example.com', tasks.map((t) => ({ object: t.object, label: Number(t.source) % 2 ? 'Odd' : 'Even' })));
    expect((await describeJob('numbers-stream')).LabelingJobStatus).toBe('InProgress');
    const published = await fetch(`${world.url}/_sandbox/sns/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ topicArn: topicOut }) });
    const labels = ((await published.json()) as Array<{ message: string }>).map((m) => JSON.parse(m.message) as Record<string, unknown>);
    expect(labels.map((l) => [l.source, (l['numbers-stream-metadata'] as Record<string, unknown>)['class-name']])).toEqual([['42', 'Even'], ['19', 'Odd']]);

    const status = await world.gtctl('status', '-d', dir);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('Job numbers-stream: InProgress (streaming: 2 received, 2 labeled)');

    await world.apply(await world.specs([...base(), team, bucketDoc(), stream('stopped')]));
    expect(['Stopping', 'Stopped']).toContain((await describeJob('numbers-stream')).LabelingJobStatus);
  });
});
