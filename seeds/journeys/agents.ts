/**
 * More agents for the demo bank, so breakdowns by agent have about ten names: call-centre agents
 * (no branch) and bankers in four branches. No password: they exist to be named on dashboards
 * (an admin can still invite them to log in). Fixed ids, like the rest of the demo bank.
 */
import { v5 } from "uuid";
import type { AuditContext } from "../../src/modules/audit/record";
import { createUser } from "../../src/modules/tenancy/commands";
import type { Deps } from "../../src/server/deps";

const NS = "7d2e5c1a-3b4f-4e8d-a1c2-9f0e8d7c6b5a";

/** name, email local part, branch code (null: the contact centre). */
export const DEMO_AGENTS: [string, string, string | null][] = [
  ["Maya Cohen", "maya.cohen", null],
  ["Omar Haddad", "omar.haddad", null],
  ["Li Wei", "li.wei", null],
  ["Sofia Rossi", "sofia.rossi", null],
  ["James Okafor", "james.okafor", null],
  ["Noa Levi", "noa.levi", "NORTH-2"],
  ["Yusuf Demir", "yusuf.demir", "CENTRAL-1"],
  ["Chen Mei", "chen.mei", "CENTRAL-3"],
  ["Daniel Brooks", "daniel.brooks", "COAST-1"],
];

export async function seedDemoAgents(deps: Deps, tenantId: string): Promise<void> {
  const ctx: AuditContext = { actor: null, now: deps.clock.now() };
  const branches = await deps.db.selectFrom("branches").select(["id", "code"]).where("tenant_id", "=", tenantId).execute();
  const byCode = new Map(branches.map((b) => [b.code, b.id]));
  for (const [name, local, code] of DEMO_AGENTS) {
    const branchId = code ? (byCode.get(code) ?? null) : null;
    await createUser(deps.db, ctx, tenantId, { id: v5(`agent:${local}`, NS), email: `${local}@demo.example`, name, role: "agent", scope: "own", branchId }, deps.config.argon2MemoryKib);
  }
}
