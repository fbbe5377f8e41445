/**
 * The sanctions and PEP lists as the operator and compliance staff see them: each list with its
 * active version, counts, last import and last failure; and a list's versions, newest first.
 */
import { sql } from "kysely";
import type { Executor } from "../../db";
import type { ListFormat, ListKind, ListVersionStatus } from "../../db/schema-compliance";
import { decodeCursor, paginate } from "../../server/pagination";
import { z } from "../../server/openapi";

/** The id a format imports into unless `--list` names another. */
export const DEFAULT_LIST_ID: Record<ListFormat, string> = {
  "ofac-csv": "ofac-sdn",
  "ofac-xml": "ofac-sdn",
  "un-xml": "un",
  "eu-csv": "eu",
  "eu-xml": "eu",
  "pep-csv": "pep",
};

const KNOWN: Record<string, { name: string; kind: ListKind }> = {
  "ofac-sdn": { name: "OFAC Specially Designated Nationals (SDN) List", kind: "sanctions" },
  un: { name: "UN Security Council Consolidated List", kind: "sanctions" },
  eu: { name: "EU Consolidated Financial Sanctions List", kind: "sanctions" },
  pep: { name: "Politically exposed persons", kind: "pep" },
};

/** The display name and kind of a list id (known ids by name; others from the format). */
export function listInfo(listId: string, format: ListFormat): { name: string; kind: ListKind } {
  return KNOWN[listId] ?? { name: listId, kind: format === "pep-csv" ? "pep" : "sanctions" };
}

export const LIST_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface ListVersionView {
  version: number;
  status: ListVersionStatus;
  source: string;
  sha256: string;
  entries: number;
  names: number;
  problemCount: number;
  problems: Array<{ where: string; message: string }>;
  error: string | null;
  importedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface ListView {
  id: string;
  name: string;
  kind: ListKind;
  format: ListFormat;
  sourceUrl: string | null;
  activeVersion: ListVersionView | null;
  lastImport: ListVersionView | null;
  lastFailure: ListVersionView | null;
  createdAt: string;
}

type VersionRow = {
  version: number;
  status: ListVersionStatus;
  source: string;
  sha256: string;
  entry_count: number;
  name_count: number;
  problem_count: number;
  problems: Array<{ where: string; message: string }> | string;
  error: string | null;
  imported_by: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
};

const iso = (d: Date | string) => new Date(d).toISOString();

function versionView(r: VersionRow): ListVersionView {
  return {
    version: r.version,
    status: r.status,
    source: r.source,
    sha256: r.sha256,
    entries: r.entry_count,
    names: r.name_count,
    problemCount: r.problem_count,
    problems: typeof r.problems === "string" ? (JSON.parse(r.problems) as ListVersionView["problems"]) : r.problems,
    error: r.error,
    importedBy: r.imported_by,
    startedAt: iso(r.started_at),
    finishedAt: r.finished_at ? iso(r.finished_at) : null,
  };
}

const VERSION_COLUMNS = ["version", "status", "source", "sha256", "entry_count", "name_count", "problem_count", "problems", "error", "imported_by", "started_at", "finished_at"] as const;

export async function listLists(db: Executor): Promise<ListView[]> {
  const lists = await db.selectFrom("screening_lists").selectAll().orderBy("id").execute();
  const out: ListView[] = [];
  for (const l of lists) {
    const base = db.selectFrom("screening_list_versions").select(VERSION_COLUMNS).where("list_id", "=", l.id);
    const [active, last, failure] = await Promise.all([
      l.active_version === null ? undefined : base.where("version", "=", l.active_version).executeTakeFirst(),
      base.where("status", "!=", "importing").orderBy("version", "desc").limit(1).executeTakeFirst(),
      base.where("status", "=", "failed").orderBy("version", "desc").limit(1).executeTakeFirst(),
    ]);
    out.push({
      id: l.id,
      name: l.name,
      kind: l.kind,
      format: l.format,
      sourceUrl: l.source_url,
      activeVersion: active ? versionView(active) : null,
      lastImport: last ? versionView(last) : null,
      lastFailure: failure ? versionView(failure) : null,
      createdAt: iso(l.created_at),
    });
  }
  return out;
}

const VersionCursor = z.tuple([z.number().int()]);

/** A list's versions, newest first; null when the list does not exist. */
export async function listVersions(db: Executor, listId: string, page: { limit: number; cursor?: string }) {
  const list = await db.selectFrom("screening_lists").select("id").where("id", "=", listId).executeTakeFirst();
  if (!list) return null;
  const after = decodeCursor(page.cursor, VersionCursor);
  let q = db.selectFrom("screening_list_versions").select(VERSION_COLUMNS).where("list_id", "=", listId);
  if (after) q = q.where("version", "<", after[0]);
  const rows = await q.orderBy("version", "desc").limit(page.limit + 1).execute();
  const { items, nextCursor } = paginate(rows, page.limit, (r) => [r.version]);
  return { items: items.map(versionView), nextCursor };
}

/** "eu:2;ofac-sdn:7;un:3": the active versions, as screening results record them. */
export async function activeListVersions(db: Executor): Promise<string> {
  const rows = await db.selectFrom("screening_lists").select(["id", "active_version"]).where("active_version", "is not", null).orderBy("id").execute();
  return rows.map((r) => `${r.id}:${r.active_version}`).join(";");
}

/** Entries of a list's active version (counted), for tests and status output. */
export async function activeEntryCount(db: Executor, listId: string): Promise<number> {
  const r = await db
    .selectFrom("screening_entries as e")
    .innerJoin("screening_lists as l", (j) => j.onRef("l.id", "=", "e.list_id").onRef("l.active_version", "=", "e.version"))
    .select(sql<number>`count(*)`.as("n"))
    .where("e.list_id", "=", listId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
