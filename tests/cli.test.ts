import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";
import { openStore } from "../src/db";
import { createApp } from "../src/server/app";
import { boot } from "../src/server/boot";
import { testDatabaseUrl } from "./support/context";

const BIN = join(import.meta.dirname, "../bin/atrium.mjs");
const dir = mkdtempSync(join(tmpdir(), "atrium-cli-"));
const env = { ...process.env, ATRIUM_DATA_DIR: dir, LOG_LEVEL: "silent", NODE_ENV: "development", DATABASE_URL: "" };

function atrium(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  if (testDatabaseUrl() !== null) return;
  const seeded = atrium("seed");
  expect(seeded.code, `atrium seed failed:\n${seeded.err}\n${seeded.out}`).toBe(0);
}, 90_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The CLI's embedded-store path (folder lock, seeding a fresh folder) is what this file tests, so it
// runs in the PGlite pass only; the PostgreSQL pass would repeat it unchanged.
describe.skipIf(testDatabaseUrl() !== null)("atrium CLI on the embedded store", () => {
  it("seeds only once and keeps migrations idempotent", () => {
    const again = atrium("seed");
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already has data/);
  });

  it("prints an API key that authenticates as the requested role", async () => {
    const r = atrium("apikey", "create", "--role", "viewer", "--name", "reporting");
    expect(r.code).toBe(0);
    const key = r.out.trim();
    expect(key).toMatch(/^atr_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{40,}$/);
    const { deps, store } = await boot(loadConfig(env));
    try {
      const app = createApp(deps);
      const org = await app.request("/api/v1/org", { headers: { authorization: `Bearer ${key}` } });
      expect(org.status).toBe(200);
      expect((await org.json()).regions).toHaveLength(3);
      const users = await app.request("/api/v1/users", { headers: { authorization: `Bearer ${key}` } });
      expect(users.status).toBe(403);
    } finally {
      await store.close();
    }
  });

  it("refuses a second process on the same data folder without damaging it", async () => {
    const store = await openStore(loadConfig(env));
    try {
      const r = atrium("migrate");
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Another Atrium process is using the embedded store/);
    } finally {
      await store.close();
    }
  });

  it("audit verify names the first altered entry", async () => {
    const store = await openStore(loadConfig(env));
    try {
      // An attacker with database access: the append-only trigger must be turned off to alter a row.
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(store.db);
      await sql`update audit_log set data = '{"email":"mallory@example.test"}' where seq = 5`.execute(store.db);
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(store.db);
    } finally {
      await store.close();
    }
    const r = atrium("audit", "verify");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/demo: BROKEN at entry #5 .*hash_mismatch; 4 entries before it are intact/);
  });

  it("seeds the demo bank's applications in every state, with documents that open and journey events", async () => {
    const { deps, store } = await boot(loadConfig(env));
    try {
      const byStatus = await deps.db.selectFrom("applications").select(["status", sql<number>`count(*)`.as("n")]).groupBy("status").execute();
      const counts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
      for (const s of ["created", "in_progress", "abandoned", "submitted", "info_requested", "approved", "rejected", "funded"]) expect(counts[s], s).toBeGreaterThan(0);
      const abandoned = await deps.db.selectFrom("applications").select(["abandoned_step", "abandoned_at"]).where("status", "=", "abandoned").execute();
      expect(abandoned.every((a) => a.abandoned_step !== null && a.abandoned_at !== null)).toBe(true);
      const doc = await deps.db.selectFrom("application_documents").selectAll().limit(1).executeTakeFirstOrThrow();
      const bytes = await deps.blobs.get(doc.blob_key);
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect(bytes.length).toBe(doc.size);
      const events = await deps.db.selectFrom("events").select(["type", sql<number>`count(*)`.as("n")]).where("type", "like", "application.%").groupBy("type").execute();
      const seen = new Set(events.map((e) => e.type));
      for (const t of ["application.started", "application.step_viewed", "application.step_completed", "application.submitted", "application.decided", "application.funded", "application.abandoned"]) expect(seen.has(t), t).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("user create validates the role and prints a generated password", () => {
    const bad = atrium("user", "create", "--email", "x@example.test", "--name", "X", "--role", "wizard");
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--role must be one of: admin, cx_analyst/);
    const badEmail = atrium("user", "create", "--email", "root@localhost", "--name", "Root", "--role", "admin");
    expect(badEmail.code).toBe(1);
    expect(badEmail.err).toMatch(/--email: is not a valid email address/);
    const ok = atrium("user", "create", "--email", "teller@example.test", "--name", "Teller", "--role", "agent", "--scope", "own", "--branch", "NORTH-1");
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Created teller@example.test \(agent, own\) in demo\.\nPassword: \S{12,}/);
  }, 120_000); // three processes, each booting the CLI (~7 s of module loading alone under load)

  it("stops on a bad configuration listing every problem", () => {
    const r = spawnSync(process.execPath, [BIN, "migrate"], { env: { ...env, PORT: "99999", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" }, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Invalid configuration/);
    for (const v of ["PORT", "DATABASE_URL", "LOG_LEVEL"]) expect(r.stderr).toContain(`${v}:`);
  });

  it("serves, then on SIGTERM finishes and exits cleanly, releasing the data folder", async () => {
    const child = spawn(process.execPath, [BIN, "serve"], { env: { ...env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    const url = await new Promise<string>((resolve, reject) => {
      // Boot migrates a fresh store: about 9 s on an idle machine, up to 46 s in CI while other files
      // (the sources CLI test among them) start processes of their own beside it.
      const timer = setTimeout(() => reject(new Error(`not ready: ${out}`)), 90_000);
      child.stdout.on("data", () => {
        const m = /Back office\s+(http:\/\/\S+)\/app\//.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1].replace("localhost", "127.0.0.1"));
        }
      });
    });
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toEqual({ status: "ready", store: "pglite" });
    expect(out).toMatch(/Worker\s+running in this process/);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect({ code: await exited, err }).toEqual({ code: 0, err: "" });
    expect(out).toMatch(/Stopped cleanly/);
    const after = atrium("migrate");
    expect(after.err).toBe("");
    expect(after.code).toBe(0);
  }, 150_000);
});
