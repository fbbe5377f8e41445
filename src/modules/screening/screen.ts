/**
 * Contract 3: screening a name against the active lists, with the process's cached index.
 *
 * The index is built from screening_entries of the ACTIVE version of every list and cached per
 * process under the signature of those versions (list id, version and file digest). `screenName`
 * looks at the active versions at most once per second (one small query) and rebuilds when they
 * changed; `activeIndex` always looks (bulk re-screening calls it once per run). An import in this
 * process calls `noteListsChanged()` so the next screening looks at once; another process (the
 * worker importing while the server screens) is seen within a second.
 */
import type { Executor } from "../../db";
import { loadBands } from "./bands";
import { type EntryRow, NameIndex, type ScreeningIndex, type ScreenOptions } from "./index";
import type { ScreeningOutcome, ScreeningQuery } from "./types";

export type { ScreeningIndex, ScreenOptions };
export { checkScreeningName, normaliseName } from "./normalise";

const CHECK_EVERY_MS = 1000;

interface Active {
  list_id: string;
  version: number;
  sha256: string;
}

let cached: { signature: string; index: NameIndex } | null = null;
let building: { signature: string; promise: Promise<NameIndex> } | null = null;
let lastCheck = 0;

/** The lists changed in this process (an import activated a version): the next screening re-reads them. */
export function noteListsChanged(): void {
  lastCheck = 0;
}

async function activeVersions(db: Executor): Promise<Active[]> {
  return db
    .selectFrom("screening_lists as l")
    .innerJoin("screening_list_versions as v", (j) => j.onRef("v.list_id", "=", "l.id").onRef("v.version", "=", "l.active_version"))
    .select(["l.id as list_id", "v.version", "v.sha256"])
    .where("l.active_version", "is not", null)
    .orderBy("l.id")
    .execute();
}

/** "eu:2;ofac-sdn:7;un:3": the active versions, sorted by list id ("" when no list is active). */
export function listVersionOf(active: Array<{ list_id: string; version: number }>): string {
  return active.map((a) => `${a.list_id}:${a.version}`).join(";");
}

async function loadIndex(db: Executor, active: Active[], listVersion: string): Promise<NameIndex> {
  const rows: EntryRow[] = [];
  // One list at a time keeps each result set to one list's size.
  for (const a of active) {
    const part = await db
      .selectFrom("screening_entries")
      .select(["list_id", "version", "entry_id", "kind", "name", "aliases", "birth_dates", "nationalities", "programs"])
      .where("list_id", "=", a.list_id)
      .where("version", "=", a.version)
      .orderBy("entry_id")
      .execute();
    for (const r of part) rows.push({ ...r, aliases: json(r.aliases), birth_dates: json(r.birth_dates), nationalities: json(r.nationalities), programs: json(r.programs) });
  }
  return new NameIndex(listVersion, rows);
}

function json<T>(v: T | string): T {
  return typeof v === "string" ? (JSON.parse(v) as T) : v;
}

/** Contract 3: the index of the active versions of all lists (built or taken from the cache). */
export async function activeIndex(db: Executor): Promise<NameIndex> {
  const active = await activeVersions(db);
  lastCheck = Date.now();
  const signature = active.map((a) => `${a.list_id}:${a.version}:${a.sha256}`).join(";");
  if (cached && cached.signature === signature) return cached.index;
  if (building && building.signature === signature) return building.promise;
  const promise = loadIndex(db, active, listVersionOf(active));
  building = { signature, promise };
  try {
    const index = await promise;
    cached = { signature, index };
    return index;
  } finally {
    if (building?.promise === promise) building = null;
  }
}

async function currentIndex(db: Executor): Promise<NameIndex> {
  if (cached && Date.now() - lastCheck < CHECK_EVERY_MS) return cached.index;
  return activeIndex(db);
}

/**
 * Contract 3: one name against the active lists with the tenant's bands. Best first, scores at or
 * above `minScore` (default: the `edd` band), at most `limit` (default 50). A name with nothing to
 * screen after normalisation (see checkScreeningName) has no matches.
 */
export async function screenName(db: Executor, tenantId: string, q: ScreeningQuery, opts: ScreenOptions = {}): Promise<ScreeningOutcome> {
  const index = await currentIndex(db);
  const bands = await loadBands(db, tenantId);
  return { listVersion: index.listVersion, matches: index.screen(q, bands, opts) };
}

/** The cached index as it stands (no query): for the details route after a search. */
export function cachedIndex(): NameIndex | null {
  return cached?.index ?? null;
}
