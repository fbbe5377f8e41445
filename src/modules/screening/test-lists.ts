/**
 * Test helper: a list with an active version written straight into the tables (lists are
 * platform-wide, so every call makes its own list id). Not used by the application.
 */
import { randomBytes } from "node:crypto";
import type { Executor } from "../../db";
import type { EntryAlias, EntryKind } from "../../db/schema-compliance";
import { noteListsChanged } from "./screen";

export interface TestEntry {
  entryId: string;
  name: string;
  kind?: EntryKind;
  aliases?: EntryAlias[];
  birthDates?: string[];
  nationalities?: string[];
  programs?: string[];
}

/** Creates list `t-<random>` (or adds version `version` to `listId`) and makes it active. */
export async function makeTestList(db: Executor, entries: TestEntry[], opts: { listId?: string; version?: number; kind?: "sanctions" | "pep" } = {}): Promise<{ listId: string; version: number }> {
  const listId = opts.listId ?? `t-${randomBytes(5).toString("hex")}`;
  const version = opts.version ?? 1;
  if (version === 1) await db.insertInto("screening_lists").values({ id: listId, name: `Test list ${listId}`, kind: opts.kind ?? "sanctions", format: "pep-csv", source_url: null, active_version: null }).execute();
  await db
    .insertInto("screening_list_versions")
    .values({ list_id: listId, version, status: "importing", source: "test", sha256: randomBytes(32).toString("hex"), entry_count: entries.length, name_count: entries.length, error: null, imported_by: "test", started_at: new Date(), finished_at: null })
    .execute();
  if (entries.length > 0) {
    await db
      .insertInto("screening_entries")
      .values(
        entries.map((e) => ({
          list_id: listId,
          version,
          entry_id: e.entryId,
          kind: e.kind ?? "individual",
          name: e.name,
          aliases: JSON.stringify(e.aliases ?? []),
          birth_dates: JSON.stringify(e.birthDates ?? []),
          nationalities: JSON.stringify(e.nationalities ?? []),
          programs: JSON.stringify(e.programs ?? []),
          details: JSON.stringify({ remarks: `entry ${e.entryId}` }),
        })),
      )
      .execute();
  }
  await db.updateTable("screening_list_versions").set({ status: "active", finished_at: new Date() }).where("list_id", "=", listId).where("version", "=", version).execute();
  await db.updateTable("screening_lists").set({ active_version: version }).where("id", "=", listId).execute();
  noteListsChanged();
  return { listId, version };
}

/** A name no other test uses: real-looking tokens plus a random syllable string. */
export function uniqueSurname(): string {
  const c = "bdfgklmnprstvz";
  const v = "aeiou";
  const b = randomBytes(8);
  let s = "";
  for (let i = 0; i < 8; i++) s += i % 2 === 0 ? c[(b[i] as number) % c.length] : v[(b[i] as number) % v.length];
  return s[0]?.toUpperCase() + s.slice(1);
}
