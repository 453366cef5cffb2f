// SageMaker meeting Cognito writes that have not settled (BEHAVIOUR.md, "Workforces" and "Work teams"): a pool domain
// still CREATING (aws-evidence E4) and a group not yet visible to SageMaker (E2). Cognito stamps `activeAtMs` and
// `visibleAtMs` when realistic; these tests stamp them directly, so they do not depend on how long Cognito's window is.
import { CreateWorkforceCommand, CreateWorkteamCommand, UpdateWorkteamCommand, type MemberDefinition } from '@aws-sdk/client-sagemaker';
import { describe, it } from 'vitest';
import { cognitoPool, cognitoWorkforce, group, REALISTIC, sharedSandbox, takenOnceSettled, type CognitoSetup, type World } from '../test-support.js';

/** How far ahead the tests stamp a write: it settles once the clock has moved this far. */
const SETTLES_IN_MS = 200;

describe.each([
  ['realistic', REALISTIC],
  ['ideal', { ideal: true }],
])('SageMaker and unsettled Cognito writes, %s', (_mode, realism) => {
  const shared = sharedSandbox(realism);
  const inRegion = shared.inRegion;
  const settlesAt = () => Date.now() + shared.sandbox().state.clockOffsetMs + SETTLES_IN_MS;
  const pool = (w: World, setup: CognitoSetup) => shared.sandbox().state.cognito.regions[w.region]!.pools[setup.userPool]!;
  const member = (setup: CognitoSetup, UserGroup: string): MemberDefinition => ({
    CognitoMemberDefinition: { UserPool: setup.userPool, ClientId: setup.clientId, UserGroup },
  });
  /** A settled pool, with `groups`, whose domain is then CREATING for SETTLES_IN_MS more. */
  const poolWithNewDomain = async (w: World, groups = 0) => {
    const setup = await cognitoPool(w);
    const names = [];
    for (let i = 0; i < groups; i++) names.push(await group(w, setup.userPool));
    await w.settle();
    pool(w, setup).domain!.activeAtMs = settlesAt();
    return { ...setup, groups: names };
  };
  /** A group SageMaker does not see for SETTLES_IN_MS more. */
  const newGroup = async (w: World, setup: CognitoSetup) => {
    const name = await group(w, setup.userPool);
    pool(w, setup).groups[name]!.visibleAtMs = settlesAt();
    return name;
  };


  it('CreateWorkforce on a pool whose domain is still CREATING is refused until it is ACTIVE (realistic only)', async () => {
    const w = inRegion('us-east-2');
    const setup = await poolWithNewDomain(w);
    const CognitoConfig = { UserPool: setup.userPool, ClientId: setup.clientId };
    await takenOnceSettled(w, () => w.sm.send(new CreateWorkforceCommand({ WorkforceName: 'default', CognitoConfig })), /domain .* is not active yet/, SETTLES_IN_MS);
  });

  it('so is the first team of a region, which makes the workforce from its pool', async () => {
    const w = inRegion('us-west-1');
    const setup = await poolWithNewDomain(w, 1);
    const create = () => w.sm.send(new CreateWorkteamCommand({ WorkteamName: 'first', Description: 'first team', MemberDefinitions: [member(setup, setup.groups[0]!)] }));
    await takenOnceSettled(w, create, /domain .* is not active yet/, SETTLES_IN_MS);
  });

  it('CreateWorkteam and UpdateWorkteam with a group SageMaker cannot see yet are refused until it can (realistic only)', async () => {
    const w = inRegion('us-west-2');
    const setup = await cognitoPool(w);
    await w.settle();
    await cognitoWorkforce(w, setup);
    await w.settle();
    const first = await newGroup(w, setup);
    const create = () => w.sm.send(new CreateWorkteamCommand({ WorkteamName: 'team', Description: 'a team', MemberDefinitions: [member(setup, first)] }));
    await takenOnceSettled(w, create, `Cognito user group ${first} does not exist in user pool ${setup.userPool}.`, SETTLES_IN_MS);

    const second = await newGroup(w, setup);
    const update = () => w.sm.send(new UpdateWorkteamCommand({ WorkteamName: 'team', MemberDefinitions: [member(setup, first), member(setup, second)] }));
    await takenOnceSettled(w, update, `Cognito user group ${second} does not exist`, SETTLES_IN_MS);
  });
});
