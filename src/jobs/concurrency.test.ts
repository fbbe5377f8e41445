import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestContext } from "../../tests/support/context";
import { makeTenant } from "../../tests/support/factories";
import { DAY } from "../kernel/clock";
import { randomToken } from "../kernel/ids";
import { defineJob, enqueue, JobRegistry } from "./registry";
import { startWorker } from "./worker";

/**
 * Two workers on one store (on PostgreSQL: separate pooled connections racing for rows) must
 * never run the same job. Leases are long so that another test's worker, whose manual clock may
 * be hours ahead, cannot take these jobs back mid-run and muddy the result.
 */
describe("two workers on one store", () => {
  it("run each of 50 jobs exactly once", async () => {
    const ctx = await createTestContext();
    const tenant = await makeTenant(ctx);
    const ran: string[] = [];
    const job = defineJob({
      name: `test.append.${randomToken(6)}`,
      payload: z.object({ i: z.number() }),
      handler: async (_deps, _p, info) => {
        ran.push(info.id);
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 4)));
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push((await enqueue(ctx.deps.db, ctx.clock.now(), job, { i }, { tenantId: tenant.id })) as string);

    const registry = new JobRegistry([job]);
    const opts = { pollMs: 5, concurrency: 4, scheduler: false, tenantId: tenant.id, leaseMs: 30 * DAY };
    const a = startWorker(ctx.deps, registry, { ...opts, workerId: "worker-a" });
    const b = startWorker(ctx.deps, registry, { ...opts, workerId: "worker-b" });
    // Extra claims racing the two loops, so claims overlap even when polls would not.
    const bursts = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    await expect
      .poll(async () => {
        const row = await ctx.deps.db
          .selectFrom("jobs")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("name", "=", job.name)
          .where("status", "=", "done")
          .executeTakeFirstOrThrow();
        return Number(row.n);
      }, { timeout: 20_000, interval: 25 })
      .toBe(50);
    await Promise.all([a.stop(), b.stop()]);

    expect(bursts.reduce((s, n) => s + n, 0)).toBeLessThanOrEqual(16);
    expect(ran).toHaveLength(50);
    expect(new Set(ran).size).toBe(50);
    expect([...ran].sort()).toEqual([...ids].sort());
    const attempts = await ctx.deps.db.selectFrom("jobs").select("attempts").where("name", "=", job.name).execute();
    expect(attempts.every((r) => r.attempts === 1)).toBe(true);
  });
});
