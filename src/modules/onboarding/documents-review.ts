/**
 * Documents as reviewers see them: the bytes (decrypted, checked against the stored SHA-256),
 * accept, and reject with a reason, which sends the customer a link to re-upload only that item.
 */
import { createHash } from "node:crypto";
import { type Executor, inTransaction } from "../../db";
import type { Actor } from "../../kernel/access";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import { type AuditContext, recordAudit } from "../audit/record";
import { documentLabel, syncFileAnswer, uncompleteStep } from "./documents";
import { notifyCustomer } from "./customer-notify";
import { issueLink } from "./links";
import { findField } from "./flow/logic";
import { type DocumentOut, presentDocument } from "./presenter-parts";
import { applicationFlow, applicationForActor } from "./store";
import { recordTimeline, type TimelineEntry } from "./timeline";

/** How a staff actor appears on the timeline. */
export const staffActor = (actor: Actor): Pick<TimelineEntry, "actor" | "actorId" | "actorLabel"> => ({
  actor: actor.kind === "api_key" ? "api" : "user",
  actorId: actor.id,
  actorLabel: actor.label,
});

async function documentRow(db: Executor, tenantId: string, appId: string, documentId: string) {
  const doc = await db
    .selectFrom("application_documents")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("application_id", "=", appId)
    .where("id", "=", documentId)
    .executeTakeFirst();
  if (!doc) throw new AppError("not_found", "No such document");
  return doc;
}

/** The plain bytes of a document for a reviewer in scope. */
export async function documentBytes(deps: Deps, actor: Actor, appId: string, documentId: string) {
  const app = await applicationForActor(deps.db, actor, appId);
  const doc = await documentRow(deps.db, app.tenant_id, app.id, documentId);
  const bytes = await deps.blobs.get(doc.blob_key);
  if (createHash("sha256").update(bytes).digest("hex") !== doc.sha256) throw new Error(`Document ${doc.id}: the stored bytes do not match their SHA-256`);
  return { bytes, contentType: doc.content_type, fileName: doc.file_name };
}

/** `inline; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function inlineDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Reviewers may judge documents until the application is decided. */
const REVIEWABLE = new Set(["created", "in_progress", "abandoned", "submitted", "info_requested"]);

export async function acceptDocument(deps: Deps, audit: AuditContext, actor: Actor, appId: string, documentId: string): Promise<DocumentOut> {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const app = await applicationForActor(trx, actor, appId, { forUpdate: true });
    if (!REVIEWABLE.has(app.status)) throw new AppError("wrong_state", `The application is ${app.status}: its documents are no longer reviewed`);
    const doc = await documentRow(trx, app.tenant_id, app.id, documentId);
    if (doc.status !== "uploaded" && doc.status !== "accepted") throw new AppError("wrong_state", `The document is ${doc.status} and cannot be accepted`);
    const row = await trx
      .updateTable("application_documents")
      .set({ status: "accepted", reject_reason: null, reviewed_by: actor.id, reviewed_at: now })
      .where("tenant_id", "=", app.tenant_id)
      .where("id", "=", doc.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordTimeline(trx, now, app, { type: "document_accepted", ...staffActor(actor), field: doc.field_id, data: { documentId: doc.id, fileName: doc.file_name } });
    await recordAudit(trx, audit, { tenantId: app.tenant_id, action: "application.document_accepted", subjectType: "application", subjectId: app.id, data: { documentId: doc.id } });
    return presentDocument(row);
  });
}

/**
 * Rejects one document: it leaves the answer, its step is no longer complete, and the customer
 * gets a "reupload" link to exactly that field. A submitted application goes back to
 * info_requested so the customer can upload again and resubmit.
 */
export async function rejectDocument(deps: Deps, audit: AuditContext, actor: Actor, appId: string, documentId: string, reason: string): Promise<DocumentOut> {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const app = await applicationForActor(trx, actor, appId, { forUpdate: true });
    if (!REVIEWABLE.has(app.status)) throw new AppError("wrong_state", `The application is ${app.status}: its documents are no longer reviewed`);
    const doc = await documentRow(trx, app.tenant_id, app.id, documentId);
    if (doc.status !== "uploaded" && doc.status !== "accepted") throw new AppError("wrong_state", `The document is ${doc.status} and cannot be rejected`);
    const def = await applicationFlow(trx, app);
    const found = findField(def, doc.field_id);
    const row = await trx
      .updateTable("application_documents")
      .set({ status: "rejected", reject_reason: reason, reviewed_by: actor.id, reviewed_at: now })
      .where("tenant_id", "=", app.tenant_id)
      .where("id", "=", doc.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const stepId = found?.step.id ?? null;
    const backToCustomer = app.status === "submitted";
    const infoRequested = [...(app.info_requested ?? [])];
    if (backToCustomer) infoRequested.push({ ...(stepId ? { step: stepId } : {}), field: doc.field_id, document: doc.id, note: reason });
    await syncFileAnswer(trx, app, doc.field_id, now, backToCustomer ? { status: "info_requested", info_requested: JSON.stringify(infoRequested) } : {});
    if (stepId) await uncompleteStep(trx, app, stepId);
    const link = await issueLink(trx, deps, app, { purpose: "reupload", step: stepId, field: doc.field_id });
    const via = await notifyCustomer(trx, deps, app, def, "document_rejected", { document: documentLabel(def, app, doc.field_id), reason, link: link.url });
    await trx.updateTable("application_links").set({ sent_via: via }).where("tenant_id", "=", app.tenant_id).where("id", "=", link.id).execute();
    await recordTimeline(trx, now, app, { type: "document_rejected", ...staffActor(actor), step: stepId, field: doc.field_id, data: { documentId: doc.id, fileName: doc.file_name, reason, sentVia: via } });
    await recordAudit(trx, audit, { tenantId: app.tenant_id, action: "application.document_rejected", subjectType: "application", subjectId: app.id, data: { documentId: doc.id, reason } });
    return presentDocument(row);
  });
}
