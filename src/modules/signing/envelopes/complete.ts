/**
 * Sealing a completed envelope: for each document, flatten the signers' fields, append the audit
 * certificate, embed the audit trail, and apply the bank's seal. All sealed files are written to
 * the blob store first, then one transaction points every row at them; on any error the new
 * blobs are deleted, the envelope is marked seal failed (retryable) and nothing partial remains.
 * Only a sealed envelope tells its signers, with a link to their copies (copy.ts).
 */
import { inTransaction } from "../../../db";
import { sha256Hex } from "../../../kernel/crypto";
import { AppError } from "../../../kernel/errors";
import { newId } from "../../../kernel/ids";
import type { Deps } from "../../../server/deps";
import { bankOf, maskTo } from "../../onboarding/links";
import { type SealKeyProvider, sealKeyProvider } from "../keys";
import { appendCertificate, attachAuditTrail, type CertificateSigner, type FieldFill, flattenFields } from "../render";
import { sealPdf } from "../seal";
import { documentsOf, type EnvelopeDocumentRow, type EnvelopeRow, envelopeById, type SignerRow, signersOf } from "./common";
import { sendCopyLink } from "./copy";
import type { FilledField } from "./create";
import { asLang } from "./data";
import { appendEvent, envelopeEvents, type SigningEventRow } from "./events";
import type { SigningMeta } from "./types";

let keysOverride: SealKeyProvider | null = null;

/** Tests: seal with this provider instead of the configured one (null restores it). */
export function setSealKeysForTests(provider: SealKeyProvider | null): void {
  keysOverride = provider;
}

export const signedKey = (tenantId: string, envelopeId: string, docId: string) => `signing/${tenantId}/${envelopeId}/${docId}-signed-${newId()}.pdf`;

/** The signer a field belongs to: the first of its role, in order. */
export const signerForField = (field: { role: string }, signers: SignerRow[]) => signers.find((s) => s.role === field.role && s.status === "signed");

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => Array.from(p)[0])
    .join("")
    .toUpperCase();
}

/** Each field's value at flattening time. */
export async function fillsOf(deps: Deps, doc: EnvelopeDocumentRow, signers: SignerRow[], images: Map<string, Uint8Array>): Promise<FieldFill[]> {
  const fills: FieldFill[] = [];
  const lang = asLang(doc.language);
  for (const field of doc.fields as FilledField[]) {
    const s = signerForField(field, signers);
    if (field.kind === "text" && field.value !== undefined && field.value !== "") {
      fills.push({ field, kind: "text", text: field.value });
      continue;
    }
    if (!s) continue;
    const value = s.field_values[field.id];
    switch (field.kind) {
      case "signature": {
        const png = s.signature_kind === "drawn" ? images.get(s.id) : undefined;
        fills.push(png ? { field, kind: "image", png } : { field, kind: "text", text: s.signature_text ?? s.name });
        break;
      }
      case "initials":
        fills.push({ field, kind: "text", text: initials(s.name) });
        break;
      case "name":
        fills.push({ field, kind: "text", text: s.name });
        break;
      case "date":
        fills.push({ field, kind: "text", text: new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(s.signed_at ?? deps.clock.now()) });
        break;
      case "checkbox":
        fills.push({ field, kind: "check", checked: value === true });
        break;
      case "text":
        if (typeof value === "string" && value) fills.push({ field, kind: "text", text: value });
        break;
    }
  }
  return fills;
}

/** The trail embedded in the sealed PDF (AuditTrailEvent of the contract). */
export function trailOf(events: SigningEventRow[], signers: SignerRow[]) {
  const byId = new Map(signers.map((s) => [s.id, s]));
  return events.map((e) => {
    const s = e.signer_id ? byId.get(e.signer_id) : undefined;
    return { at: e.at.toISOString(), action: e.action, signer: s?.name ?? null, role: s?.role ?? null, ip: e.ip, userAgent: e.user_agent, hash: e.hash };
  });
}

function certSigners(signers: SignerRow[]): CertificateSigner[] {
  return signers.map((s) => {
    const to = s.otp_channel === "sms" ? s.phone : s.otp_channel === "email" ? s.email : null;
    return {
      name: s.name,
      role: s.role,
      authMethod: s.auth_method ?? "none",
      authTo: s.otp_channel && to ? maskTo(s.otp_channel, to) : null,
      ip: s.ip,
      userAgent: s.user_agent,
      sentAt: s.sent_at,
      viewedAt: s.viewed_at,
      consentedAt: s.consented_at,
      consentVersion: s.consent_version,
      signedAt: s.signed_at,
      signatureKind: s.signature_kind,
    };
  });
}

/**
 * Seals a completed envelope whose seal is pending or failed; returns the envelope as it ends.
 * Never throws for a seal failure: it is recorded (seal_status failed) for a retry.
 */
export async function sealEnvelope(deps: Deps, meta: SigningMeta, tenantId: string, envelopeId: string): Promise<EnvelopeRow> {
  const envelope = await envelopeById(deps.db, tenantId, envelopeId);
  if (envelope.status !== "completed" || (envelope.seal_status !== "pending" && envelope.seal_status !== "failed")) return envelope;
  const written: string[] = [];
  try {
    const [docs, signers, events, bank, app] = await Promise.all([
      documentsOf(deps.db, envelope),
      signersOf(deps.db, envelope),
      envelopeEvents(deps.db, tenantId, envelopeId),
      bankOf(deps.db, tenantId),
      deps.db.selectFrom("applications").select("reference").where("tenant_id", "=", tenantId).where("id", "=", envelope.application_id).executeTakeFirstOrThrow(),
    ]);
    const images = new Map<string, Uint8Array>();
    for (const s of signers) if (s.signature_blob) images.set(s.id, await deps.blobs.get(s.signature_blob));
    const sealer = await (keysOverride ?? sealKeyProvider(deps.db, deps.config)).sealerFor(tenantId, bank.name);
    const trail = trailOf(events, signers);
    const now = deps.clock.now();
    const results: Array<{ id: string; key: string; sha256: string }> = [];
    for (const doc of docs) {
      const original = await deps.blobs.get(doc.original_blob);
      const flat = await flattenFields(original, await fillsOf(deps, doc, signers, images));
      const certified = await appendCertificate(flat, {
        language: asLang(doc.language),
        bank: { name: bank.name },
        envelopeId,
        reference: app.reference,
        documentName: doc.name,
        originalSha256: doc.original_sha256,
        completedAt: envelope.completed_at ?? now,
        signers: certSigners(signers),
      });
      const withTrail = await attachAuditTrail(certified, trail);
      const sealed = await sealPdf(withTrail, sealer, { name: bank.name, reason: `Electronic seal of ${bank.name}`, location: new URL(deps.config.publicUrl).host, at: now });
      const key = signedKey(tenantId, envelopeId, doc.id);
      await deps.blobs.put(key, Buffer.from(sealed));
      written.push(key);
      results.push({ id: doc.id, key, sha256: sha256Hex(sealed) });
    }
    const done = await inTransaction(deps.db, async (trx) => {
      const claimed = await trx
        .updateTable("envelopes")
        .set({ seal_status: "sealed", seal_error: null })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", envelopeId)
        .where("seal_status", "in", ["pending", "failed"])
        .returningAll()
        .executeTakeFirst();
      if (!claimed) return null;
      for (const r of results) {
        await trx.updateTable("envelope_documents").set({ signed_blob: r.key, signed_sha256: r.sha256 }).where("tenant_id", "=", tenantId).where("id", "=", r.id).execute();
      }
      await appendEvent(trx, { now: deps.clock.now(), actor: meta.actor, requestId: meta.requestId }, envelope, {
        action: "sealed",
        data: { documents: results.map((r) => ({ id: r.id, sha256: r.sha256 })), test: sealer.test },
      });
      // Each signer's link becomes a copy link: the "completed" message carries it (COPY_DAYS).
      for (const s of signers) if (s.email || s.phone) await sendCopyLink(trx, deps, envelope, s);
      return claimed;
    });
    if (!done) {
      // Another run sealed it meanwhile: keep its files, drop ours.
      await Promise.all(written.map((k) => deps.blobs.delete(k).catch(() => undefined)));
      return envelopeById(deps.db, tenantId, envelopeId);
    }
    return done;
  } catch (err) {
    await Promise.all(written.map((k) => deps.blobs.delete(k).catch(() => undefined)));
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    // Operators see it in the log too, not only staff on the envelope (the sweep retries it).
    deps.log.error({ err, tenantId, envelopeId }, "signing: sealing an envelope failed; it stays signed and will be retried");
    return inTransaction(deps.db, async (trx) => {
      const row = await trx
        .updateTable("envelopes")
        .set((eb) => ({ seal_status: "failed", seal_error: error, seal_attempts: eb("seal_attempts", "+", 1) }))
        .where("tenant_id", "=", tenantId)
        .where("id", "=", envelopeId)
        .where("seal_status", "in", ["pending", "failed"])
        .returningAll()
        .executeTakeFirst();
      if (!row) return envelopeById(trx, tenantId, envelopeId);
      await appendEvent(trx, { now: deps.clock.now(), actor: meta.actor, requestId: meta.requestId }, envelope, { action: "seal_failed", data: { error, attempt: row.seal_attempts } });
      return row;
    });
  }
}

/** Staff retry of a failed (or stuck pending) seal; 503 seal_failed when it fails again. */
export async function retrySeal(deps: Deps, meta: SigningMeta, tenantId: string, envelopeId: string): Promise<EnvelopeRow> {
  const envelope = await envelopeById(deps.db, tenantId, envelopeId);
  if (envelope.status !== "completed" || (envelope.seal_status !== "failed" && envelope.seal_status !== "pending")) {
    throw new AppError("wrong_state", `Only a completed envelope whose seal failed can be sealed again (this one is ${envelope.status}, seal ${envelope.seal_status})`);
  }
  const after = await sealEnvelope(deps, meta, tenantId, envelopeId);
  if (after.seal_status === "failed") throw new AppError("seal_failed", `Sealing failed again: ${after.seal_error ?? "unknown error"}`);
  return after;
}
