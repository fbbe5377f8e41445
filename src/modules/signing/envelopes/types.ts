/** Inputs of the envelope service (service.ts re-exports them for the routes). */
import type { SignerRole } from "../../../db/schema-signing";
import type { Actor } from "../../../kernel/access";
import type { Lang } from "../render";

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
