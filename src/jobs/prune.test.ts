import { describe, expect, it } from "vitest";
import { createTestContext } from "../../tests/support/context";
import { newId } from "../kernel/ids";
import { ensurePlatformSchedules, platformSchedules } from "./all";
import { pruneDoneJobs } from "./prune";

/** Clocks far from today so the shared test store's other workers never see these rows as due or old. */
const NOW = new Date("2000-01-10T00:00:00Z");

describe("maintenance", () => {
  it("deletes done jobs older than the keep window, never queued, dead or recent ones", async () => {
    const ctx = await createTestContext();
    const job = (status: "done" | "dead" | "queued", finishedDaysAgo: number | null) => ({
      id: newId(),
      tenant_id: null,
      name: "test.prune",
      payload: "{}",
      status,
      max_attempts: 5,
      locked_by: null,
      locked_until: null,
      last_error: null,
      dedupe_key: null,
      run_at: NOW,
      created_at: NOW,
      updated_at: NOW,
      finished_at: finishedDaysAgo === null ? null : new Date(NOW.getTime() - finishedDaysAgo * 86_400_000),
    });
    const rows = [job("done", 30), job("done", 8), job("done", 2), job("dead", 30), job("queued", null)];
    await ctx.deps.db.insertInto("jobs").values(rows).execute();
    expect(await pruneDoneJobs(ctx.deps.db, NOW, 7)).toBe(2);
    const left = await ctx.deps.db.selectFrom("jobs").select("id").where("id", "in", rows.map((r) => r.id)).execute();
    expect(left.map((r) => r.id).sort()).toEqual([rows[2], rows[3], rows[4]].map((r) => r?.id).sort());
  });

  it("ensures every platform schedule, idempotently", async () => {
    const ctx = await createTestContext();
    ctx.clock.set(new Date("2101-06-01T00:00:00Z"));
    await ensurePlatformSchedules(ctx.deps);
    await ensurePlatformSchedules(ctx.deps);
    const names = platformSchedules().map((s) => s.name);
    expect(names).toContain("feedback.rollups.fold");
    expect(names).toContain("platform.jobs.prune");
    const rows = await ctx.deps.db.selectFrom("schedules").select(["name", "job_name"]).where("name", "in", names).execute();
    expect(rows).toHaveLength(names.length);
  });
});
