/** An envelope event embedded in a sealed PDF (POST /signing/verify). */
export interface AuditTrailEvent {
  at: string;
  action: string;
  signer: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
  hash: string;
  [key: string]: unknown;
}

/** The bank's electronic seal (src/modules/signing/routes.ts). */
export interface SealVerification {
  sealed: boolean;
  intact: boolean;
  coversWholeDocument: boolean;
  signer: { subject: string; issuer: string } | null;
  signedAt: string | null;
  /** The signature time-stamp (PAdES B-T) when it verifies over this signature. */
  timestamp: { at: string; authority: string } | null;
  auditTrail: AuditTrailEvent[];
  trusted: boolean;
  testSeal: boolean;
  bank: { slug: string; name: string } | null;
  problems: string[];
}

/* ---------- E-signature (issue 6): templates, envelopes, signers, the audit trail ---------- */

export type SignerRole = "applicant" | "co_applicant" | "guarantor";
export type FieldKind = "signature" | "initials" | "name" | "date" | "text" | "checkbox";
export type SigningLanguage = "en" | "he" | "ar" | "zh-Hans" | "zh-Hant";
export type SigningText = Partial<Record<SigningLanguage, string>>;

/**
 * A field placed on a page, in PDF points from the page's bottom-left corner: (x, y) is the box's
 * lower-left corner; `page` is numbered from 0 (src/db/schema-signing.ts PlacedField).
 */
export interface PlacedField {
  id: string;
  kind: FieldKind;
  role: SignerRole;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  required: boolean;
  label?: Record<string, string>;
  source?: string;
}

export interface TemplatePage {
  width: number;
  height: number;
}

export type TemplateStatus = "draft" | "active" | "archived";

export interface TemplateSummary {
  key: string;
  source: "builtin" | "upload";
  id: string | null;
  name: SigningText;
  products: string[];
  languages: string[];
  status: TemplateStatus;
  version: number;
  pageCount: number | null;
  fieldCount: number;
  updatedAt: string | null;
}

export interface Template extends TemplateSummary {
  pages: TemplatePage[];
  fields: PlacedField[];
  sha256: string | null;
}

export interface TemplateUpdate {
  name?: SigningText;
  product?: string | null;
  fields?: PlacedField[];
  status?: TemplateStatus;
}

export type EnvelopeStatus = "sent" | "completed" | "declined" | "voided" | "expired";
export type SealStatus = "none" | "pending" | "sealed" | "failed";
export type SignerStatus = "waiting" | "sent" | "viewed" | "consented" | "signed" | "declined";

export interface EnvelopeDocument {
  id: string;
  name: string;
  templateKey: string;
  templateVersion: number;
  language: string;
  originalSha256: string;
  signedSha256: string | null;
}

export interface EnvelopeSigner {
  id: string;
  position: number;
  role: SignerRole;
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
  status: SignerStatus;
  sentAt: string | null;
  viewedAt: string | null;
  consentedAt: string | null;
  consentVersion: string | null;
  authMethod: string | null;
  signedAt: string | null;
  declinedAt: string | null;
  declineReason: string | null;
  remindersSent: number;
  lastReminderAt: string | null;
}

export interface SigningEvent {
  seq: number;
  at: string;
  action: string;
  signerId: string | null;
  actorLabel: string | null;
  ip: string | null;
  userAgent: string | null;
  data: Record<string, unknown>;
  hash: string;
}

export interface Envelope {
  id: string;
  applicationId: string;
  stepId: string | null;
  status: EnvelopeStatus;
  sealStatus: SealStatus;
  sealError: string | null;
  routing: "parallel" | "sequential";
  language: string;
  expiresAt: string;
  createdAt: string;
  createdBy: string | null;
  completedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  reminderEveryHours: number | null;
  documents: EnvelopeDocument[];
  signers: EnvelopeSigner[];
  events: SigningEvent[];
}

export interface EnvelopeSignerInput {
  role: SignerRole;
  name: string;
  email?: string;
  phone?: string;
  language?: SigningLanguage;
}

export interface EnvelopeInput {
  documents: string[];
  signers: EnvelopeSignerInput[];
  routing?: "parallel" | "sequential";
  expiresInDays?: number;
  reminderEveryHours?: number | null;
}

export interface EnvelopeAuditTrail {
  envelopeId: string;
  chainOk: boolean;
  events: SigningEvent[];
}

/** GET /applications/{id} `signedDocuments`: the sealed documents of the application. */
export interface SignedDocument {
  envelopeId: string;
  documentId: string;
  name: string;
  signedAt: string | null;
  sha256: string;
  url: string;
}
