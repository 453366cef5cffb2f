// A team's desired membership is the union of its `members` list and the Member documents naming it.
import type { SpecTree } from './loaded.js';

/** Team name -> member e-mails (sorted, as written), for every declared team. */
export function teamMembership(tree: SpecTree): Map<string, string[]> {
  const members = new Map<string, Set<string>>(tree.teams.map((t) => [t.value.name, new Set(t.value.members)]));
  for (const member of tree.members) {
    for (const team of member.value.teams) members.get(team)?.add(member.value.email);
  }
  return new Map([...members].map(([team, emails]) => [team, [...emails].sort()]));
}
