/**
 * Documents to sign, rendered on the server: built-in templates in five languages (HarfBuzz
 * shaping, bidi, subset Type0 fonts), field flattening, the certificate of completion, and the
 * embedded audit trail. The signatures here are the contract the envelope service relies on.
 */
import type { PlacedField, SignerRole, TemplatePage } from "../../../db/schema-signing";
import { renderBuiltinDocument } from "./builtin";
import { certificate, flatten } from "./finish";
import { inspect, outline } from "./inspect";
import { templateText } from "./texts";
import { attach, read } from "./trail";

export type Lang = "en" | "he" | "ar" | "zh-Hans" | "zh-Hant";
export const RENDER_LANGUAGES: readonly Lang[] = ["en", "he", "ar", "zh-Hans", "zh-Hant"];

export type BuiltinKind = "account_agreement" | "card_terms" | "loan_contract" | "mortgage_preapproval";

export interface BuiltinTemplate {
  /** "builtin-account_agreement" … */
  key: string;
  kind: BuiltinKind;
  /** Onboarding products it suits (ProductId values). */
  products: string[];
  name: Record<Lang, string>;
}

/** What a document is filled with; every string already formatted for `language`. */
export interface DocumentData {
  language: Lang;
  bank: { name: string };
  reference: string;
  product: string;
  productName: string;
  /** When the document was prepared. */
  date: Date;
  customer: { name: string; email?: string | null; phone?: string | null; dateOfBirth?: string | null; nationalId?: string | null; address?: string | null };
  /** The application's answers worth printing, as label/value pairs in `language`. */
  details: Array<{ label: string; value: string }>;
  /** Loan figures when the product has them (amount with currency, term, rate), already formatted. */
  loan?: { amount?: string; termMonths?: number; rate?: string; monthly?: string } | null;
  signers: Array<{ role: SignerRole; name: string }>;
}

/** The document as accessible blocks, for the customer's reading view (same text as the PDF). */
export type DocumentBlock =
  | { type: "heading"; text: string }
  | { type: "paragraph"; text: string }
  | { type: "list"; items: string[] }
  | { type: "table"; rows: Array<{ label: string; value: string }> }
  | { type: "signatures"; signers: Array<{ role: SignerRole; name: string }> };

export interface RenderedDocument {
  pdf: Uint8Array;
  pages: TemplatePage[];
  /** Where each signer signs, initials, and where their name and the date go. */
  fields: PlacedField[];
  blocks: DocumentBlock[];
  /** The document's title in its language. */
  title: string;
}

/** One field's value at flattening time. */
export type FieldFill =
  | { field: PlacedField; kind: "image"; png: Uint8Array }
  | { field: PlacedField; kind: "text"; text: string }
  | { field: PlacedField; kind: "check"; checked: boolean };

export interface CertificateSigner {
  name: string;
  role: SignerRole;
  /** "otp_sms" | "otp_email" */
  authMethod: string;
  /** Masked destination the code went to ("+972 ••• ••67"). */
  authTo: string | null;
  ip: string | null;
  userAgent: string | null;
  sentAt: Date | null;
  viewedAt: Date | null;
  consentedAt: Date | null;
  consentVersion: string | null;
  signedAt: Date | null;
  signatureKind: "drawn" | "typed" | null;
}

export interface AuditCertificate {
  language: Lang;
  bank: { name: string };
  envelopeId: string;
  reference: string;
  documentName: string;
  originalSha256: string;
  completedAt: Date;
  signers: CertificateSigner[];
}

export const BUILTIN_TEMPLATES: BuiltinTemplate[] = [
  { key: "builtin-account_agreement", kind: "account_agreement", products: ["checking", "savings"], name: templateNames("account_agreement") },
  { key: "builtin-card_terms", kind: "card_terms", products: ["credit_card"], name: templateNames("card_terms") },
  { key: "builtin-loan_contract", kind: "loan_contract", products: ["personal_loan", "auto_loan"], name: templateNames("loan_contract") },
  { key: "builtin-mortgage_preapproval", kind: "mortgage_preapproval", products: ["mortgage"], name: templateNames("mortgage_preapproval") },
];

function templateNames(kind: BuiltinKind): Record<Lang, string> {
  return Object.fromEntries(RENDER_LANGUAGES.map((l) => [l, templateText(kind, l).title])) as Record<Lang, string>;
}

/**
 * Renders a built-in template filled with `data`, in `data.language`. Field pages are 0-based
 * page indexes (like pdf-lib's getPage), coordinates in PDF points from the bottom-left.
 */
export async function renderBuiltin(kind: BuiltinKind, data: DocumentData): Promise<RenderedDocument> {
  return renderBuiltinDocument(kind, data);
}

/** Pages of an uploaded PDF; refuses non-PDF, encrypted and corrupt files (AppError naming `body`). */
export async function inspectPdf(bytes: Uint8Array): Promise<{ pageCount: number; pages: TemplatePage[] }> {
  return inspect(bytes);
}

/** Draws the values onto their pages as plain page content (no form fields remain). */
export async function flattenFields(pdf: Uint8Array, fills: FieldFill[]): Promise<Uint8Array> {
  return flatten(pdf, fills);
}

/** Appends the audit certificate page(s), in the certificate's language with English beside it. */
export async function appendCertificate(pdf: Uint8Array, cert: AuditCertificate): Promise<Uint8Array> {
  return certificate(pdf, cert);
}

/** Embeds the audit trail as the file "audit-trail.json" (before sealing, so the seal covers it). */
export async function attachAuditTrail(pdf: Uint8Array, trail: unknown[]): Promise<Uint8Array> {
  return attach(pdf, trail);
}

/** The embedded audit trail, or null when the PDF carries none (never throws). */
export async function readAuditTrail(pdf: Uint8Array): Promise<unknown[] | null> {
  return read(pdf);
}

/** An uploaded template with its fields outlined and labelled (the back office's preview). */
export async function outlineFields(pdf: Uint8Array, fields: PlacedField[]): Promise<Uint8Array> {
  return outline(pdf, fields);
}

export { sampleDocumentData } from "./sample";
