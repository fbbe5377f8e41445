import type { OrgTree } from "../api/types";

/** Names of regions and branches by id, for showing scopes and picking them. */
export function orgNames(tree: OrgTree | undefined): { region(id: string | null): string | null; branch(id: string | null): string | null } {
  const regions = new Map<string, string>();
  const branches = new Map<string, string>();
  for (const r of tree?.regions ?? []) {
    regions.set(r.id, r.name);
    for (const b of r.branches) branches.set(b.id, b.name);
  }
  return {
    region: (id) => (id ? (regions.get(id) ?? null) : null),
    branch: (id) => (id ? (branches.get(id) ?? null) : null),
  };
}
