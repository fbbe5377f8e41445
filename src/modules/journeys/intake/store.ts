/**
 * Stores validated tracking events: one INSERT per chunk of up to 500 events, the chunk passed as
 * a single JSON parameter and unpacked by json_to_recordset (no per-event query, no parameter
 * count limit), `on conflict do nothing` on (tenant, source, messageId) so that a message sent
 * twice is stored once. Several chunks go in one transaction: a call is stored whole or not at all.
 */
import { sql } from "kysely";
import { type Executor, inTransaction } from "../../../db";

export interface StoreResult {
  /** Events stored now. */
  accepted: number;
  /** Events whose messageId this source had already sent (earlier, or earlier in the same call). */
  duplicates: number;
}

async function insertChunk(db: Executor, tenantId: string, sourceId: string, receivedAt: Date, json: string): Promise<number> {
  const result = await sql`
    insert into journey_events (tenant_id, source_id, message_id, type, event, user_id, anonymous_id, journey_id, occurred_at, received_at, properties, context)
    select ${tenantId}::uuid, ${sourceId}::uuid, r.m, r.t, r.e, r.u, r.a, r.j, r.o, ${receivedAt.toISOString()}::timestamptz, r.p, r.c
    from json_to_recordset(${json}::json) as r(m text, t text, e text, u text, a text, j text, o timestamptz, p jsonb, c jsonb)
    on conflict (tenant_id, source_id, message_id) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** Inserts the serialized chunks (from validateCall) of `total` events for one source. */
export async function storeEvents(db: Executor, input: { tenantId: string; sourceId: string; receivedAt: Date; chunks: string[]; total: number }): Promise<StoreResult> {
  const { tenantId, sourceId, receivedAt, chunks, total } = input;
  if (total === 0) return { accepted: 0, duplicates: 0 };
  const run = async (x: Executor) => {
    let accepted = 0;
    for (const json of chunks) accepted += await insertChunk(x, tenantId, sourceId, receivedAt, json);
    return accepted;
  };
  const accepted = chunks.length === 1 ? await run(db) : await inTransaction(db, (trx) => run(trx));
  return { accepted, duplicates: total - accepted };
}
