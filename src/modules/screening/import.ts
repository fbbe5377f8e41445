/**
 * Importing a sanctions or PEP list file as a new version (contract 4). All or nothing: the new
 * version's entries are written and the version is switched to active (the old one superseded)
 * in ONE transaction, so a failure at any point leaves the previous version active and its
 * entries untouched. The failed attempt is then recorded as a `failed` version with its error, in
 * its own statement after the rollback. The same bytes as the active version make no new version.
 */
import { noteListsChanged } from "./screen";
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { type Db, inTransaction, type Trx } from "../../db";
import type { ListFormat } from "../../db/schema-compliance";
import { enqueueJob } from "../../jobs/enqueue";
import { AppError } from "../../kernel/errors";
import { LIST_ID_PATTERN, DEFAULT_LIST_ID, listInfo } from "./lists";
import { type ListFile, ListParseError, parseList } from "./parsers";
import type { ParsedList } from "./types";

export interface ImportInput {
  listId?: string;
  format: ListFormat;
  files: ListFile[];
  /** The file name(s) or URL(s) imported, as shown to operators. */
  source: string;
  /** "cli:<user>", "schedule", "seed", … */
  importedBy: string;
  now: Date;
  /** Set when the list is fetched from a configured URL. */
  sourceUrl?: string;
}

export interface ImportResult {
  listId: string;
  version: number;
  /** "unchanged": the bytes are those of the active version, so no version was added. */
  status: "imported" | "unchanged";
  entries: number;
  names: number;
  problems: ParsedList["problems"];
  ms: number;
}

/** Rows per INSERT: 500 rows × 10 columns stays far below PostgreSQL's 65,535 parameters. */
export const BATCH_SIZE = 500;
const KEPT_PROBLEMS = 50;
export const RESCREEN_JOB = "compliance.rescreen";

/** sha256 over the files in name order (name and length framed, so files cannot run into each other). */
export function digestFiles(files: ListFile[]): string {
  const h = createHash("sha256");
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    h.update(`${f.name.split(/[\\/]/).pop()}\u0000${f.bytes.length}\u0000`);
    h.update(f.bytes);
  }
  return h.digest("hex");
}

export async function importList(db: Db, input: ImportInput): Promise<ImportResult> {
  const started = performance.now();
  const listId = input.listId ?? DEFAULT_LIST_ID[input.format];
  if (!LIST_ID_PATTERN.test(listId)) {
    throw new AppError("validation_failed", `List id "${listId}" must be lower-case letters, digits and dashes`, { issues: [{ path: "list", message: "must be lower-case letters, digits and dashes (at most 63)" }] });
  }
  const sha256 = digestFiles(input.files);
  await ensureList(db, listId, input.format, input.sourceUrl);

  const active = await db
    .selectFrom("screening_lists as l")
    .innerJoin("screening_list_versions as v", (j) => j.onRef("v.list_id", "=", "l.id").onRef("v.version", "=", "l.active_version"))
    .select(["v.version", "v.sha256", "v.entry_count", "v.name_count"])
    .where("l.id", "=", listId)
    .executeTakeFirst();
  if (active && active.sha256 === sha256) {
    return { listId, version: active.version, status: "unchanged", entries: active.entry_count, names: active.name_count, problems: [], ms: Math.round(performance.now() - started) };
  }

  let parsed: ParsedList;
  try {
    parsed = await parseList(input.format, input.files);
  } catch (err) {
    throw await recordFailure(db, listId, input, sha256, err);
  }
  try {
    const version = await activateParsedList(db, listId, parsed, { ...input, sha256 });
    // This process screens with the new version at once; others notice within a second (screen.ts).
    noteListsChanged();
    const names = parsed.entries.reduce((n, e) => n + 1 + e.aliases.length, 0);
    return { listId, version, status: "imported", entries: parsed.entries.length, names, problems: parsed.problems, ms: Math.round(performance.now() - started) };
  } catch (err) {
    throw await recordFailure(db, listId, input, sha256, err);
  }
}

async function ensureList(db: Db, listId: string, format: ListFormat, sourceUrl?: string) {
  const info = listInfo(listId, format);
  await db
    .insertInto("screening_lists")
    .values({ id: listId, name: info.name, kind: info.kind, format, source_url: sourceUrl ?? null, active_version: null })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
}

/**
 * Writes a parsed list as the next version and makes it active, in one transaction. Exported for
 * the atomicity tests, which hand it entries the database refuses half-way through.
 */
export async function activateParsedList(db: Db, listId: string, parsed: ParsedList, meta: Omit<ImportInput, "files" | "listId"> & { sha256: string }): Promise<number> {
  return inTransaction(db, async (trx) => {
    // One import of a list at a time: the list row is the lock.
    const list = await trx.selectFrom("screening_lists").select(["id", "active_version"]).where("id", "=", listId).forUpdate().executeTakeFirstOrThrow();
    const version = await nextVersion(trx, listId);
    await trx
      .insertInto("screening_list_versions")
      .values({ list_id: listId, version, status: "importing", source: meta.source, sha256: meta.sha256, imported_by: meta.importedBy, started_at: meta.now })
      .execute();
    let names = 0;
    for (let i = 0; i < parsed.entries.length; i += BATCH_SIZE) {
      const batch = parsed.entries.slice(i, i + BATCH_SIZE);
      names += batch.reduce((n, e) => n + 1 + e.aliases.length, 0);
      await trx
        .insertInto("screening_entries")
        .values(
          batch.map((e) => ({
            list_id: listId,
            version,
            entry_id: e.entryId,
            kind: e.kind,
            name: e.name,
            aliases: JSON.stringify(e.aliases),
            birth_dates: JSON.stringify(e.birthDates),
            nationalities: JSON.stringify(e.nationalities),
            programs: JSON.stringify(e.programs),
            details: JSON.stringify(e.details),
          })),
        )
        .execute();
    }
    if (list.active_version !== null) {
      await trx.updateTable("screening_list_versions").set({ status: "superseded" }).where("list_id", "=", listId).where("status", "=", "active").execute();
    }
    await trx
      .updateTable("screening_list_versions")
      .set({
        status: "active",
        entry_count: parsed.entries.length,
        name_count: names,
        problem_count: parsed.problems.length,
        problems: JSON.stringify(parsed.problems.slice(0, KEPT_PROBLEMS)),
        finished_at: new Date(),
      })
      .where("list_id", "=", listId)
      .where("version", "=", version)
      .execute();
    await trx
      .updateTable("screening_lists")
      .set({ active_version: version, format: meta.format, ...(meta.sourceUrl ? { source_url: meta.sourceUrl } : {}) })
      .where("id", "=", listId)
      .execute();
    // Customers are re-screened against the new version in the background (compliance module).
    await enqueueJob(trx, meta.now, RESCREEN_JOB, {});
    return version;
  });
}

async function nextVersion(db: Db | Trx, listId: string): Promise<number> {
  const r = await db.selectFrom("screening_list_versions").select(sql<number>`coalesce(max(version), 0)`.as("v")).where("list_id", "=", listId).executeTakeFirstOrThrow();
  return Number(r.v) + 1;
}

/** After the rollback: the attempt as a `failed` version, and the error the caller throws. */
async function recordFailure(db: Db, listId: string, input: ImportInput, sha256: string, err: unknown): Promise<AppError> {
  const message = err instanceof ListParseError ? err.message : `the database refused the import: ${err instanceof Error ? err.message : String(err)}`;
  await recordFailedAttempt(db, { ...input, listId }, message, sha256);
  return new AppError("list_import_failed", `List ${listId} was not imported (the previous version stays active): ${message}`, { cause: err });
}

/**
 * A failed attempt (a download, a parse or a database failure) as a `failed` version with its
 * error, in its own transaction. Never throws: recording a failure must not hide it.
 */
export async function recordFailedAttempt(db: Db, input: Omit<ImportInput, "files"> & { listId: string }, message: string, sha256 = ""): Promise<void> {
  try {
    await ensureList(db, input.listId, input.format, input.sourceUrl);
    await inTransaction(db, async (trx) => {
      await trx.selectFrom("screening_lists").select("id").where("id", "=", input.listId).forUpdate().executeTakeFirstOrThrow();
      await trx
        .insertInto("screening_list_versions")
        .values({
          list_id: input.listId,
          version: await nextVersion(trx, input.listId),
          status: "failed",
          source: input.source,
          sha256,
          imported_by: input.importedBy,
          started_at: input.now,
          finished_at: new Date(),
          error: message.slice(0, 2000),
        })
        .execute();
    });
  } catch {
    // The caller reports the original failure either way.
  }
}
