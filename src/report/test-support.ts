// Realistic plans for report tests, built by the real planner from desired/live fixtures (core/test-support.ts).
// Excluded from the build like every test-support.ts.
import { buildPlan } from '../core/build-plan.js';
import type { Change, Plan } from '../core/plan.js';
import { aLivePool, aLiveTeam, aLiveUser, aManagedWorkforce, aProject, aTeam, desiredState, liveState, NOW } from '../core/test-support.js';
import { aJob, BUCKET } from '../core/jobs/test-support.js';
import { styleFor } from './style.js';

export const TEAM = 'Image-Classification-Testing-Team';
export const PLAIN = styleFor({ isTTY: false }, { env: {} });
export const COLOR = styleFor({ isTTY: true }, { env: {} });

const plan = (...args: [Parameters<typeof buildPlan>[0], Parameters<typeof buildPlan>[1]]): Plan => buildPlan(...args, { now: NOW });
const seedTeam = (members: string[]) => aTeam(TEAM, { description: 'Workers who classify numbers as odd or even', members });
/** The seed account once applied: the team with bob and carol in it. */
const converged = () =>
  liveState({
    teams: [aLiveTeam(TEAM, { description: 'Workers who classify numbers as odd or even' })],
    users: [aLiveUser('bob@example.com'), aLiveUser('carol@example.com')],
    members: { [TEAM]: ['bob@example.com', 'carol@example.com'] },
  });

const MANIFEST = `s3://${BUCKET}/in.manifest`;

export const plans = {
  /** A public (Mechanical Turk) job over 3 objects, 2 workers each at $0.036. */
  publicJob: () =>
    plan(
      { ...desiredState({ workforce: null }), jobs: [aJob({ name: 'crowd-job', input: { manifest: MANIFEST }, workforce: { type: 'public', priceTenthCents: 36 }, workers: { perObject: 2, taskTimeLimitSeconds: 300, taskAvailabilitySeconds: 21_600, maxConcurrentTasks: 1000, contentClassifiers: ['freeOfPersonallyIdentifiableInformation'] } })] },
      { ...liveState({ workforce: null, userPool: null }), manifests: { [MANIFEST]: '{"source":"1"}\n{"source":"2"}\n{"source":"3"}\n' } },
    ),
  /** Nothing exists yet: workforce, team, three invitations, three memberships. */
  freshAccount: () => plan(desiredState({ teams: [seedTeam(['user1@gmail.com', 'user2@gmail.com', 'user3@gmail.com'])] }), liveState({ workforce: null, userPool: null })),
  /** A pull request adds alice@example.com to the team. */
  addAlice: () => plan(desiredState({ teams: [seedTeam(['alice@example.com', 'bob@example.com', 'carol@example.com'])] }), converged()),
  /** A pull request drops bob@example.com from the team. */
  removeBob: () => plan(desiredState({ teams: [seedTeam(['carol@example.com'])] }), converged()),
  noChanges: () => plan(desiredState({ teams: [seedTeam(['bob@example.com', 'carol@example.com'])] }), converged()),
  /** A same-named team made in the console: a clash that blocks, next to an ordinary invitation. */
  blockedClash: () =>
    plan(
      desiredState({ teams: [aTeam('labelers', { members: ['dave@example.com'] })] }),
      liveState({ teams: [aLiveTeam('labelers', { tags: {} })], users: [aLiveUser('bob@example.com')], members: { labelers: ['bob@example.com'] } }),
    ),
  /** `unlistedUsers: delete` with a managed user no spec names, and a managed team gone from the specs. */
  unlistedDeletes: () =>
    plan(
      desiredState({ project: aProject({ policies: { unlistedUsers: 'delete' } }), teams: [seedTeam(['carol@example.com'])] }),
      liveState({
        teams: [aLiveTeam(TEAM, { description: 'Workers who classify numbers as odd or even' }), aLiveTeam('old-team')],
        users: [aLiveUser('carol@example.com'), aLiveUser('gone@example.com')],
        members: { [TEAM]: ['carol@example.com'], 'old-team': ['gone@example.com'] },
      }),
    ),
  /** The invitation e-mail changes one line; the team description and tags change too. */
  workforceUpdate: () =>
    plan(
      desiredState({
        workforce: aManagedWorkforce({ identity: { type: 'cognito-managed', poolName: 'gtctl-proj', domain: 'proj-labeling', invitation: { subject: 'Join', message: INVITATION.replace('Your code is {####}.', 'Your temporary password is {####}.') } } }),
        teams: [{ ...seedTeam(['bob@example.com', 'carol@example.com']), description: 'Odd or even', tags: { cost: 'ml' } }],
      }),
      { ...converged(), userPool: aLivePool({ invitation: { subject: 'Join', message: INVITATION } }) },
    ),
};

export const INVITATION = [
  'Hello {username},',
  '',
  'You are invited to label data for TECHBLOGGER-ORGANIZATION.',
  'Sign in at the labeling portal with your e-mail address.',
  'Your code is {####}.',
  'Questions? Write to support-contact@gmail.com.',
  'Thanks,',
  'The labeling team',
  '',
].join('\n');

/** A labeling-job stop as the planner will produce it once jobs are planned (the union has no job kind yet). */
export function withStop(p: Plan): Plan {
  const stop = { address: 'job/text-analysis-job-creation', action: 'stop', kind: 'job', diff: [{ path: 'state', before: 'running', after: 'stopped' }], reasons: ['state: stopped'], dependsOn: [] } as unknown as Change;
  return { ...p, changes: [...p.changes, stop], summary: { ...p.summary, stop: p.summary.stop + 1 } };
}
