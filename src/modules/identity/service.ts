/**
 * The identity step's customer operations. A photo is checked by content, kept in the blob store
 * (encrypted at rest), read by the identity provider OUTSIDE any transaction (OCR takes seconds:
 * the application row is never locked meanwhile), then recorded in one short transaction: the
 * document row, the identity_document and identity_crosscheck checks, and the timeline.
 */
import { sha256Hex as sha256 } from "../../kernel/crypto";
import { inTransaction, type Trx } from "../../db";
import { AppError } from "../../kernel/errors";
import { sniffType } from "../../kernel/file-types";
import { newId } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import { effectiveAnswers } from "../onboarding/customer";
import { evaluate, visibleSteps } from "../onboarding/flow/logic";
import type { Answers, FlowDefinition, Step } from "../onboarding/flow/types";
import { applicationById, applicationFlow, assertCustomerEditable } from "../onboarding/store";
import { type ApplicationRow, recordTimeline } from "../onboarding/timeline";
import { type Applicant, crossCheck, type DocumentType, type MrzLike, maskNumber, type Reason } from "./crosscheck";
import { type CheckRow, identityState, OCR_PER_HOUR } from "./state";
import { type IdentitySettings, identitySettings } from "./step";

export const IMAGE_TYPES = ["image/jpeg", "image/png"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** What the customer may be told: plain problems they can act on, never the internal review reasons. */
export type CustomerProblem = "expired" | "not_accepted" | "unclear";
const CUSTOMER_PROBLEM: Partial<Record<Reason["code"], CustomerProblem>> = {
  document_expired: "expired",
  document_type_not_accepted: "not_accepted",
  mrz_invalid: "unclear",
  expiry_unknown: "unclear",
  birth_date_unknown: "unclear",
};

export interface IdentityRead {
  step: string;
  documentId: string;
  documentType: DocumentType | null;
  surname: string | null;
  givenNames: string | null;
  birthDate: string | null;
  expiryDate: string | null;
  nationality: string | null;
  documentNumber: string | null;
  problems: CustomerProblem[];
  readAt: string;
}

export interface IdentityStatus {
  step: string;
  documents: DocumentType[];
  selfie: boolean;
  maxAttempts: number;
  attemptsLeft: number;
  read: IdentityRead | null;
  selfieDone: boolean;
  /** The step may be completed now (a document was read, or every attempt was used). */
  canContinue: boolean;
}

/** The visible identity step named (or the first one), or 400 naming `query.step`. */
export function identityStepOf(def: FlowDefinition, answers: Answers, stepId?: string): Step {
  const steps = visibleSteps(def, answers).filter((s) => s.kind === "identity");
  const step = stepId ? steps.find((s) => s.id === stepId) : steps[0];
  if (!step) {
    const message = stepId ? "is not an identity step of your application" : "Your application has no identity step";
    throw new AppError("validation_failed", message, { issues: [{ path: "query.step", code: "not_identity_step", message }] });
  }
  return step;
}

/** The name, birth date and nationality the application gives, from the fields that ask them. */
export function applicantOf(def: FlowDefinition, answers: Answers, customerName: string | null): Applicant {
  const fields = def.steps.filter((s) => evaluate(s.showIf, answers)).flatMap((s) => s.fields.filter((f) => evaluate(f.showIf, answers)));
  const answer = (test: (f: (typeof fields)[number]) => boolean): string | null => {
    for (const f of fields) {
      const v = answers[f.id];
      if (test(f) && typeof v === "string" && v.trim()) return v.trim();
    }
    return null;
  };
  const prefill = (key: string) => (f: (typeof fields)[number]) => (f.prefill as string | undefined) === key;
  const first = answer(prefill("customer.firstName"));
  const last = answer(prefill("customer.lastName"));
  const name = answer(prefill("customer.name")) ?? answer((f) => f.id === "fullName") ?? (first || last ? [first, last].filter(Boolean).join(" ") : null) ?? customerName;
  const birthDate = answer(prefill("customer.dateOfBirth")) ?? answer((f) => f.type === "date" && f.id === "dateOfBirth");
  const nationality = answer(prefill("customer.nationality")) ?? answer((f) => /nationality|citizenship/i.test(f.id) && ((f.type as string) === "country" || f.type === "select" || f.type === "text"));
  return { name, birthDate, nationality };
}

function checkImage(data: Buffer, declaredHeader: string | undefined, maxBytes: number): ImageType {
  if (data.length === 0) throw new AppError("validation_failed", "The photo is empty", { issues: [{ path: "body", message: "is empty", code: "empty" }] });
  if (data.length > maxBytes) throw new AppError("payload_too_large", `The photo may have at most ${maxBytes} bytes`, { issues: [{ path: "body", message: `is larger than ${maxBytes} bytes`, code: "too_big", params: { maximum: maxBytes } }] });
  const declared = (declaredHeader ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const actual = sniffType(data);
  const refuse = (message: string, code: string) => new AppError("unsupported_media_type", message, { issues: [{ path: "body", message, code }] });
  if (!(IMAGE_TYPES as readonly string[]).includes(declared)) throw refuse(`Send the photo as image/jpeg or image/png (got ${declared.slice(0, 80) || "no content type"})`, "unsupported_type");
  if (actual !== declared) throw refuse(`The content is ${actual ?? "not an image"}, not ${declared} as declared: the photo was refused`, "type_mismatch");
  return actual as ImageType;
}


/** One OCR at a time per application (in this process); the hourly cap holds across processes. */
const inFlight = new Set<string>();

async function guardRate(deps: Deps, app: ApplicationRow, step: Step, settings: IdentitySettings) {
  const state = await identityState(deps.db, app, step, settings, deps.clock.now());
  if (state.retryAt || inFlight.has(app.id)) {
    const seconds = state.retryAt ? Math.max(1, Math.ceil((state.retryAt.getTime() - deps.clock.now().getTime()) / 1000)) : 5;
    throw new AppError("rate_limited", `At most ${OCR_PER_HOUR} identity photos an hour: retry in ${seconds}s`, { retryAfterSeconds: seconds });
  }
  return state;
}

interface Loaded {
  app: ApplicationRow;
  def: FlowDefinition;
  answers: Answers;
  step: Step;
  settings: IdentitySettings;
}

async function load(deps: Deps, appIn: ApplicationRow, stepId?: string): Promise<Loaded> {
  const def = await applicationFlow(deps.db, appIn);
  const answers = effectiveAnswers(def, appIn);
  const step = identityStepOf(def, answers, stepId);
  return { app: appIn, def, answers, step, settings: identitySettings(step) };
}

/** The customer's view of a successful read (from its identity_document check and cross-check). */
export function presentRead(check: CheckRow, crosscheckReasons: Reason[]): IdentityRead {
  const d = check.details as { step: string; documentId: string; documentType: DocumentType | null; mrz: MrzLike };
  const f = d.mrz.fields;
  const problems = [...new Set(crosscheckReasons.map((r) => CUSTOMER_PROBLEM[r.code]).filter((p): p is CustomerProblem => p !== undefined))];
  return {
    step: d.step,
    documentId: d.documentId,
    documentType: d.documentType,
    surname: f.surname,
    givenNames: f.givenNames,
    birthDate: f.birthDate,
    expiryDate: f.expiryDate,
    nationality: f.nationality,
    documentNumber: maskNumber(f.documentNumber),
    problems,
    readAt: check.created_at.toISOString(),
  };
}

async function crosscheckReasonsOf(deps: Deps, app: ApplicationRow, documentId: string): Promise<Reason[]> {
  const rows = await deps.db
    .selectFrom("application_checks")
    .select("details")
    .where("tenant_id", "=", app.tenant_id)
    .where("application_id", "=", app.id)
    .where("kind", "=", "identity_crosscheck")
    .orderBy("created_at", "desc")
    .limit(5)
    .execute();
  const row = rows.find((r) => (r.details as { documentId?: string }).documentId === documentId);
  return ((row?.details as { reasons?: Reason[] } | undefined)?.reasons ?? []) as Reason[];
}

/** GET: where the identity step stands (after a reload the page shows what was read). */
export async function identityStatus(deps: Deps, appIn: ApplicationRow, stepId?: string): Promise<IdentityStatus> {
  const { app, step, settings } = await load(deps, appIn, stepId);
  const state = await identityState(deps.db, app, step, settings, deps.clock.now());
  const read = state.read ? presentRead(state.read, await crosscheckReasonsOf(deps, app, (state.read.details as { documentId: string }).documentId)) : null;
  const selfieDone = state.selfie !== null;
  return {
    step: step.id,
    documents: settings.documents,
    selfie: settings.selfie,
    maxAttempts: settings.maxAttempts,
    attemptsLeft: state.attemptsLeft,
    read,
    selfieDone,
    canContinue: (read !== null && (!settings.selfie || selfieDone)) || state.exhausted,
  };
}

export interface PhotoInput {
  stepId?: string;
  /** The document the customer picked (the MRZ decides; kept as evidence). */
  declaredType?: DocumentType;
  contentType: string | undefined;
  data: Buffer;
  device?: string | null;
}

const TYPE_NAMES: Record<DocumentType, string> = { passport: "Passport", id_card: "Identity card", residence_permit: "Residence permit" };

function documentSummary(mrz: MrzLike, type: DocumentType | null): string {
  const f = mrz.fields;
  const name = [f.surname, f.givenNames].filter(Boolean).join(", ") || "name not read";
  const parts = [`${type ? TYPE_NAMES[type] : `Document ${f.documentCode ?? "?"}`} (${f.issuingState ?? "?"})`, name, `born ${f.birthDate ?? "?"}`, `expires ${f.expiryDate ?? "?"}`, `no. ${maskNumber(f.documentNumber) ?? "?"}`, mrz.valid ? "MRZ valid" : "MRZ invalid"];
  return parts.join(" · ");
}

/** Stores the photo row and the attempt's evidence in one short transaction (locks the application briefly). */
async function recordPhoto<T>(deps: Deps, app: ApplicationRow, doc: { id: string; kind: string; step: Step; type: ImageType; data: Buffer; key: string }, then: (trx: Trx, app: ApplicationRow, now: Date) => Promise<T>): Promise<T> {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const locked = await applicationById(trx, app.tenant_id, app.id, { forUpdate: true });
    assertCustomerEditable(locked);
    await trx
      .insertInto("application_documents")
      .values({
        tenant_id: locked.tenant_id,
        id: doc.id,
        application_id: locked.id,
        field_id: doc.step.id,
        kind: doc.kind,
        file_name: `${doc.kind}.${doc.type === "image/png" ? "png" : "jpg"}`,
        content_type: doc.type,
        size: doc.data.length,
        sha256: sha256(doc.data),
        blob_key: doc.key,
        uploaded_at: now,
      })
      .execute();
    await trx.updateTable("applications").set({ last_activity_at: now, updated_at: now, current_step: doc.step.id }).where("tenant_id", "=", locked.tenant_id).where("id", "=", locked.id).execute();
    return then(trx, locked, now);
  });
}

/** POST …/identity: read the document photo; 201 with what was read, 422 ocr_unreadable with the attempts left. */
export async function readIdentityDocument(deps: Deps, appIn: ApplicationRow, input: PhotoInput): Promise<IdentityRead> {
  assertCustomerEditable(appIn);
  const { app, def, answers, step, settings } = await load(deps, appIn, input.stepId);
  const type = checkImage(input.data, input.contentType, deps.config.onboarding.uploadMaxBytes);
  const before = await guardRate(deps, app, step, settings);
  const id = newId();
  const key = `onboarding/${app.tenant_id}/${app.id}/${id}`;
  const digest = sha256(input.data);
  await deps.blobs.put(key, input.data);
  inFlight.add(app.id);
  try {
    let verification: Awaited<ReturnType<Deps["identity"]["verifyDocument"]>> | null = null;
    try {
      verification = await deps.identity.verifyDocument({ image: input.data, contentType: type });
    } catch (err) {
      if (!(err instanceof AppError && err.code === "ocr_unreadable")) throw err;
    }
    const mrz = verification?.mrz && verification.mrz.format !== null ? verification.mrz : null;
    const doc = { id, kind: "identity_document", step, type, data: input.data, key };
    if (!verification || !mrz) {
      const attemptsLeft = Math.max(0, before.attemptsLeft - 1);
      await recordPhoto(deps, app, doc, (trx, locked, now) =>
        recordTimeline(trx, now, locked, { type: "identity_unreadable", actor: "customer", step: step.id, device: input.device, data: { documentId: id, attempt: before.unreadable + 1, attemptsLeft } }),
      );
      const message = attemptsLeft > 0 ? `No machine-readable zone was found in the photo: ${attemptsLeft} attempt(s) left` : "No machine-readable zone was found in the photo: you may continue and the bank will check your document";
      throw new AppError("ocr_unreadable", message, { issues: [{ path: "body", code: "unreadable", message, params: { attemptsLeft, maxAttempts: settings.maxAttempts } }] });
    }
    const v = verification;
    const applicant = applicantOf(def, answers, app.customer_name);
    return await recordPhoto(deps, app, doc, async (trx, locked, now) => {
      const cc = crossCheck(mrz, applicant, { today: now, minAge: settings.minAge, accepted: settings.documents });
      const checkId = newId();
      const row = await trx
        .insertInto("application_checks")
        .values({
          tenant_id: locked.tenant_id,
          id: checkId,
          application_id: locked.id,
          kind: "identity_document",
          outcome: mrz.valid ? v.outcome : "review",
          summary: documentSummary(mrz, cc.documentType),
          details: JSON.stringify({ step: step.id, status: "read", documentId: id, documentType: cc.documentType, declaredType: input.declaredType ?? null, mrz, providerOutcome: v.outcome, providerReasons: v.reasons, providerRaw: v.raw ?? null }),
          provider: v.provider,
          input_digest: digest,
          list_version: null,
          actor: "customer",
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("application_checks")
        .values({
          tenant_id: locked.tenant_id,
          id: newId(),
          application_id: locked.id,
          kind: "identity_crosscheck",
          outcome: cc.outcome,
          summary: cc.reasons.length ? `${cc.reasons.length} review reason(s): ${cc.reasons.map((r) => r.code).join(", ")}` : "The document matches the application",
          details: JSON.stringify({ step: step.id, documentId: id, documentCheckId: checkId, reasons: cc.reasons, age: cc.age, minAge: settings.minAge, applicant, document: { surname: mrz.fields.surname, givenNames: mrz.fields.givenNames, birthDate: mrz.fields.birthDate, nationality: mrz.fields.nationality, expiryDate: mrz.fields.expiryDate } }),
          provider: "atrium-crosscheck",
          input_digest: digest,
          list_version: null,
          actor: "customer",
          created_at: now,
        })
        .execute();
      await recordTimeline(trx, now, locked, { type: "identity_document_read", actor: "customer", step: step.id, device: input.device, data: { documentId: id, documentType: cc.documentType, valid: mrz.valid, crosscheck: cc.outcome, reasons: cc.reasons.map((r) => r.code) } });
      return presentRead(row, cc.reasons);
    });
  } catch (err) {
    const stored = await deps.db.selectFrom("application_documents").select("id").where("tenant_id", "=", app.tenant_id).where("id", "=", id).executeTakeFirst();
    if (!stored) await deps.blobs.delete(key).catch(() => undefined);
    throw err;
  } finally {
    inFlight.delete(app.id);
  }
}

/** POST …/identity/selfie: the selfie against the document read; the customer learns only whether to retake it. */
export async function sendSelfie(deps: Deps, appIn: ApplicationRow, input: PhotoInput): Promise<{ step: string; problems: CustomerProblem[] }> {
  assertCustomerEditable(appIn);
  const { app, step, settings } = await load(deps, appIn, input.stepId);
  if (!settings.selfie) throw new AppError("validation_failed", "This identity step takes no selfie", { issues: [{ path: "query.step", code: "no_selfie", message: "This identity step takes no selfie" }] });
  const type = checkImage(input.data, input.contentType, deps.config.onboarding.uploadMaxBytes);
  const state = await guardRate(deps, app, step, settings);
  if (!state.read) throw new AppError("validation_failed", "Take a photo of your document first", { issues: [{ path: "body", code: "document_required", message: "Take a photo of your document first" }] });
  const againstDocumentId = (state.read.details as { documentId: string }).documentId;
  const docRow = await deps.db.selectFrom("application_documents").select("blob_key").where("tenant_id", "=", app.tenant_id).where("id", "=", againstDocumentId).executeTakeFirstOrThrow();
  const document = await deps.blobs.get(docRow.blob_key);
  const id = newId();
  const key = `onboarding/${app.tenant_id}/${app.id}/${id}`;
  await deps.blobs.put(key, input.data);
  inFlight.add(app.id);
  try {
    const result = await deps.identity.verifySelfie({ selfie: input.data, document });
    return await recordPhoto(deps, app, { id, kind: "identity_selfie", step, type, data: input.data, key }, async (trx, locked, now) => {
      await trx
        .insertInto("application_checks")
        .values({
          tenant_id: locked.tenant_id,
          id: newId(),
          application_id: locked.id,
          kind: "identity_selfie",
          outcome: result.outcome,
          summary: result.outcome === "pass" ? "The selfie matches the document" : `Selfie ${result.outcome}: ${result.reasons.join(", ") || "no reason given"}`,
          details: JSON.stringify({ step: step.id, documentId: id, againstDocumentId, reasons: result.reasons }),
          provider: result.provider,
          input_digest: sha256(input.data),
          list_version: null,
          actor: "customer",
          created_at: now,
        })
        .execute();
      await recordTimeline(trx, now, locked, { type: "identity_selfie_checked", actor: "customer", step: step.id, device: input.device, data: { documentId: id, outcome: result.outcome } });
      return { step: step.id, problems: result.outcome === "fail" ? (["unclear"] as CustomerProblem[]) : [] };
    });
  } catch (err) {
    await deps.blobs.delete(key).catch(() => undefined);
    throw err;
  } finally {
    inFlight.delete(app.id);
  }
}
