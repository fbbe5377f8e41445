import { sql } from "kysely";
import { inTransaction, type Executor } from "../../db";
import type { Actor } from "../../kernel/access";
import { newId } from "../../kernel/ids";
import { entryHash, GENESIS_HASH } from "./chain";

export interface AuditContext {
  actor: Actor | null;
  ip?: string | null;
  requestId?: string | null;
  now: Date;
}

export interface AuditEntry {
  tenantId: string;
  /** dotted verb, e.g. `auth.login.failed`, `user.created`, `apikey.revoked` */
  action: string;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
  /** For entries without a signed-in actor (failed logins, resets): who it concerns. */
  actorLabel?: string;
}

const AUDIT_LOCK_NS = 4_242_002;

/**
 * Appends one entry to the tenant's hash chain, in the caller's transaction so the entry exists
 * exactly when the change it records does. Appends for one tenant are serialised by an advisory
 * lock held to commit, so the chain never forks.
 */
export async function recordAudit(db: Executor, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_NS}, hashtext(${entry.tenantId}))`.execute(trx);
    const last = await trx
      .selectFrom("audit_log")
      .select(["seq", "hash"])
      .where("tenant_id", "=", entry.tenantId)
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    const actor = ctx.actor && ctx.actor.tenantId === entry.tenantId ? ctx.actor : null;
    const fields = {
      tenant_id: entry.tenantId,
      seq: (last?.seq ?? 0) + 1,
      id: newId(),
      at: ctx.now,
      actor_type: actor ? actor.kind : entry.actorLabel ? ("anonymous" as const) : ("system" as const),
      actor_id: actor?.id ?? null,
      actor_label: actor?.label ?? entry.actorLabel ?? null,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      ip: ctx.ip ?? null,
      request_id: ctx.requestId ?? null,
      data: JSON.parse(JSON.stringify(entry.data ?? {})) as Record<string, unknown>,
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    await trx
      .insertInto("audit_log")
      .values({ ...fields, data: JSON.stringify(fields.data), hash: entryHash(fields) })
      .execute();
  });
}
