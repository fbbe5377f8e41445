/**
 * Signed copies for signers. When an envelope is sealed every signer's link is rotated to a copy
 * link valid for COPY_DAYS, sent in the "completed" message. With it a signer sees the sealed
 * documents' list and, after a one-time code (the signing codes' rules, their own events and
 * confirmation time: the signing's authenticated_at and auth_method stay as they were), downloads
 * them. Each download is recorded in the envelope's chain.
 */
import type { Executor } from "../../../db";
import { AppError } from "../../../kernel/errors";
import type { Deps } from "../../../server/deps";
import { documentsOf, type EnvelopeRow, envelopeById, notifySigner, rotateToken, type SignerContext, type SignerRow, signerRowByToken, signingUrl } from "./common";
import { appendEvent } from "./events";
import { AUTH_VALID_MINUTES } from "./sign";
import { bySigner, type OtpPurpose, sendOtp, verifyOtp } from "./signer";
import type { OtpSent, SigningMeta } from "./types";

/** How long a copy link works after the seal. */
export const COPY_DAYS = 30;

/** Rotates the signer's link to a copy link (COPY_DAYS), clears the code state, and sends the "completed" message with the link. */
export async function sendCopyLink(db: Executor, deps: Deps, envelope: EnvelopeRow, signer: SignerRow): Promise<string> {
  const expiresAt = new Date(deps.clock.now().getTime() + COPY_DAYS * 86_400_000);
  const token = await rotateToken(db, signer, expiresAt);
  // The code columns now serve the copies: the signing's code state does not carry over (its
  // channel stays, as the certificate states it).
  await db
    .updateTable("envelope_signers")
    .set({ otp_hash: null, otp_expires_at: null, otp_sent_at: null, otp_failures: 0, otp_locked_until: null, signed_token_hash: signer.token_hash })
    .where("tenant_id", "=", signer.tenant_id)
    .where("id", "=", signer.id)
    .execute();
  await notifySigner(db, deps, envelope, signer, "completed", { link: await signingUrl(db, deps, envelope.tenant_id, token), days: String(COPY_DAYS) });
  return token;
}

/**
 * The signer behind a copy link: unknown → token_invalid; not signed, or the envelope not
 * completed and sealed → wrong_state; past the link's time → token_expired.
 */
export async function copySignerByToken(db: Executor, token: string, now: Date, opts: { forUpdate?: boolean } = {}): Promise<SignerContext> {
  const signer = await signerRowByToken(db, token, opts);
  const envelope = await envelopeById(db, signer.tenant_id, signer.envelope_id, opts);
  if (signer.status !== "signed" || envelope.status !== "completed" || envelope.seal_status !== "sealed") {
    throw new AppError("wrong_state", "The signed copies open once everyone has signed and the bank has sealed the documents", {
      issues: [{ path: "header.authorization", message: "is not a link to sealed documents", code: "not_sealed" }],
    });
  }
  if (!signer.token_expires_at || signer.token_expires_at <= now) throw new AppError("token_expired", "This link has expired; ask the bank for a copy of the signed documents");
  return { signer, envelope, documents: await documentsOf(db, envelope) };
}

/** A code confirms the signer's copies for AUTH_VALID_MINUTES. */
export const copyConfirmed = (signer: SignerRow, now: Date): boolean =>
  signer.copy_authenticated_at !== null && now.getTime() - signer.copy_authenticated_at.getTime() <= AUTH_VALID_MINUTES * 60_000;

const COPY: OtpPurpose = {
  load: (trx, token, now) => copySignerByToken(trx, token, now, { forUpdate: true }),
  domain: "copy-otp",
  sent: "copy_otp_sent",
  failed: "copy_otp_failed",
  confirm: (signer, now) => ({ set: { copy_authenticated_at: now }, action: "copy_authenticated", data: { channel: signer.otp_channel } }),
};

export const openCopy = (deps: Deps, token: string): Promise<SignerContext> => copySignerByToken(deps.db, token, deps.clock.now());
export const sendCopyOtp = (deps: Deps, meta: SigningMeta, token: string, wanted?: "sms" | "email"): Promise<OtpSent> => sendOtp(deps, meta, COPY, token, wanted);
export const verifyCopyOtp = (deps: Deps, meta: SigningMeta, token: string, code: string): Promise<SignerContext> => verifyOtp(deps, meta, COPY, token, code);

/** A sealed document for a signer who confirmed a code in the last 30 minutes; the download is recorded. */
export async function copyDocument(deps: Deps, meta: SigningMeta, token: string, documentId: string): Promise<{ name: string; bytes: Buffer }> {
  const now = deps.clock.now();
  const { signer, envelope, documents } = await copySignerByToken(deps.db, token, now);
  if (!copyConfirmed(signer, now)) {
    throw new AppError("forbidden", "Confirm the one-time code first: the signed documents open after it", {
      issues: [{ path: "header.authorization", message: "confirm a one-time code first", code: "code_required" }],
    });
  }
  const doc = documents.find((d) => d.id === documentId);
  if (!doc?.signed_blob) throw new AppError("not_found", "No such document in this envelope");
  const bytes = await deps.blobs.get(doc.signed_blob);
  await appendEvent(deps.db, { now, actor: null, requestId: meta.requestId }, envelope, { action: "copy_downloaded", ...bySigner(signer, meta), data: { documentId: doc.id, sha256: doc.signed_sha256 } });
  return { name: doc.name, bytes: Buffer.from(bytes) };
}
