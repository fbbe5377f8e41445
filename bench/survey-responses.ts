/**
 * Accepting survey responses under load, printed (not asserted):
 * the real server (`atrium serve --no-worker`) on PostgreSQL (when DATABASE_URL is set) and on
 * PGlite; a survey with NPS + CSAT + text created and published through the API; autocannon posts
 * whole responses (`finished: true`, the contract) to the public endpoint. Target:
 * ≥ 1,000 responses/s with p99 < 100 ms on PostgreSQL. Peer: a bare Hono server on the same
 * adapter parsing the same JSON body and answering 201 (the ceiling of the HTTP stack here).
 * Run: `node bench/run.mjs survey-responses` (add DATABASE_URL=postgres://… for the PostgreSQL row).
 */
import { type ChildProcess, spawn, } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { BIN, cli, envFor, scratchDatabase, waitReady } from "./support";

const ROOT = new URL("..", import.meta.url).pathname;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
let nextPort = 19_300;

const SURVEY = {
  title: { en: "Bench survey" },
  questions: [
    { id: "nps", type: "nps", text: { en: "How likely are you to recommend us?" }, required: true },
    { id: "csat", type: "csat", text: { en: "How satisfied are you?" } },
    { id: "why", type: "text", text: { en: "Why?" } },
  ],
};
const COMMENTS = ["Quick and friendly", "Too many fees", "The app is great", ""];
const BODIES = Array.from({ length: 220 }, (_, n) =>
  JSON.stringify({ answers: { nps: n % 11, csat: 1 + (n % 5), why: COMMENTS[n % COMMENTS.length] || null }, finished: true, language: "en", channel: "api" }),
);




function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
}

async function api(port: number, key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return JSON.parse(text) as { id: string };
}

async function load(url: string) {
  let n = 0;
  const opts: autocannon.Options = {
    url,
    connections: CONNECTIONS,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        // Varied answers, serialised once: the client shares the machine's two cores with the server.
        setupRequest: (req) => ({ ...req, body: BODIES[n++ % BODIES.length] }),
      },
    ],
  };
  await autocannon({ ...opts, duration: 2 }); // warm-up
  const r = await autocannon({ ...opts, duration: DURATION });
  return { rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, errors: r.errors + r.non2xx, total: r.requests.total };
}

const fmt = (name: string, r: { rps: number; p50: number; p99: number; errors: number }) =>
  `${name.padEnd(62)} ${r.rps.toFixed(0).padStart(6)} responses/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}`;

async function responsesBench(label: string, databaseUrl?: string) {
  const dir = mkdtempSync(join(tmpdir(), "atrium-bench-"));
  const port = nextPort++;
  const env = envFor(dir, port, databaseUrl);
  cli(["seed"], env);
  const key = cli(["apikey", "create", "--role", "admin", "--tenant", "demo", "--name", "bench"], env);
  const child = spawn(process.execPath, [BIN, "serve", "--no-worker"], { env, stdio: ["ignore", "ignore", "inherit"] });
  const stop = stopper(child);
  try {
    await waitReady(port, child);
    const survey = await api(port, key, "POST", "/surveys", { definition: SURVEY });
    await api(port, key, "POST", `/surveys/${survey.id}/publish`);
    const r = await load(`http://127.0.0.1:${port}/api/v1/public/surveys/${survey.id}/responses`);
    return fmt(`POST /public/surveys/{id}/responses (finished), ${label}`, r);
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function peerBench() {
  const port = nextPort++;
  const code = `import { serve } from "@hono/node-server"; import { Hono } from "hono"; import { randomUUID } from "node:crypto";
const app = new Hono();
app.post("/r", async (c) => { const b = await c.req.json(); return c.json({ id: randomUUID(), status: "completed", resumeToken: null, current: null, finished: b.finished === true, ending: { id: "done", title: "Thank you!" } }, 201); });
app.get("/readyz", (c) => c.json({ ok: true }));
serve({ fetch: app.fetch, hostname: "127.0.0.1", port: ${port} });`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitReady(port, child);
    return fmt("peer: bare Hono + node-server, parse JSON, answer 201", await load(`http://127.0.0.1:${port}/r`));
  } finally {
    await stopper(child)();
  }
}

async function pgDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const base = process.env.DATABASE_URL;
  return base ? scratchDatabase(base, "atrium_bench_responses") : null;
}

const only = process.env.BENCH_ONLY; // "pg" | "pglite" | "peer" to run one row
const lines: string[] = [`Survey responses under load — node ${process.version}, ${DURATION}s × ${CONNECTIONS} connections, client and server on one machine (--no-worker)`];
lines.push("target (PostgreSQL): ≥ 1000 responses/s, p99 < 100 ms");
if (!only || only === "peer") lines.push(await peerBench());
if (!only || only === "pg") {
  const pgdb = await pgDatabase();
  if (pgdb) {
    try {
      lines.push(await responsesBench("PostgreSQL", pgdb.url));
    } finally {
      await pgdb.drop();
    }
  } else {
    lines.push("PostgreSQL row skipped: set DATABASE_URL=postgres://… to include it");
  }
}
if (!only || only === "pglite") lines.push(await responsesBench("PGlite"));
console.log(`\n${lines.join("\n")}`);
