/**
 * A quick measurement of the KPI engine's read path (not the full benchmark in bench/): rollup
 * rows shaped like those of a bank's year are generated straight in SQL — one journey per day cell,
 * about ten events per journey, so `--journeys 1000000` stands for about 10 million events — then
 * reports are timed in-process (p50 and p95 of 25 runs after 3 warm-ups).
 *
 *   npx tsx src/modules/journeys/kpis/measure.ts [--journeys N] [--pg postgres://…/postgres]
 *
 * PGlite runs in memory; with --pg a scratch database is made on that server and dropped after.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { scratchDatabase } from "../../../../bench/support";
import { testConfig } from "../../../config";
import { type Db, openStore } from "../../../db";
import { migrateToLatest } from "../../../db/migrate";
import type { Actor } from "../../../kernel/access";
import { DIMENSIONS, SCALAR_COUNTERS } from "../model/cube";
import { kpiReport, type ReportInput } from "./report";

const COMBOS = 5 * 8 * 3 * 3 * 20;

/** A histogram literal of `size` with a 1 at index (expr mod size). */
const hist = (size: number, expr: string) => `('{' || repeat('0,', (${expr}) % ${size}) || '1' || repeat(',0', ${size - 1} - (${expr}) % ${size}) || '}')::int4[]`;

async function generate(db: Db, tenantId: string, journeys: number) {
  const cells = Math.max(1, Math.round(journeys / 365));
  if (cells > COMBOS) throw new Error(`at most ${COMBOS * 365} journeys`);
  // Day cells: `cells` distinct dimension combinations per day (i·7 mod 7200 is injective).
  await sql
    .raw(`insert into kpi_cube (tenant_id, grain, period, product, channel, device, segment, region, branch, agent, queue,
      started, submitted, abandoned, decided, approved, funded, converted, single_channel, touch_sum, switch_sum, touch_hist,
      ttf_n, ttf_sum, ttf_hist, ttd_n, ttd_sum, ttd_hist, contacts, handle_sum, handle_hist, nps, intent, active)
    select '${tenantId}', 'day', d::date, 'p' || (c % 5), (array['web','app','branch','call','sms','email','chat','agent-assisted'])[(c / 5) % 8 + 1],
      (array['mobile','desktop',''])[(c / 40) % 3 + 1], (array['retail','premium',''])[(c / 120) % 3 + 1],
      'r' || ((c / 360) % 20 / 5), 'b' || ((c / 360) % 20), 'a' || ((c / 360) % 20 * 5 + c % 5), '',
      1, (c % 10 < 6)::int, (c % 10 >= 8)::int, (c % 10 < 5)::int, (c % 10 < 4)::int, (c % 10 < 3)::int, (c % 10 < 3)::int, (c % 20 < 6)::int,
      1 + c % 12, c % 3, ${hist(32, "1 + c % 12")},
      (c % 10 < 3)::int, case when c % 10 < 3 then 5 + c % 700 else 0 end, case when c % 10 < 3 then ${hist(49, "c")} else '{}' end,
      (c % 10 < 5)::int, case when c % 10 < 5 then 1 + c % 90 else 0 end, case when c % 10 < 5 then ${hist(49, "c / 3")} else '{}' end,
      (c % 3 = 0)::int, case when c % 3 = 0 then 60 + c % 900 else 0 end, case when c % 3 = 0 then ${hist(33, "c / 7")} else '{}' end,
      case when c % 2 = 0 then ${hist(11, "c / 11")} else '{}' end, (c % 5 = 0)::int, (c % 15 = 0)::int
    from generate_series('2026-01-01'::date, '2026-12-31'::date, '1 day') d,
      lateral generate_series(0, ${cells - 1}) i,
      lateral (select (i * 7 + extract(doy from d)::int * 13) % ${COMBOS} as c) x`)
    .execute(db);
  const scalars = SCALAR_COUNTERS.map((c) => `sum(${c})`).join(", ");
  const hists = "max(touch_hist), max(ttf_hist), max(ttd_hist), max(handle_hist), max(nps)";
  const cols = `${SCALAR_COUNTERS.join(", ")}, touch_hist, ttf_hist, ttd_hist, handle_hist, nps`;
  const dims = DIMENSIONS.join(", ");
  // Month cells: the day cells summed (histograms: one of them, enough for timing).
  await sql.raw(`insert into kpi_cube (tenant_id, grain, period, ${dims}, ${cols}) select tenant_id, 'month', date_trunc('month', period)::date, ${dims}, ${scalars}, ${hists} from kpi_cube where tenant_id = '${tenantId}' and grain = 'day' group by 1, 2, 3, ${dims}`).execute(db);
  for (const dim of ["", ...DIMENSIONS]) {
    const value = dim ? dim : "''";
    await sql.raw(`insert into kpi_margin (tenant_id, grain, period, dim, value, ${cols}) select tenant_id, grain, period, '${dim}', ${value}, ${scalars}, ${hists} from kpi_cube where tenant_id = '${tenantId}' group by 1, 2, 3, 5`).execute(db);
  }
  await sql.raw("analyze kpi_cube").execute(db);
  await sql.raw("analyze kpi_margin").execute(db);
  const count = async (t: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)} where tenant_id = ${tenantId}`.execute(db)).rows[0]?.n;
  return { cells, cube: await count("kpi_cube"), margin: await count("kpi_margin") };
}

async function time(fn: () => Promise<unknown>, runs = 25) {
  for (let i = 0; i < 3; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { p50: t[Math.floor(runs / 2)] as number, p95: t[Math.floor(runs * 0.95)] as number };
}

async function measure(db: Db, label: string, journeys: number) {
  const tenantId = randomUUID();
  const started = performance.now();
  const g = await generate(db, tenantId, journeys);
  console.log(`${label}: ${journeys} journeys (~${journeys * 10} events): ${g.cube} cube rows, ${g.margin} margin rows, generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const year: ReportInput = { from: "2026-01-01", to: "2026-12-31", filters: {}, fundedWithinDays: 30 };
  const region: Actor = { kind: "user", tenantId, id: randomUUID(), label: "m", role: "branch_manager", scope: "region", regionId: "r1", branchId: null, locale: "en" };
  const cases: Array<[string, () => Promise<unknown>]> = [
    ["year by channel (margins)", () => kpiReport(db, tenantId, null, { ...year, groupBy: "channel" })],
    ["year total, edge days (Jan 15 … Dec 10)", () => kpiReport(db, tenantId, null, { ...year, from: "2026-01-15", to: "2026-12-10" })],
    ["year by week (day margins)", () => kpiReport(db, tenantId, null, { ...year, groupBy: "week" })],
    ["year by month, product filter (margins)", () => kpiReport(db, tenantId, null, { ...year, groupBy: "month", filters: { product: ["p1"] } })],
    ["year by channel, product filter (cube)", () => kpiReport(db, tenantId, null, { ...year, groupBy: "channel", filters: { product: ["p1"] } })],
    ["year by channel, region-scoped (cube)", () => kpiReport(db, tenantId, region, { ...year, groupBy: "channel" })],
    ["year by branch, channel filter (cube)", () => kpiReport(db, tenantId, null, { ...year, groupBy: "branch", filters: { channel: ["web", "app"] } })],
  ];
  for (const [name, fn] of cases) {
    const r = await time(fn);
    console.log(`  ${name.padEnd(42)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms`);
  }
}

const { values } = parseArgs({ options: { journeys: { type: "string" }, pg: { type: "string" }, "skip-pglite": { type: "boolean" } } });
const journeys = Number(values.journeys ?? 1_000_000);
if (!values["skip-pglite"]) {
  const store = await openStore(testConfig(), { inMemory: true });
  await migrateToLatest(store.db);
  await measure(store.db, "PGlite", Math.round(journeys / 10));
  await store.close();
}
if (values.pg) {
  const scratch = await scratchDatabase(values.pg, "atrium_kpis");
  try {
    const store = await openStore(testConfig({ DATABASE_URL: scratch.url }));
    await migrateToLatest(store.db);
    await measure(store.db, "PostgreSQL", journeys);
    await store.close();
  } finally {
    await scratch.drop();
  }
}
