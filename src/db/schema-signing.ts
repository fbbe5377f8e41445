import type { ColumnType, Generated, JSONColumnType } from "kysely";

/** E-signature tables (migration 0009): templates, envelopes, their documents, signers and audit trail. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T extends object | null = Record<string, unknown>> = JSONColumnType<T, T | string, T | string>;
/** A jsonb column with a database default: optional on insert. */
type DefaultedJson<T extends object = Record<string, unknown>> = ColumnType<T, T | string | undefined, T | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type SignerRole = "applicant" | "co_applicant" | "guarantor";
export type FieldKind = "signature" | "initials" | "name" | "date" | "text" | "checkbox";

/**
 * A field placed on a page, in PDF points from the page's bottom-left corner. `role` says whose
 * field it is. `source` (text fields) fills it from the application: an answer's field id or a
 * prefill key ("customer.name"); without it the signer types it. `label` is shown to the signer.
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

export interface DocumentTemplatesTable {
  tenant_id: string;
  id: string;
  /** Stable key used by flows and envelopes ("upload-<slug>"); built-in templates are not rows. */
  key: string;
  name: Json<Record<string, string>>;
  product: string | null;
  language: string;
  /** Blob store key of the uploaded PDF. */
  pdf_blob: string;
  pdf_sha256: string;
  page_count: number;
  pages: DefaultedJson<TemplatePage[]>;
  fields: DefaultedJson<PlacedField[]>;
  version: Defaulted<number>;
  status: Defaulted<TemplateStatus>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type EnvelopeStatus = "sent" | "completed" | "declined" | "voided" | "expired";
export type SealStatus = "none" | "pending" | "sealed" | "failed";

export interface EnvelopesTable {
  tenant_id: string;
  id: string;
  application_id: string;
  /** The flow's signature step when the envelope was made by it; null when staff sent it. */
  step_id: string | null;
  status: EnvelopeStatus;
  seal_status: Defaulted<SealStatus>;
  seal_attempts: Defaulted<number>;
  seal_error: string | null;
  routing: "parallel" | "sequential";
  language: string;
  /** SHA-256 of the answers the documents were filled from (a change voids an unsigned flow envelope). */
  answers_digest: string | null;
  expires_at: Timestamp;
  reminder_every_hours: number | null;
  next_reminder_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  completed_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  close_reason: string | null;
}

export interface EnvelopeDocumentsTable {
  tenant_id: string;
  id: string;
  envelope_id: string;
  position: number;
  template_key: string;
  template_version: number;
  name: string;
  language: string;
  /** Blob store key of the document as filled, before anyone signed. */
  original_blob: string;
  original_sha256: string;
  fields: DefaultedJson<PlacedField[]>;
  page_count: number;
  /** The built-in document's reading view (DocumentBlock[]) made with the PDF, so the signer reads exactly what they sign; null for uploads. */
  blocks: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  /** Blob store key of the flattened, certified and sealed document. */
  signed_blob: string | null;
  signed_sha256: string | null;
}

export type SignerStatus = "waiting" | "sent" | "viewed" | "consented" | "signed" | "declined";

export interface EnvelopeSignersTable {
  tenant_id: string;
  id: string;
  envelope_id: string;
  position: number;
  role: SignerRole;
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
  status: Defaulted<SignerStatus>;
  token_hash: string | null;
  /** The link the signer signed with, kept when the seal replaces it by a copy link: opening it again says "already signed". */
  signed_token_hash: string | null;
  token_expires_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  viewed_at: NullableTimestamp;
  consent_version: string | null;
  consented_at: NullableTimestamp;
  otp_channel: "sms" | "email" | null;
  otp_hash: string | null;
  otp_expires_at: NullableTimestamp;
  otp_sent_at: NullableTimestamp;
  otp_sends: Defaulted<number>;
  otp_failures: Defaulted<number>;
  otp_locked_until: NullableTimestamp;
  authenticated_at: NullableTimestamp;
  /** "otp_sms" | "otp_email" */
  auth_method: string | null;
  /** When a one-time code last confirmed the signer for their signed copies (kept apart from the signing's authenticated_at). */
  copy_authenticated_at: NullableTimestamp;
  signed_at: NullableTimestamp;
  signature_kind: "drawn" | "typed" | null;
  /** Blob store key of the signature image (PNG) the signer drew, or that their typed name was drawn as. */
  signature_blob: string | null;
  signature_text: string | null;
  field_values: DefaultedJson<Record<string, string | boolean>>;
  declined_at: NullableTimestamp;
  decline_reason: string | null;
  ip: string | null;
  user_agent: string | null;
  reminders_sent: Defaulted<number>;
  last_reminder_at: NullableTimestamp;
}

export interface SigningEventsTable {
  tenant_id: string;
  envelope_id: string;
  seq: number;
  id: string;
  at: Timestamp;
  signer_id: string | null;
  /** sent, viewed, consented, otp_sent, otp_failed, authenticated, signed, declined, voided, expired, reminded, completed, sealed, seal_failed, … */
  action: string;
  actor_label: string | null;
  ip: string | null;
  user_agent: string | null;
  data: DefaultedJson;
  prev_hash: string;
  hash: string;
}

export interface SigningTables {
  document_templates: DocumentTemplatesTable;
  envelopes: EnvelopesTable;
  envelope_documents: EnvelopeDocumentsTable;
  envelope_signers: EnvelopeSignersTable;
  signing_events: SigningEventsTable;
}

export type { Generated };
