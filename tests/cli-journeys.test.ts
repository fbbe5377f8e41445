import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";
import { eventsOf, expectedTotals, makeSource, plan, put, snapshot, totals } from "../src/modules/journeys/fold/fold.testkit";
import { createTenant } from "../src/modules/tenancy/commands";
import { boot } from "../src/server/boot";
import type { Deps } from "../src/server/deps";
import { testDatabaseUrl } from "./support/context";

/** `atrium journeys fold|rebuild` as an operator runs them: a real process on a real store. */
const BIN = join(import.meta.dirname, "../bin/atrium.mjs");
const dir = mkdtempSync(join(tmpdir(), "atrium-journeys-"));
const env = { ...process.env, ATRIUM_DATA_DIR: dir, LOG_LEVEL: "silent", NODE_ENV: "development", DATABASE_URL: testDatabaseUrl() ?? "" };
const slug = `jrn-${randomBytes(4).toString("hex")}`;
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
// Journeys long past: every unsubmitted one is abandoned whatever day the test runs.
const planned = plan(40, Date.UTC(2025, 0, 10, 8), `cli-${slug}`);
beforeAll(async () => {
  tenantId = await withStore(async (deps) => {
    const t = await createTenant(deps.db, { actor: null, now: deps.clock.now() }, { slug, name: "Journeys CLI Bank" });
    await put(deps.db, t.id, await makeSource(deps.db, t.id), planned.flatMap(eventsOf));
    return t.id;
  });
}, 90_000);

// Each run starts a process (3 to 20 s on a loaded 2-core machine).
describe("atrium journeys", { timeout: 180_000 }, () => {
  let folded: Record<string, string> = {};

  it("fold --tenant folds the bank's pending events and says how much", async () => {
    const r = atrium("journeys", "fold", "--tenant", slug);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Folded ${slug}: \\d+ entities \\(40 journeys, \\d+ customers\\), \\d+ events in `, "m"));
    folded = await withStore(async (deps) => {
      expect(await totals(deps.db, tenantId, "kpi_cube", "day")).toEqual(expectedTotals(planned));
      return snapshot(deps.db, tenantId);
    });
  });

  it("rebuild recomputes the same rollups from the events", async () => {
    const r = atrium("journeys", "rebuild", "--tenant", slug);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Rebuilding the journeys and KPI rollups of ${slug} from its events…`);
    expect(r.out).toMatch(new RegExp(`^Rebuilt ${slug}: \\d+ entities from the events; .*40 journeys`, "m"));
    expect(await withStore((deps) => snapshot(deps.db, tenantId))).toEqual(folded);
  });

  it("explains bad usage", () => {
    const cases: Array<[string[], RegExp]> = [
      [["journeys"], /usage: atrium journeys fold/],
      [["journeys", "rebuild", "--tenant", "no-such-bank"], /No bank with the slug no-such-bank/],
    ];
    for (const [args, message] of cases) {
      const r = atrium(...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.err, args.join(" ")).toMatch(message);
    }
  });
});
