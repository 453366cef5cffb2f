// What every document the kinds' writers make shares (`write*`, the inverses of the normalizers, used by import):
// the envelope, and the parts a user leaves out when they hold nothing.
import type { Tags } from '../../core/model.js';
import { API_VERSION, type Kind } from '../kinds.js';

/** `adopt` is written only when true: it is what the first plan of an imported object needs, and nothing after. */
export function writtenDocument<K extends Kind, S>(kind: K, name: string, spec: S, adopt = false): { apiVersion: typeof API_VERSION; kind: K; metadata: { name: string; adopt?: boolean }; spec: S } {
  return { apiVersion: API_VERSION, kind, metadata: { name, ...(adopt ? { adopt: true } : {}) }, spec };
}

export function writtenTags(tags: Tags): { tags?: Record<string, string> } {
  return Object.keys(tags).length ? { tags: { ...tags } } : {};
}

/** A list under `key` when it has items: for the lists whose default is empty. */
export function writtenList<K extends string>(key: K, items: readonly string[]): { [P in K]?: string[] } {
  return (items.length ? { [key]: [...items] } : {}) as { [P in K]?: string[] };
}
