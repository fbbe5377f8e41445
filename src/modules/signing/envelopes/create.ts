/**
 * Making an envelope: checks the input (every problem names its field), fills and renders each
 * document (built-ins) or takes the uploaded template's PDF, stores the originals in the blob
 * store (before the rows commit; removed if the transaction fails), writes the rows and the
 * events created + sent, and sends the links to the signers whose turn it is.
 */
import { type Executor, inTransaction } from "../../../db";
import type { PlacedField, SignerRole } from "../../../db/schema-signing";
import { sha256Hex } from "../../../kernel/crypto";
import { AppError, type FieldIssue } from "../../../kernel/errors";
import { newId } from "../../../kernel/ids";
import type { Deps } from "../../../server/deps";
import { applicationById } from "../../onboarding/store";
import type { ApplicationRow } from "../../onboarding/timeline";
import { BUILTIN_TEMPLATES, type DocumentBlock, type Lang, renderBuiltin } from "../render";
import { type EnvelopeRow, atTurn, sendLink, signersOf } from "./common";
import { answersDigest, asLang, documentData } from "./data";
import { appendEvent, type EventContext } from "./events";
import type { CreateEnvelopeInput, SigningMeta } from "./types";

const ROLES: SignerRole[] = ["applicant", "co_applicant", "guarantor"];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

/** A placed field with the value it is pre-filled with (text fields with a `source`). */
export type FilledField = PlacedField & { value?: string };

export const originalKey = (tenantId: string, envelopeId: string, docId: string) => `signing/${tenantId}/${envelopeId}/${docId}-original.pdf`;

interface PreparedDoc {
  id: string;
  key: string;
  version: number;
  name: string;
  language: Lang;
  pdf: Uint8Array;
  fields: FilledField[];
  pageCount: number;
  /** The built-in document's reading view, stored with it. */
  blocks: DocumentBlock[] | null;
}

function checkInput(input: CreateEnvelopeInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string, code: string) => issues.push({ path, message, code });
  if (!Array.isArray(input.documents) || input.documents.length < 1 || input.documents.length > 10) add("body.documents", "1 to 10 documents", "too_many");
  const seen = new Set<string>();
  input.documents?.forEach((k, i) => {
    if (seen.has(k)) add(`body.documents.${i}`, "listed twice", "duplicate");
    seen.add(k);
  });
  if (!Array.isArray(input.signers) || input.signers.length < 1 || input.signers.length > 5) add("body.signers", "1 to 5 signers", "too_many");
  let applicants = 0;
  input.signers?.forEach((s, i) => {
    const p = `body.signers.${i}`;
    if (!ROLES.includes(s.role)) add(`${p}.role`, "applicant, co_applicant or guarantor", "invalid_option");
    if (s.role === "applicant" && ++applicants > 1) add(`${p}.role`, "at most one applicant", "duplicate");
    if (typeof s.name !== "string" || s.name.trim().length < 1 || s.name.length > 200) add(`${p}.name`, "1 to 200 characters", "required");
    if (!s.email && !s.phone) {
      add(`${p}.email`, "an email or a phone is needed", "required");
      add(`${p}.phone`, "an email or a phone is needed", "required");
    }
    if (s.email && !EMAIL.test(s.email)) add(`${p}.email`, "not an email address", "invalid_email");
    if (s.phone && !PHONE.test(s.phone)) add(`${p}.phone`, "not a phone number", "invalid_phone");
  });
  if (input.routing !== "parallel" && input.routing !== "sequential") add("body.routing", "parallel or sequential", "invalid_option");
  const days = input.expiresInDays ?? 14;
  if (!Number.isInteger(days) || days < 1 || days > 90) add("body.expiresInDays", "1 to 90 days", "out_of_range");
  const every = input.reminderEveryHours === undefined ? 48 : input.reminderEveryHours;
  if (every !== null && (!Number.isInteger(every) || every < 12 || every > 168)) add("body.reminderEveryHours", "12 to 168 hours, or null", "out_of_range");
  return issues;
}

/** Renders or loads each document (outside the transaction: rendering takes time). */
async function prepareDocuments(db: Executor, deps: Deps, app: ApplicationRow, input: CreateEnvelopeInput, lang: Lang, now: Date): Promise<PreparedDoc[]> {
  const signers = input.signers.map((s) => ({ role: s.role, name: s.name.trim() }));
  const built = await documentData(db, app, lang, signers, now);
  const issues: FieldIssue[] = [];
  const out: PreparedDoc[] = [];
  for (const [i, key] of input.documents.entries()) {
    const builtin = BUILTIN_TEMPLATES.find((t) => t.key === key);
    if (builtin) {
      const r = await renderBuiltin(builtin.kind, built.data);
      out.push({ id: newId(), key, version: 1, name: r.title || builtin.name[lang], language: lang, pdf: r.pdf, fields: r.fields, pageCount: r.pages.length, blocks: r.blocks });
      continue;
    }
    const row = key.startsWith("upload-")
      ? await db.selectFrom("document_templates").selectAll().where("tenant_id", "=", app.tenant_id).where("key", "=", key).executeTakeFirst()
      : undefined;
    if (!row) {
      issues.push({ path: `body.documents.${i}`, message: `no template ${key}`, code: "unknown_template" });
      continue;
    }
    if (row.status !== "active") {
      issues.push({ path: `body.documents.${i}`, message: `template ${key} is ${row.status}, not active`, code: "not_active" });
      continue;
    }
    const pdf = await deps.blobs.get(row.pdf_blob);
    const fields: FilledField[] = row.fields.map((f) => (f.kind === "text" && f.source ? { ...f, value: built.sources[f.source] ?? "" } : f));
    const name = row.name[lang] ?? row.name.en ?? Object.values(row.name)[0] ?? key;
    out.push({ id: newId(), key, version: row.version, name, language: asLang(row.language), pdf, fields, pageCount: row.page_count, blocks: null });
  }
  if (issues.length) throw new AppError("validation_failed", "Some documents cannot be sent", { issues });
  return out;
}

export interface Created {
  envelope: EnvelopeRow;
  /** Link tokens issued now, by signer id. */
  tokens: Map<string, string>;
}

/**
 * Makes and sends an envelope in the caller's transaction (`db`); `silentRole` gets its token
 * without a message (the flow's applicant, already on the page).
 */
export async function makeEnvelope(db: Executor, deps: Deps, meta: SigningMeta, input: CreateEnvelopeInput, opts: { silentRole?: SignerRole } = {}): Promise<Created> {
  const issues = checkInput(input);
  if (issues.length) throw new AppError("validation_failed", "The envelope is not valid", { issues });
  const now = deps.clock.now();
  const app = await applicationById(db, input.tenantId, input.applicationId);
  const lang = asLang(app.language);
  const docs = await prepareDocuments(db, deps, app, input, lang, now);
  const id = newId();
  const written: string[] = [];
  try {
    for (const d of docs) {
      const key = originalKey(app.tenant_id, id, d.id);
      await deps.blobs.put(key, Buffer.from(d.pdf));
      written.push(key);
    }
    return await inTransaction(db, async (trx) => {
      const every = input.reminderEveryHours === undefined ? 48 : input.reminderEveryHours;
      const envelope = await trx
        .insertInto("envelopes")
        .values({
          tenant_id: app.tenant_id,
          id,
          application_id: app.id,
          step_id: input.stepId ?? null,
          status: "sent",
          routing: input.routing,
          language: lang,
          answers_digest: answersDigest(app.answers),
          expires_at: new Date(now.getTime() + (input.expiresInDays ?? 14) * 86_400_000),
          reminder_every_hours: every,
          next_reminder_at: every === null ? null : new Date(now.getTime() + every * 3_600_000),
          created_by: meta.actor?.id ?? null,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      for (const [position, d] of docs.entries()) {
        await trx
          .insertInto("envelope_documents")
          .values({
            tenant_id: app.tenant_id,
            id: d.id,
            envelope_id: id,
            position: position + 1,
            template_key: d.key,
            template_version: d.version,
            name: d.name,
            language: d.language,
            original_blob: originalKey(app.tenant_id, id, d.id),
            original_sha256: sha256Hex(d.pdf),
            fields: JSON.stringify(d.fields),
            page_count: d.pageCount,
            blocks: d.blocks ? JSON.stringify(d.blocks) : null,
          })
          .execute();
      }
      for (const [position, s] of input.signers.entries()) {
        await trx
          .insertInto("envelope_signers")
          .values({
            tenant_id: app.tenant_id,
            id: newId(),
            envelope_id: id,
            position: position + 1,
            role: s.role,
            name: s.name.trim(),
            email: s.email?.trim() || null,
            phone: s.phone?.trim() || null,
            language: s.language ?? lang,
          })
          .execute();
      }
      const ctx: EventContext = { now, actor: meta.actor, requestId: meta.requestId };
      await appendEvent(trx, ctx, envelope, {
        action: "created",
        ip: meta.ip,
        userAgent: meta.userAgent,
        data: { applicationId: app.id, stepId: input.stepId ?? null, routing: input.routing, documents: docs.map((d) => ({ id: d.id, key: d.key, sha256: sha256Hex(d.pdf) })), signers: input.signers.length },
      });
      const tokens = new Map<string, string>();
      const sysCtx: EventContext = { now, actor: meta.actor, requestId: meta.requestId };
      for (const s of atTurn(envelope, await signersOf(trx, envelope))) {
        tokens.set(s.id, await sendLink(trx, deps, sysCtx, envelope, s, "request", { silent: s.role === opts.silentRole }));
      }
      return { envelope, tokens };
    });
  } catch (err) {
    await Promise.all(written.map((k) => deps.blobs.delete(k).catch(() => undefined)));
    throw err;
  }
}

export async function createEnvelope(deps: Deps, meta: SigningMeta, input: CreateEnvelopeInput): Promise<EnvelopeRow> {
  return (await makeEnvelope(deps.db, deps, meta, input)).envelope;
}
