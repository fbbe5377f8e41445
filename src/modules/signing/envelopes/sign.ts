/**
 * Signing, declining, voiding and reminding. A signature needs the consent and a one-time code
 * verified in the last 30 minutes; the last signature completes the envelope (same transaction)
 * and the seal runs after commit. In sequential envelopes each signature sends the next link.
 */
import { sha256Hex } from "../../../kernel/crypto";
import { inTransaction } from "../../../db";
import { AppError, type FieldIssue } from "../../../kernel/errors";
import type { Deps } from "../../../server/deps";
import { atTurn, contextById, type EnvelopeRow, envelopeById, MAX_REMINDERS, notifySigner, type SignerContext, sendLink, signerByToken, signersOf } from "./common";
import { sealEnvelope } from "./complete";
import type { FilledField } from "./create";
import { appendEvent, type EventContext } from "./events";
import { checkDrawnSignature } from "./png";
import { bySigner, requireConsent } from "./signer";
import type { SignatureInput, SigningMeta } from "./types";

export const AUTH_VALID_MINUTES = 30;

const ctxOf = (deps: Deps, meta: SigningMeta, staff = false): EventContext => ({ now: deps.clock.now(), actor: staff ? meta.actor : null, requestId: meta.requestId });

function checkSignature(sig: SignatureInput): void {
  if (sig.kind === "drawn") {
    checkDrawnSignature(sig.png);
    return;
  }
  if (sig.kind !== "typed") throw new AppError("validation_failed", "Draw or type your signature", { issues: [{ path: "body.signature.kind", message: "drawn or typed", code: "invalid_option" }] });
  const text = typeof sig.text === "string" ? sig.text.trim() : "";
  if (Array.from(text).length < 2 || Array.from(text).length > 100) {
    throw new AppError("validation_failed", "Type your name as your signature (2 to 100 characters)", { issues: [{ path: "body.signature.text", message: "2 to 100 characters", code: text ? "length" : "empty" }] });
  }
}

/** The signer's own field values: required text and checkbox fields of their role must be given. */
function checkFields(ctx: SignerContext, given: Record<string, string | boolean>): Record<string, string | boolean> {
  const issues: FieldIssue[] = [];
  const mine = new Map<string, FilledField>();
  for (const d of ctx.documents) for (const f of d.fields as FilledField[]) if (f.role === ctx.signer.role && (f.kind === "text" || f.kind === "checkbox") && !f.source) mine.set(f.id, f);
  const out: Record<string, string | boolean> = {};
  for (const [id, value] of Object.entries(given ?? {})) {
    const f = mine.get(id);
    if (!f) issues.push({ path: `body.fields.${id}`, message: "not a field of yours", code: "unknown_field" });
    else if (f.kind === "checkbox" && typeof value !== "boolean") issues.push({ path: `body.fields.${id}`, message: "true or false", code: "invalid_type" });
    else if (f.kind === "text" && (typeof value !== "string" || value.length > 500)) issues.push({ path: `body.fields.${id}`, message: "text up to 500 characters", code: "invalid_type" });
    else out[id] = typeof value === "string" ? value.trim() : value;
  }
  for (const f of mine.values()) {
    const v = out[f.id];
    if (f.required && (v === undefined || v === "" || v === false)) issues.push({ path: `body.fields.${f.id}`, message: f.kind === "checkbox" ? "must be ticked" : "required", code: "required" });
  }
  if (issues.length) throw new AppError("validation_failed", "Some fields need an answer", { issues });
  return out;
}

export async function signEnvelope(deps: Deps, meta: SigningMeta, token: string, signature: SignatureInput, fields: Record<string, string | boolean>): Promise<SignerContext> {
  checkSignature(signature);
  const png = signature.kind === "drawn" ? Buffer.from(signature.png) : null;
  let blobKey: string | null = null;
  try {
    const out = await inTransaction(deps.db, async (trx) => {
      const now = deps.clock.now();
      const c = await signerByToken(trx, token, now, { forUpdate: true });
      const { signer, envelope } = c;
      requireConsent(signer);
      if (!signer.authenticated_at || now.getTime() - signer.authenticated_at.getTime() > AUTH_VALID_MINUTES * 60_000) {
        throw new AppError("wrong_state", "Confirm the one-time code first", { issues: [{ path: "otp", message: "not verified in the last 30 minutes", code: "otp_required" }] });
      }
      const all = await signersOf(trx, envelope);
      if (envelope.routing === "sequential" && all.some((s) => s.position < signer.position && s.status !== "signed")) {
        throw new AppError("wrong_state", "Earlier signers have not signed yet", { issues: [{ path: "signer", message: "not your turn yet", code: "not_your_turn" }] });
      }
      const values = checkFields(c, fields);
      if (png) {
        blobKey = `signing/${signer.tenant_id}/${envelope.id}/${signer.id}-signature.png`;
        await deps.blobs.put(blobKey, png);
      }
      await trx
        .updateTable("envelope_signers")
        .set({
          status: "signed",
          signed_at: now,
          signature_kind: signature.kind,
          signature_blob: blobKey,
          signature_text: signature.kind === "typed" ? signature.text.trim() : null,
          field_values: JSON.stringify(values),
          ip: meta.ip,
          user_agent: meta.userAgent,
        })
        .where("tenant_id", "=", signer.tenant_id)
        .where("id", "=", signer.id)
        .execute();
      const ctx = ctxOf(deps, meta);
      await appendEvent(trx, ctx, envelope, {
        action: "signed",
        ...bySigner(signer, meta),
        data: { kind: signature.kind, imageSha256: png ? sha256Hex(png) : null, documentSha256: c.documents.map((d) => d.original_sha256), authMethod: signer.auth_method },
      });
      const after = await signersOf(trx, envelope);
      const open = after.filter((s) => s.status !== "signed");
      let completed = false;
      if (open.length === 0) {
        const done = await trx
          .updateTable("envelopes")
          .set({ status: "completed", completed_at: now, seal_status: "pending" })
          .where("tenant_id", "=", envelope.tenant_id)
          .where("id", "=", envelope.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendEvent(trx, { ...ctx, now: deps.clock.now() }, done, { action: "completed", data: { signers: after.length } });
        completed = true;
      } else if (envelope.routing === "sequential") {
        for (const next of atTurn(envelope, after)) if (next.status === "waiting") await sendLink(trx, deps, ctx, envelope, next, "request");
      }
      return { tenantId: signer.tenant_id, signerId: signer.id, envelopeId: envelope.id, completed };
    });
    if (out.completed) await sealEnvelope(deps, meta, out.tenantId, out.envelopeId);
    return contextById(deps.db, out.tenantId, out.signerId);
  } catch (err) {
    const key = blobKey as string | null;
    if (key) await deps.blobs.delete(key).catch(() => undefined);
    throw err;
  }
}

export async function declineEnvelope(deps: Deps, meta: SigningMeta, token: string, reason: string): Promise<SignerContext> {
  const text = typeof reason === "string" ? reason.trim() : "";
  if (text.length < 1 || text.length > 500) throw new AppError("validation_failed", "Say why you decline (1 to 500 characters)", { issues: [{ path: "body.reason", message: "1 to 500 characters", code: text ? "too_long" : "required" }] });
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const { signer, envelope } = await signerByToken(trx, token, now, { forUpdate: true });
    await trx.updateTable("envelope_signers").set({ status: "declined", declined_at: now, decline_reason: text, ip: meta.ip, user_agent: meta.userAgent }).where("tenant_id", "=", signer.tenant_id).where("id", "=", signer.id).execute();
    const closed = await trx
      .updateTable("envelopes")
      .set({ status: "declined", closed_at: now, close_reason: text, next_reminder_at: null })
      .where("tenant_id", "=", envelope.tenant_id)
      .where("id", "=", envelope.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(trx, ctxOf(deps, meta), envelope, { action: "declined", ...bySigner(signer, meta), data: { reason: text } });
    // Everyone else who already had a link learns it is cancelled.
    for (const s of await signersOf(trx, envelope)) if (s.id !== signer.id && s.sent_at && s.status !== "signed") await notifySigner(trx, deps, closed, s, "declined", {});
    return contextById(trx, signer.tenant_id, signer.id);
  });
}

export async function voidEnvelope(deps: Deps, meta: SigningMeta, tenantId: string, envelopeId: string, reason: string): Promise<EnvelopeRow> {
  const text = typeof reason === "string" ? reason.trim() : "";
  if (text.length < 1 || text.length > 500) throw new AppError("validation_failed", "Give a reason (1 to 500 characters)", { issues: [{ path: "body.reason", message: "1 to 500 characters", code: "required" }] });
  return inTransaction(deps.db, async (trx) => {
    const envelope = await envelopeById(trx, tenantId, envelopeId, { forUpdate: true });
    if (envelope.status !== "sent") throw new AppError("wrong_state", `Only an envelope out for signature can be voided (this one is ${envelope.status})`);
    const now = deps.clock.now();
    const row = await trx
      .updateTable("envelopes")
      .set({ status: "voided", closed_at: now, close_reason: text, next_reminder_at: null })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", envelopeId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(trx, ctxOf(deps, meta, true), envelope, { action: "voided", ip: meta.ip, userAgent: meta.userAgent, data: { reason: text } });
    return row;
  });
}

/** Reminds every signer whose turn it is (at most 5 reminders each); returns how many. */
export async function remindSigners(deps: Deps, meta: SigningMeta, tenantId: string, envelopeId: string, opts: { scheduled?: boolean } = {}): Promise<number> {
  return inTransaction(deps.db, async (trx) => {
    const envelope = await envelopeById(trx, tenantId, envelopeId, { forUpdate: true });
    const now = deps.clock.now();
    if (envelope.status !== "sent" || envelope.expires_at <= now) {
      if (opts.scheduled) return 0;
      throw new AppError("wrong_state", `Only an envelope out for signature can be reminded (this one is ${envelope.status})`);
    }
    let n = 0;
    for (const s of atTurn(envelope, await signersOf(trx, envelope))) {
      if (s.status === "waiting" || s.reminders_sent >= MAX_REMINDERS) continue;
      await sendLink(trx, deps, ctxOf(deps, meta, !opts.scheduled), envelope, s, "reminder");
      n++;
    }
    const every = envelope.reminder_every_hours;
    await trx
      .updateTable("envelopes")
      .set({ next_reminder_at: every ? new Date(now.getTime() + every * 3_600_000) : null })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", envelopeId)
      .execute();
    return n;
  });
}
