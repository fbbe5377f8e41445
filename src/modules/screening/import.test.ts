import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestContext } from "../../../tests/support/context";
import { AppError } from "../../kernel/errors";
import { activateParsedList, digestFiles, importList, RESCREEN_JOB } from "./import";
import { activeEntryCount, listLists, listVersions } from "./lists";
import type { ListFile } from "./parsers";
import type { ParsedEntry } from "./types";

const ctx = await createTestContext();
const db = ctx.deps.db;
const SEEDS = join(import.meta.dirname, "../../../seeds/lists");
const file = (path: string): ListFile => ({ name: path.split("/").pop() as string, bytes: readFileSync(join(SEEDS, path)) });
const text = (name: string, s: string): ListFile => ({ name, bytes: new TextEncoder().encode(s) });
const listId = () => `test-${randomUUID()}`;
const PEP_HEADER = "id,name,aliases,birth_date,nationality,position,country\n";
const pep = (n: number, prefix = "P") => PEP_HEADER + Array.from({ length: n }, (_, i) => `${prefix}${i},Synthetic Person ${prefix}${i},Alias ${i},1970-01-01,GB,Mayor,GB`).join("\n");
/** A distinct instant per import, so the job each one enqueues can be found among everyone else's. */
const instant = () => new Date(Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 1e10));

const versions = async (id: string) => (await listVersions(db, id, { limit: 50 }))?.items ?? [];
const entryIds = async (id: string, version: number) =>
  (await db.selectFrom("screening_entries").select("entry_id").where("list_id", "=", id).where("version", "=", version).orderBy("entry_id").execute()).map((r) => r.entry_id);

async function expectImportFailure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe("list_import_failed");
  return err as AppError;
}

describe("importList", () => {
  it("imports the UN sample as version 1, active, with counts, digest and a re-screen job", async () => {
    const id = listId();
    const now = instant();
    const files = [file("un/UN_consolidated.xml")];
    const r = await importList(db, { listId: id, format: "un-xml", files, source: "UN_consolidated.xml", importedBy: "test", now });
    expect(r).toMatchObject({ listId: id, version: 1, status: "imported", entries: 1003, problems: [] });
    expect(r.names).toBeGreaterThan(3000);
    console.log(`UN sample (1,003 entries, ${r.names} names): imported in ${r.ms} ms on ${ctx.deps.storeKind}`);
    const [v] = await versions(id);
    expect(v).toMatchObject({ version: 1, status: "active", entries: 1003, names: r.names, sha256: digestFiles(files), importedBy: "test", error: null, problemCount: 0 });
    expect(await activeEntryCount(db, id)).toBe(1003);
    const list = (await listLists(db)).find((l) => l.id === id);
    expect(list).toMatchObject({ kind: "sanctions", format: "un-xml", activeVersion: { version: 1 }, lastImport: { version: 1 }, lastFailure: null });
    const stored = await db.selectFrom("screening_entries").selectAll().where("list_id", "=", id).where("entry_id", "=", "6908048").executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ version: 1, kind: "individual", name: "SADDAM HUSSEIN AL-TIKRITI", birth_dates: ["1937-04-28"], nationalities: ["IQ"] });
    const jobs = await db.selectFrom("jobs").select(["name", "payload"]).where("name", "=", RESCREEN_JOB).where("created_at", "=", now).execute();
    expect(jobs).toHaveLength(1);
  });

  it("re-importing the same bytes adds no version; new bytes supersede the old version, which keeps its entries", async () => {
    const id = listId();
    const first = await importList(db, { listId: id, format: "pep-csv", files: [text("pep.csv", pep(3))], source: "pep.csv", importedBy: "test", now: instant() });
    const now = instant();
    const again = await importList(db, { listId: id, format: "pep-csv", files: [text("pep.csv", pep(3))], source: "pep.csv", importedBy: "test", now });
    expect(again).toMatchObject({ status: "unchanged", version: first.version, entries: 3, names: 6 });
    expect(await versions(id)).toHaveLength(1);
    expect(await db.selectFrom("jobs").select("id").where("created_at", "=", now).where("name", "=", RESCREEN_JOB).execute()).toHaveLength(0);
    const second = await importList(db, { listId: id, format: "pep-csv", files: [text("pep.csv", pep(4, "Q"))], source: "pep.csv", importedBy: "test", now: instant() });
    expect(second).toMatchObject({ status: "imported", version: 2, entries: 4 });
    expect((await versions(id)).map((v) => [v.version, v.status])).toEqual([
      [2, "active"],
      [1, "superseded"],
    ]);
    expect(await entryIds(id, 1)).toEqual(["P0", "P1", "P2"]);
    expect(await activeEntryCount(db, id)).toBe(4);
    expect((await listLists(db)).find((l) => l.id === id)?.kind).toBe("pep");
  });

  it("a corrupt file fails, is recorded as a failed version, and leaves the previous version active and intact", async () => {
    const id = listId();
    await importList(db, { listId: id, format: "un-xml", files: [file("un/UN_consolidated.xml")], source: "good.xml", importedBy: "test", now: instant() });
    const whole = readFileSync(join(SEEDS, "un/UN_consolidated.xml"), "utf8");
    const err = await expectImportFailure(importList(db, { listId: id, format: "un-xml", files: [text("truncated.xml", whole.slice(0, 700_000))], source: "truncated.xml", importedBy: "test", now: instant() }));
    expect(err.message).toMatch(/previous version stays active.*truncated\.xml \(line \d+, column \d+\): not well-formed XML/);
    const vs = await versions(id);
    expect(vs.map((v) => [v.version, v.status])).toEqual([
      [2, "failed"],
      [1, "active"],
    ]);
    expect(vs[0]?.error).toMatch(/^truncated\.xml \(line \d+/);
    expect(vs[0]?.entries).toBe(0);
    expect(await activeEntryCount(db, id)).toBe(1003);
    expect(await entryIds(id, 2)).toEqual([]);
    const list = (await listLists(db)).find((l) => l.id === id);
    expect(list).toMatchObject({ activeVersion: { version: 1 }, lastImport: { version: 2, status: "failed" }, lastFailure: { version: 2 } });
  });

  it("a database failure half-way through the batches rolls everything back: no version, no entries, the old version active", async () => {
    const id = listId();
    await importList(db, { listId: id, format: "pep-csv", files: [text("pep.csv", pep(5))], source: "pep.csv", importedBy: "test", now: instant() });
    const entries: ParsedEntry[] = Array.from({ length: 1200 }, (_, i) => ({ entryId: `E${i}`, kind: "individual", name: `Synthetic ${i}`, aliases: [], birthDates: [], nationalities: [], programs: [], details: {} }));
    // The third batch repeats an id of the first: the primary key refuses it after 1,000 rows went in.
    (entries[1100] as ParsedEntry).entryId = "E5";
    const failed = await activateParsedList(db, id, { entries, problems: [] }, { format: "pep-csv", source: "x", importedBy: "test", now: instant(), sha256: "0".repeat(64) }).catch((e: Error) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(String((failed as Error).message)).toMatch(/duplicate key|unique/i);
    expect((await versions(id)).map((v) => [v.version, v.status])).toEqual([[1, "active"]]);
    expect(await entryIds(id, 2)).toEqual([]);
    expect(await activeEntryCount(db, id)).toBe(5);
  });

  it("a file whose rows mostly fail is a failed import, not a partial one; a few bad rows are reported and kept", async () => {
    const id = listId();
    await importList(db, { listId: id, format: "pep-csv", files: [text("pep.csv", pep(2))], source: "pep.csv", importedBy: "test", now: instant() });
    const bad = `${PEP_HEADER}1,A,,x,GB,M,GB\n2,B,,y,GB,M,GB\n3,C,,,,M,\n`;
    const err = await expectImportFailure(importList(db, { listId: id, format: "pep-csv", files: [text("bad.csv", bad)], source: "bad.csv", importedBy: "test", now: instant() }));
    expect(err.message).toMatch(/2 of 3 rows could not be read/);
    expect(await activeEntryCount(db, id)).toBe(2);
    const someBad = `${pep(9)}\n10,Ten,,not a date,GB,M,GB\n`;
    const r = await importList(db, { listId: id, format: "pep-csv", files: [text("some.csv", someBad)], source: "some.csv", importedBy: "test", now: instant() });
    expect(r.entries).toBe(9);
    expect(r.problems).toEqual([{ where: "some.csv line 11", message: 'birth_date "not a date" is not YYYY-MM-DD, YYYY-MM or YYYY' }]);
    const [v] = await versions(id);
    expect(v).toMatchObject({ version: 3, status: "active", problemCount: 1, problems: r.problems });
  });

  it("refuses a list id that is not lower-case letters, digits and dashes", async () => {
    const err = await importList(db, { listId: "Bad Id!", format: "pep-csv", files: [text("p.csv", pep(1))], source: "p", importedBy: "test", now: instant() }).catch((e: AppError) => e);
    expect(err).toMatchObject({ code: "validation_failed" });
  });

  it("imports a list the size of OFAC's (18,000 entries, 36,000 names) in seconds", async () => {
    const id = listId();
    const started = performance.now();
    const r = await importList(db, { listId: id, format: "pep-csv", files: [text("big.csv", pep(18_000))], source: "big.csv", importedBy: "test", now: instant() });
    const ms = performance.now() - started;
    console.log(`18,000 entries: imported in ${Math.round(ms)} ms on ${ctx.deps.storeKind}`);
    expect(r).toMatchObject({ entries: 18_000, names: 36_000 });
    const n = await db.selectFrom("screening_entries").select(sql<number>`count(*)`.as("n")).where("list_id", "=", id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(18_000);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);
});
