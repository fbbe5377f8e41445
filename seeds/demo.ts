import { v5 } from "uuid";
import type { Role, ScopeKind } from "../src/db/schema";
import type { AuditContext } from "../src/modules/audit/record";
import { createBranch, createRegion, createTenant, createUser } from "../src/modules/tenancy/commands";
import type { Deps } from "../src/server/deps";
import { seedFeedback } from "./feedback";
import { seedCompliance } from "./compliance";
import { seedIdentityFlows } from "./identity";
import { seedLists } from "./lists";
import { seedOnboarding } from "./onboarding";
import { seedSigningFlows } from "./signing";
import { seedDemoAgents } from "./journeys/agents";

/** Fixed ids: the same demo bank on every machine, so links and screenshots stay valid. */
const NS = "6f1c2b1e-5d0a-4b8e-9c3f-0a1b2c3d4e5f";
const id = (name: string) => v5(`demo:${name}`, NS);

export const DEMO_TENANT = { slug: "demo", name: "Demo Credit Union", id: id("tenant") };

const REGIONS = [
  { code: "NORTH", name: "North", branches: ["Harbor View", "Maple Street", "Northgate", "Riverside"] },
  { code: "CENTRAL", name: "Central", branches: ["Downtown", "Market Square", "University", "Westfield"] },
  { code: "COAST", name: "Coast", branches: ["Bayside", "Lighthouse", "Marina", "Seaview"] },
];

export interface DemoLogin {
  email: string;
  password: string;
  role: Role;
  scope: ScopeKind;
  where: string;
}

/** Every role, printed at start. Demo only: `seedDemo` refuses to run in production. */
export const DEMO_LOGINS: DemoLogin[] = [
  { email: "admin@demo.example", password: "demo-admin-pass", role: "admin", scope: "tenant", where: "whole bank" },
  { email: "analyst@demo.example", password: "demo-analyst-pass", role: "cx_analyst", scope: "tenant", where: "whole bank" },
  { email: "north.manager@demo.example", password: "demo-manager-pass", role: "branch_manager", scope: "region", where: "North region" },
  { email: "harbor.manager@demo.example", password: "demo-manager-pass", role: "branch_manager", scope: "branch", where: "Harbor View branch" },
  { email: "agent@demo.example", password: "demo-agent-pass", role: "agent", scope: "own", where: "Harbor View branch, own items" },
  { email: "reviewer@demo.example", password: "demo-reviewer-pass", role: "reviewer", scope: "tenant", where: "whole bank" },
  { email: "compliance@demo.example", password: "demo-compliance-pass", role: "compliance_officer", scope: "tenant", where: "whole bank" },
  // Clearing a blocking sanctions hit takes two compliance officers (four-eyes).
  { email: "compliance2@demo.example", password: "demo-compliance-pass", role: "compliance_officer", scope: "tenant", where: "whole bank, the second pair of eyes" },
  { email: "viewer@demo.example", password: "demo-viewer-pass", role: "viewer", scope: "tenant", where: "whole bank" },
];

export type SeedResult = { seeded: true } | { seeded: false; reason: "not_empty" };

/**
 * The demo bank: 3 regions, 12 branches, a user for every role. Runs only on an empty store, and
 * only through the same commands the API uses, so the audit chain and events are real.
 */
export async function seedDemo(deps: Deps): Promise<SeedResult> {
  if (deps.config.env === "production") throw new Error("The demo seed refuses to run in production (NODE_ENV=production).");
  const any = await deps.db.selectFrom("tenants").select("id").limit(1).executeTakeFirst();
  if (any) return { seeded: false, reason: "not_empty" };
  const ctx = (): AuditContext => ({ actor: null, now: deps.clock.now() });
  const t = await createTenant(deps.db, ctx(), DEMO_TENANT);
  const branchIds = new Map<string, { id: string; regionId: string }>();
  const branchCodes: string[] = [];
  for (const r of REGIONS) {
    const region = await createRegion(deps.db, ctx(), t.id, { id: id(`region:${r.code}`), code: r.code, name: r.name });
    for (const [i, name] of r.branches.entries()) {
      const code = `${r.code}-${i + 1}`;
      const b = await createBranch(deps.db, ctx(), t.id, { id: id(`branch:${code}`), regionId: region.id, code, name });
      branchIds.set(name, { id: b.id, regionId: region.id });
      branchCodes.push(code);
    }
  }
  const north = id("region:NORTH");
  const harbor = branchIds.get("Harbor View")?.id ?? null;
  for (const u of DEMO_LOGINS) {
    const placement =
      u.scope === "region" ? { regionId: north } : u.scope === "branch" || u.scope === "own" ? { branchId: harbor } : {};
    await createUser(
      deps.db,
      ctx(),
      t.id,
      { id: id(`user:${u.email}`), email: u.email, name: u.email.split("@")[0] ?? u.email, role: u.role, scope: u.scope, ...placement, password: u.password },
      deps.config.argon2MemoryKib,
    );
  }
  // Contact-centre agents and branch bankers, so journey analytics breaks down by about ten agents.
  await seedDemoAgents(deps, t.id);
  await seedFeedback(deps, t.id, branchCodes);
  await seedOnboarding(deps, t.id, [...branchIds.values()], { agentId: id("user:agent@demo.example"), reviewerId: id("user:reviewer@demo.example") });
  // Compliance: the bundled list samples (platform-wide), then the identity step in new versions
  // of two flows (the seeded applications keep theirs), then screening of the demo applications.
  await seedLists(deps);
  await seedIdentityFlows(deps, t.id);
  await seedCompliance(deps, t.id);
  // E-signature: checking and personal-loan flows end with a signature step before the review.
  await seedSigningFlows(deps, t.id);
  return { seeded: true };
}
