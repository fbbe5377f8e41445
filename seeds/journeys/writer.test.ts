import { existsSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestContext } from "../../tests/support/context";
import { makeTenant, makeUser, type TestTenant } from "../../tests/support/factories";
import { seedDemoCommand } from "./command";
import { generate } from "./generate";
import { loadOrg } from "./org";
import { DEMO_SOURCE_NAME, demoComplete, demoSourceId, seedJourneys } from "./writer";

const ctx = await createTestContext();
const db = ctx.deps.db;
let tenant: TestTenant;
const UNTIL = "2026-11-01";

beforeAll(async () => {
  tenant = await makeTenant(ctx);
  for (const b of tenant.branches.slice(0, 2)) await makeUser(ctx, tenant, { role: "agent", scope: "own", branchId: b.id });
  await makeUser(ctx, tenant, { role: "agent", scope: "own" });
}, 60_000);

const count = async (tenantId: string, sourceId: string) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from journey_events where tenant_id = ${tenantId} and source_id = ${sourceId}`.execute(db)).rows[0]?.n);

describe("writing the demo bank's journeys", () => {
  it("stores every generated row once under the bank's Demo data source, with its own branches and agents", async () => {
    const now = ctx.clock.now();
    const r = await seedJourneys(db, { tenantId: tenant.id, journeys: 150, seed: 9, until: UNTIL, now });
    const source = await db.selectFrom("event_sources").selectAll().where("tenant_id", "=", tenant.id).where("id", "=", r.sourceId).executeTakeFirstOrThrow();
    expect(source).toMatchObject({ name: DEMO_SOURCE_NAME, kind: "import", write_key_hash: null });
    // Independently: generate the same rows again and compare with what the store holds.
    const org = await loadOrg(db, tenant.id, r.sourceId);
    const expected = [...generate({ journeys: 150, seed: 9, until: UNTIL, org })];
    expect(r).toMatchObject({ units: 150, rows: expected.length, stored: expected.length });
    expect(await count(tenant.id, r.sourceId)).toBe(expected.length);
    const sample = expected[Math.floor(expected.length / 2)];
    const stored = await db.selectFrom("journey_events").selectAll().where("tenant_id", "=", tenant.id).where("message_id", "=", sample?.message_id as string).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ event: sample?.event, user_id: sample?.user_id, journey_id: sample?.journey_id, properties: sample?.properties });
    expect(stored.occurred_at.toISOString()).toBe(sample?.occurred_at);
    const branchIds = new Set(tenant.branches.map((b) => b.id));
    const branches = await sql<{ b: string }>`select distinct properties->>'branchId' as b from journey_events where tenant_id = ${tenant.id} and properties ? 'branchId'`.execute(db);
    expect(branches.rows.length).toBeGreaterThan(0);
    for (const { b } of branches.rows) expect(branchIds.has(b)).toBe(true);
    const agents = await sql<{ n: number }>`select count(distinct properties->>'agentId')::int as n from journey_events where tenant_id = ${tenant.id} and properties ? 'agentId'`.execute(db);
    expect(agents.rows[0]?.n).toBe(3);
    // The insert trigger queued the entities for the fold.
    const dirty = await db.selectFrom("kpi_dirty").select(sql<number>`count(*)::int`.as("n")).where("tenant_id", "=", tenant.id).where("entity", "like", "j:DJ-9-%").executeTakeFirstOrThrow();
    expect(dirty.n).toBeGreaterThan(0);
  });

  it("is idempotent and knows when it is complete", async () => {
    const now = ctx.clock.now();
    const sourceId = await demoSourceId(db, tenant.id, now);
    expect(await demoComplete(db, tenant.id, sourceId, 150, 9)).toBe(true);
    expect(await demoComplete(db, tenant.id, sourceId, 151, 9)).toBe(false);
    const before = await count(tenant.id, sourceId);
    const again = await seedJourneys(db, { tenantId: tenant.id, journeys: 150, seed: 9, until: UNTIL, now });
    expect(again.stored).toBe(0);
    expect(await count(tenant.id, sourceId)).toBe(before);
  });

  it("atrium seed --demo writes N journeys into the named bank and checks its flags", async () => {
    const other = await makeTenant(ctx);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      expect(await seedDemoCommand(ctx.deps, ["--demo", "--journeys", "40", "--seed", "3", "--until", UNTIL, "--tenant", other.slug])).toBe(0);
      expect(log.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/Wrote [\d,]+ events \([\d,]+ new, 0 already there\)/);
    } finally {
      log.mockRestore();
    }
    const started = await sql<{ n: number }>`select count(distinct journey_id)::int as n from journey_events where tenant_id = ${other.id} and event = 'application.started'`.execute(db);
    expect(started.rows[0]?.n).toBe(40);
    await expect(seedDemoCommand(ctx.deps, ["--demo", "--journeys", "1.5", "--tenant", other.slug])).rejects.toThrow(/--journeys must be a whole number/);
    await expect(seedDemoCommand(ctx.deps, ["--demo", "--journeys=-1", "--tenant", other.slug])).rejects.toThrow(/--journeys must be a whole number/);
    await expect(seedDemoCommand(ctx.deps, ["--demo", "--journey", "5"])).rejects.toThrow(/usage: atrium seed --demo/);
    await expect(seedDemoCommand(ctx.deps, ["--demo", "--until", "2026-02-30", "--tenant", other.slug])).rejects.toThrow(/--until must be a date/);
  });

  // The fold is another part of issue 7; once it is in the tree, the demo must fold to exactly what was generated.
  const foldPath = join(import.meta.dirname, "../../src/modules/journeys/fold/fold.ts");
  it.skipIf(!existsSync(foldPath))("folds into KPI rollups whose totals equal the journeys, contacts and answers generated", async () => {
    const bank = await makeTenant(ctx);
    const r = await seedJourneys(db, { tenantId: bank.id, journeys: 120, seed: 21, until: UNTIL, now: ctx.clock.now() });
    const rows = [...generate({ journeys: 120, seed: 21, until: UNTIL, org: await loadOrg(db, bank.id, r.sourceId) })];
    const { foldTenant } = await import(foldPath);
    await foldTenant(db, bank.id, { now: new Date(`${UNTIL}T00:00:00Z`) });
    const total = await sql<{ started: number; contacts: number; nps: number[] }>`
      select sum(started)::int as started, sum(contacts)::int as contacts, (select coalesce(sum(x), 0)::int from kpi_margin m2, unnest(m2.nps) x where m2.tenant_id = ${bank.id} and m2.grain = 'month' and m2.dim = '') as nps
      from kpi_margin where tenant_id = ${bank.id} and grain = 'month' and dim = ''`.execute(db);
    expect(total.rows[0]?.started).toBe(120);
    expect(total.rows[0]?.contacts).toBe(rows.filter((x) => x.event === "contact.handled").length);
    expect(Number(total.rows[0]?.nps)).toBe(rows.filter((x) => x.event === "survey.response_completed").length);
  });
});
