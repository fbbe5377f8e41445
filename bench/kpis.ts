/**
 * KPIs at bank scale (issue 7). Printed, never asserted; every peer runs in the same process and run:
 * - PostgreSQL, BENCH_EVENTS events (default 10,000,000) from the demo generator, COPYed into a
 *   scratch database's journey_events with the dirty-marking trigger on; folded by foldPending;
 *   then all KPIs for the last full year grouped by channel through the KPI engine (in-process and
 *   over HTTP), and a filtered query (one product) that takes the full-cube path. Target p50 ≤ 100 ms.
 *   Peers: one plain SQL statement over the raw events (PostgreSQL) and the same in DuckDB over the
 *   same events (exported with COPY TO CSV), checked against the engine's figures (bench/kpis-sql.ts).
 * - PGlite in memory, BENCH_PGLITE_EVENTS events (default 1,000,000), written by the demo writer;
 *   fold, engine, plain SQL peer. Target p50 ≤ 200 ms.
 * - This process's RSS, sampled every 250 ms, peak per phase (target: under 1 GiB throughout).
 * Run: `DATABASE_URL=postgres://root@127.0.0.1:5432/postgres node bench/run.mjs kpis` (without
 * DATABASE_URL that base URL is used). BENCH_PEER_RUNS (default 5) sets the PostgreSQL and DuckDB
 * peers' runs, BENCH_PGLITE_PEER_RUNS (default 1) the PGlite peer's.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { generateUnits } from "../seeds/journeys/generate";
import { syntheticOrg } from "../seeds/journeys/org";
import { writeDemoEvents } from "../seeds/journeys/writer";
import { testConfig } from "../src/config";
import { type Db, type DB, openStore } from "../src/db";
import { migrateToLatest } from "../src/db/migrate";
import { createApiKey } from "../src/modules/auth/apikeys";
import { foldPending } from "../src/modules/journeys/fold/fold";
import type { Kpis } from "../src/modules/journeys/kpis/compute";
import { type KpiReport, kpiReport } from "../src/modules/journeys/kpis/report";
import { insertSource } from "../src/modules/journeys/sources";
import { createTenant } from "../src/modules/tenancy/commands";
import { createApp } from "../src/server/app";
import { boot } from "../src/server/boot";
import type { Deps } from "../src/server/deps";
import { compareWithEngine, type PeerRow, peerSql, toPeerRows } from "./kpis-sql";
import { copyEvents, exportCsv, fmtMs, fmtN, RssSampler, type Timing, timeRuns } from "./kpis-support";
import { scratchDatabase } from "./support";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const PGLITE_EVENTS = Number(process.env.BENCH_PGLITE_EVENTS ?? 1_000_000);
const PEER_RUNS = Number(process.env.BENCH_PEER_RUNS ?? 5);
// Plain SQL over 1M raw events on PGlite takes minutes a run: one run, no warm-up, unless asked.
const PGLITE_PEER_RUNS = Number(process.env.BENCH_PGLITE_PEER_RUNS ?? 1);
const BASE = process.env.DATABASE_URL ?? "postgres://root@127.0.0.1:5432/postgres";
const SEED = 7;
const NOW = new Date();
// The last full year: the 12 whole months before this month; the generator's window ends at UNTIL.
const UNTIL = `${NOW.toISOString().slice(0, 7)}-01`;
const FROM = `${Number(UNTIL.slice(0, 4)) - 1}${UNTIL.slice(4)}`;
const TO = new Date(Date.parse(`${UNTIL}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const FILTER_PRODUCT = "checking";

const rss = new RssSampler();
const log = (s = "") => console.log(s);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Journeys that make about `events` events (the generator's events per journey, measured on its first 3,000 units). */
function journeysFor(events: number): number {
  let rows = 0;
  const sample = 3_000;
  for (const unit of generateUnits({ journeys: sample, seed: SEED, until: UNTIL, org: syntheticOrg() })) rows += unit.length;
  return Math.max(1, Math.round(events / (rows / sample)));
}

interface Bank {
  tenantId: string;
  sourceId: string;
  auth: string;
}

/** A bank made the normal way: tenant, an import source, an admin API key. */
async function makeBank(deps: Deps): Promise<Bank> {
  const ctx = { actor: null, now: NOW };
  const tenant = await createTenant(deps.db, ctx, { slug: `bench-kpis-${process.pid}-${Math.random().toString(36).slice(2, 6)}`, name: "KPI Bench Bank" });
  const { source } = await insertSource(deps.db, { tenantId: tenant.id, name: "bench events", kind: "import", now: NOW });
  const { key } = await createApiKey(deps.db, ctx, tenant.id, { name: "bench admin", role: "admin" });
  return { tenantId: tenant.id, sourceId: source.id, auth: `Bearer ${key}` };
}

const report = (db: Db, bank: Bank, product?: string): Promise<KpiReport> =>
  kpiReport(db, bank.tenantId, null, { from: FROM, to: TO, groupBy: "channel", filters: product ? { product: [product] } : {}, fundedWithinDays: 30 });

const byChannel = (r: KpiReport) => new Map<string, Kpis>(r.groups.map((g) => [g.key, g.kpis]));

const load = () => loadavg()[0]?.toFixed(2);

async function foldAll(db: Db, events: number): Promise<void> {
  const t = performance.now();
  let shown = t;
  const c = await foldPending(db, {
    now: NOW,
    onBatch: (p) => {
      if (performance.now() - shown < 60_000) return;
      shown = performance.now();
      log(`  fold progress: ${fmtN(p.journeys)} journeys, ${fmtN(p.events)} events after ${secs(shown - t)} (load average ${load()})`);
    },
  });
  const ms = performance.now() - t;
  const left = await sql<{ n: string }>`select count(*) as n from kpi_dirty`.execute(db);
  log(`fold: ${fmtN(c.journeys)} journey recomputations, ${fmtN(c.entities)} entities in ${fmtN(c.batches)} batches, ${fmtN(c.events)} events read, in ${secs(ms)} (load average ${load()})`);
  log(`  = ${fmtN(c.journeys / (ms / 1000))} journeys/s, ${fmtN(events / (ms / 1000))} events/s; still pending: ${left.rows[0]?.n}; at this rate 10,000,000 events would fold in ${fmtN((10_000_000 / (events / (ms / 1000))) / 60)} min`);
  // What autovacuum would do after a bulk change: the planner sees the tables' real sizes.
  for (const table of ["journey_events", "journeys", "kpi_cube", "kpi_margin", "kpi_entities", "kpi_touch"]) await sql`analyze ${sql.table(table)}`.execute(db);
}

async function tableSizes(db: Db): Promise<void> {
  const rows = await sql<{ t: string; bytes: string; n: string }>`
    select t, pg_total_relation_size(t::regclass) as bytes, (select reltuples::bigint from pg_class where oid = t::regclass) as n
    from unnest(array['journey_events', 'journeys', 'kpi_entities', 'kpi_cube', 'kpi_margin', 'kpi_touch']) as t`.execute(db);
  log(`table sizes: ${rows.rows.map((r) => `${r.t} ${fmtN(Number(r.bytes) / 2 ** 20)} MiB (~${fmtN(Number(r.n))} rows)`).join(", ")}`);
}

/** Engine timings: unfiltered by channel (in-process and over HTTP), and one product by channel. */
async function engine(deps: Deps, bank: Bank, target: number, http: boolean): Promise<{ main: Timing; result: KpiReport }> {
  const main = await timeRuns(() => report(deps.db, bank), 20, 3);
  log(`engine, all KPIs ${FROM}..${TO} by channel (unscoped admin, in-process; load average ${load()}): ${fmtMs(main)} — target ≤ ${target} ms: ${main.p50 <= target ? "met" : "MISSED"}`);
  if (http) {
    const app = createApp(deps);
    const url = `/api/v1/kpis?from=${FROM}&to=${TO}&groupBy=channel`;
    const viaHttp = await timeRuns(async () => {
      const res = await app.request(url, { headers: { authorization: bank.auth } });
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    }, 20, 3);
    log(`engine over HTTP (createApp(deps).request, admin API key): ${fmtMs(viaHttp)}; HTTP overhead at p50 ${(viaHttp.p50 - main.p50).toFixed(1)} ms`);
  }
  const filtered = await timeRuns(() => report(deps.db, bank, FILTER_PRODUCT), 20, 3);
  log(`engine, product = ${FILTER_PRODUCT}, by channel (full cube path): ${fmtMs(filtered)}; ${filtered.last.total.counts.started.toLocaleString("en-US")} journeys`);
  const t = main.last.total;
  log(`  total: ${fmtN(t.counts.started)} journeys started, completion ${t.completionRate.value}, abandonment ${t.abandonmentRate.value}, TTF median ${t.timeToFund.medianHours} h, NPS ${t.nps.score} (n ${fmtN(t.nps.n)}), AHT ${t.averageHandleTime.meanSeconds} s; ${main.last.groups.length} channels`);
  return { main, result: main.last };
}

/** The engine's statements, captured from a logging Kysely on the same pool, under EXPLAIN (ANALYZE, BUFFERS). */
async function explainEngine(url: string, bank: Bank): Promise<void> {
  const captured: { sql: string; params: readonly unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => void (e.level === "query" && captured.push({ sql: e.query.sql, params: e.query.parameters })) });
  try {
    await report(db, bank);
    await report(db, bank, FILTER_PRODUCT);
    for (const [i, q] of captured.entries()) {
      const plan = await pool.query(`explain (analyze, buffers) ${q.sql}`, q.params as unknown[]);
      const lines = plan.rows.map((r: Record<string, string>) => r["QUERY PLAN"] ?? "");
      log(`  EXPLAIN ANALYZE of the ${i === 0 ? "unfiltered (margin)" : "filtered (cube)"} statement:`);
      for (const l of lines) log(`    ${l}`);
    }
  } finally {
    await db.destroy();
  }
}

function printPeerCheck(name: string, engineResult: KpiReport, rows: PeerRow[]): void {
  const { lines, mismatches } = compareWithEngine(byChannel(engineResult), rows);
  log(`${name} vs engine, per channel (${mismatches === 0 ? "all agree" : `${mismatches} channel(s) differ`}):`);
  for (const l of lines) log(l);
}

async function postgres(): Promise<void> {
  log(`\n### PostgreSQL (${BASE.replace(/\/\/[^@]*@/, "//…@")}), target ${fmtN(EVENTS)} events`);
  rss.enter("pg: setup");
  const scratch = await scratchDatabase(BASE, "atrium_kpis");
  const dir = mkdtempSync(join(tmpdir(), "atrium-bench-kpis-"));
  let store: Awaited<ReturnType<typeof openStore>> | null = null;
  try {
    const config = testConfig({ DATABASE_URL: scratch.url, LOG_LEVEL: "warn" });
    store = await openStore(config);
    await migrateToLatest(store.db);
    const { deps } = await boot(config, { store, migrate: false });
    const bank = await makeBank(deps);
    const journeys = journeysFor(EVENTS);

    rss.enter("pg: load (generator → COPY)");
    let t = performance.now();
    const rows = await copyEvents(scratch.url, { journeys, seed: SEED, until: UNTIL, org: syntheticOrg(bank.tenantId, bank.sourceId) }, 500_000, (n) =>
      log(`  load progress: ${fmtN(n)} events after ${secs(performance.now() - t)}`),
    );
    const ms = performance.now() - t;
    log(`load: ${fmtN(rows)} events (${fmtN(journeys)} journeys, seed ${SEED}, ${FROM}..${TO}) by COPY in ${secs(ms)} = ${fmtN(rows / (ms / 1000))} events/s (generator included; trigger on)`);
    t = performance.now();
    await sql`analyze journey_events`.execute(deps.db);
    await sql`analyze kpi_dirty`.execute(deps.db);
    log(`analyze journey_events, kpi_dirty: ${secs(performance.now() - t)}`);

    rss.enter("pg: fold");
    await foldAll(deps.db, rows);
    await tableSizes(deps.db);

    rss.enter("pg: engine queries");
    const { main, result } = await engine(deps, bank, 100, true);
    await explainEngine(scratch.url, bank);

    rss.enter("pg: plain SQL peer");
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const text = peerSql("pg", { tenantId: bank.tenantId, from: FROM, toExclusive: UNTIL, now: NOW });
    const plain = await timeRuns(async () => (await client.query(text)).rows as Record<string, unknown>[], PEER_RUNS, 1);
    await client.end();
    log(`plain SQL over raw events (PostgreSQL, one statement): ${fmtMs(plain)}`);
    const pgRows = toPeerRows(plain.last);
    printPeerCheck("plain SQL (PostgreSQL)", result, pgRows);

    rss.enter("duckdb peer (export, load, query)");
    const csv = join(dir, "events.csv");
    t = performance.now();
    await exportCsv(scratch.url, bank.tenantId, csv);
    log(`DuckDB: export by COPY TO CSV ${secs(performance.now() - t)} (${fmtN(statSync(csv).size / 2 ** 20)} MiB)`);
    const duck = await DuckDBInstance.create(join(dir, "peer.duckdb"));
    const conn = await duck.connect();
    t = performance.now();
    await conn.run(
      `create table journey_events as select * from read_csv('${csv}', header = true, columns = {'entity': 'VARCHAR', 'event': 'VARCHAR', 'user_id': 'VARCHAR', 't': 'TIMESTAMP', 'message_id': 'VARCHAR', 'properties': 'JSON'})`,
    );
    log(`DuckDB: read_csv into a table ${secs(performance.now() - t)}`);
    const dtext = peerSql("duckdb", { tenantId: bank.tenantId, from: FROM, toExclusive: UNTIL, now: NOW });
    const dk = await timeRuns(async () => (await conn.runAndReadAll(dtext)).getRowObjectsJS() as Record<string, unknown>[], PEER_RUNS, 1);
    conn.closeSync();
    duck.closeSync();
    log(`DuckDB over the same events (one statement): ${fmtMs(dk)}`);
    printPeerCheck("DuckDB", result, toPeerRows(dk.last));

    log(`\nPostgreSQL, ${fmtN(rows)} events, p50: engine ${main.p50.toFixed(1)} ms | plain SQL ${plain.p50.toFixed(0)} ms | DuckDB ${dk.p50.toFixed(0)} ms`);
    log(`  plain SQL ÷ engine = ${(plain.p50 / main.p50).toFixed(0)}×, DuckDB ÷ engine = ${(dk.p50 / main.p50).toFixed(0)}×`);
  } finally {
    await store?.close();
    await scratch.drop();
    log(`scratch database dropped`);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pglite(): Promise<void> {
  log(`\n### PGlite (on disk in a temp folder, as the server runs it; in this process), target ${fmtN(PGLITE_EVENTS)} events`);
  rss.enter("pglite: open + migrate");
  const dir = mkdtempSync(join(tmpdir(), "atrium-bench-kpis-pglite-"));
  const config = testConfig({ LOG_LEVEL: "warn", ATRIUM_DATA_DIR: dir });
  const store = await openStore(config);
  try {
    await migrateToLatest(store.db);
    const { deps } = await boot(config, { store, migrate: false });
    const bank = await makeBank(deps);
    const journeys = journeysFor(PGLITE_EVENTS);
    rss.enter("pglite: load (demo writer)");
    const t = performance.now();
    const p = await writeDemoEvents(deps.db, { journeys, seed: SEED, until: UNTIL, org: syntheticOrg(bank.tenantId, bank.sourceId) });
    const ms = performance.now() - t;
    log(`load: ${fmtN(p.rows)} events (${fmtN(journeys)} journeys) by the demo writer (json_to_recordset, 2,000 rows a statement) in ${secs(ms)} = ${fmtN(p.rows / (ms / 1000))} events/s`);
    rss.enter("pglite: fold");
    await foldAll(deps.db, p.rows);
    await tableSizes(deps.db);
    rss.enter("pglite: engine queries");
    const { main, result } = await engine(deps, bank, 200, true);
    rss.enter("pglite: plain SQL peer");
    const text = peerSql("pg", { tenantId: bank.tenantId, from: FROM, toExclusive: UNTIL, now: NOW });
    const plain = await timeRuns(async () => (await sql.raw<Record<string, unknown>>(text).execute(deps.db)).rows, PGLITE_PEER_RUNS, 0);
    log(`plain SQL over raw events (PGlite): ${fmtMs(plain)}`);
    printPeerCheck("plain SQL (PGlite)", result, toPeerRows(plain.last));
    log(`\nPGlite, ${fmtN(p.rows)} events, p50: engine ${main.p50.toFixed(1)} ms | plain SQL ${plain.p50.toFixed(0)} ms (${(plain.p50 / main.p50).toFixed(0)}×)`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const started = performance.now();
log(`kpis bench: ${NOW.toISOString()}, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}, node ${process.version}`);
try {
  if (EVENTS > 0) await postgres();
  if (PGLITE_EVENTS > 0) await pglite();
} finally {
  rss.stop();
  log("\nmemory (this process: server, fold, engine; PGlite's database engine too; the DuckDB phase includes DuckDB):");
  for (const l of rss.report()) log(l);
  log(`done in ${secs(performance.now() - started)}, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
}
