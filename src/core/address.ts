// Addresses name every object a plan can change (design §5). They are the keys that pair desired with live.

export type AddressKind = 'workforce' | 'bucket' | 'team' | 'member' | 'membership' | 'object' | 'role' | 'job';

/** Kind order within a dependency level (style habit 9). */
export const KIND_ORDER: readonly AddressKind[] = ['workforce', 'bucket', 'team', 'member', 'membership', 'object', 'role', 'job'];

export const address = {
  workforce: (name: string) => `workforce/${name}`,
  team: (name: string) => `team/${name}`,
  member: (email: string) => `member/${email}`,
  membership: (team: string, email: string) => `membership/${team}/${email}`,
  bucket: (name: string) => `bucket/${name}`,
  object: (bucket: string, key: string) => `object/${bucket}/${key}`,
  /** The execution role gtctl manages for the project's jobs. */
  role: (name: string) => `role/${name}`,
  job: (name: string) => `job/${name}`,
} as const;

export function kindOf(addr: string): AddressKind {
  return addr.slice(0, addr.indexOf('/')) as AddressKind;
}
