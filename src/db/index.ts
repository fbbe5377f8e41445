import { mkdirSync } from "node:fs";
import lockfile from "proper-lockfile";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import type { Config } from "../config";
import { PGliteDialect } from "./pglite-dialect";
import type { DB } from "./schema";

export type { DB } from "./schema";
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Either the root handle or a transaction: commands accept both so they compose. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Store {
  db: Db;
  kind: "pglite" | "pg";
  close(): Promise<void>;
}

// int8 (counts, sequences) as numbers and numeric as strings on both stores, so results agree.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export async function openStore(config: Config, opts: { inMemory?: boolean } = {}): Promise<Store> {
  if (config.store.kind === "pg") {
    const pool = new pg.Pool({ connectionString: config.store.url, max: 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: "pg", close: () => db.destroy() };
  }
  let dataDir: string | undefined;
  let unlock: (() => Promise<void>) | null = null;
  if (!opts.inMemory) {
    dataDir = config.store.dataDir;
    mkdirSync(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  try {
    const pglite = await PGlite.create(dataDir ? { dataDir } : {});
    await pglite.waitReady;
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: "pglite",
      close: async () => {
        await db.destroy();
        await pglite.close();
        await unlock?.();
      },
    };
  } catch (err) {
    await unlock?.();
    throw err;
  }
}

/** Runs `fn` in one transaction: it all commits, or nothing does. Nested calls reuse the outer one. */
export async function inTransaction<T>(db: Executor, fn: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Trx);
  return (db as Db).transaction().execute(fn);
}

export class StoreLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Another Atrium process is using the embedded store in ${dataDir}. ` +
        "Only one process can open a PGlite data folder: stop the other one, give this one its own " +
        "ATRIUM_DATA_DIR, or run several processes against PostgreSQL with DATABASE_URL.",
    );
    this.name = "StoreLockedError";
  }
}

/** One process per PGlite folder: a second opener stops before touching the files. */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dir, { lockfilePath: `${dir}.lock`, stale: 15_000, update: 5_000, realpath: false });
  } catch (err) {
    if ((err as { code?: string }).code === "ELOCKED") throw new StoreLockedError(dir);
    throw err;
  }
}
