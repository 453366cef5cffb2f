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

async function execute(p: Plan, ports: AwsPorts) {
  const reporter = silentReporter();
  const runtime: ApplyRuntime = { ports, project: p.project, region: p.region, context: structuredClone(p.context), env: {}, waitUntil: async () => {}, emailLimit: { reached: false } };
  const counts = await executePlan(p, runtime, reporter);
  return { counts, events: reporter.events };
}

const of = <T extends ReportEvent['type']>(events: ReportEvent[], type: T) => events.filter((e): e is Extract<ReportEvent, { type: T }> => e.type === type);

describe('executePlan', () => {
  it('skips only what needs a failed change, naming it; the rest goes on', async () => {
    const p = plan(desiredState({ teams: [aTeam('labelers', { members: ['a@x.com', 'b@x.com'] })] }), liveState({ teams: [aLiveTeam('labelers')] }));
    const ports = fakePorts(async (method, args) => {
      if (method === 'adminCreateUser' && (args[0] as { Username: string }).Username === 'a@x.com') throw new GtctlError('aws-error', 'no', 'aws');
      return undefined;
    });
    const { counts, events } = await execute(p, ports);
    expect(counts).toEqual({ done: 2, failed: 1, skipped: 1, deferred: 0 });
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
});
