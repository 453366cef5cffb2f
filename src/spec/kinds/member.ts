import type { Member } from '../../core/model.js';
import type { MemberDocument } from '../written.js';

/** Teams here are the document's own list; teams listing the member are added when the tree is assembled. */
export function normalizeMember(written: MemberDocument): Member {
  const spec = written.spec ?? {};
  return {
    email: written.metadata.name,
    ...(spec.displayName ? { displayName: spec.displayName } : {}),
    teams: [...(spec.teams ?? [])].sort(),
    disabled: spec.disabled ?? false,
  };
}
