import { describe, expect, it } from 'vitest';
import type { AwsPorts } from '../aws/ports.js';
import { buildPlan } from '../core/build-plan.js';
import { GtctlError } from '../core/errors.js';
import type { Plan } from '../core/plan.js';
import { aLiveTeam, aLiveUser, aTeam, desiredState, liveState, NOW } from '../core/test-support.js';
import type { ApplyRuntime } from '../providers/runtime.js';
import { silentReporter, type ReportEvent } from '../report/reporter.js';
import { executePlan } from './execute-plan.js';

const plan = (...args: [Parameters<typeof buildPlan>[0], Parameters<typeof buildPlan>[1]]): Plan => buildPlan(...args, { now: NOW });

/** Ports whose every method records its call and answers with `answer` (undefined by default). */
function fakePorts(answer: (method: string, args: unknown[]) => Promise<unknown> = async () => undefined): AwsPorts {
  const port = () => new Proxy({}, { get: (_, method) => (...args: unknown[]) => answer(String(method), args) });
  return { sts: port(), sageMaker: port(), cognito: port(), s3: port(), calls: () => ({}), now: () => NOW } as unknown as AwsPorts;
}

async function execute(p: Plan, ports: AwsPorts, options: Parameters<typeof executePlan>[3] = {}) {
  const reporter = silentReporter();
  const runtime: ApplyRuntime = { ports, project: p.project, region: p.region, context: p.context, env: {}, waitUntil: async () => {}, emailLimit: { reached: false } };
  const { counts, results, interrupted } = await executePlan(p, runtime, reporter, options);
  return { counts, results, interrupted, events: reporter.events };
}

const of = <T extends ReportEvent['type']>(events: ReportEvent[], type: T) => events.filter((e): e is Extract<ReportEvent, { type: T }> => e.type === type);

describe('executePlan', () => {
  it('skips only what needs a failed change, naming it; the rest goes on', async () => {
    const p = plan(desiredState({ teams: [aTeam('labelers', { members: ['a@x.com', 'b@x.com'] })] }), liveState({ teams: [aLiveTeam('labelers')] }));
    const ports = fakePorts(async (method, args) => {
      if (method === 'adminCreateUser' && (args[0] as { Username: string }).Username === 'a@x.com') throw new GtctlError('aws-error', 'no', 'aws');
      return undefined;
    });
    const { counts, results, events } = await execute(p, ports);
    expect(counts).toEqual({ done: 2, failed: 1, skipped: 1, deferred: 0 });
    // The value: one result per change, in plan order, the counts derived from it.
    expect(results.map(({ durationMs: _ms, ...r }) => r)).toEqual([
      { address: 'member/a@x.com', action: 'create', status: 'failed', error: { code: 'aws-error', message: 'no' } },
      { address: 'member/b@x.com', action: 'create', status: 'done' },
      { address: 'membership/labelers/a@x.com', action: 'create', status: 'skipped', becauseOf: 'member/a@x.com' },
      { address: 'membership/labelers/b@x.com', action: 'create', status: 'done' },
    ]);
    expect(of(events, 'changeSkipped').map((e) => [e.change.address, e.becauseOf])).toEqual([['membership/labelers/a@x.com', 'member/a@x.com']]);
    expect(of(events, 'changeFinished').map((e) => e.change.address).sort()).toEqual(['member/b@x.com', 'membership/labelers/b@x.com']);
  });

  it('skips dependents of dependents too, in plan order, all naming the root cause', async () => {
    const p = plan(desiredState({ teams: [aTeam('labelers', { members: ['a@x.com'] })] }), liveState({ workforce: null, userPool: null }));
    const ports = fakePorts(async (method) => {
      throw new GtctlError('aws-error', `${method} failed`, 'aws');
    });
    const { counts, events } = await execute(p, ports);
    expect(counts).toEqual({ done: 0, failed: 1, skipped: 3, deferred: 0 });
    expect(of(events, 'changeSkipped').map((e) => `${e.change.address} <- ${e.becauseOf}`)).toEqual([
      'team/labelers <- workforce/default',
      'member/a@x.com <- workforce/default',
      'membership/labelers/a@x.com <- workforce/default',
    ]);
  });

  it('gives each kind its own budget: many invitations do not hold back a membership removal', async () => {
    const invited = Array.from({ length: 100 }, (_, i) => `new${i}@x.com`);
    const p = plan(
      desiredState({ teams: [aTeam('labelers', { members: invited })] }),
      liveState({ teams: [aLiveTeam('labelers')], users: [aLiveUser('gone@x.com')], members: { labelers: ['gone@x.com'] } }),
    );
    const { counts, events } = await execute(p, fakePorts());
    expect(counts).toEqual({ done: 201, failed: 0, skipped: 0, deferred: 0 });
    const started = of(events, 'changeStarted').map((e) => e.change.address);
    const lastInvitation = Math.max(...invited.map((email) => started.indexOf(`member/${email}`)));
    expect(started.indexOf('membership/labelers/gone@x.com')).toBeLessThan(lastInvitation);
  });

  it("hands a new workforce's pool, client and name to the changes that depend on it, not through shared state", async () => {
    const p = plan(desiredState({ teams: [aTeam('labelers', { members: ['a@x.com'] })] }), liveState({ workforce: null, userPool: null }));
    const seen: Array<[string, unknown]> = [];
    const ports = fakePorts(async (method, args) => {
      seen.push([method, args[0]]);
      if (method === 'createUserPool') return { Id: 'us-east-1_new' };
      if (method === 'createUserPoolClient') return { ClientId: 'client-new' };
      if (method === 'listUserPools' || method === 'listUserPoolClients' || method === 'listGroups') return [];
      if (method === 'describeWorkforce') return { Status: 'Active', SubDomain: 'abc.labeling.us-east-1.sagemaker.aws' };
      if (method === 'describeUserPool') return { Id: 'us-east-1_new', AdminCreateUserConfig: {} };
      if (method === 'describeUserPoolClient') return { UserPoolId: 'us-east-1_new', ClientId: 'client-new', CallbackURLs: [], LogoutURLs: [] };
      return undefined;
    });
    const { counts, events } = await execute(p, ports);
    expect(of(events, 'changeFailed')).toEqual([]);
    expect(counts.failed).toBe(0);
    expect(p.context.userPoolId).toBeUndefined();
    const team = seen.find(([method]) => method === 'createWorkteam')![1] as { WorkforceName: string; MemberDefinitions: Array<{ CognitoMemberDefinition: { UserPool: string; ClientId: string } }> };
    expect(team.WorkforceName).toBe('default');
    expect(team.MemberDefinitions[0]!.CognitoMemberDefinition).toMatchObject({ UserPool: 'us-east-1_new', ClientId: 'client-new' });
    expect(seen.find(([method]) => method === 'adminCreateUser')![1]).toMatchObject({ UserPoolId: 'us-east-1_new' });
  });

  it('stops starting changes once interrupted, lets those running finish, and reports the rest as not started', async () => {
    const invited = Array.from({ length: 100 }, (_, i) => `new${i}@x.com`);
    const p = plan(desiredState({ teams: [aTeam('labelers', { members: invited })] }), liveState({ teams: [aLiveTeam('labelers')] }));
    const controller = new AbortController();
    let created = 0;
    const ports = fakePorts(async (method) => {
      if (method === 'adminCreateUser' && ++created === 10) controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 1));
      return undefined;
    });
    const { counts, results, interrupted, events } = await execute(p, ports, { signal: controller.signal });
    expect(interrupted).toBe(true);
    expect(of(events, 'applyInterrupted')).toHaveLength(1);
    // Changes already running finished; nothing started after the interrupt.
    const started = of(events, 'changeStarted').length;
    expect(counts.done).toBe(started);
    expect(results.filter((r) => r.error?.code === 'interrupted')).toHaveLength(p.changes.length - started);
    expect(of(events, 'applyFinished')[0]).toMatchObject({ interrupted: { notStarted: p.changes.length - started } });
  });

  it('stops waiting for changes still running once the drain time is up', async () => {
    const p = plan(desiredState({ teams: [aTeam('labelers', { members: ['a@x.com'] })] }), liveState({ teams: [aLiveTeam('labelers')] }));
    const controller = new AbortController();
    const ports = fakePorts(async (method) => {
      if (method === 'adminCreateUser') {
        controller.abort();
        return new Promise(() => undefined); // never answers
      }
      return undefined;
    });
    const { results } = await execute(p, ports, { signal: controller.signal, drainMs: 20 });
    expect(results.map((r) => [r.address, r.status, r.error?.code])).toEqual([
      ['member/a@x.com', 'failed', 'interrupted'],
      ['membership/labelers/a@x.com', 'skipped', 'interrupted'],
    ]);
  });
});
