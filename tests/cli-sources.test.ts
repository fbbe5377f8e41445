import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";
import { sourceByWriteKey } from "../src/modules/journeys/sources";
import { createTenant } from "../src/modules/tenancy/commands";
import { boot } from "../src/server/boot";
import type { Deps } from "../src/server/deps";
import { testDatabaseUrl } from "./support/context";

/**
 * `atrium source …` as an operator runs it: a real process on a real store (a fresh embedded
 * folder, or the suite's PostgreSQL database when the suite runs there).
 */
const BIN = join(import.meta.dirname, "../bin/atrium.mjs");
const dir = mkdtempSync(join(tmpdir(), "atrium-sources-"));
const embedded = testDatabaseUrl() === null;
const env = { ...process.env, ATRIUM_DATA_DIR: dir, LOG_LEVEL: "silent", NODE_ENV: "development", DATABASE_URL: testDatabaseUrl() ?? "", PUBLIC_URL: "https://cx.bank.example" };
const slug = `src-${randomBytes(4).toString("hex")}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function atrium(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8", timeout: 90_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** In-process access to the same store; closed before the next CLI run (the embedded folder is locked while open). */
async function withStore<T>(fn: (deps: Deps) => Promise<T>): Promise<T> {
  const { deps, store } = await boot(loadConfig(env));
  try {
    return await fn(deps);
  } finally {
    await store.close();
  }
}

let tenantId = "";
beforeAll(async () => {
  tenantId = await withStore(async (deps) => (await createTenant(deps.db, { actor: null, now: deps.clock.now() }, { slug, name: "Sources CLI Bank" })).id);
}, 90_000);

// Each run starts a process (about 3 to 5 s here): generous limits for a loaded CI.
describe("atrium source", { timeout: 120_000 }, () => {
  let key = "";
  let id = "";

  it.runIf(embedded)("creates a source in the only bank when --tenant is left out, printing its id, key and a curl hint", () => {
    const r = atrium("source", "create", "Website");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Created the http source "Website" in ${slug}.`);
    id = r.out.match(/^id: +([0-9a-f-]{36})$/m)?.[1] ?? "";
    key = r.out.match(/^write key: (wk_\S+)$/m)?.[1] ?? "";
    expect(r.out).toContain(`curl -u '${key}:' `);
    expect(r.out).toContain(" https://cx.bank.example/v1/track");
    expect(r.out).toMatch(/shown only now/);
  });

  it("creates a source with --tenant; the printed key finds it", async () => {
    const r = atrium("source", "create", "Call", "centre", "--tenant", slug);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const made = r.out.match(/^id: +([0-9a-f-]{36})$/m)?.[1];
    const madeKey = r.out.match(/^write key: (wk_\S+)$/m)?.[1] ?? "";
    expect(madeKey).toMatch(/^wk_[A-Za-z0-9_-]{43}$/);
    await withStore(async (deps) => {
      expect(await sourceByWriteKey(deps.db, madeKey)).toMatchObject({ id: made, tenant_id: tenantId, name: "Call centre", kind: "http", created_by: null });
      // The source made without --tenant (embedded pass only) went to the only bank.
      if (embedded) expect(await sourceByWriteKey(deps.db, key)).toMatchObject({ id, tenant_id: tenantId, name: "Website" });
    });
  });

  it("an import source has no key", () => {
    const r = atrium("source", "create", "Nightly files", "--kind", "import", "--tenant", slug);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/wk_/);
    expect(r.out).toMatch(/no write key/);
  });

  it("refuses a name the bank already has, whatever its case, and makes nothing", async () => {
    const r = atrium("source", "create", "CALL CENTRE", "--tenant", slug);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${slug} already has a source named "CALL CENTRE"`));
    expect(r.out).toBe("");
    const names = await withStore((deps) => deps.db.selectFrom("event_sources").select("name").where("tenant_id", "=", tenantId).execute());
    expect(names.filter((n) => n.name.toLowerCase() === "call centre")).toHaveLength(1);
  });

  it("explains bad usage: no name, an unknown subcommand, a bad kind, an unknown bank", () => {
    const cases: Array<[string[], RegExp]> = [
      [["source", "create", "--tenant", slug], /Name the source/],
      [["source"], /usage: atrium source create <name>/],
      [["source", "create", "X", "--kind", "atrium", "--tenant", slug], /--kind must be http or import/],
      [["source", "create", "X", "--tenant", "no-such-bank"], /No bank with the slug no-such-bank/],
      [["source", "create", "X", "--colour", "red"], /Unknown option '--colour'[\s\S]*usage: atrium source/],
      [["source", "create", "x".repeat(81), "--tenant", slug], /at most 80/],
    ];
    for (const [args, message] of cases) {
      const r = atrium(...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.err, args.join(" ")).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it("lists the bank's sources with key hints, never the keys", () => {
    const r = atrium("source", "list", "--tenant", slug);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^name +kind +key +status +created +id$/m);
    expect(r.out).toMatch(/^Call centre +http +…\S{4} +enabled /m);
    expect(r.out).toMatch(/^Nightly files +import +— +enabled/m);
    expect(r.out).not.toContain("wk_");
  });

  it.runIf(embedded)("asks which bank once the server hosts two", async () => {
    await withStore((deps) => createTenant(deps.db, { actor: null, now: deps.clock.now() }, { slug: `${slug}-2`, name: "Second Bank" }));
    const r = atrium("source", "create", "Another");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/more than one bank: say which with --tenant <slug>/);
  });
});
