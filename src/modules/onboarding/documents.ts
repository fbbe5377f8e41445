/**
 * Customer documents: the bytes decide the type (magic bytes), the declared Content-Type must
 * agree, the size must fit the field; stored through the blob store (AES-256-GCM at rest) BEFORE
 * the row commits, and deleted again when the transaction fails. answers[field] always holds the
 * ids of the field's live documents (uploaded or accepted).
 */
import { createHash } from "node:crypto";
import { type Executor, inTransaction, type Trx } from "../../db";
import { AppError } from "../../kernel/errors";
import { describeBytes, sniffType } from "../../kernel/file-types";
import { newId } from "../../kernel/ids";
import type { Deps } from "../../server/deps";
import { evaluate, findField, localize } from "./flow/logic";
import { type Answers, FILE_TYPES, type Field, type FileType, type FlowDefinition, type Step } from "./flow/types";
import { type DocumentOut, presentDocument } from "./presenter-parts";
import { applicationById, applicationFlow, assertCustomerEditable } from "./store";
import { type ApplicationRow, recordTimeline } from "./timeline";

/** Live documents count towards maxFiles and fill the answer. */
export const LIVE_DOCUMENT = ["uploaded", "accepted"] as const;
export const DEFAULT_MAX_FILES = 5;

const EXT: Record<FileType, string> = { "image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf" };

/** The X-File-Name header (percent-encoded UTF-8 allowed) as a plain name: no path, no control characters. */
export function cleanFileName(header: string | undefined, fallback: string): string {
  let name = header ?? "";
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not percent-encoded: keep it as sent.
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  name = name.replace(/[\u0000-\u001f\u007f]/g, "").split(/[\\/]/).pop() ?? "";
  name = name.trim().slice(0, 200);
  return name && name !== "." && name !== ".." ? name : fallback;
}

/** The visible file field of the application's flow, or 400 naming `query.field`. */
export function visibleFileField(def: FlowDefinition, answers: Answers, fieldId: string): { step: Step; field: Field } {
  const found = findField(def, fieldId);
  const bad = (message: string, code: string) => new AppError("validation_failed", `The field ${fieldId} ${message}`, { issues: [{ path: "query.field", message, code }] });
  if (found?.field.type !== "file") throw bad("is not a document field of this application", "not_a_file_field");
  if (!evaluate(found.step.showIf, answers) || !evaluate(found.field.showIf, answers)) throw bad("is not shown to you", "not_visible");
  return found;
}

/** The live documents of one field, oldest first. */
async function liveIds(db: Executor, app: ApplicationRow, fieldId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("application_documents")
    .select("id")
    .where("tenant_id", "=", app.tenant_id)
    .where("application_id", "=", app.id)
    .where("field_id", "=", fieldId)
    .where("status", "in", [...LIVE_DOCUMENT])
    .orderBy("uploaded_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Rewrites answers[field] from the live documents; returns the new answers. */
export async function syncFileAnswer(trx: Trx, app: ApplicationRow, fieldId: string, now: Date, extra: Record<string, unknown> = {}): Promise<Answers> {
  const ids = await liveIds(trx, app, fieldId);
  const answers = { ...(app.answers as Answers) };
  if (ids.length > 0) answers[fieldId] = ids;
  else delete answers[fieldId];
  await trx
    .updateTable("applications")
    .set({ answers: JSON.stringify(answers), updated_at: now, ...extra })
    .where("tenant_id", "=", app.tenant_id)
    .where("id", "=", app.id)
    .execute();
  return answers;
}

export interface UploadInput {
  app: ApplicationRow;
  fieldId: string;
  /** The request's Content-Type header. */
  contentType: string | undefined;
  fileName: string | undefined;
  data: Buffer;
  device?: string | null;
}

function checkBytes(field: Field, maxBytes: number, declaredHeader: string | undefined, data: Buffer): FileType {
  if (data.length === 0) throw new AppError("validation_failed", "The file is empty", { issues: [{ path: "body", message: "is empty", code: "empty" }] });
  if (data.length > maxBytes) {
    throw new AppError("payload_too_large", `The file is ${data.length} bytes; this document may have at most ${maxBytes}`, {
      issues: [{ path: "body", message: `is larger than ${maxBytes} bytes`, code: "too_big", params: { maximum: maxBytes } }],
    });
  }
  const declared = (declaredHeader ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const refuse = (message: string, code: string) => new AppError("unsupported_media_type", message, { issues: [{ path: "body", message, code }] });
  if (!(FILE_TYPES as readonly string[]).includes(declared)) {
    throw refuse(`Send the file as image/jpeg, image/png or application/pdf (got ${declared.slice(0, 80) || "no content type"})`, "unsupported_type");
  }
  const actual = sniffType(data);
  if (!actual) throw refuse(`The content is ${describeBytes(data)}, not ${declared}: the file was refused`, "unsupported_type");
  if (actual !== declared) throw refuse(`The content is ${actual}, not ${declared} as declared: the file was refused`, "type_mismatch");
  const accept = field.accept ?? [...FILE_TYPES];
  if (!accept.includes(actual)) throw refuse(`This document accepts ${accept.join(", ")}, not ${actual}`, "not_accepted");
  return actual;
}

/** Stores one customer upload; 201 Document. */
export async function uploadDocument(deps: Deps, input: UploadInput): Promise<DocumentOut> {
  assertCustomerEditable(input.app);
  const def = await applicationFlow(deps.db, input.app);
  const { step, field } = visibleFileField(def, input.app.answers as Answers, input.fieldId);
  const maxBytes = Math.min(field.maxBytes ?? deps.config.onboarding.uploadMaxBytes, deps.config.onboarding.uploadMaxBytes);
  const type = checkBytes(field, maxBytes, input.contentType, input.data);
  const maxFiles = field.maxFiles ?? DEFAULT_MAX_FILES;

  const id = newId();
  const key = `onboarding/${input.app.tenant_id}/${input.app.id}/${id}`;
  const fallback = `${field.document ?? field.id}.${EXT[type]}`;
  const fileName = cleanFileName(input.fileName, fallback);
  await deps.blobs.put(key, input.data);
  try {
    return await inTransaction(deps.db, async (trx) => {
      const now = deps.clock.now();
      const app = await applicationById(trx, input.app.tenant_id, input.app.id, { forUpdate: true });
      assertCustomerEditable(app);
      const live = await liveIds(trx, app, field.id);
      if (live.length >= maxFiles) {
        throw new AppError("validation_failed", `This document takes at most ${maxFiles} file(s): remove one first`, {
          issues: [{ path: "query.field", message: `has ${maxFiles} file(s) already`, code: "too_many_files", params: { maximum: maxFiles } }],
        });
      }
      await trx
        .updateTable("application_documents")
        .set({ status: "replaced" })
        .where("tenant_id", "=", app.tenant_id)
        .where("application_id", "=", app.id)
        .where("field_id", "=", field.id)
        .where("status", "=", "rejected")
        .execute();
      const row = await trx
        .insertInto("application_documents")
        .values({
          tenant_id: app.tenant_id,
          id,
          application_id: app.id,
          field_id: field.id,
          kind: field.document ?? field.id,
          file_name: fileName,
          content_type: type,
          size: input.data.length,
          sha256: createHash("sha256").update(input.data).digest("hex"),
          blob_key: key,
          uploaded_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const resumed = app.status === "abandoned";
      await syncFileAnswer(trx, app, field.id, now, {
        last_activity_at: now,
        current_step: step.id,
        current_field: field.id,
        ...(resumed ? { status: "in_progress" as const, abandoned_at: null } : {}),
      });
      if (resumed) await recordTimeline(trx, now, { ...app, status: "in_progress" }, { type: "resumed", actor: "customer", step: step.id, field: field.id, device: input.device });
      await recordTimeline(trx, now, app, { type: "document_uploaded", actor: "customer", step: step.id, field: field.id, data: { documentId: id, fileName, size: input.data.length, contentType: type } });
      return presentDocument(row);
    });
  } catch (err) {
    await deps.blobs.delete(key).catch(() => undefined);
    throw err;
  }
}

/** The customer withdraws a document (not one already accepted): 204. */
export async function removeDocument(deps: Deps, appIn: ApplicationRow, documentId: string): Promise<void> {
  const key = await inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const app = await applicationById(trx, appIn.tenant_id, appIn.id, { forUpdate: true });
    assertCustomerEditable(app);
    const doc = await trx
      .selectFrom("application_documents")
      .selectAll()
      .where("tenant_id", "=", app.tenant_id)
      .where("application_id", "=", app.id)
      .where("id", "=", documentId)
      .executeTakeFirst();
    if (!doc || doc.status === "removed" || doc.status === "replaced") throw new AppError("not_found", "No such document");
    if (doc.status === "accepted") throw new AppError("wrong_state", "The bank has accepted this document: it can no longer be removed");
    await trx.updateTable("application_documents").set({ status: "removed" }).where("tenant_id", "=", app.tenant_id).where("id", "=", doc.id).execute();
    const def = await applicationFlow(trx, app);
    const found = findField(def, doc.field_id);
    const answers = await syncFileAnswer(trx, app, doc.field_id, now, { last_activity_at: now });
    // A required document gone: its step is no longer complete.
    if (found?.field.required && !answers[doc.field_id]) await uncompleteStep(trx, app, found.step.id);
    await recordTimeline(trx, now, app, { type: "document_removed", actor: "customer", step: found?.step.id ?? null, field: doc.field_id, data: { documentId: doc.id, fileName: doc.file_name } });
    return doc.blob_key;
  });
  await deps.blobs.delete(key).catch(() => undefined);
}

/** Removes a step from completed_steps (the customer must complete it again). */
export async function uncompleteStep(trx: Trx, app: ApplicationRow, stepId: string): Promise<string[]> {
  const completed = ((app.completed_steps as string[]) ?? []).filter((s) => s !== stepId);
  await trx.updateTable("applications").set({ completed_steps: JSON.stringify(completed) }).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).execute();
  return completed;
}

/** The reviewer-facing name of a document field in the customer's language. */
export const documentLabel = (def: FlowDefinition, app: ApplicationRow, fieldId: string): string => {
  const f = findField(def, fieldId);
  return f ? localize(f.field.label, app.language, def.defaultLanguage) : fieldId;
};
