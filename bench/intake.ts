/**
 * Intake over HTTP: `/v1/batch` in batches of 500, 4 in flight, printed (not asserted) on PGlite
 * and, when DATABASE_URL is set, on PostgreSQL (a scratch database made and dropped) in the same
 * run: the issue's targets are ≥ 20,000 events/s on PGlite and ≥ 50,000 on PostgreSQL. The server
 * runs in this process; the load comes from a child process with bodies built before the clock
 * starts, so the figure is the server's (parse, validate, insert) throughput.
 * Run: `node bench/run.mjs intake` (add DATABASE_URL=postgres://… for the PostgreSQL row;
 * BENCH_BATCHES, default 200, sets the number of batches).
 */
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { scratchDatabase } from "./support";
import { testConfig } from "../src/config";
import { openStore } from "../src/db";
import { migrateToLatest } from "../src/db/migrate";
import { createTenant } from "../src/modules/tenancy/commands";
import { createApp } from "../src/server/app";
import { boot } from "../src/server/boot";
import { insertSource } from "../src/modules/journeys/sources";

const BATCH = 500;

async function client(): Promise<void> {
  const [port, key, batches, concurrency] = [process.env.M_PORT, process.env.M_KEY, Number(process.env.M_BATCHES), Number(process.env.M_CONC)];
  const auth = `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
  const channels = ["web", "app", "branch", "call"];
  const bodies = Array.from({ length: batches }, (_, b) =>
    JSON.stringify({
      sentAt: new Date().toISOString(),
      batch: Array.from({ length: BATCH }, (_, i) => ({
        type: "track",
        messageId: randomUUID(),
        userId: `cust-${(b * BATCH + i) % 9973}`,
        event: i % 7 === 0 ? "application.started" : "application.step_completed",
        properties: { journeyId: `J-${(b * BATCH + i) % 20011}`, channel: channels[i % 4], product: "current-account", step: i % 9 },
        context: { library: { name: "analytics-node", version: "2.1.0" } },
        timestamp: new Date(Date.now() - i * 1000).toISOString(),
      })),
    }),
  );
  let next = 0;
  let accepted = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++] as string;
      const res = await fetch(`http://127.0.0.1:${port}/v1/batch`, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body });
      if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
      accepted += ((await res.json()) as { accepted: number }).accepted;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  process.send?.({ accepted, seconds, bytes: bodies.reduce((n, b) => n + b.length, 0) });
}

async function measure(base: string | undefined, batches: number, concurrency: number): Promise<void> {
  const scratch = base ? await scratchDatabase(base, "atrium_intake") : null;
  const config = testConfig(scratch ? { DATABASE_URL: scratch.url, LOG_LEVEL: "warn" } : { LOG_LEVEL: "warn" });
  const store = await openStore(config, { inMemory: true });
  await migrateToLatest(store.db);
  const { deps } = await boot(config, { store, migrate: false });
  const now = new Date();
  const tenant = await createTenant(deps.db, { actor: null, now }, { slug: `m-${randomUUID().slice(0, 8)}`, name: "Measure Bank" });
  const { writeKey } = await insertSource(deps.db, { tenantId: tenant.id, name: "measure", now });
  const http = serve({ fetch: createApp(deps).fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => http.once("listening", r));
  const port = (http.address() as AddressInfo).port;
  const rssBefore = process.memoryUsage().rss;
  const child = fork(new URL(import.meta.url).pathname, ["client"], {
    env: { ...process.env, M_PORT: String(port), M_KEY: writeKey ?? "", M_BATCHES: String(batches), M_CONC: String(concurrency) },
    execArgv: ["--import", "tsx"],
  });
  const result = await new Promise<{ accepted: number; seconds: number; bytes: number }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as { accepted: number; seconds: number; bytes: number }));
    child.once("exit", (code) => code !== 0 && reject(new Error(`client exited ${code}`)));
  });
  const stored = await deps.db.selectFrom("journey_events").select((eb) => eb.fn.countAll<number>().as("n")).where("tenant_id", "=", tenant.id).executeTakeFirstOrThrow();
  console.log(
    `${store.kind}: ${result.accepted} events in ${result.seconds.toFixed(2)} s = ${Math.round(result.accepted / result.seconds)} events/s ` +
      `(batches of ${BATCH}, ${concurrency} in flight, ${(result.bytes / result.accepted).toFixed(0)} B/event, stored ${Number(stored.n)}, ` +
      `server RSS ${Math.round(rssBefore / 2 ** 20)} → ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB)`,
  );
  http.close();
  await store.close();
  await scratch?.drop();
}

async function server(): Promise<void> {
  const batches = Number(process.env.BENCH_BATCHES ?? 200);
  const concurrency = 4;
  console.log("target: ≥ 20,000 events/s on PGlite, ≥ 50,000 on PostgreSQL");
  await measure(undefined, batches, concurrency);
  if (process.env.DATABASE_URL) await measure(process.env.DATABASE_URL, batches, concurrency);
  else console.log("PostgreSQL row skipped: set DATABASE_URL=postgres://… to include it");
}

if (process.argv[2] === "client") await client();
else await server();
