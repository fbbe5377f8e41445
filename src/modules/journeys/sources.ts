/**
 * Event sources: each system that sends journey events (the bank's website and app analytics, the
 * call centre, core banking, bulk imports, Atrium itself) is a source of one bank. An http source
 * has a write key (the user name of HTTP Basic on the tracking API, as Segment's); only its
 * SHA-256 is stored and the key is shown once, when it is made.
 */
import { type Selectable, sql } from "kysely";
import { type Executor, inTransaction } from "../../db";
import type { EventSourceKind, EventSourcesTable } from "../../db/schema-journeys";
import { sha256Hex } from "../../kernel/crypto";
import { AppError } from "../../kernel/errors";
import { newId, randomToken } from "../../kernel/ids";
import { type AuditContext, recordAudit } from "../audit/record";

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

/** The bank's sources, by name. Never the key nor its hash. */
export async function listSources(db: Executor, tenantId: string): Promise<EventSourceRow[]> {
  return db.selectFrom("event_sources").selectAll().where("tenant_id", "=", tenantId).orderBy("name").orderBy("id").execute();
}

const nameTaken = (name: string) =>
  new AppError("already_exists", `A source named ${name} exists`, { issues: [{ path: "body.name", message: "is the name of another source of this bank", code: "taken" }] });
export const isUniqueViolation = (err: unknown) => typeof err === "object" && err !== null && (err as { code?: unknown }).code === "23505";
const actorId = (ctx: AuditContext) => (ctx.actor?.kind === "user" ? ctx.actor.id : null);

/** A staff action: makes a source (names are unique per bank, whatever their case) and records it, without the key. */
export async function createSource(db: Executor, ctx: AuditContext, tenantId: string, input: { name: string; kind?: "http" | "import" }): Promise<CreatedSource> {
  const name = input.name.trim();
  try {
    return await inTransaction(db, async (trx) => {
      const taken = await trx.selectFrom("event_sources").select("id").where("tenant_id", "=", tenantId).where(sql<string>`lower(name)`, "=", name.toLowerCase()).executeTakeFirst();
      if (taken) throw nameTaken(name);
      const created = await insertSource(trx, { tenantId, name, kind: input.kind ?? "http", createdBy: actorId(ctx), now: ctx.now });
      await recordAudit(trx, ctx, { tenantId, action: "source.created", subjectType: "event_source", subjectId: created.source.id, data: { name, kind: created.source.kind, keyHint: created.source.key_hint } });
      return created;
    });
  } catch (err) {
    // Two people making the same name at once: the unique index answers for the slower one.
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
}

/** The source, locked to the end of the caller's transaction (two rotations at once run one after the other). */
async function sourceOf(db: Executor, tenantId: string, id: string): Promise<EventSourceRow> {
  const row = await db.selectFrom("event_sources").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).forUpdate().executeTakeFirst();
  if (!row) throw new AppError("not_found", "No event source with this id");
  return row;
}

/** A new write key for an http source; the old one stops at once (only the new hash is kept). */
export async function rotateWriteKey(db: Executor, ctx: AuditContext, tenantId: string, id: string): Promise<CreatedSource> {
  return inTransaction(db, async (trx) => {
    const row = await sourceOf(trx, tenantId, id);
    if (row.kind !== "http") throw new AppError("conflict", `A source of kind ${row.kind} has no write key`);
    const writeKey = newWriteKey();
    const source = await trx
      .updateTable("event_sources")
      .set({ write_key_hash: sha256Hex(writeKey), key_hint: writeKey.slice(-4) })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { tenantId, action: "source.key_rotated", subjectType: "event_source", subjectId: id, data: { name: row.name, oldKeyHint: row.key_hint, keyHint: source.key_hint } });
    return { source, writeKey };
  });
}

/** Disables (its key stops being accepted) or enables a source. Repeating the same change changes nothing and records nothing. */
export async function setSourceEnabled(db: Executor, ctx: AuditContext, tenantId: string, id: string, enabled: boolean): Promise<EventSourceRow> {
  return inTransaction(db, async (trx) => {
    const row = await sourceOf(trx, tenantId, id);
    if ((row.disabled_at === null) === enabled) return row;
    const source = await trx
      .updateTable("event_sources")
      .set({ disabled_at: enabled ? null : ctx.now })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { tenantId, action: enabled ? "source.enabled" : "source.disabled", subjectType: "event_source", subjectId: id, data: { name: row.name } });
    return source;
  });
}
