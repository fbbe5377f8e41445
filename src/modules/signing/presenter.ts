/**
 * What leaves the server about envelopes: the staff Envelope (documents, signers, the event
 * chain), the signer's own SignerView (consent text, what to sign, whose turn it is) and, once
 * sealed, their CopyView (the signed documents to download).
 */
import type { Executor } from "../../db";
import type { Deps } from "../../server/deps";
import { z } from "../../server/openapi";
import { bankOf, maskEmail, maskPhone } from "../onboarding/links";
import { consentFor } from "./envelopes/consent";
import { copyConfirmed } from "./envelopes/copy";
import { AUTH_VALID_MINUTES } from "./envelopes/sign";
import { OTP_RESEND_SECONDS } from "./envelopes/signer";
import type { EnvelopeDocumentRow, EnvelopeRow, SignerContext, SignerRow, SigningEventRow } from "./envelopes/service";
import type { DocumentBlock } from "./render";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const Role = z.enum(["applicant", "co_applicant", "guarantor"]);
const SignerStatus = z.enum(["waiting", "sent", "viewed", "consented", "signed", "declined"]);
const EnvelopeStatus = z.enum(["sent", "completed", "declined", "voided", "expired"]);

export const SigningEventSchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    action: z.string(),
    signerId: z.string().nullable(),
    actorLabel: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    hash: z.string(),
  })
  .openapi("SigningEvent");

export const EnvelopeSchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    stepId: z.string().nullable(),
    status: EnvelopeStatus,
    sealStatus: z.enum(["none", "pending", "sealed", "failed"]),
    sealError: z.string().nullable(),
    routing: z.enum(["parallel", "sequential"]),
    language: z.string(),
    expiresAt: z.string(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    completedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    closeReason: z.string().nullable(),
    reminderEveryHours: z.number().int().nullable(),
    documents: z.array(
      z.object({ id: z.string(), name: z.string(), templateKey: z.string(), templateVersion: z.number().int(), language: z.string(), originalSha256: z.string(), signedSha256: z.string().nullable() }),
    ),
    signers: z.array(
      z.object({
        id: z.string(),
        position: z.number().int(),
        role: Role,
        name: z.string(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        language: z.string(),
        status: SignerStatus,
        sentAt: z.string().nullable(),
        viewedAt: z.string().nullable(),
        consentedAt: z.string().nullable(),
        consentVersion: z.string().nullable(),
        authMethod: z.string().nullable(),
        signedAt: z.string().nullable(),
        declinedAt: z.string().nullable(),
        declineReason: z.string().nullable(),
        remindersSent: z.number().int(),
        lastReminderAt: z.string().nullable(),
      }),
    ),
    events: z.array(SigningEventSchema),
  })
  .openapi("Envelope");
export type Envelope = z.infer<typeof EnvelopeSchema>;

export const presentEvent = (e: SigningEventRow) => ({
  seq: e.seq,
  at: e.at.toISOString(),
  action: e.action,
  signerId: e.signer_id,
  actorLabel: e.actor_label,
  ip: e.ip,
  userAgent: e.user_agent,
  data: e.data,
  hash: e.hash,
});

const presentDocument = (d: EnvelopeDocumentRow) => ({
  id: d.id,
  name: d.name,
  templateKey: d.template_key,
  templateVersion: d.template_version,
  language: d.language,
  originalSha256: d.original_sha256,
  signedSha256: d.signed_sha256,
});

const presentSigner = (s: SignerRow) => ({
  id: s.id,
  position: s.position,
  role: s.role,
  name: s.name,
  email: s.email,
  phone: s.phone,
  language: s.language,
  status: s.status,
  sentAt: iso(s.sent_at),
  viewedAt: iso(s.viewed_at),
  consentedAt: iso(s.consented_at),
  consentVersion: s.consent_version,
  authMethod: s.auth_method,
  signedAt: iso(s.signed_at),
  declinedAt: iso(s.declined_at),
  declineReason: s.decline_reason,
  remindersSent: s.reminders_sent,
  lastReminderAt: iso(s.last_reminder_at),
});

/** Envelopes with their documents, signers and events, in the order given (a few queries for all). */
export async function presentEnvelopes(db: Executor, tenantId: string, envelopes: EnvelopeRow[]): Promise<Envelope[]> {
  if (envelopes.length === 0) return [];
  const ids = envelopes.map((e) => e.id);
  const [documents, signers, events] = await Promise.all([
    db.selectFrom("envelope_documents").selectAll().where("tenant_id", "=", tenantId).where("envelope_id", "in", ids).orderBy("position").execute(),
    db.selectFrom("envelope_signers").selectAll().where("tenant_id", "=", tenantId).where("envelope_id", "in", ids).orderBy("position").execute(),
    db.selectFrom("signing_events").selectAll().where("tenant_id", "=", tenantId).where("envelope_id", "in", ids).orderBy("seq").execute(),
  ]);
  return envelopes.map((e) => ({
    id: e.id,
    applicationId: e.application_id,
    stepId: e.step_id,
    status: e.status,
    sealStatus: e.seal_status,
    sealError: e.seal_error,
    routing: e.routing,
    language: e.language,
    expiresAt: e.expires_at.toISOString(),
    createdAt: e.created_at.toISOString(),
    createdBy: e.created_by,
    completedAt: iso(e.completed_at),
    closedAt: iso(e.closed_at),
    closeReason: e.close_reason,
    reminderEveryHours: e.reminder_every_hours,
    documents: documents.filter((d) => d.envelope_id === e.id).map(presentDocument),
    signers: signers.filter((s) => s.envelope_id === e.id).map(presentSigner),
    events: events.filter((v) => v.envelope_id === e.id).map(presentEvent),
  }));
}

export async function presentEnvelope(db: Executor, envelope: EnvelopeRow): Promise<Envelope> {
  const [out] = await presentEnvelopes(db, envelope.tenant_id, [envelope]);
  if (!out) throw new Error("unreachable");
  return out;
}

/* ---------------- The signer's view ---------------- */

const Block = z.object({}).passthrough().openapi("DocumentBlock", { description: "heading | paragraph | list | table | signatures (see render/index.ts DocumentBlock)" });
export const SignerViewSchema = z
  .object({
    envelopeId: z.string(),
    bank: z.object({ name: z.string(), slug: z.string() }),
    language: z.string(),
    status: SignerStatus,
    envelopeStatus: EnvelopeStatus,
    signer: z.object({ name: z.string(), role: Role, contact: z.object({ sms: z.string().nullable(), email: z.string().nullable() }) }),
    consent: z.object({ version: z.string(), title: z.string(), sections: z.array(z.object({ heading: z.string(), text: z.string() })), accepted: z.boolean() }),
    authenticated: z.boolean(),
    otp: z.object({ channel: z.enum(["sms", "email"]), sentTo: z.string(), resendAfterSeconds: z.number().int() }).nullable(),
    documents: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        language: z.string().openapi({ description: "The document's own language (an uploaded PDF may differ from the signer's)" }),
        pageCount: z.number().int().nullable(),
        blocks: z.array(Block).nullable().openapi({ description: "Built-in documents as accessible blocks, once the signer confirmed a one-time code (null before); null for uploaded PDFs (show the pages of GET /public/signing/documents/{id})" }),
        fields: z.array(z.object({ id: z.string(), kind: z.string(), label: z.string().nullable(), required: z.boolean(), page: z.number().int() })),
      }),
    ),
    waitingFor: z.array(z.string()).openapi({ description: "Names of earlier signers in a sequential envelope; empty when it is this signer's turn" }),
    expiresAt: z.string(),
  })
  .openapi("SignerView");
export type SignerView = z.infer<typeof SignerViewSchema>;

/** A document's reading view and page count; the routes give one that caches per document. */
export type DocumentLook = (deps: Deps, ctx: SignerContext, doc: EnvelopeDocumentRow) => Promise<{ pageCount: number | null; blocks: DocumentBlock[] | null }>;

/** A code confirms the signer for AUTH_VALID_MINUTES; after that they confirm a new one to read or sign. */
export const codeConfirmed = (signer: SignerRow, now: Date): boolean =>
  signer.authenticated_at !== null && now.getTime() - signer.authenticated_at.getTime() <= AUTH_VALID_MINUTES * 60_000;

const signerOf = (s: SignerRow) => ({ name: s.name, role: s.role, contact: { sms: s.phone ? maskPhone(s.phone) : null, email: s.email ? maskEmail(s.email) : null } });

/** The code sent and not yet used: where it went and how long before another may be asked. */
function pendingOtp(s: SignerRow, now: Date) {
  if (!s.otp_channel || !s.otp_sent_at || !s.otp_hash) return null;
  return {
    channel: s.otp_channel,
    sentTo: s.otp_channel === "sms" ? maskPhone(s.phone ?? "") : maskEmail(s.email ?? ""),
    resendAfterSeconds: Math.max(0, Math.ceil(OTP_RESEND_SECONDS - (now.getTime() - s.otp_sent_at.getTime()) / 1000)),
  };
}

export async function presentSignerView(deps: Deps, ctx: SignerContext, look: DocumentLook): Promise<SignerView> {
  const { signer, envelope, documents } = ctx;
  const now = deps.clock.now();
  const consent = consentFor(signer.language);
  const [bank, earlier, looks] = await Promise.all([
    bankOf(deps.db, envelope.tenant_id),
    envelope.routing === "sequential"
      ? deps.db
          .selectFrom("envelope_signers")
          .select("name")
          .where("tenant_id", "=", envelope.tenant_id)
          .where("envelope_id", "=", envelope.id)
          .where("position", "<", signer.position)
          .where("status", "!=", "signed")
          .orderBy("position")
          .execute()
      : Promise.resolve([]),
    Promise.all(documents.map((d) => look(deps, ctx, d))),
  ]);
  const authenticated = codeConfirmed(signer, now);
  return {
    envelopeId: envelope.id,
    bank: { name: bank.name, slug: bank.slug },
    language: signer.language,
    status: signer.status,
    envelopeStatus: envelope.status,
    signer: signerOf(signer),
    consent: { ...consent, accepted: signer.consented_at !== null && signer.consent_version === consent.version },
    authenticated,
    otp: signer.authenticated_at ? null : pendingOtp(signer, now),
    documents: documents.map((d, i) => ({
      id: d.id,
      name: d.name,
      language: d.language,
      pageCount: looks[i]?.pageCount ?? null,
      // The text holds personal data: only for a signer who confirmed a code (a link alone shows none).
      blocks: authenticated ? ((looks[i]?.blocks ?? null) as Array<Record<string, unknown>> | null) : null,
      fields: d.fields
        .filter((f) => f.role === signer.role)
        .map((f) => ({ id: f.id, kind: f.kind, label: f.label ? (f.label[signer.language] ?? f.label.en ?? Object.values(f.label)[0] ?? null) : null, required: f.required, page: f.page })),
    })),
    waitingFor: earlier.map((s) => s.name),
    expiresAt: envelope.expires_at.toISOString(),
  };
}

/* ---------------- The signer's signed copies ---------------- */

export const CopyViewSchema = z
  .object({
    envelopeId: z.string(),
    bank: z.object({ name: z.string(), slug: z.string() }),
    language: z.string(),
    signer: z.object({ name: z.string(), role: Role, contact: z.object({ sms: z.string().nullable(), email: z.string().nullable() }) }),
    authenticated: z.boolean().openapi({ description: "A one-time code was confirmed in the last 30 minutes: the documents download" }),
    otp: z.object({ channel: z.enum(["sms", "email"]), sentTo: z.string(), resendAfterSeconds: z.number().int() }).nullable(),
    documents: z.array(z.object({ id: z.string(), name: z.string(), language: z.string(), signedSha256: z.string().nullable() })),
    completedAt: z.string().nullable(),
    availableUntil: z.string().openapi({ description: "When this link stops working" }),
  })
  .openapi("CopyView");
export type CopyView = z.infer<typeof CopyViewSchema>;

export async function presentCopyView(deps: Deps, ctx: SignerContext): Promise<CopyView> {
  const { signer, envelope, documents } = ctx;
  const now = deps.clock.now();
  const bank = await bankOf(deps.db, envelope.tenant_id);
  return {
    envelopeId: envelope.id,
    bank: { name: bank.name, slug: bank.slug },
    language: signer.language,
    signer: signerOf(signer),
    authenticated: copyConfirmed(signer, now),
    // The signing's code was used (cleared), so only a copy code not yet confirmed shows.
    otp: pendingOtp(signer, now),
    documents: documents.map((d) => ({ id: d.id, name: d.name, language: d.language, signedSha256: d.signed_sha256 })),
    completedAt: iso(envelope.completed_at),
    availableUntil: iso(signer.token_expires_at) ?? envelope.expires_at.toISOString(),
  };
}
