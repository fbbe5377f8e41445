import { describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { makeTenant } from "../../../tests/support/factories";
import { ensureFlows, publishedFlow } from "./flows";
import { PRODUCTS } from "./flow/types";

const ctx = await createTestContext();

describe("shipped flows", () => {
  it("are published as version 1 for a bank on first use, once, even when asked twice at the same time", async () => {
    const tenant = await makeTenant(ctx);
    const now = ctx.clock.now();
    await Promise.all([ensureFlows(ctx.deps.db, tenant.id, now), ensureFlows(ctx.deps.db, tenant.id, now)]);
    const rows = await ctx.deps.db.selectFrom("flow_versions").select(["product", "version"]).where("tenant_id", "=", tenant.id).execute();
    expect(rows.map((r) => r.product).sort()).toEqual([...PRODUCTS].sort());
    expect(rows.every((r) => r.version === 1)).toBe(true);
    const flow = await publishedFlow(ctx.deps.db, tenant.id, "checking", now);
    expect(flow.version).toBe(1);
    expect(flow.definition.product).toBe("checking");
  });
});
