/**
 * Event sources: each system that sends journey events (the bank's website and app analytics, the
 * call centre, core banking, bulk imports, Atrium itself) is a source of one bank. An http source
 * has a write key (the user name of HTTP Basic on the tracking API, as Segment's); only its
 * SHA-256 is stored and the key is shown once, when it is made.
 */
import type { Selectable } from "kysely";
import type { Executor } from "../../db";
import type { EventSourceKind, EventSourcesTable } from "../../db/schema-journeys";
import { sha256Hex } from "../../kernel/crypto";
import { newId, randomToken } from "../../kernel/ids";

export type EventSourceRow = Selectable<EventSourcesTable>;

/** Write keys: "wk_" and 32 random bytes base64url. */
export const newWriteKey = (): string => `wk_${randomToken(32)}`;

export interface CreatedSource {
  source: EventSourceRow;
  /** The write key, shown once (http sources only). */
  writeKey: string | null;
}

/** Makes a source in the caller's transaction; http sources get a write key. */
export async function insertSource(db: Executor, input: { tenantId: string; name: string; kind?: EventSourceKind; createdBy?: string | null; now: Date }): Promise<CreatedSource> {
  const kind = input.kind ?? "http";
  const writeKey = kind === "http" ? newWriteKey() : null;
  const source = await db
    .insertInto("event_sources")
    .values({
      tenant_id: input.tenantId,
      id: newId(),
      name: input.name,
      kind,
      write_key_hash: writeKey ? sha256Hex(writeKey) : null,
      key_hint: writeKey ? writeKey.slice(-4) : null,
      created_by: input.createdBy ?? null,
      created_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { source, writeKey };
}

/** The enabled source a write key belongs to, or undefined. */
export async function sourceByWriteKey(db: Executor, writeKey: string): Promise<EventSourceRow | undefined> {
  if (typeof writeKey !== "string" || writeKey.length < 10 || writeKey.length > 200) return undefined;
  return db.selectFrom("event_sources").selectAll().where("write_key_hash", "=", sha256Hex(writeKey)).where("disabled_at", "is", null).executeTakeFirst();
}
