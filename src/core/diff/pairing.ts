// Pairing, the step between reading and diffing: each desired object meets the live object of its name, and the
// live object's ownership tag decides what the plan may do with it. Every taggable kind goes through here, so that
// adopting, clashing and owning mean one thing whatever the kind.
import { OWNERSHIP_TAG, WORKFORCE_OWNERSHIP_TAG } from '../live.js';
import type { Tags } from '../model.js';
import type { BlockedCode, FieldDiff } from '../plan.js';
import { ownershipOf } from './ownership.js';

/** A live object the plan may change: this project's, or taken over now (`metadata.adopt` on an unmanaged one). */
export interface Claimed {
  readonly adopting: boolean;
  /** The reasons a change of it starts with: an adoption is the first thing a reviewer must see. */
  readonly lead: readonly string[];
  /** Whether tag changes deserve a reason of their own: not when the only one is the ownership tag adopting adds. */
  retagged(diff: readonly FieldDiff[]): boolean;
}

/** A live object of the same name that the plan must leave alone: the change is blocked for this reason. */
export interface Clash {
  readonly code: Extract<BlockedCode, 'not-managed' | 'other-project'>;
  readonly reason: string;
}

export const OURS: Claimed = { adopting: false, lead: [], retagged: (diff) => diff.length > 0 };

function adopting(project: string): Claimed {
  return { adopting: true, lead: [`adopt: tag it as managed by project ${project}`], retagged: (diff) => diff.some((d) => d.path !== `tags.${OWNERSHIP_TAG}` && d.path !== `tags.${WORKFORCE_OWNERSHIP_TAG}`) };
}

/** What the plan may do with the live object `what` "`name`", by its tags; another project's is never adopted. */
export function claim(what: string, name: string, tags: Tags, project: string, adopt: boolean): { claimed: Claimed } | { clash: Clash } {
  const ownership = ownershipOf(tags, project);
  if (ownership === 'ours') return { claimed: OURS };
  if (ownership === 'unmanaged') {
    if (adopt) return { claimed: adopting(project) };
    const reason = `${what} "${name}" already exists and is not managed by gtctl: rename it in the specs, or let gtctl manage it with \`metadata.adopt: true\` (or \`gtctl import\`)`;
    return { clash: { code: 'not-managed', reason } };
  }
  const owned = `${what} "${name}" belongs to gtctl project "${tags[OWNERSHIP_TAG]}", not this one`;
  return { clash: { code: 'other-project', reason: adopt ? `${owned}; it is not adopted: adopt takes over only objects without the ${OWNERSHIP_TAG} tag` : owned } };
}

export type Pair<D, L> =
  | { desired: D; live?: undefined }
  | ({ desired: D; live: L } & ({ claimed: Claimed; clash?: undefined } | { clash: Clash; claimed?: undefined }));

export interface Pairing<D, L> {
  /** One per desired object, in the specs' order. */
  pairs: Array<Pair<D, L>>;
  /** Live objects this project owns that no spec names any more: candidates for deletion. */
  orphans: L[];
}

/** Pairs by name (`key` folds names that AWS compares case-insensitively), then claims each live partner. */
export function pairAndClaim<D extends { name: string; adopt: boolean }, L extends { name: string; tags: Tags }>(
  what: string,
  desired: readonly D[],
  live: readonly L[],
  project: string,
  key: (name: string) => string = (name) => name,
): Pairing<D, L> {
  const liveByKey = new Map(live.map((l) => [key(l.name), l]));
  const declared = new Set(desired.map((d) => key(d.name)));
  const pairs = desired.map((d): Pair<D, L> => {
    const partner = liveByKey.get(key(d.name));
    return partner ? { desired: d, live: partner, ...claim(what, partner.name, partner.tags, project, d.adopt) } : { desired: d };
  });
  const orphans = live.filter((l) => !declared.has(key(l.name)) && ownershipOf(l.tags, project) === 'ours');
  return { pairs, orphans };
}
