/**
 * Foundation benchmarks, printed (not asserted):
 *  1. cold start to ready on PGlite: process spawn → /readyz 200, on a fresh folder and a reused one;
 *  2. an authenticated read (GET /api/v1/users?limit=20 with an API key) under autocannon, on
 *     PGlite and on PostgreSQL (when DATABASE_URL is set), next to the peer: a bare Hono server on
 *     the same adapter answering a constant JSON body (the ceiling of the HTTP stack on this machine).
 * Run: `node bench/run.mjs` (add DATABASE_URL=postgres://… for the PostgreSQL row).
 */
import { spawn, } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { BIN, cli, envFor, scratchDatabase, waitReady } from "./support";

const ROOT = new URL("..", import.meta.url).pathname;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
let nextPort = 18_900;




async function startServer(args: string[], env: NodeJS.ProcessEnv, port: number) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "ignore", "inherit"] });
  await waitReady(port, child);
  const ms = performance.now() - t0;
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { ms, stop };
}

async function coldStart() {
  const rows: string[] = [];
  const fresh: number[] = [];
  const reused: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dir = mkdtempSync(join(tmpdir(), "atrium-bench-"));
    const port = nextPort++;
    const first = await startServer(["serve", "--no-worker"], envFor(dir, port), port);
    fresh.push(first.ms);
    await first.stop();
    const again = await startServer(["serve", "--no-worker"], envFor(dir, port), port);
    reused.push(again.ms);
    await again.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  rows.push(`cold start to ready, PGlite, empty folder (migrations):   median ${median(fresh).toFixed(0)} ms  (runs: ${fresh.map((m) => m.toFixed(0)).join(", ")})`);
  rows.push(`cold start to ready, PGlite, existing folder:             median ${median(reused).toFixed(0)} ms  (runs: ${reused.map((m) => m.toFixed(0)).join(", ")})`);
  return rows;
}

async function load(url: string, headers: Record<string, string>) {
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 }); // warm-up
  const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

const fmt = (name: string, r: { rps: number; p99: number; errors: number }) =>
  `${name.padEnd(58)} ${r.rps.toFixed(0).padStart(7)} req/s   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}`;

async function readBench(label: string, databaseUrl?: string) {
  const dir = mkdtempSync(join(tmpdir(), "atrium-bench-"));
  const port = nextPort++;
  const env = envFor(dir, port, databaseUrl);
  cli(["seed"], env);
  const key = cli(["apikey", "create", "--role", "admin", "--tenant", "demo", "--name", "bench"], env);
  const server = await startServer(["serve", "--no-worker"], env, port);
  try {
    const r = await load(`http://127.0.0.1:${port}/api/v1/users?limit=20`, { authorization: `Bearer ${key}` });
    return fmt(`GET /api/v1/users?limit=20 (API key), ${label}`, r);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function peerBench() {
  const port = nextPort++;
  const code = `import { serve } from "@hono/node-server"; import { Hono } from "hono";
const app = new Hono(); const items = Array.from({ length: 20 }, (_, i) => ({ id: String(i), email: "user" + i + "@example.test" }));
app.get("/users", (c) => c.json({ items, nextCursor: null })); app.get("/readyz", (c) => c.json({ ok: true }));
serve({ fetch: app.fetch, hostname: "127.0.0.1", port: ${port} });`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  await waitReady(port, child);
  try {
    return fmt("peer: bare Hono + node-server, constant JSON", await load(`http://127.0.0.1:${port}/users`, {}));
  } finally {
    child.kill("SIGTERM");
  }
}

async function pgDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const base = process.env.DATABASE_URL;
  return base ? scratchDatabase(base, "atrium_bench") : null;
}

const lines: string[] = [`Atrium foundation benchmarks — node ${process.version}, ${DURATION}s × ${CONNECTIONS} connections, client and server on one machine`];
lines.push(...(await coldStart()));
lines.push(await peerBench());
lines.push(await readBench("PGlite"));
const pgdb = await pgDatabase();
if (pgdb) {
  try {
    lines.push(await readBench("PostgreSQL", pgdb.url));
  } finally {
    await pgdb.drop();
  }
} else {
  lines.push("PostgreSQL row skipped: set DATABASE_URL=postgres://… to include it");
}
console.log(`\n${lines.join("\n")}`);
