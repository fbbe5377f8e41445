/**
 * Shared pieces of the envelope service: rows, link tokens (32 random bytes base64url, only the
 * SHA-256 stored), the signer behind a token, and the messages with a signing link.
 */
import type { Selectable } from "kysely";
import type { Executor } from "../../../db";
import type { EnvelopeDocumentsTable, EnvelopeSignersTable, EnvelopesTable } from "../../../db/schema-signing";
import { sha256Hex } from "../../../kernel/crypto";
import { AppError, notFound } from "../../../kernel/errors";
import { randomToken } from "../../../kernel/ids";
import type { Deps } from "../../../server/deps";
import { queueMessage, type TemplateName } from "../../notifications";
import { bankOf } from "../../onboarding/links";
import { appendEvent, type EventContext } from "./events";

export type EnvelopeRow = Selectable<EnvelopesTable>;
export type SignerRow = Selectable<EnvelopeSignersTable>;
export type EnvelopeDocumentRow = Selectable<EnvelopeDocumentsTable>;

export interface SignerContext {
  signer: SignerRow;
  envelope: EnvelopeRow;
  documents: EnvelopeDocumentRow[];
}

/** At most this many reminders per signer. */
export const MAX_REMINDERS = 5;

export async function envelopeById(db: Executor, tenantId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<EnvelopeRow> {
  let q = db.selectFrom("envelopes").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound("Envelope");
  return row;
}

export const signersOf = (db: Executor, e: { tenant_id: string; id: string }) =>
  db.selectFrom("envelope_signers").selectAll().where("tenant_id", "=", e.tenant_id).where("envelope_id", "=", e.id).orderBy("position").execute();

export const documentsOf = (db: Executor, e: { tenant_id: string; id: string }) =>
  db.selectFrom("envelope_documents").selectAll().where("tenant_id", "=", e.tenant_id).where("envelope_id", "=", e.id).orderBy("position").execute();

const invalid = () => new AppError("token_invalid", "This signing link is not valid");

/** The signer row a link token belongs to (signing or copy link); unknown or malformed: token_invalid. */
export async function signerRowByToken(db: Executor, token: string, opts: { forUpdate?: boolean } = {}): Promise<SignerRow> {
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{40,60}$/.test(token)) throw invalid();
  let q = db.selectFrom("envelope_signers").selectAll().where("token_hash", "=", sha256Hex(token));
  if (opts.forUpdate) q = q.forUpdate();
  const signer = await q.executeTakeFirst();
  if (signer) return signer;
  // The link this signer signed with, replaced by a copy link at the seal: used, not unknown.
  const signed = await db.selectFrom("envelope_signers").select("id").where("signed_token_hash", "=", sha256Hex(token)).executeTakeFirst();
  if (signed) throw new AppError("link_used", "You have already signed these documents; your copy is in the newest message from the bank");
  throw invalid();
}

/** The signer a link token belongs to; refuses unknown, used, expired and closed ones (in that order). */
export async function signerByToken(db: Executor, token: string, now: Date, opts: { forUpdate?: boolean } = {}): Promise<SignerContext> {
  const signer = await signerRowByToken(db, token, opts);
  if (signer.status === "signed" || signer.status === "declined") throw new AppError("link_used", signer.status === "signed" ? "You have already signed these documents" : "You declined to sign these documents");
  const envelope = await envelopeById(db, signer.tenant_id, signer.envelope_id, opts);
  if (envelope.status === "expired" || (envelope.status === "sent" && envelope.expires_at <= now)) throw new AppError("envelope_expired", "This signing request has expired; ask the bank for a new one");
  if (envelope.status !== "sent") throw new AppError("envelope_closed", `This signing request is ${envelope.status === "completed" ? "complete" : "no longer open"}`);
  return { signer, envelope, documents: await documentsOf(db, envelope) };
}

/** The signer and envelope again by id (after a change that makes the token refuse, e.g. signed). */
export async function contextById(db: Executor, tenantId: string, signerId: string): Promise<SignerContext> {
  const signer = await db.selectFrom("envelope_signers").selectAll().where("tenant_id", "=", tenantId).where("id", "=", signerId).executeTakeFirstOrThrow();
  const envelope = await envelopeById(db, tenantId, signer.envelope_id);
  return { signer, envelope, documents: await documentsOf(db, envelope) };
}

/** A fresh token for a signer (the previous one stops working). */
export async function rotateToken(db: Executor, signer: SignerRow, expiresAt: Date): Promise<string> {
  const token = randomToken(32);
  await db.updateTable("envelope_signers").set({ token_hash: sha256Hex(token), token_expires_at: expiresAt }).where("tenant_id", "=", signer.tenant_id).where("id", "=", signer.id).execute();
  return token;
}

export async function signingUrl(db: Executor, deps: Deps, tenantId: string, token: string): Promise<string> {
  const { slug } = await bankOf(db, tenantId);
  return `${deps.config.publicUrl}/c/${slug}/sign#${token}`;
}

/** SMS when the signer has a phone, else email. */
export const signerChannel = (s: { phone: string | null; email: string | null }): { channel: "sms" | "email"; to: string } =>
  s.phone ? { channel: "sms", to: s.phone } : { channel: "email", to: s.email as string };

export const documentNames = (docs: Array<{ name: string }>): string => docs.map((d) => d.name).join(", ");

/** Sends `signing.<kind>` (SMS variant `_sms`) to a signer in their language. */
export async function notifySigner(
  db: Executor,
  deps: Deps,
  envelope: EnvelopeRow,
  signer: SignerRow,
  kind: "request" | "reminder" | "completed" | "declined",
  vars: Record<string, string>,
): Promise<"sms" | "email"> {
  const { channel, to } = signerChannel(signer);
  const bank = await bankOf(db, envelope.tenant_id);
  const docs = await documentsOf(db, envelope);
  const now = deps.clock.now();
  const days = Math.max(1, Math.ceil((envelope.expires_at.getTime() - now.getTime()) / 86_400_000));
  await queueMessage(db, now, {
    tenantId: envelope.tenant_id,
    channel,
    to,
    template: (channel === "sms" ? `signing.${kind}_sms` : `signing.${kind}`) as TemplateName,
    locale: signer.language,
    vars: { name: signer.name, bank: bank.name, document: documentNames(docs), days: String(days), ...vars },
    sensitive: "link" in vars,
    redactBody: !deps.config.devOutbox,
  });
  return channel;
}

/**
 * Sends a signer their link (a fresh token): the request when it is first their turn, a reminder
 * later. `silent` makes the token without a message (the applicant already on the apply page).
 */
export async function sendLink(
  db: Executor,
  deps: Deps,
  ctx: EventContext,
  envelope: EnvelopeRow,
  signer: SignerRow,
  kind: "request" | "reminder",
  opts: { silent?: boolean } = {},
): Promise<string> {
  const now = deps.clock.now();
  const token = await rotateToken(db, signer, envelope.expires_at);
  let channel: "sms" | "email" | null = null;
  if (!opts.silent) channel = await notifySigner(db, deps, envelope, signer, kind, { link: await signingUrl(db, deps, envelope.tenant_id, token) });
  if (kind === "request") {
    await db
      .updateTable("envelope_signers")
      .set({ status: signer.status === "waiting" ? "sent" : signer.status, sent_at: signer.sent_at ?? now })
      .where("tenant_id", "=", signer.tenant_id)
      .where("id", "=", signer.id)
      .execute();
    if (!signer.sent_at) await appendEvent(db, ctx, envelope, { action: "sent", signerId: signer.id, data: { channel } });
  } else {
    await db
      .updateTable("envelope_signers")
      .set((eb) => ({ reminders_sent: eb("reminders_sent", "+", 1), last_reminder_at: now }))
      .where("tenant_id", "=", signer.tenant_id)
      .where("id", "=", signer.id)
      .execute();
    await appendEvent(db, ctx, envelope, { action: "reminded", signerId: signer.id, data: { channel, count: signer.reminders_sent + 1 } });
  }
  return token;
}

/** Signers whose turn it is and who have not finished: everyone sent in parallel; the first unsigned in order. */
export function atTurn(envelope: EnvelopeRow, signers: SignerRow[]): SignerRow[] {
  const open = signers.filter((s) => s.status !== "signed" && s.status !== "declined");
  return envelope.routing === "parallel" ? open : open.slice(0, 1);
}
