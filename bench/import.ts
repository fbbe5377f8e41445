/**
 * Bulk NDJSON import: a deterministic file of BENCH_IMPORT_EVENTS events (default 1,000,000) is
 * imported by the same processor `atrium import` and the journeys.import job run (parse, check,
 * store with the dirty-marking trigger on), into a scratch PostgreSQL database (when DATABASE_URL
 * is set) and into in-memory PGlite (its first BENCH_IMPORT_PGLITE_EVENTS, default 200,000: PGlite
 * holds the whole database in this process's memory), and
 * printed beside its peer in the same run: a plain COPY of the same rows into a bare table (no
 * key, index, trigger or foreign key). Target: ≥ 200,000 events/s on PostgreSQL.
 * Run: `DATABASE_URL=postgres://… node bench/run.mjs import`.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { scratchDatabase } from "./support";
import { testConfig } from "../src/config";
import { openStore } from "../src/db";
import { migrateToLatest } from "../src/db/migrate";
import { runImport, startLocalImport } from "../src/modules/journeys/imports/imports";
import { eventLine } from "../src/modules/journeys/imports/rows";
import { copyText } from "../src/modules/journeys/imports/sink";
import { insertSource } from "../src/modules/journeys/sources";
import { createTenant } from "../src/modules/tenancy/commands";
import { boot } from "../src/server/boot";

const EVENTS = Number(process.env.BENCH_IMPORT_EVENTS ?? 1_000_000);
const PGLITE_EVENTS = Number(process.env.BENCH_IMPORT_PGLITE_EVENTS ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), "atrium-bench-import-"));

/** A seeded generator (mulberry32): the same file on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STEPS = ["application.started", "application.step_viewed", "application.step_completed", "application.submitted", "application.decided", "application.funded"];
const CHANNELS = ["web", "app", "branch", "call"];
const PRODUCTS = ["current-account", "savings", "credit-card", "auto-loan", "mortgage"];

/** Writes `n` events, one per line, journeys of ~8 events over 2025. */
async function writeFile(path: string, n: number): Promise<number> {
  const rand = rng(20261123);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const start = Date.UTC(2025, 0, 1);
  let lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const journey = Math.floor(i / 8);
    const line = JSON.stringify({
      type: "track",
      messageId: `bench-${i.toString(36)}`,
      userId: `cust-${journey % 120_000}`,
      event: STEPS[Math.min(i % 8, STEPS.length - 1)],
      properties: { journeyId: `J-${journey}`, channel: CHANNELS[Math.floor(rand() * 4)], product: PRODUCTS[journey % 5], step: `s${i % 8}`, segment: rand() < 0.7 ? "retail" : "premier" },
      context: { library: { name: "analytics-node", version: "2.1.0" } },
      timestamp: new Date(start + journey * 31_000 + (i % 8) * 3_600_000).toISOString(),
    });
    lines.push(line);
    if (lines.length === 5_000) {
      if (!out.write(`${lines.join("\n")}\n`)) await once(out, "drain");
      lines = [];
    }
  }
  out.end(lines.length ? `${lines.join("\n")}\n` : "");
  await once(out, "finish");
  return statSync(path).size;
}

/** The file's first `n` events as COPY text (the peer's input, made before its clock starts). */
async function copyInput(path: string, n: number): Promise<string[]> {
  const parts: string[] = [];
  let rows = [];
  let seen = 0;
  let rest = "";
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    for (const l of lines) {
      if (seen++ >= n) break;
      const r = eventLine(l, l.length, seen, Date.now(), []);
      if (r) rows.push(r);
      if (rows.length === 50_000) {
        parts.push(copyText(rows));
        rows = [];
      }
    }
    if (seen >= n) break;
  }
  if (rows.length) parts.push(copyText(rows));
  return parts;
}

const BARE = "create table bare_events (m text, t text, e text, u text, a text, j text, o timestamptz, p jsonb, c jsonb)";
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString("en");

async function measure(base: string | undefined, path: string, n: number): Promise<void> {
  const scratch = base ? await scratchDatabase(base, "atrium_import") : null;
  const config = testConfig(scratch ? { DATABASE_URL: scratch.url, LOG_LEVEL: "warn", BLOB_DIR: join(dir, "blobs") } : { LOG_LEVEL: "warn", BLOB_DIR: join(dir, "blobs") });
  const store = await openStore(config, { inMemory: true });
  try {
    await migrateToLatest(store.db);
    const { deps } = await boot(config, { store, migrate: false });
    const now = new Date();
    const tenant = await createTenant(deps.db, { actor: null, now }, { slug: `bench-${Math.random().toString(36).slice(2, 8)}`, name: "Bench Bank" });
    const { source } = await insertSource(deps.db, { tenantId: tenant.id, name: "Imports", kind: "import", now });
    const bytes = statSync(path).size;
    const imp = await startLocalImport(deps, { actor: null, now }, tenant.id, { kind: "events", source, fileName: "bench.ndjson", bytes });
    const rss0 = process.memoryUsage().rss;
    let rssMax = rss0;
    const t0 = performance.now();
    const done = await runImport(deps, imp, limited(path, n), {
      onProgress: () => {
        rssMax = Math.max(rssMax, process.memoryUsage().rss);
      },
    });
    const ms = performance.now() - t0;
    const dirty = await deps.db.selectFrom("kpi_dirty").select((eb) => eb.fn.countAll<number>().as("n")).where("tenant_id", "=", tenant.id).executeTakeFirstOrThrow();
    console.log(
      `${store.kind} import: ${done.rows_total.toLocaleString("en")} events in ${(ms / 1000).toFixed(2)} s = ${rate(done.rows_total, ms)} events/s ` +
        `(ok ${done.rows_ok}, duplicates ${done.rows_duplicate}, failed ${done.rows_failed}; ${Number(dirty.n).toLocaleString("en")} entities marked dirty; RSS ${Math.round(rss0 / 2 ** 20)} → max ${Math.round(rssMax / 2 ** 20)} MiB)`,
    );
    // Re-running the same file stores nothing (all duplicates): the idempotent path's cost.
    const again = await startLocalImport(deps, { actor: null, now }, tenant.id, { kind: "events", source, fileName: "bench.ndjson", bytes });
    const t1 = performance.now();
    const dup = await runImport(deps, again, limited(path, Math.min(n, 200_000)));
    const ms1 = performance.now() - t1;
    console.log(`${store.kind} re-run of the first ${dup.rows_total.toLocaleString("en")}: ${rate(dup.rows_total, ms1)} events/s, all duplicates (${dup.rows_duplicate === dup.rows_total})`);
  } finally {
    await store.close();
  }
  const input = await copyInput(path, n);
  if (scratch) {
    const c = new pg.Client({ connectionString: scratch.url });
    await c.connect();
    await c.query(BARE);
    const t0 = performance.now();
    for (const part of input) {
      const s = c.query(copyFrom("copy bare_events from stdin"));
      const done = once(s, "finish");
      s.end(part);
      await done;
    }
    const ms = performance.now() - t0;
    console.log(`pg peer: plain COPY of the same ${n.toLocaleString("en")} rows into a bare table: ${rate(n, ms)} rows/s`);
    await c.end();
    await scratch.drop();
  } else {
    const lite = await PGlite.create();
    await lite.exec(BARE);
    const t0 = performance.now();
    for (const part of input) await lite.query("copy bare_events from '/dev/blob'", [], { blob: new Blob([part]) });
    const ms = performance.now() - t0;
    console.log(`pglite peer: plain COPY of the same ${n.toLocaleString("en")} rows into a bare table: ${rate(n, ms)} rows/s`);
    await lite.close();
  }
}

/** The file's first `n` lines as bytes. */
async function* limited(path: string, n: number): AsyncGenerator<Buffer> {
  let lines = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let cut = -1;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) {
      lines += 1;
      if (lines === n) {
        cut = at + 1;
        break;
      }
    }
    if (cut !== -1) {
      yield chunk.subarray(0, cut);
      return;
    }
    yield chunk;
  }
}

try {
  const path = join(dir, "events.ndjson");
  const t0 = performance.now();
  const bytes = await writeFile(path, Math.max(EVENTS, PGLITE_EVENTS));
  console.log(`file: ${Math.max(EVENTS, PGLITE_EVENTS).toLocaleString("en")} events, ${(bytes / 1e6).toFixed(0)} MB (${(bytes / EVENTS).toFixed(0)} B/event), written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log("target: ≥ 200,000 events/s on PostgreSQL");
  if (process.env.DATABASE_URL) await measure(process.env.DATABASE_URL, path, EVENTS);
  else console.log("PostgreSQL rows skipped: set DATABASE_URL=postgres://… to include them");
  await measure(undefined, path, PGLITE_EVENTS);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
