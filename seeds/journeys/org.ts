/**
 * Who the demo bank's events name: its branches (with their regions) and agent users. For the demo
 * bank they are read from the database so that every label resolves on the dashboards; for
 * benchmark scale `syntheticOrg` makes fixed ids without a database.
 */
import { v5 } from "uuid";
import type { Executor } from "../../src/db";

export interface DemoOrg {
  tenantId: string;
  sourceId: string;
  branches: { id: string; regionId: string }[];
  /** Agent users; branchId places branch bankers (calls go to any agent). */
  agents: { id: string; branchId: string | null }[];
}

const NS = "0b3c7f52-8e0d-4a51-9a57-6c1f2d9e4b10";

/** 3 regions × 4 branches and 10 agents with fixed ids (the same on every run). */
export function syntheticOrg(tenantId = v5("synthetic:tenant", NS), sourceId = v5("synthetic:source", NS)): DemoOrg {
  const branches = Array.from({ length: 12 }, (_, i) => ({ id: v5(`synthetic:branch:${i}`, NS), regionId: v5(`synthetic:region:${i % 3}`, NS) }));
  const agents = Array.from({ length: 10 }, (_, i) => ({ id: v5(`synthetic:agent:${i}`, NS), branchId: i < 6 ? (branches[i * 2]?.id ?? null) : null }));
  return { tenantId, sourceId, branches, agents };
}

/** The bank's branches and agent users, in a fixed order (so the same seed gives the same events). */
export async function loadOrg(db: Executor, tenantId: string, sourceId: string): Promise<DemoOrg> {
  const branches = await db.selectFrom("branches").select(["id", "region_id"]).where("tenant_id", "=", tenantId).orderBy("code").execute();
  const agents = await db.selectFrom("users").select(["id", "branch_id"]).where("tenant_id", "=", tenantId).where("role", "=", "agent").orderBy("email").execute();
  return {
    tenantId,
    sourceId,
    branches: branches.map((b) => ({ id: b.id, regionId: b.region_id })),
    agents: agents.map((a) => ({ id: a.id, branchId: a.branch_id ?? null })),
  };
}
