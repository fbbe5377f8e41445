import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestContext, type TestContext } from "../../tests/support/context";
import { HOUR, MINUTE } from "../kernel/clock";
import { randomToken } from "../kernel/ids";
import { defineJob, JobRegistry } from "./registry";
import { ensureSchedule, nextRunAfter, tickScheduler } from "./scheduler";
import { startWorker } from "./worker";

/**
 * Schedules are platform-wide rows. These tests run their clocks in 2101, so no other test's
 * worker (whose clock is near today) ever finds them due.
 */
const T0 = new Date("2101-03-01T10:02:00Z");

let ctx: TestContext;
let name: string;
let jobName: string;
beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set(T0);
  name = `test.schedule.${randomToken(6)}`;
  jobName = `test.scheduled.${randomToken(6)}`;
});
// Tick counts cover every due schedule: retire this test's so the next test counts only its own.
afterEach(async () => {
  await ctx.deps.db.updateTable("schedules").set({ enabled: false }).where("name", "=", name).execute();
});

const schedule = () => ctx.deps.db.selectFrom("schedules").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
const jobsOf = () => ctx.deps.db.selectFrom("jobs").selectAll().where("name", "=", jobName).orderBy("run_at").execute();

describe("scheduler", () => {
  it("computes cron occurrences in UTC, strictly after the given time", () => {
    expect(nextRunAfter("*/15 * * * *", T0).toISOString()).toBe("2101-03-01T10:15:00.000Z");
    expect(nextRunAfter("0 2 * * *", new Date("2101-03-01T02:00:00Z")).toISOString()).toBe("2101-03-02T02:00:00.000Z");
    expect(() => nextRunAfter("every tuesday", T0)).toThrow();
  });

  it("upserts a schedule, keeping a pending run unless the cron changes", async () => {
    await ensureSchedule(ctx.deps.db, { name, cron: "*/15 * * * *", jobName, payload: { a: 1 } }, T0);
    expect((await schedule()).next_run_at.toISOString()).toBe("2101-03-01T10:15:00.000Z");
    // A restart later re-ensures the same schedule: the due run is not pushed back.
    await ensureSchedule(ctx.deps.db, { name, cron: "*/15 * * * *", jobName, payload: { a: 2 } }, new Date("2101-03-01T10:20:00Z"));
    let row = await schedule();
    expect(row.next_run_at.toISOString()).toBe("2101-03-01T10:15:00.000Z");
    expect(row.payload).toEqual({ a: 2 });
    await ensureSchedule(ctx.deps.db, { name, cron: "0 * * * *", jobName }, new Date("2101-03-01T10:20:00Z"));
    row = await schedule();
    expect(row.cron).toBe("0 * * * *");
    expect(row.next_run_at.toISOString()).toBe("2101-03-01T11:00:00.000Z");
  });

  it("enqueues each due occurrence once, even when several processes tick together", async () => {
    await ensureSchedule(ctx.deps.db, { name, cron: "*/15 * * * *", jobName, payload: { report: "daily" } }, T0);
    expect(await tickScheduler(ctx.deps, T0)).toBe(0);
    expect(await jobsOf()).toHaveLength(0);

    const due = new Date("2101-03-01T10:15:00Z");
    const counts = await Promise.all([1, 2, 3, 4].map(() => tickScheduler(ctx.deps, due)));
    expect(counts.reduce((s, n) => s + n, 0)).toBe(1);
    let jobs = await jobsOf();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.dedupe_key).toBe(`schedule:${name}:2101-03-01T10:15:00.000Z`);
    expect(jobs[0]?.payload).toEqual({ report: "daily" });
    expect(jobs[0]?.tenant_id).toBeNull();
    const row = await schedule();
    expect(row.next_run_at.toISOString()).toBe("2101-03-01T10:30:00.000Z");
    expect(row.last_run_at?.toISOString()).toBe(due.toISOString());

    expect(await tickScheduler(ctx.deps, new Date("2101-03-01T10:29:59Z"))).toBe(0);
    expect(await tickScheduler(ctx.deps, new Date("2101-03-01T10:30:00Z"))).toBe(1);
    jobs = await jobsOf();
    expect(jobs.map((j) => j.dedupe_key)).toEqual([
      `schedule:${name}:2101-03-01T10:15:00.000Z`,
      `schedule:${name}:2101-03-01T10:30:00.000Z`,
    ]);
  });

  it("fires once after downtime instead of replaying every missed occurrence", async () => {
    await ensureSchedule(ctx.deps.db, { name, cron: "*/15 * * * *", jobName }, T0);
    const late = new Date(T0.getTime() + 5 * HOUR + 3 * MINUTE);
    expect(await tickScheduler(ctx.deps, late)).toBe(1);
    expect(await tickScheduler(ctx.deps, late)).toBe(0);
    expect((await schedule()).next_run_at.toISOString()).toBe("2101-03-01T15:15:00.000Z");
  });

  it("skips disabled schedules", async () => {
    await ensureSchedule(ctx.deps.db, { name, cron: "* * * * *", jobName, enabled: false }, T0);
    expect(await tickScheduler(ctx.deps, new Date(T0.getTime() + HOUR))).toBe(0);
    expect(await jobsOf()).toHaveLength(0);
  });

  it("is ticked by the worker, which then runs the scheduled job", async () => {
    const runs: unknown[] = [];
    const job = defineJob({
      name: jobName,
      payload: z.object({ n: z.number() }),
      maxAttempts: 2,
      handler: async (_d, p) => {
        runs.push(p);
      },
    });
    await ensureSchedule(ctx.deps.db, { name, cron: "*/15 * * * *", jobName, payload: { n: 42 } }, T0);
    const worker = startWorker(ctx.deps, new JobRegistry([job]), { loop: false });
    expect(await worker.runOnce()).toBe(0);
    ctx.clock.set(new Date("2101-03-01T10:15:00Z"));
    expect(await worker.runOnce()).toBe(1);
    expect(runs).toEqual([{ n: 42 }]);
    const [row] = await jobsOf();
    expect(row?.status).toBe("done");
    expect(row?.max_attempts).toBe(2);
  });
});
