/**
 * Envelopes: documents sent to signers. The signatures here are what the routes rely on; the work
 * is split by concern: create.ts (making and sending), signer.ts (view, consent, one-time code),
 * sign.ts (sign, decline, void, remind), complete.ts (seal), sweep.ts (expiry, reminders, seal
 * retries), flow.ts (the onboarding step), events.ts (the hash-chained audit trail).
 */
import type { Executor } from "../../../db";
import { AppError, notFound } from "../../../kernel/errors";
import type { Deps } from "../../../server/deps";
import { envelopeById } from "./common";

export type { EnvelopeDocumentRow, EnvelopeRow, SignerContext, SignerRow } from "./common";
export type { SigningEventRow } from "./events";
export type { CreateEnvelopeInput, OtpSent, SignatureInput, SignerInput, SigningMeta } from "./types";
export { signerByToken } from "./common";
export { createEnvelope } from "./create";
export { applicantSigning } from "./flow";
export { giveConsent, markViewed, sendSigningOtp, verifySigningOtp } from "./signer";
export { declineEnvelope, remindSigners, signEnvelope, voidEnvelope } from "./sign";
export { retrySeal, setSealKeysForTests } from "./complete";
export { sweepSigning } from "./sweep";
export { envelopeEvents, verifyEnvelopeChain } from "./events";
export { CONSENT_VERSION, consentFor } from "./consent";

/** A document's bytes: as filled before signing ("original") or sealed ("signed"). */
export async function documentBytes(deps: Deps, tenantId: string, envelopeId: string, documentId: string, version: "original" | "signed"): Promise<Buffer> {
  const envelope = await envelopeById(deps.db, tenantId, envelopeId);
  const doc = await (deps.db as Executor)
    .selectFrom("envelope_documents")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("envelope_id", "=", envelope.id)
    .where("id", "=", documentId)
    .executeTakeFirst();
  if (!doc) throw notFound("Document");
  if (version === "signed") {
    if (!doc.signed_blob) throw new AppError("wrong_state", "This document is not sealed yet", { issues: [{ path: "query.version", message: "no signed version yet", code: "not_sealed" }] });
    return deps.blobs.get(doc.signed_blob);
  }
  return deps.blobs.get(doc.original_blob);
}
