import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import type { Config } from "../config";
import { startPlatformWorker } from "../jobs/all";
import type { Worker } from "../jobs/worker";
import { createApp } from "../server/app";
import { boot } from "../server/boot";
import type { Deps } from "../server/deps";
import { createLifecycle } from "../server/lifecycle";
import { DEMO_TENANT, seedDemo } from "../../seeds/demo";
import { startDemoJourneys } from "../../seeds/journeys/command";
import { demoTable } from "./admin";

const SHUTDOWN_GRACE_MS = 25_000;

function runWorker(deps: Deps): Promise<Worker> {
  return startPlatformWorker(deps);
}

/** Builds web/dist when its sources changed since the last build (no-op otherwise). */
function buildWebIfStale() {
  const script = fileURLToPath(new URL("../../web/build.mjs", import.meta.url));
  const r = spawnSync(process.execPath, [script, "--if-stale"], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("Building the web pages failed (see above)");
}

/** `npm start`: everything a newcomer needs, in one process, on the embedded store by default. */
export async function startCommand(config: Config) {
  buildWebIfStale();
  return serveCommand(config, { worker: true, seed: true });
}

export async function serveCommand(config: Config, opts: { worker: boolean; seed?: boolean }) {
  const started = performance.now();
  const { deps, store, applied } = await boot(config);
  if (applied.length) console.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
  const seeded = opts.seed && config.env !== "production" ? await seedDemo(deps) : null;
  const lifecycle = createLifecycle();
  const app = createApp(deps, lifecycle);
  const worker = opts.worker ? await runWorker(deps) : null;
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = config.publicUrl.includes(`:${config.port}`) ? config.publicUrl.replace(`:${config.port}`, `:${port}`) : config.publicUrl;
  const ms = Math.round(performance.now() - started);
  console.log(`\nAtrium is ready in ${ms} ms on ${store.kind === "pg" ? "PostgreSQL" : `the embedded store (${config.store.kind === "pglite" ? config.store.dataDir : ""})`}`);
  console.log(`  Back office   ${url}/app/`);
  console.log(`  API docs      ${url}/api/docs`);
  console.log(`  Customer      ${url}/c/${DEMO_TENANT.slug}/`);
  console.log(`  Worker        ${worker ? "running in this process" : "not in this process (run `atrium worker`)"}`);
  if (seeded?.seeded || (opts.seed && seeded?.reason === "not_empty")) {
    console.log(`\n  Demo tenant   ${DEMO_TENANT.name} (slug "${DEMO_TENANT.slug}")${seeded?.seeded ? ", seeded just now" : ""}`);
    console.log(`  Demo logins (development only):\n${demoTable()}\n`);
  }
  // The journeys demo is written after the server listens (minutes on PGlite): see seeds/journeys/command.ts.
  const demoJourneys = opts.seed && config.env !== "production" ? startDemoJourneys(deps) : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    lifecycle.draining = true;
    console.log(`\n${signal}: finishing requests and jobs in flight…`);
    const force = setTimeout(() => {
      console.error("Shutdown took too long; exiting.");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ("closeIdleConnections" in server) server.closeIdleConnections();
    });
    await demoJourneys?.stop();
    await worker?.stop();
    await deps.identity.close?.();
    await store.close();
    console.log("Stopped cleanly.");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  return 0;
}

export async function workerCommand(config: Config) {
  const { deps, store } = await boot(config);
  const worker = await runWorker(deps);
  console.log(`Atrium worker ${worker.id} running on ${store.kind}. Ctrl-C stops it after jobs in flight.`);
  const stop = async () => {
    await worker.stop();
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  return 0;
}
