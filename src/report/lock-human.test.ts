import { describe, expect, it } from 'vitest';
import type { LockHolder } from '../app/lock.js';
import { lockDeleted, lockState, lockWaitNote, unlockQuestion } from './lock-human.js';
import { COLOR, PLAIN } from './test-support.js';

const location = { bucket: 'locks', key: 'gtctl/labeling.lock' };
const holder: LockHolder = { owner: 'o-1', host: 'ci-runner-7', pid: 4242, startedAt: '2024-05-01T10:00:00.000Z', project: 'labeling', command: 'gtctl apply --auto-approve' };
const at = (iso: string) => Date.parse(iso);

describe('lock lines', () => {
  it('apply waiting: the holder, or another apply when the lock object could not be read; dim on a terminal', () => {
    expect(lockWaitNote(location, holder, '5m', PLAIN)).toBe(
      'the lock s3://locks/gtctl/labeling.lock is held by `gtctl apply --auto-approve` (project labeling) on ci-runner-7 pid 4242; waiting up to 5m\n',
    );
    expect(lockWaitNote(location, undefined, '30s', COLOR)).toBe('\u001b[2mthe lock s3://locks/gtctl/labeling.lock is held by another apply; waiting up to 30s\n\u001b[22m');
  });

  it('unlock: not held, or held by whom since when', () => {
    expect(lockState(location, undefined, 0)).toBe('s3://locks/gtctl/labeling.lock is not held; nothing to unlock\n');
    expect(lockState(location, holder, at('2024-05-01T11:00:00.000Z'))).toBe(
      's3://locks/gtctl/labeling.lock is held by `gtctl apply --auto-approve` (project labeling) on ci-runner-7 pid 4242 since 2024-05-01T10:00:00.000Z (1h ago)\n',
    );
  });

  it('unlock: the question (bold on a terminal) and what it did', () => {
    expect(unlockQuestion(PLAIN)).toBe('Delete the lock? Only if that apply is no longer running.');
    expect(unlockQuestion(COLOR)).toBe('\u001b[1mDelete the lock?\u001b[22m Only if that apply is no longer running.');
    expect(lockDeleted(location)).toBe('deleted the lock s3://locks/gtctl/labeling.lock\n');
  });
});
