import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../../../tests/support/context";
import { makeTenant } from "../../../../tests/support/factories";
import { DIMENSIONS } from "../model/cube";
import { nextRunAfter } from "../../../jobs/scheduler";
import { foldPending, foldTenant, rebuild } from "./fold";
import { journeysFoldJob, journeysSchedules } from "./jobs";
import { eventsOf, expectedTotals, makeSource, type Planned, plan, put, snapshot, totals } from "./fold.testkit";

const ctx = await createTestContext();
const db = ctx.deps.db;
const H = 3_600_000;
const D = 24 * H;
const BASE = Date.UTC(2026, 4, 20, 8); // 2026-05-20: journeys span May and June
const NOW = new Date(BASE + 200 * D);

let tenant = "";
let source = "";
let planned: Planned[] = [];

beforeAll(async () => {
  tenant = (await makeTenant(ctx)).id;
  source = await makeSource(db, tenant);
  planned = plan(60, BASE, `J${tenant.slice(0, 6)}`);
  await put(db, tenant, source, planned.flatMap(eventsOf));
}, 60_000);

const markAll = (t: string) => sql`insert into kpi_dirty (tenant_id, entity) select distinct tenant_id, entity from journey_events where tenant_id = ${t}::uuid and entity is not null on conflict do nothing`.execute(db);

describe("the fold on the store", () => {
  it("folds journeys, responses, contacts and customers into the cube: totals equal what the events say", async () => {
    const r = await foldTenant(db, tenant, { now: NOW, batchSize: 25 });
    expect(r.journeys).toBe(60);
    expect(r.batches).toBeGreaterThan(2);
    const want = expectedTotals(planned);
    const day = await totals(db, tenant, "kpi_cube", "day");
    expect(day).toEqual(want);
    expect(await totals(db, tenant, "kpi_cube", "month")).toEqual(want);
    // Margins: the total row and each dimension's rows add up to the cube's totals, at both grains.
    for (const grain of ["day", "month"] as const) {
      expect(await totals(db, tenant, "kpi_margin", grain, "")).toEqual(want);
      for (const dim of DIMENSIONS) expect(await totals(db, tenant, "kpi_margin", grain, dim)).toEqual(want);
    }
    const journeys = await db.selectFrom("journeys").selectAll().where("tenant_id", "=", tenant).execute();
    expect(journeys).toHaveLength(60);
    expect(journeys.filter((j) => j.status === "abandoned")).toHaveLength(want.abandoned);
    expect(await db.selectFrom("kpi_dirty").select("entity").where("tenant_id", "=", tenant).execute()).toEqual([]);
    // The journey map: every journey reached stage:started and step a; the abandoned ones dropped somewhere.
    const touch = await db.selectFrom("kpi_touch").select(["node", "reached", "dropped"]).where("tenant_id", "=", tenant).where("grain", "=", "day").execute();
    const sum = (node: string, k: "reached" | "dropped") => touch.filter((t) => t.node === node).reduce((s, t) => s + t[k], 0);
    expect(sum("stage:started", "reached")).toBe(60);
    expect(sum("step:a", "reached")).toBe(60);
    expect(sum("step:b", "reached")).toBe(planned.filter((p) => p.stepB).length);
    expect(touch.reduce((s, t) => s + (t.node.startsWith("step:") ? t.dropped : 0), 0)).toBe(want.abandoned);
    // Stored contributions stay small.
    const size = await sql<{ avg: number; max: number }>`select avg(octet_length(contribution::text))::float8 as avg, max(octet_length(contribution::text)) as max from kpi_entities where tenant_id = ${tenant}::uuid and entity like 'j:%'`.execute(db);
    expect(size.rows[0]?.max).toBeLessThan(1024);
  });

  it("changes nothing when folded again", async () => {
    const before = await snapshot(db, tenant);
    await markAll(tenant);
    const r = await foldTenant(db, tenant, { now: NOW });
    expect(r.entities).toBeGreaterThan(60);
    expect(r.rows).toBe(0);
    expect(await snapshot(db, tenant)).toEqual(before);
  });

  it("takes a late event into account: the old contribution is removed, the sums stay consistent", async () => {
    // An open-then-abandoned journey gets a submission and a funding; another gets an earlier start in April.
    const p = planned.find((x) => !x.submitted) as Planned;
    const q = planned.find((x) => x.submitted && !x.decided) as Planned;
    await put(db, tenant, source, [
      { event: "application.submitted", at: p.start + 3 * H, props: { journeyId: p.id } },
      { event: "application.decided", at: p.start + 4 * H, props: { journeyId: p.id, decision: "approve" } },
      { event: "application.funded", at: p.start + 5 * H, props: { journeyId: p.id } },
      { event: "application.started", at: Date.UTC(2026, 3, 30, 12), props: { journeyId: q.id } },
    ]);
    await foldTenant(db, tenant, { now: NOW });
    const want = expectedTotals(planned);
    const got = await totals(db, tenant, "kpi_cube", "day");
    expect(got).toMatchObject({
      started: 60,
      submitted: want.submitted + 1,
      abandoned: want.abandoned - 1,
      decided: want.decided + 1,
      approved: want.approved + 1,
      funded: want.funded + 1,
      ttf_sum: want.ttf_sum + 5 + (q.approved ? (q.start - Date.UTC(2026, 3, 30, 12)) / H : 0),
      touch_sum: want.touch_sum + 2, // the submission and the late start are touchpoints
    });
    expect(await totals(db, tenant, "kpi_margin", "month", "product")).toEqual(got);
    const april = await db.selectFrom("kpi_cube").select(["started"]).where("tenant_id", "=", tenant).where("grain", "=", "month").where("period", "=", "2026-04-01").execute();
    expect(april.reduce((s, r) => s + r.started, 0)).toBe(1);
  });

  it("a rebuild gives exactly the rollups incremental folding gave", async () => {
    await markAll(tenant); // customers' old contributions must match too
    await foldTenant(db, tenant, { now: NOW });
    const incremental = await snapshot(db, tenant);
    const r = await rebuild(db, tenant, { now: NOW, batchSize: 17 });
    expect(r.marked).toBeGreaterThan(60);
    expect(await snapshot(db, tenant)).toEqual(incremental);
  });

  it("never mixes two banks, and two folds at once do not count twice", async () => {
    const other = (await makeTenant(ctx)).id;
    const otherSource = await makeSource(db, other);
    const theirs = plan(30, BASE, `K${other.slice(0, 6)}`);
    await put(db, other, otherSource, theirs.flatMap(eventsOf));
    const mine = await snapshot(db, tenant);
    const [a, b] = await Promise.all([foldTenant(db, other, { now: NOW, batchSize: 10 }), foldTenant(db, other, { now: NOW, batchSize: 10 })]);
    expect(a.journeys + b.journeys).toBe(30);
    expect(await totals(db, other, "kpi_cube", "day")).toEqual(expectedTotals(theirs));
    expect(await snapshot(db, tenant)).toEqual(mine);
    // foldPending folds every bank with news.
    const more = plan(5, BASE, `L${other.slice(0, 6)}`);
    await put(db, other, otherSource, more.flatMap(eventsOf));
    await foldPending(db, { now: NOW });
    expect(await totals(db, other, "kpi_cube", "day")).toEqual(expectedTotals([...theirs, ...more]));
  });

  it("a response folded before its journey takes the journey's dimensions once the journey is folded", async () => {
    const t = (await makeTenant(ctx)).id;
    const s = await makeSource(db, t);
    const start = BASE + 10 * D;
    // The answer arrives (and is folded) first, dated a day before the journey's own events.
    await put(db, t, s, [{ event: "survey.response_completed", at: start - D, props: { journeyId: "early-1", responseId: "early-1-r", scores: { nps: 9 } } }]);
    await foldTenant(db, t, { now: NOW });
    const byProduct = async () =>
      (await db.selectFrom("kpi_margin").select(["value", "responses"]).where("tenant_id", "=", t).where("grain", "=", "month").where("dim", "=", "product").execute()).filter((r) => r.responses !== 0);
    expect(await byProduct()).toEqual([{ value: "", responses: 1 }]);
    await put(db, t, s, [{ event: "application.started", at: start, props: { journeyId: "early-1", product: "mortgage", channel: "branch" } }]);
    await foldTenant(db, t, { now: NOW });
    expect(await byProduct()).toEqual([{ value: "mortgage", responses: 1 }]);
    // Folding the unchanged journey again does not touch the response.
    await markAll(t);
    const before = await snapshot(db, t);
    await foldTenant(db, t, { now: NOW });
    expect(await snapshot(db, t)).toEqual(before);
    expect(await db.selectFrom("kpi_dirty").select("entity").where("tenant_id", "=", t).execute()).toEqual([]);
  });

  it("abandons open journeys once their window passes (swept once, not again)", async () => {
    const t = (await makeTenant(ctx)).id;
    const s = await makeSource(db, t);
    const start = NOW.getTime() - 3 * D;
    await put(db, t, s, [
      { event: "application.started", at: start, props: { journeyId: "open-1", product: "checking" } },
      { event: "application.step_viewed", at: start + H, props: { journeyId: "open-1", step: "id", field: "passport" } },
    ]);
    await foldTenant(db, t, { now: NOW });
    expect((await totals(db, t, "kpi_cube", "day")).abandoned).toBe(0);
    const later = new Date(start + H + 7 * D);
    const r = await foldTenant(db, t, { now: later });
    expect(r.swept).toBe(1);
    expect((await totals(db, t, "kpi_cube", "day")).abandoned).toBe(1);
    const j = await db.selectFrom("journeys").selectAll().where("tenant_id", "=", t).executeTakeFirstOrThrow();
    expect(j).toMatchObject({ status: "abandoned", abandoned_step: "id", abandoned_field: "passport" });
    expect(j.abandoned_at?.getTime()).toBe(start + H);
    expect((await foldTenant(db, t, { now: new Date(later.getTime() + D) })).swept).toBe(0);
  });

  it("runs as a job every 2 seconds, folding what is pending", async () => {
    const spec = journeysSchedules.find((x) => x.jobName === journeysFoldJob.name);
    const t = new Date("2026-11-23T10:00:00.500Z");
    expect(spec && nextRunAfter(spec.cron, t).getTime() - t.getTime()).toBeLessThanOrEqual(2000);
    const t2 = (await makeTenant(ctx)).id;
    const p = plan(4, BASE, `M${t2.slice(0, 6)}`);
    await put(db, t2, await makeSource(db, t2), p.flatMap(eventsOf));
    // Other files' banks share this store and may be pending too: a few runs, as the schedule would make.
    for (let run = 0; run < 5 && (await totals(db, t2, "kpi_cube", "day")).started !== 4; run++) {
      await journeysFoldJob.handler(ctx.deps, {}, { id: "j", name: journeysFoldJob.name, attempts: 1, maxAttempts: 1, tenantId: null });
    }
    expect((await totals(db, t2, "kpi_cube", "day")).started).toBe(4);
  });
});
