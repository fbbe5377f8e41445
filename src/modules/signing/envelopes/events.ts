/**
 * An envelope's audit trail: append-only rows in signing_events, hash-chained per envelope (each
 * hash covers every field of its row and the previous hash, like the tenant audit log). Every
 * event is also written to the tenant's audit log in the same transaction, with the event's hash,
 * so the tenant chain covers the envelope chain. Appends for one envelope are serialised by an
 * advisory lock held to commit.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Selectable } from "kysely";
import { type Executor, inTransaction } from "../../../db";
import type { SigningEventsTable } from "../../../db/schema-signing";
import type { Actor } from "../../../kernel/access";
import { newId } from "../../../kernel/ids";
import { canonicalJson, GENESIS_HASH } from "../../audit/chain";
import { recordAudit } from "../../audit/record";

export type SigningEventRow = Selectable<SigningEventsTable>;

export type SigningAction =
  | "created"
  | "sent"
  | "viewed"
  | "consented"
  | "otp_sent"
  | "otp_failed"
  | "otp_locked"
  | "authenticated"
  | "signed"
  | "declined"
  | "voided"
  | "expired"
  | "reminded"
  | "completed"
  | "sealed"
  | "seal_failed"
  // The signed copies (copy.ts): codes sent, refused and confirmed, and each download.
  | "copy_otp_sent"
  | "copy_otp_failed"
  | "copy_authenticated"
  | "copy_downloaded";

export interface EventInput {
  action: SigningAction;
  signerId?: string | null;
  /** Who: the staff member's label, the signer's name, or null for the system. */
  actorLabel?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  data?: Record<string, unknown>;
}

export interface EventContext {
  now: Date;
  actor: Actor | null;
  requestId?: string | null;
}

const SIGNING_LOCK_NS = 4_242_006;

type HashFields = Omit<SigningEventRow, "hash">;

/** The hash of one event row: every field (time as ISO) and the previous hash. */
export function eventHash(f: HashFields): string {
  const body = canonicalJson({
    tenant_id: f.tenant_id,
    envelope_id: f.envelope_id,
    seq: f.seq,
    id: f.id,
    at: new Date(f.at).toISOString(),
    signer_id: f.signer_id,
    action: f.action,
    actor_label: f.actor_label,
    ip: f.ip,
    user_agent: f.user_agent,
    data: f.data,
    prev_hash: f.prev_hash,
  });
  return createHash("sha256").update(body).digest("hex");
}

/** Appends one event to the envelope's chain and to the tenant's audit log (same transaction). */
export async function appendEvent(db: Executor, ctx: EventContext, envelope: { tenant_id: string; id: string }, input: EventInput): Promise<SigningEventRow> {
  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(${SIGNING_LOCK_NS}, hashtext(${envelope.id}))`.execute(trx);
    const last = await trx
      .selectFrom("signing_events")
      .select(["seq", "hash"])
      .where("tenant_id", "=", envelope.tenant_id)
      .where("envelope_id", "=", envelope.id)
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    const fields: HashFields = {
      tenant_id: envelope.tenant_id,
      envelope_id: envelope.id,
      seq: (last?.seq ?? 0) + 1,
      id: newId(),
      at: ctx.now,
      signer_id: input.signerId ?? null,
      action: input.action,
      actor_label: input.actorLabel ?? (ctx.actor?.tenantId === envelope.tenant_id ? ctx.actor.label : null),
      ip: input.ip ?? null,
      user_agent: input.userAgent ?? null,
      data: JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>,
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const hash = eventHash(fields);
    await trx
      .insertInto("signing_events")
      .values({ ...fields, data: JSON.stringify(fields.data), hash })
      .execute();
    // The tenant log gets no names, contacts or user agents: the signer is named by id and role.
    await recordAudit(
      trx,
      { actor: ctx.actor, ip: input.ip ?? null, requestId: ctx.requestId ?? null, now: ctx.now },
      {
        tenantId: envelope.tenant_id,
        action: `signing.${input.action}`,
        subjectType: "envelope",
        subjectId: envelope.id,
        data: { seq: fields.seq, hash, ...(input.signerId ? { signerId: input.signerId } : {}), ...auditData(input.data) },
        actorLabel: ctx.actor ? undefined : input.signerId ? `signer:${input.signerId}` : "system",
      },
    );
    return { ...fields, hash };
  });
}

/** Only non-personal keys go to the tenant log. */
function auditData(data: Record<string, unknown> | undefined): Record<string, unknown> {
  const keep = ["channel", "kind", "reason", "documents", "routing", "attempt", "error", "imageSha256", "documentSha256", "authMethod", "version", "count", "attemptsLeft", "applicationId", "stepId", "signers"];
  const out: Record<string, unknown> = {};
  for (const k of keep) if (data && data[k] !== undefined) out[k] = data[k];
  return out;
}

export async function envelopeEvents(db: Executor, tenantId: string, envelopeId: string): Promise<SigningEventRow[]> {
  return db.selectFrom("signing_events").selectAll().where("tenant_id", "=", tenantId).where("envelope_id", "=", envelopeId).orderBy("seq").execute();
}

/** Recomputes the chain: ok, or the first seq whose hash (or link to the previous) does not hold. */
export async function verifyEnvelopeChain(db: Executor, tenantId: string, envelopeId: string): Promise<{ ok: boolean; brokenAt: number | null }> {
  const rows = await envelopeEvents(db, tenantId, envelopeId);
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    const { hash, ...fields } = row;
    if (row.seq !== expectedSeq || row.prev_hash !== prev || eventHash(fields) !== hash) return { ok: false, brokenAt: row.seq };
    prev = hash;
    expectedSeq++;
  }
  return { ok: true, brokenAt: null };
}
