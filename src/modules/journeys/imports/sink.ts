/**
 * Where imported rows go: journey_events, `on conflict (tenant, source, message id) do nothing`, so
 * a file imported twice (or an import re-run after a crash) stores each event once, and the rows
 * the conflict skipped are counted as duplicates. Each chunk commits on its own.
 * - PostgreSQL: a connection of the import's own, rows COPYed (text format) into a temporary table
 *   and moved with one `insert … select` per chunk: COPY is the cheapest way in, and the insert
 *   keeps the conflict rule, the statement trigger that marks entities dirty, and the foreign key.
 *   synchronous_commit is off on that connection only: the import's final status is written
 *   afterwards on another connection with a synchronous commit, which flushes these chunks too.
 * - PGlite: one multi-row insert per chunk through json_to_recordset (intake/store.ts).
 */
import { once } from "node:events";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "../../../db";
import { storeEvents } from "../intake/store";
import type { IntakeRow } from "../intake/validate";

export interface EventSink {
  /** Rows per chunk this sink does best with. */
  readonly chunkRows: number;
  /** Chunks it can take at once (the processor keeps at most this many in flight). */
  readonly parallel: number;
  /** Stores the rows; returns how many were new (the rest were duplicates). */
  write(rows: IntakeRow[]): Promise<number>;
  close(): Promise<void>;
}

export interface SinkTarget {
  tenantId: string;
  sourceId: string;
  receivedAt: Date;
}

/** PGlite (or any Kysely store): multi-row inserts of 2,000 rows. */
export function kyselySink(db: Db, t: SinkTarget): EventSink {
  return {
    chunkRows: 2_000,
    parallel: 1,
    async write(rows) {
      if (!rows.length) return 0;
      const r = await storeEvents(db, { tenantId: t.tenantId, sourceId: t.sourceId, receivedAt: t.receivedAt, chunks: [JSON.stringify(rows)], total: rows.length });
      return r.accepted;
    },
    async close() {},
  };
}

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_G = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
/** A value in COPY's text format: \N for null; backslash, tab and line breaks escaped. */
const cell = (v: string | null): string => (v === null ? "\\N" : SPECIAL.test(v) ? v.replace(SPECIAL_G, (c) => ESCAPES[c] as string) : v);
/** JSON never holds a raw tab or line break; only its backslashes need doubling. */
const jsonCell = (v: object): string => {
  const s = JSON.stringify(v);
  return s.includes("\\") ? s.replace(/\\/g, "\\\\") : s;
};

/** The rows in COPY's text format (one line per row). */
export function copyText(rows: IntakeRow[]): string {
  let out = "";
  for (const r of rows) out += `${cell(r.m)}\t${r.t}\t${cell(r.e)}\t${cell(r.u)}\t${cell(r.a)}\t${cell(r.j)}\t${r.o}\t${jsonCell(r.p)}\t${jsonCell(r.c)}\n`;
  return out;
}

const MOVE = `insert into journey_events (tenant_id, source_id, message_id, type, event, user_id, anonymous_id, journey_id, occurred_at, received_at, properties, context)
  select $1::uuid, $2::uuid, m, t, e, u, a, j, o, $3::timestamptz, p, c from import_stage
  on conflict (tenant_id, source_id, message_id) do nothing`;

/** A deadlock between two of the import's own connections (the same message id in two chunks at once): the chunk is retried. */
const isDeadlock = (err: unknown) => (err as { code?: string }).code === "40P01";

async function stageClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: "atrium-import" });
  await client.connect();
  try {
    await client.query("set synchronous_commit = off");
    await client.query("create temp table import_stage (m text, t text, e text, u text, a text, j text, o timestamptz, p jsonb, c jsonb) on commit delete rows");
    return client;
  } catch (err) {
    await client.end();
    throw err;
  }
}

/**
 * PostgreSQL: COPY into a temporary table, then one insert … select per chunk of 5,000 rows, on
 * `connections` connections of the import's own (chunks in flight at once: the database does the
 * indexing and the trigger on one core while the next chunk is parsed or stored on another).
 */
export async function pgCopySink(url: string, t: SinkTarget, connections = 2): Promise<EventSink> {
  const clients: pg.Client[] = [];
  try {
    for (let i = 0; i < connections; i++) clients.push(await stageClient(url));
  } catch (err) {
    await Promise.all(clients.map((c) => c.end()));
    throw err;
  }
  const idle = [...clients];
  const params = [t.tenantId, t.sourceId, t.receivedAt.toISOString()];
  const store = async (client: pg.Client, text: string): Promise<number> => {
    await client.query("begin");
    try {
      const copy = client.query(copyFrom("copy import_stage from stdin"));
      const done = once(copy, "finish");
      copy.end(text);
      await done;
      const r = await client.query(MOVE, params);
      await client.query("commit");
      return r.rowCount ?? 0;
    } catch (err) {
      await client.query("rollback").catch(() => undefined);
      throw err;
    }
  };
  return {
    chunkRows: 5_000,
    parallel: connections,
    async write(rows) {
      if (!rows.length) return 0;
      const client = idle.pop();
      if (!client) throw new Error("More chunks in flight than the sink has connections");
      const text = copyText(rows);
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            return await store(client, text);
          } catch (err) {
            if (!isDeadlock(err) || attempt === 5) throw err;
          }
        }
      } finally {
        idle.push(client);
      }
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.end()));
    },
  };
}
