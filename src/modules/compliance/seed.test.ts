import { describe, expect, it } from "vitest";
import { seedCompliance } from "../../../seeds/compliance";
import { seedLists } from "../../../seeds/lists";
import { createTestContext } from "../../../tests/support/context";
import { makeTenant, makeUser } from "../../../tests/support/factories";

const ctx = await createTestContext();

describe("the demo compliance seed", () => {
  it("screens the bank's applications and leaves one open hit and one clear-pending block hit on the synthetic PEP list", async () => {
    await seedLists(ctx.deps);
    const tenant = await makeTenant(ctx);
    const officer = await makeUser(ctx, tenant, { role: "compliance_officer" });
    const result = await seedCompliance(ctx.deps, tenant.id);
    expect(result.screened).toBe(2);
    expect(result.clearPending).toBe(1);
    const reviews = await ctx.deps.db.selectFrom("compliance_reviews").selectAll().where("tenant_id", "=", tenant.id).orderBy("created_at").execute();
    expect(reviews.map((r) => r.list_id)).toEqual(["pep", "pep"]);
    const pending = reviews.find((r) => r.status === "clear_pending");
    expect(pending).toMatchObject({ band: "block", entry_id: "PEP-0001", first_by: officer.id });
    expect(reviews.find((r) => r.entry_id === "PEP-0003")?.status).toBe("open");
  });
});
