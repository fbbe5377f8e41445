import { mkdirSync } from "node:fs";
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
  if (!opts.inMemory) {
    mkdirSync(config.store.dataDir, { recursive: true });
    dataDir = config.store.dataDir;
  }
  const pglite = await PGlite.create(dataDir ? { dataDir } : {}, );
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: "pglite",
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** Runs `fn` in one transaction: it all commits, or nothing does. Nested calls reuse the outer one. */
export async function inTransaction<T>(db: Executor, fn: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Trx);
  return (db as Db).transaction().execute(fn);
}
