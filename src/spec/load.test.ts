import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketDoc, jobDoc, memberDoc, projectDoc, teamDoc, load, yamlOf } from '../../test/helpers/specs.js';
import { loadSpecs } from './load.js';

describe('loadSpecs', () => {
  it.each(['even-odd', 'public-crowd', 'label-then-verify', 'video-tracking'])('loads the %s example without any diagnostic', async (example) => {
    expect((await loadSpecs(`specs/${example}`)).diagnostics).toEqual([]);
  });

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
    expect(desired.jobs[0]!.workers).toEqual({ perObject: 1, taskTimeLimitSeconds: 300, taskAvailabilitySeconds: 864_000, maxConcurrentTasks: 1000, contentClassifiers: [] });
    expect(desired.buckets[0]!.objects.map((o) => [o.key, Buffer.from(o.bodyBase64, 'base64').toString()])).toEqual([
      ['Input/1.txt', '42'],
      ['Input/2.txt', '19'],
      ['Input/3.txt', '21'],
    ]);
  });
});

describe('loadSpecTexts: team membership', () => {
  it('is the union of the team lists and the Member documents naming the team, from any file', () => {
    const result = load({
      'teams.yaml': [teamDoc({ spec: { members: ['ann@example.com'] } }), teamDoc({ name: 'reviewers', spec: { members: undefined } })],
      'people/bob.yaml': [memberDoc({ name: 'bob@example.com', spec: { displayName: 'Bob', teams: ['labelers', 'reviewers'] } })],
      'people/ann.yml': [memberDoc({ name: 'ann@example.com', spec: { teams: ['reviewers'] } })],
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.desired!.teams.map((t) => [t.name, t.members])).toEqual([
      ['labelers', ['ann@example.com', 'bob@example.com']],
      ['reviewers', ['ann@example.com', 'bob@example.com']],
    ]);
    expect(result.desired!.members).toEqual([
      { email: 'ann@example.com', teams: ['labelers', 'reviewers'], disabled: false },
      { email: 'bob@example.com', displayName: 'Bob', teams: ['labelers', 'reviewers'], disabled: false },
    ]);
  });

  it('keeps a Member of no team (disabled, say) as a member', () => {
    const result = load([teamDoc(), memberDoc({ name: 'old@example.com', spec: { teams: undefined, disabled: true } })]);
    expect(result.desired!.members.map((m) => [m.email, m.teams, m.disabled])).toEqual([
      ['ann@example.com', ['labelers'], false],
      ['bob@example.com', ['labelers'], false],
      ['old@example.com', [], true],
    ]);
  });
});

describe('loadSpecTexts: results', () => {
  it('reports every problem of every file and stage in one run, sorted by file, position and code', () => {
    const result = load({
      'b.yaml': [jobDoc({ spec: { team: 'nobody' } })],
      'a.yaml': 'kind: [\n',
      'c.yaml': [teamDoc({ name: 'bad name' }), teamDoc({ spec: { members: [] } })],
    });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['specs/a.yaml:1 yaml-syntax', 'specs/b.yaml:6 unknown-team', 'specs/c.yaml:4 invalid-format']);
    expect(result.desired).toBeUndefined();
    expect(result.files).toEqual(['specs/b.yaml', 'specs/a.yaml', 'specs/c.yaml']);
    expect(result.counts).toEqual({ Project: 0, Workforce: 0, Bucket: 0, Team: 1, Member: 0, LabelingJob: 1 });
  });

  it('builds the desired state despite warnings', () => {
    const result = load([teamDoc({ spec: { members: undefined } }), jobDoc()]);
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning team-without-members']);
    expect(result.desired!.jobs.map((j) => j.name)).toEqual(['odd-even']);
  });

  it('takes the Region from --region when the Project has none, and the Project\'s over --region', () => {
    expect(load([projectDoc({ spec: { region: undefined } })], { region: 'eu-west-1' }).desired!.project.region).toBe('eu-west-1');
    expect(load([projectDoc()], { region: 'eu-west-1' }).desired!.project.region).toBe('us-east-1');
    expect(load([], { region: 'eu-west-1' }).desired!.project).toEqual({ name: 'default', region: 'eu-west-1', policies: { unlistedUsers: 'keep' }, tags: {} });
  });

  it('orders every kind by name in the desired state, whatever the file order', () => {
    const result = load([teamDoc({ name: 'zeta' }), teamDoc({ name: 'alpha' }), bucketDoc({ name: 'z-data' }), bucketDoc({ name: 'a-data' })]);
    expect(result.desired!.teams.map((t) => t.name)).toEqual(['alpha', 'zeta']);
    expect(result.desired!.buckets.map((b) => b.name)).toEqual(['a-data', 'z-data']);
  });
});

describe('loadSpecs: finding files', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'gtctl-load-'));
    const write = async (file: string, text: string) => {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    };
    await write('team.yaml', yamlOf(teamDoc()));
    await write('nested/deeper/member.YML', yamlOf(memberDoc()));
    await write('.github/workflows/ci.yaml', 'on: push\n');
    await write('node_modules/pkg/x.yaml', 'not: a spec\n');
    await write('notes.txt', 'kind: Team\n');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('reads every *.yaml and *.yml below the directory, skipping hidden folders and node_modules', async () => {
    const result = await loadSpecs(root);
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => path.relative(root, path.resolve(f)))).toEqual([path.join('nested', 'deeper', 'member.YML'), 'team.yaml']);
    expect(result.counts).toMatchObject({ Team: 1, Member: 1 });
  });

  it('names files relative to the working directory', async () => {
    const result = await loadSpecs(root);
    expect(result.files).toContain(path.relative(process.cwd(), path.join(root, 'team.yaml')));
  });
});
