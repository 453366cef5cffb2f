// Property: whatever the specs (1-4 teams, members from a pool of ten, some in several teams, some through Member
// documents, any unlistedUsers policy) and whatever was changed by hand in between (users added to or removed from
// groups, disabled or enabled, created, renamed or deleted, signed in; a team's description edited or the team
// deleted; eight days passing, so invitations expire), apply then plan gives an empty plan, and what the SDK reads
// back is what the specs say.
//
// Each run starts from an emptied sandbox and drives the app functions the CLI calls, in this process: `plan()` reads
// through its own (paced) ports; apply gets ports paced faster and the sandbox's quotas are scaled to match, so a run
// takes a fraction of a second instead of waiting at AWS's rates (the integration tests keep those). Some runs apply
// the second plan through a saved plan file instead, which must never be stale when nothing moved. Reproducible from
// the seed (FC_SEED overrides it, FC_RUNS the number of runs); a failure prints the shrunk scenario.
import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminRemoveUserFromGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DeleteWorkteamCommand, UpdateWorkteamCommand } from '@aws-sdk/client-sagemaker';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPlan, applySavedPlan } from '../../src/app/apply.js';
import { plan } from '../../src/app/plan.js';
import { createAwsPorts } from '../../src/aws/clients.js';
import { COGNITO_QUOTAS, type CognitoCategory } from '../../src/aws/rate-limits.js';
import { planFile, readSavedPlan } from '../../src/report/plan-json.js';
import { silentReporter } from '../../src/report/reporter.js';
import { actions, base, PROJECT, REGION, useSandbox } from '../helpers/gtctl.js';
import { memberDoc, teamDoc, type SpecDoc } from '../helpers/specs.js';

const SCALE = 40;
const world = useSandbox({ quotas: { scale: SCALE } });

const EMAILS = ['ana', 'ben', 'cai', 'dee', 'eli', 'fay', 'gus', 'hal', 'ivy', 'jon'].map((n) => `${n}@example.com`);
const TEAMS = ['alpha', 'bravo', 'charlie', 'delta'] as const;
type TeamName = (typeof TEAMS)[number];

interface TeamSpec {
  name: TeamName;
  description: string;
  members: string[];
}
interface MemberSpec {
  email: string;
  teams: TeamName[];
  displayName?: string;
  disabled: boolean;
}
interface Specs {
  policy: 'keep' | 'disable' | 'delete';
  teams: TeamSpec[];
  members: MemberSpec[];
}

type Drift =
  | { op: 'add' | 'remove'; email: string; team: TeamName }
  | { op: 'disable' | 'enable' | 'create' | 'delete' | 'rename' | 'sign-in'; email: string }
  /** A console user whose e-mail is written in another case (`Ana@example.com`): the pool ignores case, so must gtctl. */
  | { op: 'create-capitalised'; email: string }
  | { op: 'describe' | 'delete-team'; team: TeamName }
  /** Eight days pass: temporary passwords expire. */
  | { op: 'clock' };

const DAY_MS = 86_400_000;
/** Team -> its Cognito group: one team names its own, the others use the default (the team's name). */
const GROUP: Readonly<Record<TeamName, string>> = { alpha: 'alpha', bravo: 'bravo-workers', charlie: 'charlie', delta: 'delta' };

const email = fc.constantFrom(...EMAILS);
const teamName = fc.constantFrom(...TEAMS);

/** Team alpha always, the others maybe: shrinks towards one team with no members. */
const specs: fc.Arbitrary<Specs> = fc
  .record({
    policy: fc.constantFrom<Specs['policy']>('keep', 'disable', 'delete'),
    teams: fc.tuple(
      ...TEAMS.map((name, i) => {
        const team: fc.Arbitrary<TeamSpec> = fc.record({ name: fc.constant(name), description: fc.constantFrom('first', 'second'), members: fc.subarray(EMAILS, { maxLength: 8 }) });
        return i === 0 ? team : fc.option(team, { nil: undefined });
      }),
    ),
    members: fc.uniqueArray(
      fc.record({ email, teams: fc.subarray([...TEAMS]), displayName: fc.option(fc.constantFrom('Display A', 'Display B'), { nil: undefined }), disabled: fc.boolean() }),
      { selector: (m) => m.email, maxLength: 4 },
    ),
  })
  .map(({ policy, teams, members }): Specs => {
    const present = teams.filter((t): t is TeamSpec => t !== undefined);
    const names = new Set(present.map((t) => t.name));
    // A Member document may name only declared teams (the memberTeamsExist rule).
    return { policy, teams: present, members: members.map((m) => ({ ...m, teams: m.teams.filter((t) => names.has(t)) })) };
  });

const drift: fc.Arbitrary<Drift[]> = fc.array(
  fc.oneof(
    fc.record({ op: fc.constantFrom<'add' | 'remove'>('add', 'remove'), email, team: teamName }),
    fc.record({ op: fc.constantFrom<'disable' | 'enable' | 'create' | 'delete' | 'rename' | 'sign-in'>('disable', 'enable', 'create', 'delete', 'rename', 'sign-in'), email }),
    fc.record({ op: fc.constant<'create-capitalised'>('create-capitalised'), email }),
    fc.record({ op: fc.constantFrom<'describe' | 'delete-team'>('describe', 'delete-team'), team: teamName }),
    fc.constant<Drift>({ op: 'clock' }),
  ),
  { maxLength: 6 },
);

function docsOf(s: Specs): SpecDoc[] {
  return [
    ...base({ policies: { unlistedUsers: s.policy } }),
    ...s.teams.map((t) => teamDoc({ name: t.name, spec: { description: t.description, members: t.members, ...(GROUP[t.name] !== t.name ? { userGroup: GROUP[t.name] } : {}) } })),
    ...s.members.map((m) => memberDoc({ name: m.email, spec: { teams: m.teams, disabled: m.disabled, ...(m.displayName ? { displayName: m.displayName } : {}) } })),
  ];
}

/** Group -> member e-mails, sorted: the union of the team's list and the Member documents naming it. */
function desiredGroups(s: Specs): Record<string, string[]> {
  return Object.fromEntries(s.teams.map((t) => [GROUP[t.name], [...new Set([...t.members, ...s.members.filter((m) => m.teams.includes(t.name)).map((m) => m.email)])].sort()]));
}

/** Apply gets its own ports, paced at a multiple of AWS's rates that the scaled sandbox quotas still allow. */
function fastPorts() {
  const rates = Object.fromEntries(Object.entries(COGNITO_QUOTAS).map(([category, q]) => [category, q.rps * (SCALE / 2)])) as Record<CognitoCategory, number>;
  return createAwsPorts({ region: REGION, endpoint: world.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, cognitoRates: rates });
}

/** The sandbox clock's lead over real time (gtctl sees it through the Date header of the sandbox's answers). */
let clockOffsetMs = 0;

/**
 * Plans and applies. `saved`: through a plan file, as `plan --out` then `apply FILE` do (written as JSON, read back,
 * fingerprints checked against a fresh read: nothing moved in between, so it must not be stale).
 */
async function converge(dir: string, saved = false): Promise<void> {
  const options = { region: REGION, endpoint: world.url };
  const { plan: p } = await plan(dir, options, silentReporter());
  expect(p.summary.blocked, JSON.stringify(p.changes.filter((c) => c.action === 'blocked'))).toBe(0);
  const reporter = silentReporter();
  const outcome = saved
    ? await applySavedPlan(readSavedPlan(planFile(p, { gtctlVersion: 'test', specDirectory: dir })).plan, { aws: options, reporter, approval: 'auto', lock: { command: 'test' } })
    : { kind: 'applied' as const, ...(await applyPlan(p, fastPorts(), reporter)) };
  const counts = outcome.kind === 'applied' ? outcome.counts : outcome.kind;
  const failures = reporter.events.flatMap((e) => (e.type === 'changeFailed' ? [`${e.change.address}: ${e.error.code}: ${e.error.message}`] : []));
  expect(failures).toEqual([]);
  expect(counts).toEqual({ done: p.changes.length, failed: 0, skipped: 0, deferred: 0 });
}

/**
 * Users changed by hand after time passed. gtctl can tell an invitation expired only from the user's last-modified
 * date (AWS keeps no other trace of when the temporary password was issued), which such a change moves.
 */
const touchedLate = new Set<string>();

/** Changes made by hand through the SDK; each is skipped where it cannot apply (no such user or group). */
async function applyDrift(ops: readonly Drift[]): Promise<void> {
  const pool = await world.poolId();
  const tolerate = (error: { name?: string }) => {
    if (!['UserNotFoundException', 'ResourceNotFoundException', 'UsernameExistsException', 'ValidationException'].includes(error.name ?? '')) throw error;
  };
  for (const d of ops) {
    if ((d.op === 'disable' || d.op === 'enable' || d.op === 'rename') && clockOffsetMs > 0) touchedLate.add(d.email);
    switch (d.op) {
      case 'add':
        await world.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: d.email, GroupName: d.team })).catch(tolerate);
        break;
      case 'remove':
        await world.cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: pool, Username: d.email, GroupName: d.team })).catch(tolerate);
        break;
      case 'disable':
        await world.cognito.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: d.email })).catch(tolerate);
        break;
      case 'enable':
        await world.cognito.send(new AdminEnableUserCommand({ UserPoolId: pool, Username: d.email })).catch(tolerate);
        break;
      case 'rename':
        await world.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool, Username: d.email, UserAttributes: [{ Name: 'name', Value: 'Renamed by hand' }] })).catch(tolerate);
        break;
      case 'sign-in':
        // Refused (and ignored) for a disabled user or an expired temporary password, as AWS refuses the sign-in.
        await world.signIn(pool, d.email).catch(() => undefined);
        break;
      case 'delete-team':
        await world.sageMaker.send(new DeleteWorkteamCommand({ WorkteamName: d.team })).catch(tolerate);
        break;
      case 'clock':
        await world.advanceClock(8 * DAY_MS);
        clockOffsetMs += 8 * DAY_MS;
        break;
      case 'create':
        await world.consoleUser(pool, d.email).catch(tolerate);
        break;
      case 'create-capitalised':
        await world.consoleUser(pool, d.email[0]!.toUpperCase() + d.email.slice(1)).catch(tolerate);
        break;
      case 'delete':
        await world.cognito.send(new AdminDeleteUserCommand({ UserPoolId: pool, Username: d.email })).catch(tolerate);
        break;
      case 'describe':
        await world.sageMaker.send(new UpdateWorkteamCommand({ WorkteamName: d.team, Description: 'edited in the console' })).catch(tolerate);
        break;
    }
  }
}

describe('apply converges', () => {
  it('for random specs and random drift, apply then plan gives an empty plan', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(specs, drift, fc.option(specs, { nil: undefined }), fc.boolean(), async (first, ops, second, saved) => {
        await world.reset();
        clockOffsetMs = 0;
        touchedLate.clear();
        await converge(await world.specs(docsOf(first)));
        await applyDrift(ops);
        const wanted = second ?? first;
        const dir = await world.specs(docsOf(wanted));
        await converge(dir, saved);

        const { plan: after } = await plan(dir, { region: REGION, endpoint: world.url }, silentReporter());
        expect(actions(after)).toEqual([]);

        // Read back through the SDK, independently of gtctl's own reading.
        const pool = await world.poolId();
        expect(await world.teamNames()).toEqual(wanted.teams.map((t) => t.name).sort());
        const lower = (emails: string[]) => emails.map((e) => e.toLowerCase()).sort();
        for (const [group, members] of Object.entries(desiredGroups(wanted))) expect(lower(await world.groupMembers(pool, group)), `group ${group}`).toEqual(members);
        const users = new Map((await world.users(pool)).map((u) => [u.email.toLowerCase(), u]));
        const listed = new Map<string, boolean>();
        for (const t of wanted.teams) for (const e of t.members) listed.set(e, false);
        for (const m of wanted.members) listed.set(m.email, m.disabled);
        for (const [e, disabled] of listed) expect(users.get(e), e).toMatchObject({ managedBy: PROJECT, enabled: !disabled });
        // Every listed, enabled member still to sign in holds a usable invitation (an expired one was sent again).
        for (const [e, disabled] of listed) {
          if (disabled || touchedLate.has(e) || users.get(e)?.status !== 'FORCE_CHANGE_PASSWORD') continue;
          await expect(world.signIn(pool, e), `${e} can sign in with the invitation`).resolves.toMatchObject({ userStatus: 'CONFIRMED' });
        }
        for (const user of users.values()) {
          if (listed.has(user.email.toLowerCase()) || user.managedBy !== PROJECT) continue;
          if (wanted.policy === 'delete') expect.unreachable(`${user.email} is unlisted and should have been deleted`);
          if (wanted.policy === 'disable') expect(user.enabled, user.email).toBe(false);
        }
      }),
      {
        numRuns: Number(process.env.FC_RUNS ?? 8),
        seed: Number(process.env.FC_SEED ?? 4242),
        // Cases a run once found, checked first every time.
        examples: [
          // Invited while disabled, eight days pass, then enabled: the invitation must be sent again in that apply.
          [
            { policy: 'keep', teams: [{ name: 'alpha', description: 'first', members: [] }], members: [{ email: 'ana@example.com', teams: [], disabled: true }] },
            [{ op: 'clock' }],
            { policy: 'keep', teams: [{ name: 'alpha', description: 'first', members: ['ana@example.com'] }], members: [] },
            false,
          ],
        ],
        // A failure shrinks for at most 90 s (each run is a few AWS round trips), then reports the smallest case so far.
        interruptAfterTimeLimit: 90_000,
        markInterruptAsFailure: true,
      },
    );
  });
});
