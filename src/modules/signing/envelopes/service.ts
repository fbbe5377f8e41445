/**
 * Envelopes: documents sent to signers (CONTRACT STUB: the envelope helper replaces the bodies;
 * the signatures are what the routes rely on).
 */
import type { Selectable } from "kysely";
import type { Executor } from "../../../db";
import type { EnvelopeSignersTable, EnvelopesTable, EnvelopeDocumentsTable, SignerRole, SigningEventsTable } from "../../../db/schema-signing";
import type { Actor } from "../../../kernel/access";
import type { Deps } from "../../../server/deps";
import type { Step } from "../../onboarding/flow/types";
import type { ApplicationRow } from "../../onboarding/timeline";
import type { Lang } from "../render";

export type EnvelopeRow = Selectable<EnvelopesTable>;
export type SignerRow = Selectable<EnvelopeSignersTable>;
export type EnvelopeDocumentRow = Selectable<EnvelopeDocumentsTable>;
export type SigningEventRow = Selectable<SigningEventsTable>;

/** Who did it and from where: staff (actor) or a signer (ip, user agent). */
export interface SigningMeta {
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  requestId?: string | null;
}

export interface SignerInput {
  role: SignerRole;
  name: string;
  email?: string | null;
  phone?: string | null;
  language?: Lang;
}

export interface CreateEnvelopeInput {
  tenantId: string;
  applicationId: string;
  /** Template keys ("builtin-loan_contract", "upload-…"), in the order signed. */
  documents: string[];
  signers: SignerInput[];
  routing: "parallel" | "sequential";
  expiresInDays?: number;
  reminderEveryHours?: number | null;
  /** Set when the flow's signature step made it. */
  stepId?: string | null;
}

export type SignatureInput = { kind: "drawn"; png: Uint8Array } | { kind: "typed"; text: string };

export interface OtpSent {
  channel: "sms" | "email";
  sentTo: string;
  resendAfterSeconds: number;
  expiresAt: Date;
}

export interface SignerContext {
  signer: SignerRow;
  envelope: EnvelopeRow;
  documents: EnvelopeDocumentRow[];
}

const todo = (): never => {
  throw new Error("envelopes: not implemented yet");
};

export async function createEnvelope(_deps: Deps, _meta: SigningMeta, _input: CreateEnvelopeInput): Promise<EnvelopeRow> {
  return todo();
}

/** The flow's signature step: the application's current envelope for it (made, or remade when the answers changed) and a fresh link token for the applicant (null once they signed). */
export async function applicantSigning(_deps: Deps, _meta: SigningMeta, _app: ApplicationRow, _step: Step): Promise<{ envelope: EnvelopeRow; token: string | null }> {
  return todo();
}

/** The signer a link token belongs to; refuses unknown (token_invalid), used (link_used), expired (envelope_expired) and closed (envelope_closed) ones. */
export async function signerByToken(_db: Executor, _token: string, _now: Date): Promise<SignerContext> {
  return todo();
}

export async function markViewed(_deps: Deps, _meta: SigningMeta, _token: string): Promise<SignerContext> {
  return todo();
}

export async function giveConsent(_deps: Deps, _meta: SigningMeta, _token: string, _version: string): Promise<SignerContext> {
  return todo();
}

export async function sendSigningOtp(_deps: Deps, _meta: SigningMeta, _token: string, _channel?: "sms" | "email"): Promise<OtpSent> {
  return todo();
}

export async function verifySigningOtp(_deps: Deps, _meta: SigningMeta, _token: string, _code: string): Promise<SignerContext> {
  return todo();
}

/** Signs every document of the envelope for this signer; the last signature completes the envelope and seals it (after commit; a seal failure leaves it retryable). */
export async function signEnvelope(_deps: Deps, _meta: SigningMeta, _token: string, _signature: SignatureInput, _fields: Record<string, string | boolean>): Promise<SignerContext> {
  return todo();
}

export async function declineEnvelope(_deps: Deps, _meta: SigningMeta, _token: string, _reason: string): Promise<SignerContext> {
  return todo();
}

export async function voidEnvelope(_deps: Deps, _meta: SigningMeta, _tenantId: string, _envelopeId: string, _reason: string): Promise<EnvelopeRow> {
  return todo();
}

/** Sends a reminder to every signer whose turn it is and who has not signed; returns how many. */
export async function remindSigners(_deps: Deps, _meta: SigningMeta, _tenantId: string, _envelopeId: string): Promise<number> {
  return todo();
}

/** Seals a completed envelope whose seal failed (or is pending). */
export async function retrySeal(_deps: Deps, _meta: SigningMeta, _tenantId: string, _envelopeId: string): Promise<EnvelopeRow> {
  return todo();
}

/** The scheduled sweep: expire, remind, retry failed seals. */
export async function sweepSigning(_deps: Deps): Promise<{ expired: number; reminded: number; sealed: number }> {
  return todo();
}

export async function envelopeEvents(_db: Executor, _tenantId: string, _envelopeId: string): Promise<SigningEventRow[]> {
  return todo();
}

/** Recomputes the envelope's event chain: ok, or the first seq whose hash does not match. */
export async function verifyEnvelopeChain(_db: Executor, _tenantId: string, _envelopeId: string): Promise<{ ok: boolean; brokenAt: number | null }> {
  return todo();
}

/** A document's bytes: as filled before signing ("original") or sealed ("signed"). */
export async function documentBytes(_deps: Deps, _tenantId: string, _envelopeId: string, _documentId: string, _version: "original" | "signed"): Promise<Buffer> {
  return todo();
}
