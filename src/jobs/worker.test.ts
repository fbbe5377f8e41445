import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestContext, type TestContext } from "../../tests/support/context";
import { makeTenant, type TestTenant } from "../../tests/support/factories";
import { HOUR } from "../kernel/clock";
import { randomToken } from "../kernel/ids";
import { enqueueJob } from "./enqueue";
import { defineJob, enqueue, type JobInfo, JobRegistry, PermanentJobError } from "./registry";
import { backoffMs, startWorker } from "./worker";

const uniqueName = () => `test.${randomToken(6)}`;

let ctx: TestContext;
let tenant: TestTenant;
beforeEach(async () => {
  ctx = await createTestContext();
  tenant = await makeTenant(ctx);
});

const jobRow = (id: string) => ctx.deps.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
/** A worker restricted to the test's tenant, without background polling. */
const manualWorker = (registry: JobRegistry, concurrency = 4) =>
  startWorker(ctx.deps, registry, { loop: false, scheduler: false, tenantId: tenant.id, concurrency });

describe("worker", () => {
  it("runs a job once with its validated payload and marks it done", async () => {
    const seen: Array<{ n: number; info: JobInfo }> = [];
    const job = defineJob({
      name: uniqueName(),
      payload: z.object({ n: z.number().int() }),
      handler: async (_deps, p, info) => {
        seen.push({ n: p.n, info });
      },
    });
    const id = await enqueue(ctx.deps.db, ctx.clock.now(), job, { n: 7 }, { tenantId: tenant.id });
    const worker = manualWorker(new JobRegistry([job]));
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    expect(seen).toEqual([{ n: 7, info: { id, name: job.name, attempts: 1, maxAttempts: 5, tenantId: tenant.id } }]);
    const row = await jobRow(id as string);
    expect(row.status).toBe("done");
    expect(row.attempts).toBe(1);
    expect(row.finished_at?.getTime()).toBe(ctx.clock.now().getTime());
    expect(row.locked_by).toBeNull();
    expect(row.last_error).toBeNull();
  });

  it("checks a typed payload when enqueueing, before anything is stored", async () => {
    const job = defineJob({ name: uniqueName(), payload: z.object({ n: z.number() }), handler: async () => {} });
    await expect(enqueue(ctx.deps.db, ctx.clock.now(), job, { n: "seven" } as unknown as { n: number })).rejects.toThrow();
    const rows = await ctx.deps.db.selectFrom("jobs").select("id").where("name", "=", job.name).execute();
    expect(rows).toHaveLength(0);
  });

  it("retries failures with exponential backoff, then dead-letters after maxAttempts", async () => {
    let calls = 0;
    const job = defineJob({
      name: uniqueName(),
      payload: z.object({}),
      maxAttempts: 3,
      handler: async () => {
        calls += 1;
        throw new Error(`gateway down (call ${calls})`);
      },
    });
    const id = (await enqueue(ctx.deps.db, ctx.clock.now(), job, {}, { tenantId: tenant.id })) as string;
    const worker = manualWorker(new JobRegistry([job]));

    expect(await worker.runOnce()).toBe(1);
    let row = await jobRow(id);
    expect(row.status).toBe("queued");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBe("gateway down (call 1)");
    let delay = row.run_at.getTime() - ctx.clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual(8_000); // 2^1 × 5 s − 20 %
    expect(delay).toBeLessThanOrEqual(12_000); // 2^1 × 5 s + 20 %

    expect(await worker.runOnce()).toBe(0); // not due yet
    ctx.clock.advance(12_001);
    expect(await worker.runOnce()).toBe(1);
    row = await jobRow(id);
    expect(row.attempts).toBe(2);
    delay = row.run_at.getTime() - ctx.clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual(16_000);
    expect(delay).toBeLessThanOrEqual(24_000);

    ctx.clock.advance(24_001);
    expect(await worker.runOnce()).toBe(1);
    row = await jobRow(id);
    expect(row.status).toBe("dead");
    expect(row.attempts).toBe(3);
    expect(row.last_error).toBe("gateway down (call 3)");
    expect(row.finished_at?.getTime()).toBe(ctx.clock.now().getTime());

    ctx.clock.advance(2 * HOUR);
    expect(await worker.runOnce()).toBe(0);
    expect(calls).toBe(3);
  });

  it("stores the message of a failure, never its stack", async () => {
    const job = defineJob({
      name: uniqueName(),
      payload: z.object({}),
      handler: async () => {
        throw new TypeError("cannot read x of undefined");
      },
    });
    const id = (await enqueue(ctx.deps.db, ctx.clock.now(), job, {}, { tenantId: tenant.id })) as string;
    await manualWorker(new JobRegistry([job])).runOnce();
    const row = await jobRow(id);
    expect(row.last_error).toBe("TypeError: cannot read x of undefined");
    expect(row.last_error).not.toMatch(/\n|\bat\s/);
  });

  it("sends a payload that fails validation straight to dead, without running the handler", async () => {
    let ran = false;
    const job = defineJob({
      name: uniqueName(),
      payload: z.object({ email: z.email() }),
      handler: async () => {
        ran = true;
      },
    });
    const id = (await enqueueJob(ctx.deps.db, ctx.clock.now(), job.name, { email: "nope" }, { tenantId: tenant.id })) as string;
    expect(await manualWorker(new JobRegistry([job])).runOnce()).toBe(1);
    const row = await jobRow(id);
    expect(ran).toBe(false);
    expect(row.status).toBe("dead");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/^Invalid payload: email: /);
  });

  it("dead-letters a PermanentJobError at once and runs onDead in the same transaction", async () => {
    const deadCalls: Array<{ error: string; attempts: number; status: string }> = [];
    const job = defineJob({
      name: uniqueName(),
      payload: z.object({ k: z.string() }),
      handler: async () => {
        throw new PermanentJobError("recipient does not exist");
      },
      onDead: async (trx, _p, dead) => {
        const row = await trx.selectFrom("jobs").select("status").where("id", "=", dead.job.id).executeTakeFirstOrThrow();
        deadCalls.push({ error: dead.error, attempts: dead.job.attempts, status: row.status });
      },
    });
    const id = (await enqueue(ctx.deps.db, ctx.clock.now(), job, { k: "v" }, { tenantId: tenant.id })) as string;
    await manualWorker(new JobRegistry([job])).runOnce();
    expect((await jobRow(id)).status).toBe("dead");
    expect(deadCalls).toEqual([{ error: "recipient does not exist", attempts: 1, status: "dead" }]);
  });

  it("takes back a job whose worker died (lease expired) and runs it again", async () => {
    let runs = 0;
    const job = defineJob({
      name: uniqueName(),
      payload: z.object({}),
      handler: async () => {
        runs += 1;
      },
    });
    const now = ctx.clock.now();
    const id = (await enqueue(ctx.deps.db, now, job, {}, { tenantId: tenant.id })) as string;
    // What a crashed worker leaves behind: running, claimed, lease ending in a minute.
    await ctx.deps.db
      .updateTable("jobs")
      .set({ status: "running", attempts: 1, locked_by: "crashed-worker", locked_until: new Date(now.getTime() + 60_000) })
      .where("id", "=", id)
      .execute();
    const worker = manualWorker(new JobRegistry([job]));
    expect(await worker.runOnce()).toBe(0); // lease still valid: hands off
    expect((await jobRow(id)).locked_by).toBe("crashed-worker");
    ctx.clock.advance(60_001);
    expect(await worker.runOnce()).toBe(1);
    const row = await jobRow(id);
    expect(runs).toBe(1);
    expect(row.status).toBe("done");
    expect(row.attempts).toBe(2);
  });

  it("dead-letters an expired job that has no attempts left", async () => {
    const job = defineJob({ name: uniqueName(), payload: z.object({}), maxAttempts: 2, handler: async () => {} });
    const now = ctx.clock.now();
    const id = (await enqueue(ctx.deps.db, now, job, {}, { tenantId: tenant.id })) as string;
    await ctx.deps.db
      .updateTable("jobs")
      .set({ status: "running", attempts: 2, locked_by: "crashed-worker", locked_until: new Date(now.getTime() - 1) })
      .where("id", "=", id)
      .execute();
    expect(await manualWorker(new JobRegistry([job])).runOnce()).toBe(0);
    const row = await jobRow(id);
    expect(row.status).toBe("dead");
    expect(row.last_error).toMatch(/lease expired/);
  });

  it("runs at most `concurrency` jobs at once", async () => {
    let active = 0;
    let peak = 0;
    const job = defineJob({
      name: uniqueName(),
      payload: z.object({}),
      handler: async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 20));
        active -= 1;
      },
    });
    for (let i = 0; i < 5; i++) await enqueue(ctx.deps.db, ctx.clock.now(), job, {}, { tenantId: tenant.id });
    const worker = manualWorker(new JobRegistry([job]), 2);
    expect(await worker.runOnce()).toBe(2);
    expect(await worker.runOnce()).toBe(2);
    expect(await worker.runOnce()).toBe(1);
    expect(peak).toBe(2);
  });

  it("claims only jobs of its registry and (when set) of its tenant", async () => {
    const other = await makeTenant(ctx);
    const known = defineJob({ name: uniqueName(), payload: z.object({}), handler: async () => {} });
    const mine = (await enqueue(ctx.deps.db, ctx.clock.now(), known, {}, { tenantId: tenant.id })) as string;
    const theirs = (await enqueue(ctx.deps.db, ctx.clock.now(), known, {}, { tenantId: other.id })) as string;
    const unknown = (await enqueueJob(ctx.deps.db, ctx.clock.now(), uniqueName(), {}, { tenantId: tenant.id })) as string;
    expect(await manualWorker(new JobRegistry([known])).runOnce()).toBe(1);
    expect((await jobRow(mine)).status).toBe("done");
    expect((await jobRow(theirs)).status).toBe("queued");
    expect((await jobRow(unknown)).status).toBe("queued");
  });

  it("stop() stops claiming and waits for the jobs in flight", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let started = 0;
    const job = defineJob({
      name: uniqueName(),
      payload: z.object({}),
      handler: async () => {
        started += 1;
        await gate;
      },
    });
    const first = (await enqueue(ctx.deps.db, ctx.clock.now(), job, {}, { tenantId: tenant.id })) as string;
    const worker = startWorker(ctx.deps, new JobRegistry([job]), { pollMs: 10, scheduler: false, tenantId: tenant.id });
    await expect.poll(() => started, { timeout: 5_000 }).toBe(1);
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    const second = (await enqueue(ctx.deps.db, ctx.clock.now(), job, {}, { tenantId: tenant.id })) as string;
    await new Promise((r) => setTimeout(r, 60));
    expect(stopped).toBe(false);
    expect((await jobRow(first)).status).toBe("running");
    release();
    await stopping;
    expect((await jobRow(first)).status).toBe("done");
    expect((await jobRow(second)).status).toBe("queued");
    expect(started).toBe(1);
  });
});

describe("backoffMs", () => {
  it("doubles from 10 s, caps at one hour, and stays within ±20 %", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempts, r) => {
        const base = Math.min(2 ** attempts * 5_000, HOUR);
        const ms = backoffMs(attempts, () => r);
        return ms >= Math.floor(base * 0.8) && ms <= Math.ceil(base * 1.2);
      }),
    );
    expect(backoffMs(1, () => 0.5)).toBe(10_000);
    expect(backoffMs(3, () => 0.5)).toBe(40_000);
    expect(backoffMs(30, () => 0.5)).toBe(HOUR);
  });
});
