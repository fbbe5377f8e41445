/** What the benchmarks share: a scratch PostgreSQL database, and spawning the real CLI and server. */
import { type ChildProcess, spawnSync } from "node:child_process";
import { join } from "node:path";
import pg from "pg";

export const BIN = join(new URL("..", import.meta.url).pathname, "bin/atrium.mjs");

/**
 * A database of its own on the PostgreSQL server at `base`, dropped by `drop()`: benchmarks write
 * up to a million rows and must leave nothing behind.
 */
export async function scratchDatabase(base: string, prefix = "atrium_bench"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The environment of a benchmarked server: its own data folder and port, no rate limit, PGlite unless a URL is given. */
export function envFor(dataDir: string, port: number, databaseUrl?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ATRIUM_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn", RATE_LIMIT_PER_MINUTE: "1000000", NODE_ENV: "development" };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/** Runs `atrium <args>` and returns its standard output. */
export function cli(args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`atrium ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Waits for /readyz to answer 200 (the server spawned as `child`). */
export async function waitReady(port: number, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("server not ready in time");
}
