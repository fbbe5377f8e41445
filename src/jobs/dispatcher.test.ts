import { beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../tests/support/context";
import { makeTenant, type TestTenant } from "../../tests/support/factories";
import { DAY, HOUR } from "../kernel/clock";
import { randomToken } from "../kernel/ids";
import { dispatchEvents, EVENTS_DELIVER, eventDeliveryJob, type StoredEvent, SubscriberRegistry } from "./dispatcher";
import { emitEvent } from "./outbox";
import { JobRegistry } from "./registry";
import { startWorker } from "./worker";

let ctx: TestContext;
let tenant: TestTenant;
let type: string;
beforeEach(async () => {
  ctx = await createTestContext();
  tenant = await makeTenant(ctx);
  type = `test.${randomToken(4)}.happened`;
});

/** A worker that only sees this test's tenant, so tests never take each other's events or jobs. */
function workerFor(subscribers: SubscriberRegistry, extra: { loop?: boolean; workerId?: string } = {}) {
  return startWorker(ctx.deps, new JobRegistry([eventDeliveryJob(subscribers)]), {
    loop: false,
    pollMs: 5,
    scheduler: false,
    tenantId: tenant.id,
    subscribers,
    leaseMs: 30 * DAY,
    ...extra,
  });
}

describe("event dispatcher", () => {
  it("lets a catch-all subscriber decline event types, while a named subscription still hears them", () => {
    const handle = async () => {};
    const subs = new SubscriberRegistry()
      .subscribe("*", { name: "journeys", handle, accepts: (t) => !t.startsWith("survey.") })
      .subscribe("survey.response_completed", { name: "completions", handle });
    expect(subs.matching("application.funded").map((s) => s.name)).toEqual(["journeys"]);
    expect(subs.matching("survey.response_completed").map((s) => s.name)).toEqual(["completions"]);
    expect(subs.matching("survey.response_started")).toEqual([]);
  });

  it("never delivers an event whose transaction rolled back", async () => {
    const seen: StoredEvent[] = [];
    const subs = new SubscriberRegistry().subscribe("*", { name: "spy", handle: async (_d, e) => void seen.push(e) });
    let eventId = "";
    await expect(
      ctx.deps.db.transaction().execute(async (trx) => {
        eventId = await emitEvent(trx, ctx.clock.now(), { tenantId: tenant.id, type, payload: { x: 1 } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const worker = workerFor(subs);
    await worker.runOnce();
    await worker.runOnce();
    expect(seen.find((e) => e.id === eventId)).toBeUndefined();
    const stored = await ctx.deps.db.selectFrom("events").select("id").where("id", "=", eventId).execute();
    expect(stored).toHaveLength(0);
  });

  it("delivers each committed event exactly once per subscriber, even with two workers", async () => {
    const typed: string[] = [];
    const all: string[] = [];
    const subs = new SubscriberRegistry()
      .subscribe(type, { name: "typed", handle: async (_d, e) => void typed.push(e.id) })
      .subscribe("*", { name: "all", handle: async (_d, e) => void all.push(e.id) });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push(await emitEvent(ctx.deps.db, ctx.clock.now(), { tenantId: tenant.id, type, subjectType: "thing", subjectId: `t${i}`, payload: { i } }));
    }
    const other = await emitEvent(ctx.deps.db, ctx.clock.now(), { tenantId: tenant.id, type: `${type}.other` });

    const a = workerFor(subs, { loop: true, workerId: "a" });
    const b = workerFor(subs, { loop: true, workerId: "b" });
    await Promise.all([a.runOnce(), b.runOnce()]);
    await expect.poll(() => typed.length + all.length, { timeout: 20_000, interval: 25 }).toBeGreaterThanOrEqual(41);
    await new Promise((r) => setTimeout(r, 50)); // room for a wrong duplicate to show up
    await Promise.all([a.stop(), b.stop()]);

    expect([...typed].sort()).toEqual([...ids].sort());
    const mine = all.filter((id) => ids.includes(id) || id === other);
    expect(mine.sort()).toEqual([...ids, other].sort());
    expect(new Set(all).size).toBe(all.length); // tenant.created etc. of makeTenant also came once
    const pending = await ctx.deps.db.selectFrom("events").select("id").where("tenant_id", "=", tenant.id).where("dispatched_at", "is", null).execute();
    expect(pending).toHaveLength(0);
    const jobs = await ctx.deps.db
      .selectFrom("jobs")
      .select(["status", "payload"])
      .where("tenant_id", "=", tenant.id)
      .where("name", "=", EVENTS_DELIVER)
      .execute();
    expect(jobs.filter((j) => (j.payload as { eventId: string }).eventId === other).map((j) => j.payload)).toEqual([
      { tenantId: tenant.id, eventId: other, subscriber: "all" },
    ]);
    expect(jobs.every((j) => j.status === "done")).toBe(true);
  });

  it("passes the stored event to the subscriber", async () => {
    const seen: StoredEvent[] = [];
    const subs = new SubscriberRegistry().subscribe(type, { name: "spy", handle: async (_d, e) => void seen.push(e) });
    const id = await emitEvent(ctx.deps.db, ctx.clock.now(), {
      tenantId: tenant.id,
      type,
      subjectType: "application",
      subjectId: "A-1",
      actorId: null,
      payload: { amount: 1200, nested: { ok: true } },
    });
    await workerFor(subs).runOnce();
    expect(seen).toEqual([
      {
        tenantId: tenant.id,
        id,
        type,
        subjectType: "application",
        subjectId: "A-1",
        actorId: null,
        payload: { amount: 1200, nested: { ok: true } },
        createdAt: ctx.clock.now(),
      },
    ]);
  });

  it("retries a failing subscriber on its own, without repeating the others", async () => {
    let flakyCalls = 0;
    let steadyCalls = 0;
    const subs = new SubscriberRegistry()
      .subscribe(type, {
        name: "flaky",
        handle: async () => {
          flakyCalls += 1;
          if (flakyCalls === 1) throw new Error("crm timeout");
        },
      })
      .subscribe(type, {
        name: "steady",
        handle: async () => {
          steadyCalls += 1;
        },
      });
    await emitEvent(ctx.deps.db, ctx.clock.now(), { tenantId: tenant.id, type });
    const worker = workerFor(subs);
    await worker.runOnce();
    expect([flakyCalls, steadyCalls]).toEqual([1, 1]);
    const failed = await ctx.deps.db
      .selectFrom("jobs")
      .select(["status", "last_error", "attempts"])
      .where("tenant_id", "=", tenant.id)
      .where("name", "=", EVENTS_DELIVER)
      .where("status", "=", "queued")
      .execute();
    expect(failed).toEqual([{ status: "queued", last_error: "crm timeout", attempts: 1 }]);
    ctx.clock.advance(HOUR);
    await worker.runOnce();
    expect([flakyCalls, steadyCalls]).toEqual([2, 1]);
  });

  it("marks events dispatched in one batch and enqueues nothing when nobody listens", async () => {
    const id = await emitEvent(ctx.deps.db, ctx.clock.now(), { tenantId: tenant.id, type });
    const n = await dispatchEvents(ctx.deps, new SubscriberRegistry(), ctx.clock.now(), { tenantId: tenant.id });
    expect(n).toBeGreaterThanOrEqual(1);
    const row = await ctx.deps.db.selectFrom("events").select("dispatched_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.dispatched_at?.getTime()).toBe(ctx.clock.now().getTime());
    expect(await dispatchEvents(ctx.deps, new SubscriberRegistry(), ctx.clock.now(), { tenantId: tenant.id })).toBe(0);
  });

  it("refuses one subscriber name with two different handlers", () => {
    const subs = new SubscriberRegistry().subscribe("a.b", { name: "x", handle: async () => {} });
    expect(() => subs.subscribe("c.d", { name: "x", handle: async () => {} })).toThrow(/registered twice/);
  });
});
