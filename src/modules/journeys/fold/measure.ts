/**
 * Fold throughput, measured: `npx tsx src/modules/journeys/fold/measure.ts [journeys] [postgres-url]`
 * writes ~12 events per journey (the testkit's plan plus page views) into a fresh bank on an
 * in-memory PGlite, or on a scratch PostgreSQL database made from the URL and dropped after, then
 * folds them all (rebuild) and prints journeys/s, events/s and kpi_entities bytes per journey.
 */
import { sql } from "kysely";
import { scratchDatabase } from "../../../../bench/support";
import { testConfig } from "../../../config";
import { openStore } from "../../../db";
import { migrateToLatest } from "../../../db/migrate";
import { createTenant } from "../../tenancy/commands";
import { rebuild } from "./fold";
import { eventsOf, makeSource, plan, put, type Raw } from "./fold.testkit";

const journeys = Number(process.argv[2] ?? 8000);
const base = process.argv[3];
const scratch = base ? await scratchDatabase(base, "atrium_fold") : null;
const store = await openStore(testConfig(scratch ? { DATABASE_URL: scratch.url } : {}), { inMemory: true });
try {
  const db = store.db;
  await migrateToLatest(db);
  const tenant = await createTenant(db, { actor: null, now: new Date() }, { slug: "fold-bench", name: "Fold bench" });
  const source = await makeSource(db, tenant.id);
  const planned = plan(journeys, Date.UTC(2026, 0, 5, 8), "B");
  let events = 0;
  const t0 = Date.now();
  for (let i = 0; i < planned.length; i += 500) {
    const chunk: Raw[] = planned.slice(i, i + 500).flatMap((p) => [
      ...eventsOf(p),
      ...Array.from({ length: 9 }, (_, k) => ({ type: "page" as const, event: "page", at: p.start + (k + 1) * 20_000, props: { journeyId: p.id, path: `/apply/${k}` } })),
    ]);
    events += chunk.length;
    await put(db, tenant.id, source, chunk);
  }
  console.log(`${store.kind}: wrote ${events} events of ${journeys} journeys in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const rss0 = process.memoryUsage().rss;
  const r = await rebuild(db, tenant.id, { now: new Date(Date.UTC(2026, 10, 1)) });
  const s = r.ms / 1000;
  const bytes = await sql<{ avg: number; max: number; total: number }>`
    select avg(octet_length(contribution::text))::float8 as avg, max(octet_length(contribution::text)) as max,
           sum(pg_column_size(contribution))::float8 as total
    from kpi_entities where tenant_id = ${tenant.id}::uuid and entity like 'j:%'`.execute(db);
  const rows = await sql<{ n: number }>`select (select count(*) from kpi_cube where tenant_id = ${tenant.id}::uuid) + (select count(*) from kpi_margin where tenant_id = ${tenant.id}::uuid) + (select count(*) from kpi_touch where tenant_id = ${tenant.id}::uuid) as n`.execute(db);
  const b = bytes.rows[0];
  console.log(
    `${store.kind}: folded ${r.entities} entities (${r.journeys} journeys, ${r.customers} customer folds), ${r.events} events in ${s.toFixed(2)} s, ${r.batches} batches: ` +
      `${Math.round(r.journeys / s)} journeys/s, ${Math.round(r.events / s)} events/s; rollup rows ${rows.rows[0]?.n}; ` +
      `kpi_entities per journey: ${Math.round(b?.avg ?? 0)} B of JSON (max ${b?.max}), ${Math.round((b?.total ?? 0) / journeys)} B stored; RSS +${Math.round((process.memoryUsage().rss - rss0) / 1e6)} MB`,
  );
} finally {
  await store.close();
  await scratch?.drop();
}
