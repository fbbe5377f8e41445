import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext } from "../../tests/support/context";
import { makeTenant, type TestTenant } from "../../tests/support/factories";
import { createSource } from "../modules/journeys/sources";
import { importCommand, progressLine } from "./import";

/** `atrium import` in this process, on the suite's store (the command takes its deps from `run`). */
const ctx = await createTestContext();
const dir = mkdtempSync(join(tmpdir(), "atrium-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let T: TestTenant;

beforeAll(async () => {
  T = await makeTenant(ctx);
});

async function atrium(args: string[], tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const code = await importCommand(ctx.config, args, { out: (l) => out.push(l), err: (l) => err.push(l), progress: { write: (s) => void progress.push(s), isTTY: tty } }, (_config, fn) => fn(ctx.deps));
  return { code, out: out.join("\n"), err: err.join("\n"), progress: progress.join("") };
}

const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe("atrium import", () => {
  it("imports a gzip CSV into the chosen source, prints the counts and the first 20 row errors, and exits 1 when a row failed", async () => {
    await createSource(ctx.deps.db, { actor: null, now: ctx.clock.now() }, T.id, { name: "Call centre", kind: "import" });
    const s = Math.random().toString(36).slice(2, 8);
    const rows = Array.from({ length: 30 }, (_, i) => (i < 25 ? `${s}-${i},ag,q,call,c${i},2026-01-05T09:00:00Z,60,0,${i},no` : `${s}-${i},ag,q,call,c${i},2026-01-05T09:00:00Z,sixty,0,0,no`));
    const path = file("contacts.csv.gz", gzipSync(`contact_id,agent,queue,channel,customer_id,started_at,talk_seconds,hold_seconds,after_call_seconds,resolved\n${rows.join("\n")}\n`));
    const r = await atrium(["contacts", path, "--source", "call CENTRE", "--tenant", T.slug]);
    expect(r.err).toBe("");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`Imported contacts\\.csv\\.gz \\(contacts\\) into "Call centre" of ${T.slug}: 30 rows`));
    expect(r.out).toContain("ok 25, duplicates 0, failed 5");
    expect(r.out).toContain("row 26, talk_seconds: must be a whole number of seconds from 0 to 86400");
    const stored = await ctx.deps.db.selectFrom("journey_events").select("message_id").where("tenant_id", "=", T.id).where("message_id", "like", `contact:${s}-%`).execute();
    expect(stored).toHaveLength(25);
    const imp = await ctx.deps.db.selectFrom("event_imports").selectAll().where("tenant_id", "=", T.id).where("file_name", "=", "contacts.csv.gz").executeTakeFirstOrThrow();
    expect(imp).toMatchObject({ status: "done", rows_total: 30, rows_ok: 25, rows_failed: 5, bytes_done: imp.bytes_total });
    // Again: everything is a duplicate, nothing stored twice.
    const again = await atrium(["contacts", path, "--source", "Call centre", "--tenant", T.slug]);
    expect(again.out).toContain("ok 0, duplicates 25, failed 5");
  });

  it("shows 20 errors at most, and exits 0 when every row is stored (to the default Imports source)", async () => {
    const bad = file("bad.ndjson", Array.from({ length: 25 }, (_, i) => `{bad ${i}`).join("\n"));
    const r = await atrium(["events", bad, "--tenant", T.slug]);
    expect(r.code).toBe(1);
    expect(r.out.split("\n").filter((l) => l.startsWith("  row "))).toHaveLength(20);
    expect(r.out).toContain("20 shown; all of them: GET /api/v1/imports/");
    const good = file("good.ndjson", `${JSON.stringify({ type: "track", messageId: `cli-${Math.random()}`, userId: "u", event: "e" })}\n`);
    const ok = await atrium(["events", good, "--tenant", T.slug], true);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`into "Imports" of ${T.slug}: 1 rows`);
    expect(ok.progress).toMatch(/\[#{24}\] 100%/);
  });

  it("exits 2 on usage errors, and 1 with the reason on a bad header", async () => {
    const usage = [[], ["calls", "x.csv"], ["events"], ["events", join(dir, "missing.ndjson")], ["events", file("a.ndjson", ""), "--source", "Nope", "--tenant", T.slug], ["events", "a", "b", "c"], ["events", "a", "--colour", "red"]];
    for (const args of usage) {
      const r = await atrium(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err.length, args.join(" ")).toBeGreaterThan(0);
    }
    expect((await atrium(["events", join(dir, "missing.ndjson")])).err).toContain("no such file");
    const header = await atrium(["requests", file("r.csv", "request_id,kind\n1,x\n"), "--tenant", T.slug]);
    expect(header.code).toBe(1);
    expect(header.err).toMatch(/r\.csv was not imported: .*unknown column\(s\): kind/);
  });

  it("draws a bar on a terminal and prints plain lines otherwise", () => {
    const p = { bytesDone: 50e6, rowsTotal: 100_000, rowsOk: 0, rowsDuplicate: 0, rowsFailed: 0, errors: [] };
    expect(progressLine(p, 200e6, 10, true)).toBe("[######..................]  25%  50.0 MB / 200.0 MB  100,000 rows  10,000 rows/s  ETA 0:30");
    expect(progressLine(p, 200e6, 10, false)).toBe(" 25%  50.0 MB / 200.0 MB  100,000 rows  10,000 rows/s  ETA 0:30");
  });
});
