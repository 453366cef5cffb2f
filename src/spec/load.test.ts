import { describe, expect, it } from 'vitest';
import { loadSpecs, loadSpecTexts } from './load.js';

describe('loadSpecs', () => {
  it('loads the even-odd example without any diagnostic', async () => {
    const result = await loadSpecs('specs/even-odd');
    expect(result.diagnostics).toEqual([]);
    expect(result.counts).toEqual({ Project: 1, Workforce: 1, Bucket: 1, Team: 1, Member: 0, LabelingJob: 1 });
    const desired = result.desired!;
    expect(desired.project).toMatchObject({ name: 'techblogger-labeling', region: 'us-east-1', accountId: '000000000000' });
    expect(desired.teams[0]!.members).toEqual(['user1@gmail.com', 'user2@gmail.com', 'user3@gmail.com']);
    expect(desired.members.map((m) => [m.email, m.teams])).toEqual([
      ['user1@gmail.com', ['Image-Classification-Testing-Team']],
      ['user2@gmail.com', ['Image-Classification-Testing-Team']],
      ['user3@gmail.com', ['Image-Classification-Testing-Team']],
    ]);
    expect(desired.jobs[0]!.workers).toEqual({ perObject: 1, taskTimeLimitSeconds: 300, taskAvailabilitySeconds: 864_000, maxConcurrentTasks: 1000 });
    expect(desired.buckets[0]!.objects.map((o) => [o.key, Buffer.from(o.bodyBase64, 'base64').toString()])).toEqual([
      ['Input/1.txt', '42'],
      ['Input/2.txt', '19'],
      ['Input/3.txt', '21'],
    ]);
  });
});
