import { describe, expect, it } from 'vitest';
import { OWNERSHIP_TAG } from './live.js';
import { aBucket, aLiveTeam, aLiveUser, aTeam, desiredState, liveState } from './test-support.js';
import { unmanagedObjects } from './unmanaged.js';

describe('unmanagedObjects: live objects no spec declares', () => {
  it('lists teams, pool users, jobs and buckets the specs leave out, with their owner', () => {
    const desired = { ...desiredState({ teams: [aTeam('labelers', { members: ['ann@x.io'] })], buckets: [aBucket('data')] }), jobs: [] };
    const live = {
      ...liveState({
        teams: [aLiveTeam('labelers'), aLiveTeam('console', { tags: {} }), aLiveTeam('theirs', { tags: { [OWNERSHIP_TAG]: 'other' } })],
        users: [aLiveUser('Ann@x.io'), aLiveUser('zed@x.io', { status: 'FORCE_CHANGE_PASSWORD' }), aLiveUser('bob@x.io', { managedBy: undefined })],
      }),
      inventory: {
        buckets: [{ name: 'data', owner: 'proj' }, { name: 'logs' }, { name: 'archive', owner: 'other' }],
        jobs: [{ name: 'Old-Job', status: 'Completed', owner: 'proj' }, { name: 'console-job', status: 'InProgress' }],
      },
    };
    expect(unmanagedObjects(desired, live)).toEqual({
      teams: [{ name: 'console' }, { name: 'theirs', owner: 'other' }],
      users: [
        { email: 'bob@x.io', status: 'confirmed' },
        { email: 'zed@x.io', status: 'invited', managedBy: 'proj' },
      ],
      jobs: [{ name: 'Old-Job', status: 'Completed', owner: 'proj' }, { name: 'console-job', status: 'InProgress' }],
      buckets: [{ name: 'archive', owner: 'other' }, { name: 'logs' }],
    });
  });

  it('leaves out jobs the specs name in another letter case, and lists no jobs or buckets without the inventory', () => {
    const desired = { ...desiredState(), jobs: [] };
    expect(unmanagedObjects(desired, liveState())).toEqual({ teams: [], users: [], jobs: [], buckets: [] });
  });
});
